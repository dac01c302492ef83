"""Simple interest on a borrower's own numbers: amount x annual rate / 365 x days.

Used to work a question's numbers into an answer ("how much interest piles up on 1500 at 29.99% apr over 45
days?", stop 28 red team: the article's own $10,000 example was quoted instead). Cards compound daily and
instalments shrink the principal, so the answer says the statement decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bot.planner.errors import PlanInputError
from bot.planner.models import DAYS_PER_YEAR, Loan, check_annual_rate, check_days, check_positive
from bot.planner.simulation import simulate


@dataclass(frozen=True)
class InterestEstimate:
    amount: Decimal
    annual_rate: Decimal
    days: int
    interest: Decimal


def simple_interest(amount: Decimal, annual_rate: Decimal, days: int) -> InterestEstimate:
    """Interest on `amount` at `annual_rate` for `days`; raises PlanInputError for a bad amount, rate or days."""
    amount = check_positive(Decimal(amount), "balance")
    rate = check_annual_rate(Decimal(annual_rate), "annual_rate")
    days = check_days(days, "days_overdue")
    if days <= 0:
        raise PlanInputError("days_overdue", "must be at least 1 day", "1-3650", code="not_positive")
    return InterestEstimate(amount, rate, days, amount * rate / DAYS_PER_YEAR * days)


@dataclass(frozen=True)
class PayoffEstimate:
    """How long a fixed monthly payment takes to clear a balance at an annual rate (interest added monthly at rate / 12)."""

    balance: Decimal
    annual_rate: Decimal
    payment: Decimal
    months: int | None  # None: the payment never clears it (at or below the month's interest, or over 50 years)
    interest: Decimal


def payoff_time(balance: Decimal, annual_rate: Decimal, payment: Decimal) -> PayoffEstimate:
    """The months and the interest of paying `payment` a month on `balance`, by the plan's own simulation (one loan, no
    extra money: the payment is its minimum); raises PlanInputError for a bad balance, rate or payment."""
    loan = Loan(name="loan", kind="credit_card", balance=Decimal(balance), annual_rate=Decimal(annual_rate),
                min_payment=check_positive(Decimal(payment), "min_payment"))
    outcome = simulate([loan], loan.min_payment, ["loan"], name="payoff", minimum_only=True)
    return PayoffEstimate(loan.balance, loan.annual_rate, loan.min_payment, outcome.months, outcome.total_interest)
