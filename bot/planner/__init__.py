"""The repayment planner: pure Python and `Decimal`, no I/O (conventions in `simulation`)."""

from bot.planner.amounts import parse_amount, parse_days, parse_rate, parse_rate_detail
from bot.planner.errors import PlanInputError
from bot.planner.models import Loan, Offer, PlanInput, plan_input_from_dict, plan_input_to_dict
from bot.planner.plan import Plan, plan_repayments
from bot.planner.report import plan_to_json, summary_text

__all__ = [
    "Loan", "Offer", "Plan", "PlanInput", "PlanInputError", "parse_amount", "parse_days", "parse_rate",
    "parse_rate_detail", "plan_input_from_dict", "plan_input_to_dict", "plan_repayments", "plan_to_json",
    "summary_text",
]
