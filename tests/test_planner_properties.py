"""Properties of the simulation that must hold for any loans and any budget."""

from decimal import Decimal as D

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot.planner.models import Loan, PlanInput
from bot.planner.plan import plan_repayments
from bot.planner.simulation import MAX_MONTHS, ZERO, run_strategies

money = st.decimals(min_value=D("100"), max_value=D("200000"), places=2)
rates = st.decimals(min_value=D("0"), max_value=D("0.60"), places=4)


@st.composite
def loans(draw, overdue_allowed=True):
    count = draw(st.integers(min_value=1, max_value=4))
    result = []
    for index in range(count):
        balance = draw(money)
        days = draw(st.integers(min_value=0, max_value=120)) if overdue_allowed else 0
        overdue = draw(st.decimals(min_value=D("1"), max_value=balance, places=2)) if days else ZERO
        result.append(Loan(
            name=f"L{index}",
            kind=draw(st.sampled_from(["bank_loan", "credit_card", "online_lender", "private"])),
            balance=balance,
            annual_rate=draw(rates),
            min_payment=draw(st.decimals(min_value=D("0"), max_value=D("5000"), places=2)),
            days_overdue=days,
            overdue_amount=overdue,
            penalty_daily_rate=draw(st.none() | st.decimals(min_value=D("0"), max_value=D("0.002"), places=5)),
        ))
    return result


def _input(loan_list, budget):
    return PlanInput(loans=tuple(loan_list), monthly_income=budget, essential_expenses=ZERO)


def _close(left, right):
    return abs(left - right) <= D("1e-12") * max(D(1), abs(left), abs(right))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(loan_list=loans(), budget=st.decimals(min_value=D("0"), max_value=D("30000"), places=2))
def test_money_is_conserved_balances_never_go_negative_and_it_always_terminates(loan_list, budget):
    principal = sum((loan.balance for loan in loan_list), ZERO)
    for outcome in run_strategies(_input(loan_list, budget)).values():
        # what was paid plus what is still owed = principal + interest + penalties, to the last digit we keep
        assert _close(outcome.total_paid + outcome.remaining,
                      principal + outcome.total_interest + outcome.total_penalties)
        if outcome.finished:
            assert outcome.remaining == 0
            assert _close(outcome.total_paid, principal + outcome.total_interest + outcome.total_penalties)
        assert len(outcome.schedule) <= MAX_MONTHS
        assert (outcome.months is None) == (outcome.remaining > 0)
        for row in outcome.schedule:
            assert all(value >= 0 for value in row.balances.values())
            assert all(value >= 0 for value in row.payments.values())
            assert sum(row.payments.values(), ZERO) <= max(budget, ZERO) + D("1e-18")


# Why this generator is constrained:
# * Avalanche minimises interest only when both strategies spend the same money on the same
#   things apart from the surplus. That holds when month 1 can pay every overdue amount, its
#   penalty and every minimum: then penalties are identical (only what had accrued) and nothing new
#   goes overdue. With a tighter budget a missed minimum turns into penalty-bearing overdue debt on
#   whichever loan the order left short, and the comparison is no longer about interest alone, so
#   the budget is at least the minimums plus everything overdue.
# * A plan that never ends within 600 months has no total interest to compare, so both must end.
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(loan_list=loans(), surplus=st.decimals(min_value=D("0"), max_value=D("10000"), places=2))
def test_avalanche_never_pays_more_interest_than_snowball(loan_list, surplus):
    due_now = sum((loan.min_payment + loan.overdue_amount + loan.accrued_penalty for loan in loan_list), ZERO)
    outcomes = run_strategies(_input(loan_list, due_now + surplus))
    avalanche, snowball = outcomes["avalanche"], outcomes["snowball"]
    assume(avalanche.finished and snowball.finished)
    # the same penalties, summed in another order: equal to the last few of 28 digits
    assert abs(avalanche.total_penalties - snowball.total_penalties) <= D("1e-18")
    assert avalanche.total_interest <= snowball.total_interest + D("1e-12")
    assert avalanche.total_interest <= outcomes["minimum_only"].total_interest + D("1e-12") or \
        not outcomes["minimum_only"].finished


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(loan_list=loans(), budget=st.decimals(min_value=D("-2000"), max_value=D("30000"), places=2))
def test_an_infeasible_budget_gets_asks_that_share_the_budget_not_a_schedule(loan_list, budget):
    income = max(budget, ZERO) + D(2000)
    plan = plan_repayments(PlanInput(loans=tuple(loan_list), monthly_income=income, essential_expenses=income - budget))
    assert plan.feasible == (budget >= plan.minimums)
    if not plan.feasible:
        assert plan.outcomes == {} and plan.recommended is None
        assert plan.shortfall == plan.minimums - budget
        assert sum((ask.affordable for ask in plan.asks), ZERO) <= max(budget, ZERO) + D("1e-18")
    else:
        assert plan.asks == () and plan.recommended in plan.outcomes
