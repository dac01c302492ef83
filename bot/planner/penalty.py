"""Penalty interest for a borrower's own numbers: overdue amount x daily penalty rate x days.

Used to work a question's numbers into an answer ("信用卡欠了2万，逾期15天了，罚息大概要多少").
When the borrower does not give the penalty rate, it is assumed as banks typically set it: the
contract rate raised by 30% to 50% (银发〔2003〕251号), so the answer is a range, and when the
contract rate is not given either, a typical one for the kind of debt is assumed and said.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bot.planner.errors import PlanInputError
from bot.planner.models import DAYS_PER_YEAR, check_annual_rate, check_days, check_positive

# Typical contract rates, used only when the borrower gives none; the answer says it assumed them.
TYPICAL_ANNUAL_RATE = {
    "credit_card": Decimal("0.18"),  # 日息万五 ≈ 18.25% a year, the usual card rate
    "online_lender": Decimal("0.18"),
    "bank_loan": Decimal("0.06"),
    "private": Decimal("0.12"),
}
DEFAULT_KIND = "credit_card"
UPLIFT_LOW, UPLIFT_HIGH = Decimal("0.3"), Decimal("0.5")  # penalty = contract rate raised by 30%-50%


@dataclass(frozen=True)
class PenaltyEstimate:
    """The penalty for `days` on `amount`: `low`..`high` (equal when the penalty rate was given)."""

    amount: Decimal
    days: int
    kind: str
    annual_rate: Decimal | None  # the contract rate used; None when the penalty rate was given
    rate_assumed: bool  # the contract rate is a typical one, not the borrower's
    daily_low: Decimal
    daily_high: Decimal
    low: Decimal
    high: Decimal

    @property
    def penalty_given(self) -> bool:
        return self.annual_rate is None


def estimate_penalty(amount: Decimal, days: int, kind: str | None = None, annual_rate: Decimal | None = None,
                     penalty_daily_rate: Decimal | None = None) -> PenaltyEstimate:
    """Penalty interest on an overdue amount; raises PlanInputError for a bad amount, days or rate."""
    amount = check_positive(Decimal(amount), "overdue_amount")
    days = check_days(days, "days_overdue")
    if days <= 0:
        raise PlanInputError("days_overdue", "must be at least 1 day", "1-3650", code="not_positive")
    kind = kind if kind in TYPICAL_ANNUAL_RATE else DEFAULT_KIND
    if penalty_daily_rate is not None:
        check_annual_rate(penalty_daily_rate * DAYS_PER_YEAR, "penalty_daily_rate")
        penalty = amount * penalty_daily_rate * days
        return PenaltyEstimate(amount, days, kind, None, False, penalty_daily_rate, penalty_daily_rate, penalty,
                               penalty)
    assumed = annual_rate is None
    rate = TYPICAL_ANNUAL_RATE[kind] if annual_rate is None else check_annual_rate(annual_rate, "annual_rate")
    daily_low = rate * (1 + UPLIFT_LOW) / DAYS_PER_YEAR
    daily_high = rate * (1 + UPLIFT_HIGH) / DAYS_PER_YEAR
    return PenaltyEstimate(amount, days, kind, rate, assumed, daily_low, daily_high, amount * daily_low * days,
                           amount * daily_high * days)
