"""The whole plan: affordability, cost of waiting, never-ending minimums, the infeasible path."""

import json
from decimal import Decimal as D
from pathlib import Path

import numpy_financial as npf

from bot.planner.models import Loan, PlanInput, plan_input_from_dict
from bot.planner.plan import delay_penalty, payment_to_clear, plan_repayments

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def example(name):
    return plan_input_from_dict(json.loads((EXAMPLES / name).read_text(encoding="utf-8")))


def test_three_loans_cost_of_waiting_and_side_by_side():
    plan = plan_repayments(example("three-loans.json"))
    assert plan.feasible and plan.budget == D(5500) and plan.minimums == D(4100)
    (card,) = plan.overdue
    per_day = D(1000) * D("0.18") / 365 * D("1.5")
    assert card.loan == "招行信用卡" and card.penalty_per_day == per_day
    assert (card.next_7_days, card.next_30_days) == (per_day * 7, per_day * 30)
    assert card.accrued_penalty == per_day * 15 and card.penalty_assumed
    assert set(plan.outcomes) == {"avalanche", "snowball", "minimum_only"}
    avalanche, snowball, minimum = (plan.outcomes[n] for n in ("avalanche", "snowball", "minimum_only"))
    assert avalanche.order[0] == "借呗" and snowball.order[0] == "招行信用卡"
    assert avalanche.total_interest < snowball.total_interest < minimum.total_interest
    assert avalanche.months < minimum.months
    assert plan.recommended == "avalanche"  # cheapest when the borrower did not choose


def test_a_chosen_strategy_or_custom_order_is_recommended():
    base = example("three-loans.json")
    chosen = PlanInput(loans=base.loans, monthly_income=base.monthly_income,
                       essential_expenses=base.essential_expenses, strategy="snowball")
    assert plan_repayments(chosen).recommended == "snowball"
    custom = PlanInput(loans=base.loans, monthly_income=base.monthly_income,
                       essential_expenses=base.essential_expenses, strategy=("建行消费贷",))
    plan = plan_repayments(custom)
    assert plan.recommended == "custom" and plan.outcomes["custom"].order[0] == "建行消费贷"


def test_infeasible_budget_shares_it_in_proportion_to_the_minimums():
    plan = plan_repayments(example("infeasible.json"))
    assert not plan.feasible and plan.shortfall == D(1900) and plan.outcomes == {}
    shares = {ask.loan: ask.affordable for ask in plan.asks}
    assert shares["信用卡"] == D(1200) * 1500 / 3100
    assert sum(shares.values()) == D(1200) or abs(sum(shares.values()) - D(1200)) < D("1e-20")
    assert plan.needs_help


def test_a_minimum_below_the_interest_is_reported_with_the_payment_that_ends_it():
    loan = Loan("网贷", "online_lender", D(10000), D("0.24"), D(150))
    plan = plan_repayments(PlanInput(loans=(loan,), monthly_income=D(150), essential_expenses=D(0)))
    (item,) = plan.never_ending
    assert item.monthly_interest == D(200) and item.min_payment == D(150)
    assert abs(float(item.payment_to_end) - npf.pmt(0.02, 60, -10000)) < 1e-6
    assert plan.recommended_outcome.months is None and plan.needs_help


def test_payment_to_clear_at_zero_interest_is_a_plain_division():
    assert payment_to_clear(D(1200), D(0), 12) == D(100)


def test_delay_penalty_is_on_the_overdue_amount_or_else_the_minimum():
    overdue = Loan("卡", "credit_card", D(20000), D("0.18"), D(1000), 15, D(1000), D("0.0005"))
    assert delay_penalty(overdue, 10) == D(1000) * D("0.0005") * 10
    current = Loan("贷", "bank_loan", D(20000), D("0.18"), D(800), penalty_daily_rate=D("0.0005"))
    assert delay_penalty(current, 10) == D(800) * D("0.0005") * 10
