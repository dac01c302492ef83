"""`plan_repayments`: everything the planner says about one borrower's loans, as numbers.

Affordability, the cost of waiting on overdue loans, the strategies side by side, the recommended
one, loans whose minimum never ends them, what to ask each lender for when the budget cannot pay
the minimums, and a lender's offer. Words come from `bot.planner.report`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from bot.planner.models import Loan, PlanInput
from bot.planner.offers import OfferAnalysis, analyse_offer
from bot.planner.simulation import ZERO, Outcome, run_strategies, simulate

DEFAULT_LPR = Decimal("0.030")
DEFAULT_LPR_AS_OF = date(2025, 6, 20)
ENDING_HORIZON = 60  # months: the payment "that would end it" clears the loan in five years


@dataclass(frozen=True)
class OverdueCost:
    """What waiting costs on an overdue loan: penalty per day and over the next 7 and 30 days."""

    loan: str
    overdue_amount: Decimal
    days_overdue: int
    accrued_penalty: Decimal
    penalty_rate: Decimal  # per day
    penalty_assumed: bool
    penalty_per_day: Decimal
    next_7_days: Decimal
    next_30_days: Decimal
    kind: str = "bank_loan"  # a loan from family or friends ("private") is reported to no credit bureau

    @property
    def saved_by_paying_now(self) -> Decimal:
        """Paying the overdue amount today stops the penalty the next month would add."""
        return self.next_30_days


@dataclass(frozen=True)
class NeverEnding:
    """A loan whose minimum does not cover its monthly interest: paying only that never ends it."""

    loan: str
    min_payment: Decimal
    monthly_interest: Decimal
    payment_to_end: Decimal  # clears it in ENDING_HORIZON months


@dataclass(frozen=True)
class Ask:
    """When the budget cannot pay the minimums: what this lender could be asked to accept monthly."""

    loan: str
    min_payment: Decimal
    affordable: Decimal  # the budget shared in proportion to the minimums
    monthly_interest: Decimal
    months_at_affordable: int | None  # None: at that amount the loan never ends (ask to stop interest)


@dataclass(frozen=True)
class Plan:
    input: PlanInput
    budget: Decimal
    minimums: Decimal
    feasible: bool  # the budget covers every minimum
    shortfall: Decimal  # minimums - budget when not feasible, else 0
    first_month_short: bool  # feasible, but month 1 cannot clear overdue amounts and every minimum
    overdue: tuple[OverdueCost, ...]
    outcomes: dict[str, Outcome]  # empty when not feasible: no fantasy schedule
    recommended: str | None
    never_ending: tuple[NeverEnding, ...]
    asks: tuple[Ask, ...]
    offer: OfferAnalysis | None

    @property
    def recommended_outcome(self) -> Outcome | None:
        return self.outcomes.get(self.recommended) if self.recommended else None

    @property
    def needs_help(self) -> bool:
        """The numbers do not work out: a person (or the lenders) should hear about it."""
        outcome = self.recommended_outcome
        return not self.feasible or outcome is None or not outcome.finished


def payment_to_clear(principal: Decimal, annual_rate: Decimal, months: int) -> Decimal:
    """The level monthly payment that clears `principal` in `months` (interest added first each month)."""
    rate = annual_rate / 12
    if rate == 0:
        return principal / months
    return principal * rate / (1 - (1 + rate) ** -months)


def overdue_cost(loan: Loan) -> OverdueCost:
    per_day = loan.overdue_amount * loan.penalty_rate
    return OverdueCost(
        loan=loan.name,
        overdue_amount=loan.overdue_amount,
        days_overdue=loan.days_overdue,
        accrued_penalty=loan.accrued_penalty,
        penalty_rate=loan.penalty_rate,
        penalty_assumed=loan.penalty_assumed,
        penalty_per_day=per_day,
        next_7_days=per_day * 7,
        next_30_days=per_day * 30,
        kind=loan.kind,
    )


def delay_penalty(loan: Loan, days: int) -> Decimal:
    """Extra penalty from paying `days` later: on the overdue amount, or on the minimum if not overdue."""
    base = loan.overdue_amount if loan.overdue_amount > 0 else loan.min_payment
    return base * loan.penalty_rate * days


def never_ending(loans: tuple[Loan, ...]) -> tuple[NeverEnding, ...]:
    found = []
    for loan in loans:
        interest = loan.balance * loan.monthly_rate
        if loan.min_payment <= interest:
            found.append(NeverEnding(loan.name, loan.min_payment, interest,
                                     payment_to_clear(loan.owed, loan.annual_rate, ENDING_HORIZON)))
    return tuple(found)


def asks_for(plan_input: PlanInput, minimums: Decimal) -> tuple[Ask, ...]:
    budget = max(ZERO, plan_input.budget)
    asks = []
    for loan in plan_input.loans:
        share = budget * loan.min_payment / minimums if minimums > 0 else ZERO
        # if the lender accepts, the overdue part and its penalty are folded into one rescheduled balance
        rescheduled = replace(loan, balance=loan.owed, overdue_amount=ZERO, days_overdue=0, min_payment=share)
        alone = simulate([rescheduled], share, [loan.name], name="ask")
        asks.append(Ask(loan.name, loan.min_payment, share, loan.balance * loan.monthly_rate, alone.months))
    return tuple(asks)


def _recommend(plan_input: PlanInput, outcomes: dict[str, Outcome]) -> str:
    if isinstance(plan_input.strategy, tuple):
        return "custom"
    if plan_input.strategy:
        return plan_input.strategy

    def cost(name: str) -> tuple[bool, Decimal]:
        outcome = outcomes[name]
        return (not outcome.finished, outcome.total_interest + outcome.total_penalties)

    return min(("avalanche", "snowball"), key=cost)  # min() keeps the first on a tie: avalanche


def plan_repayments(plan_input: PlanInput, lpr: Decimal = DEFAULT_LPR, lpr_as_of: date = DEFAULT_LPR_AS_OF) -> Plan:
    """Compute the whole plan for one borrower (see `bot.planner.simulation` for the conventions)."""
    budget = plan_input.budget
    minimums = sum((loan.min_payment for loan in plan_input.loans), ZERO)
    feasible = budget >= minimums
    due_now = minimums + sum((loan.overdue_amount + loan.accrued_penalty for loan in plan_input.loans), ZERO)
    outcomes = run_strategies(plan_input) if feasible else {}
    offer = None
    if plan_input.offer is not None:
        target = plan_input.loan(plan_input.offer.loan) if plan_input.offer.loan else plan_input.loans[0]
        offer = analyse_offer(plan_input.offer, target.owed, target.kind, lpr, lpr_as_of)
    return Plan(
        input=plan_input,
        budget=budget,
        minimums=minimums,
        feasible=feasible,
        shortfall=max(ZERO, minimums - budget),
        first_month_short=feasible and budget + plan_input.extra < due_now,
        overdue=tuple(overdue_cost(loan) for loan in plan_input.loans if loan.overdue_amount > 0),
        outcomes=outcomes,
        recommended=_recommend(plan_input, outcomes) if feasible else None,
        never_ending=never_ending(plan_input.loans),
        asks=() if feasible else asks_for(plan_input, minimums),
        offer=offer,
    )
