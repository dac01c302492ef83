"""The numbers a reminder and /progress show, from the plan the user opted in with (pure Decimal).

The plan followed is `plan_repayments` over the profile stored at opt-in; its recommended schedule
says what to pay each loan in month k. Paying late costs the planner's `delay_penalty`. Progress
re-plans from the balances the schedule reaches after the months marked paid.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Any

from bot.core.ports import Payment
from bot.planner.models import Loan, plan_input_from_dict
from bot.planner.plan import Plan, delay_penalty, plan_repayments
from bot.planner.simulation import ZERO, Outcome, simulate


@dataclass(frozen=True)
class MonthDue:
    """What the plan asks of one loan in one month, and what a delay would cost."""

    loan: str
    month: int
    amount: Decimal  # the plan's payment to this loan that month, full precision
    late_per_day: Decimal
    late_week: Decimal
    penalty_assumed: bool  # the lender's penalty rate is unknown: estimated


@dataclass(frozen=True)
class Progress:
    paid: Decimal
    payments: int
    remaining: Outcome | None  # the plan from today's balances; None when nothing is left
    interest_saved: Decimal | None  # the plan's interest against minimum-only; None when not comparable

    @property
    def months_left(self) -> int | None:
        return 0 if self.remaining is None else self.remaining.months


def followed_plan(profile: dict[str, Any]) -> Plan:
    """The plan of a stored profile; raises PlanInputError when the profile is no longer valid."""
    return plan_repayments(plan_input_from_dict(profile))


@lru_cache(maxsize=256)
def _plan_of(profile_json: str) -> Plan:
    return followed_plan(json.loads(profile_json))


def plan_of(profile: dict[str, Any]) -> Plan:
    """`followed_plan`, cached: every reminder of a user (and every scan) recomputes the same plan."""
    return _plan_of(json.dumps(profile, sort_keys=True, ensure_ascii=False))


def month_due(plan: Plan, loan_name: str, month: int) -> MonthDue | None:
    """None when the plan pays nothing on the loan that month (it is paid off) or has no schedule."""
    outcome = plan.recommended_outcome
    if outcome is None or not 1 <= month <= len(outcome.schedule):
        return None
    amount = outcome.schedule[month - 1].payments.get(loan_name, ZERO)
    if amount <= 0:
        return None
    loan = _loan_in_month(plan.input.loan(loan_name), month)
    return MonthDue(loan_name, month, amount, delay_penalty(loan, 1), delay_penalty(loan, 7),
                    loan.penalty_daily_rate is None)


def _loan_in_month(loan: Loan, month: int) -> Loan:
    """After month 1 the plan has cleared what was overdue: a delay then costs penalty on the month's due."""
    if month == 1 or loan.overdue_amount == 0:
        return loan
    return replace(loan, overdue_amount=ZERO, days_overdue=0)


def progress(plan: Plan, payments: list[Payment]) -> Progress:
    paid = sum((payment.amount for payment in payments), ZERO)
    outcome = plan.recommended_outcome
    minimum_only = plan.outcomes.get("minimum_only")
    saved = None
    if outcome is not None and minimum_only is not None and outcome.finished and minimum_only.finished:
        saved = minimum_only.total_interest - outcome.total_interest
    if outcome is None:
        return Progress(paid, len(payments), None, saved)
    months_paid: dict[str, int] = {}
    for payment in payments:
        months_paid[payment.loan] = months_paid.get(payment.loan, 0) + 1
    loans = []
    for loan in plan.input.loans:
        done = min(months_paid.get(loan.name, 0), len(outcome.schedule))
        if done == 0:
            loans.append(loan)
            continue
        owed = outcome.schedule[done - 1].balances[loan.name]
        if owed > 0:  # what is left, the overdue part cleared by the months paid
            loans.append(replace(loan, balance=owed, overdue_amount=ZERO, days_overdue=0))
    if not loans:
        return Progress(paid, len(payments), None, saved)
    order = [name for name in outcome.order if any(loan.name == name for loan in loans)]
    remaining = simulate(loans, plan.input.budget, order, name=outcome.name)
    return Progress(paid, len(payments), remaining, saved)
