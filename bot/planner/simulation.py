"""The month-by-month repayment simulation, and the orders strategies pay loans off in.

Conventions (README.md, "Repayment planner" repeats them; tests check them):

* Everything owed at the start = balance + penalty already accrued, where accrued penalty =
  overdue_amount x penalty_daily_rate x days_overdue. When the penalty rate is unknown it is the
  contract daily rate (annual_rate / 365) x 1.5 in yuan and none in other currencies (models.assumed_penalty_factor),
  and the report says that it is an assumption.
* Each month, first interest = balance x annual_rate / 12 is added to every loan's balance (the
  overdue part included: contract interest keeps running); penalty is charged on top of it only on
  the overdue amount still unpaid after the previous month, overdue x penalty_daily_rate x 30.
  Penalty already owed earns no interest.
* Then the month's budget (income - essential expenses, plus the one-off `extra` in month 1) is paid
  out in this order:
  0. only when the budget cannot pay every overdue amount, penalty and minimum: the minimums of the loans still
     current, so that none becomes newly overdue (a new overdue record on a clean loan is worse than a late one staying
     late a while longer);
  1. overdue amounts and their penalty (highest penalty rate first);
  2. every loan gets its minimum payment, capped at what it still owes; a minimum the budget cannot
     pay becomes overdue and so starts to bear penalty (this only happens when money is short);
  3. the rest of the budget goes to the strategy's target loan, then the next one in the
     strategy's order once it is paid off; so a paid-off loan's minimum rolls over to the next
     target. Minimum-only skips this step and leaves the rest unspent.
  Within one loan a payment clears penalty first, then the overdue part, then the rest.
* Full `Decimal` precision inside; rounding to cents happens only for display.
* At most 600 months are simulated. A plan that has not cleared everything by then is reported as
  never ending (months = None) rather than looping: typically a minimum below the monthly interest.

Orders: avalanche = highest annual rate first (ties: smaller balance first); snowball = smallest
amount owed first (ties: higher rate first); a custom order is a list of loan names, and loans it
leaves out follow in avalanche order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Sequence

from bot.planner.models import Loan, PlanInput

MAX_MONTHS = 600
DAYS_PER_MONTH = 30
ZERO = Decimal(0)


@dataclass(frozen=True)
class Month:
    """One month of a plan: what was paid to each loan and what each still owes afterwards."""

    month: int
    payments: dict[str, Decimal]
    balances: dict[str, Decimal]
    interest: dict[str, Decimal]
    penalty: dict[str, Decimal]


@dataclass(frozen=True)
class Outcome:
    """The result of one strategy over the whole horizon."""

    name: str  # avalanche | snowball | custom | minimum_only
    order: tuple[str, ...]
    months: int | None  # None: not debt-free within MAX_MONTHS
    payoff_month: dict[str, int | None]
    total_interest: Decimal
    total_penalties: Decimal  # penalty accrued before month 1 included
    total_paid: Decimal
    remaining: Decimal  # still owed after the last simulated month (0 when debt-free)
    schedule: tuple[Month, ...] = field(repr=False)
    missed_minimums: bool = False  # some month could not pay every minimum (new overdue)

    @property
    def finished(self) -> bool:
        return self.months is not None


@dataclass
class _Account:
    loan: Loan
    balance: Decimal
    overdue: Decimal
    penalty: Decimal

    @property
    def owed(self) -> Decimal:
        return self.balance + self.penalty

    def pay(self, amount: Decimal) -> Decimal:
        """Apply up to `amount`: penalty, then the overdue part, then the rest; return what was used."""
        amount = min(amount, self.owed)
        to_penalty = min(amount, self.penalty)
        self.penalty -= to_penalty
        to_balance = amount - to_penalty
        self.balance -= to_balance
        self.overdue = max(ZERO, self.overdue - to_balance)
        return amount


def avalanche_order(loans: Sequence[Loan]) -> tuple[str, ...]:
    ranked = sorted(enumerate(loans), key=lambda item: (-item[1].annual_rate, item[1].owed, item[0]))
    return tuple(loan.name for _, loan in ranked)


def snowball_order(loans: Sequence[Loan]) -> tuple[str, ...]:
    ranked = sorted(enumerate(loans), key=lambda item: (item[1].owed, -item[1].annual_rate, item[0]))
    return tuple(loan.name for _, loan in ranked)


def custom_order(loans: Sequence[Loan], names: Sequence[str]) -> tuple[str, ...]:
    rest = [name for name in avalanche_order(loans) if name not in names]
    return tuple(names) + tuple(rest)


def simulate(
    loans: Sequence[Loan],
    budget: Decimal,
    order: Sequence[str],
    *,
    name: str,
    extra: Decimal = ZERO,
    minimum_only: bool = False,
    max_months: int = MAX_MONTHS,
) -> Outcome:
    """Run the conventions above month by month until everything is paid or `max_months` pass."""
    accounts = {loan.name: _Account(loan, loan.balance, loan.overdue_amount, loan.accrued_penalty) for loan in loans}
    ranked = [accounts[loan_name] for loan_name in order]
    by_penalty = sorted(accounts.values(), key=lambda account: -account.loan.penalty_rate)
    payoff: dict[str, int | None] = {loan.name: None for loan in loans}
    total_interest = ZERO
    total_penalties = sum((loan.accrued_penalty for loan in loans), ZERO)
    total_paid = ZERO
    missed = False
    schedule: list[Month] = []
    month = 0
    while any(account.owed > 0 for account in accounts.values()) and month < max_months:
        month += 1
        interest: dict[str, Decimal] = {}
        penalty: dict[str, Decimal] = {}
        for account in accounts.values():
            interest[account.loan.name] = account.balance * account.loan.monthly_rate
            account.balance += interest[account.loan.name]
            penalty[account.loan.name] = ZERO
            if month > 1 and account.overdue > 0:
                penalty[account.loan.name] = account.overdue * account.loan.penalty_rate * DAYS_PER_MONTH
                account.penalty += penalty[account.loan.name]
        total_interest += sum(interest.values(), ZERO)
        total_penalties += sum(penalty.values(), ZERO)

        available = max(ZERO, budget) + (extra if month == 1 else ZERO)
        paid = {account.loan.name: ZERO for account in accounts.values()}
        kept = {account.loan.name: ZERO for account in accounts.values()}  # minimums paid in step 0
        needed = sum((a.penalty + a.overdue + min(a.loan.min_payment, a.owed) for a in accounts.values()), ZERO)
        if available < needed:
            # 0. money short: the loans still current keep their minimums first, so none becomes newly overdue (stop 29
            # red team: a current 借呗 got ¥0 in month 1 while the plan said "不要产生新的逾期")
            for account in ranked:
                if account.overdue == 0 and account.penalty == 0:
                    used = account.pay(min(available, account.loan.min_payment, account.owed))
                    paid[account.loan.name] += used
                    kept[account.loan.name] = used
                    available -= used
        for account in by_penalty:  # 1. overdue and penalty first
            if account.overdue > 0 or account.penalty > 0:
                used = account.pay(min(available, account.penalty + account.overdue))
                paid[account.loan.name] += used
                available -= used
        for account in ranked:  # 2. every minimum, capped at what is owed
            due = max(ZERO, min(account.loan.min_payment, account.owed + kept[account.loan.name]) - kept[account.loan.name])
            used = account.pay(min(available, due))
            paid[account.loan.name] += used
            available -= used
            if used < due:
                missed = True
                account.overdue = min(account.balance, account.overdue + due - used)
        if not minimum_only:  # 3. the rest to the targets, in order
            for account in ranked:
                if available <= 0:
                    break
                used = account.pay(available)
                paid[account.loan.name] += used
                available -= used
        total_paid += sum(paid.values(), ZERO)
        for account in accounts.values():
            if account.owed == 0 and payoff[account.loan.name] is None:
                payoff[account.loan.name] = month
        schedule.append(Month(month, paid, {n: a.owed for n, a in accounts.items()}, interest, penalty))

    remaining = sum((account.owed for account in accounts.values()), ZERO)
    return Outcome(
        name=name,
        order=tuple(order),
        months=month if remaining == 0 else None,
        payoff_month=payoff,
        total_interest=total_interest,
        total_penalties=total_penalties,
        total_paid=total_paid,
        remaining=remaining,
        schedule=tuple(schedule),
        missed_minimums=missed,
    )


def run_strategies(plan_input: PlanInput) -> dict[str, Outcome]:
    """Avalanche, snowball, the custom order (when one is given) and minimum-only, side by side."""
    loans = plan_input.loans
    budget, extra = plan_input.budget, plan_input.extra
    orders = {"avalanche": avalanche_order(loans), "snowball": snowball_order(loans)}
    if isinstance(plan_input.strategy, tuple):
        orders["custom"] = custom_order(loans, plan_input.strategy)
    outcomes = {name: simulate(loans, budget, order, name=name, extra=extra) for name, order in orders.items()}
    outcomes["minimum_only"] = simulate(loans, budget, orders["avalanche"], name="minimum_only", extra=extra,
                                        minimum_only=True)
    return outcomes
