"""The monthly simulation, case by case, and its agreement with numpy-financial on a single loan."""

import math
from decimal import Decimal as D

import numpy_financial as npf
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.planner.models import Loan
from bot.planner.simulation import MAX_MONTHS, avalanche_order, custom_order, simulate, snowball_order


def loan(name="A", balance="1000", rate="0", minimum="100", **extra):
    return Loan(name=name, kind=extra.pop("kind", "bank_loan"), balance=D(balance), annual_rate=D(rate),
                min_payment=D(minimum), **extra)


def run(loans, budget, minimum_only=False, extra=D(0)):
    return simulate(loans, D(budget), avalanche_order(loans), name="test", minimum_only=minimum_only, extra=extra)


@pytest.mark.parametrize("case, loans, budget, months, interest, paid, last_payment", [
    ("zero interest", [loan(balance="1200", minimum="100")], "100", 12, "0", "1200", "100"),
    ("one-month payoff", [loan(balance="1000", rate="0.12", minimum="100")], "2000", 1, "10", "1010", "1010"),
    ("final payment below the minimum", [loan(balance="1000", minimum="300")], "300", 4, "0", "1000", "100"),
    ("interest added before paying", [loan(balance="1000", rate="0.12", minimum="510")], "510", 2, "15", "1015",
     "505"),
])
def test_cases(case, loans, budget, months, interest, paid, last_payment):
    outcome = run(loans, budget)
    assert outcome.months == months, case
    assert outcome.total_interest == D(interest)
    assert outcome.total_paid == D(paid)
    assert outcome.schedule[-1].payments["A"] == D(last_payment)
    assert outcome.remaining == 0 and outcome.payoff_month == {"A": months}


def test_overdue_amount_and_penalty_are_paid_first_in_month_one():
    overdue = loan(balance="5000", rate="0.1825", minimum="500", days_overdue=10, overdue_amount=D("500"))
    other = loan(name="B", balance="2000", rate="0.36", minimum="200")
    accrued = D("500") * D("0.1825") / 365 * D("1.5") * 10  # default penalty: contract daily rate x 1.5
    assert overdue.accrued_penalty == accrued
    outcome = simulate([overdue, other], D("1300"), ["B", "A"], name="avalanche")
    first = outcome.schedule[0]
    # 500 overdue + penalty, then both minimums (500 + 200), the rest (~100 - penalty) to B, the target
    assert first.payments["A"] == D(500) + accrued + D(500)
    assert first.payments["B"] == D(1300) - first.payments["A"]
    assert first.penalty == {"A": 0, "B": 0}  # nothing overdue is left to accrue more
    assert outcome.total_penalties == accrued


def test_an_overdue_amount_the_budget_cannot_clear_keeps_accruing_for_30_days_a_month():
    overdue = loan(balance="5000", rate="0", minimum="300", days_overdue=30, overdue_amount=D("2000"),
                   penalty_daily_rate=D("0.001"))
    outcome = run([overdue], "500")
    accrued = D("2000") * D("0.001") * 30
    # month 1: 500 goes to penalty (60) then overdue (440); nothing left for the minimum, which goes overdue
    left_overdue = D(2000) - (D(500) - accrued) + D(300)
    assert outcome.schedule[1].penalty["A"] == left_overdue * D("0.001") * 30
    assert outcome.missed_minimums
    assert outcome.finished and outcome.total_paid == D(5000) + outcome.total_penalties


def test_a_paid_off_loans_minimum_rolls_over_to_the_next_target():
    small = loan(name="A", balance="300", rate="0.10", minimum="100")
    big = loan(name="B", balance="5000", rate="0.20", minimum="200")
    outcome = simulate([small, big], D("300"), ["A", "B"], name="custom")
    after = outcome.payoff_month["A"]
    assert after is not None
    assert all(row.payments["B"] == D(300) for row in outcome.schedule[after: after + 3])


def test_minimum_only_pays_just_the_minimums():
    loans = [loan(name="A", balance="1000", minimum="100"), loan(name="B", balance="500", minimum="50")]
    outcome = run(loans, "1000", minimum_only=True)
    assert outcome.schedule[0].payments == {"A": D(100), "B": D(50)}
    assert outcome.months == 10


def test_a_minimum_below_the_interest_never_ends_and_stops_at_the_cap():
    never = loan(balance="10000", rate="0.24", minimum="150")
    outcome = run([never], "150")
    assert outcome.months is None and not outcome.finished
    assert len(outcome.schedule) == MAX_MONTHS
    assert outcome.remaining > D(10000)
    assert outcome.payoff_month == {"A": None}


def test_extra_is_paid_in_month_one_only():
    outcome = run([loan(balance="1000", minimum="100")], "100", extra=D("500"))
    assert outcome.schedule[0].payments["A"] == D(600)
    assert outcome.months == 5


def test_orders():
    loans = [loan(name="A", balance="3000", rate="0.10"), loan(name="B", balance="1000", rate="0.05"),
             loan(name="C", balance="2000", rate="0.30")]
    assert avalanche_order(loans) == ("C", "A", "B")
    assert snowball_order(loans) == ("B", "C", "A")
    assert custom_order(loans, ["B"]) == ("B", "C", "A")


@settings(max_examples=60, deadline=None)
@example(principal=500, rate_bp=5412, months=120)  # the cent of rounding up pays the 120th month off early
@given(
    principal=st.integers(min_value=500, max_value=200_000),
    rate_bp=st.integers(min_value=0, max_value=6000),  # 0% to 60% a year, in basis points
    months=st.integers(min_value=1, max_value=120),
)
def test_single_loan_agrees_with_numpy_financial_pmt_and_nper(principal, rate_bp, months):
    rate = D(rate_bp) / 10000
    payment = npf.pmt(float(rate) / 12, months, -principal)
    payment_cents = (D(repr(float(payment))) + D("0.005")).quantize(D("0.01"))  # round up: never short
    single = loan(balance=str(principal), rate=str(rate), minimum=str(payment_cents))
    outcome = run([single], payment_cents)
    # pmt clears the loan in `months`; rounding the payment up to the cent can save the last month
    assert outcome.months in (months, months - 1) and outcome.months >= 1
    if rate == 0:  # numpy-financial 1.0.0's nper gets the sign wrong at rate 0 (numpy/numpy#8593)
        expected_months = principal / float(payment_cents)
    else:
        expected_months = npf.nper(float(rate) / 12, -float(payment_cents), principal)
    assert outcome.months == math.ceil(float(expected_months) - 1e-9)  # nper, rounded up to whole months
    assert abs(outcome.total_paid - payment_cents * outcome.months) < payment_cents  # only the last payment differs


def test_when_money_is_short_the_current_loans_keep_their_minimums_first():
    """Stop 29 red team: 2,200 a month, a card 1,800 overdue (minimum 900) and a current 借呗 (minimum 460): month 1 paid the
    card 2,200 and the 借呗 nothing, a new overdue record on a clean loan, while the plan said not to make any."""
    card = loan("card", balance="18000", rate="0.1825", minimum="900", days_overdue=30, overdue_amount=D("1800"))
    current = loan("jiebei", balance="5000", rate="0.108", minimum="460")
    first = run([card, current], "2200").schedule[0]
    assert first.payments["jiebei"] == D("460") and first.payments["card"] == D("1740")
    # with money for everything, the overdue part is still paid first and every minimum too
    first = run([card, current], "4000").schedule[0]
    assert first.payments["jiebei"] >= D("460") and first.payments["card"] >= D("1800") + D("900")
