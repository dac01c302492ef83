"""Simple interest on a borrower's own numbers (bot.planner.interest)."""

from decimal import Decimal as D

import pytest

from bot.planner.errors import PlanInputError
from bot.planner.interest import simple_interest


def test_simple_interest_is_amount_times_rate_over_365_times_days():
    assert simple_interest(D(1500), D("0.2999"), 45).interest.quantize(D("0.01")) == D("55.46")
    assert simple_interest(D(10000), D("0.1825"), 30).interest.quantize(D("0.01")) == D("150.00")


@pytest.mark.parametrize("amount, rate, days", [(D(0), D("0.2"), 10), (D(100), D("50"), 10), (D(100), D("0.2"), 0)])
def test_bad_numbers_are_refused(amount, rate, days):
    with pytest.raises(PlanInputError):
        simple_interest(amount, rate, days)


def test_payoff_time_of_a_fixed_monthly_payment():
    """Stop 29 second red team: "4500 on a card at 24.99% apr, if i pay 150 a month how long" was asked for its payments."""
    from bot.planner.interest import payoff_time

    estimate = payoff_time(D("4500"), D("0.2499"), D("150"))
    assert estimate.months == 48 and D("2600") < estimate.interest < D("2700")
    # a payment at or below the month's interest never clears it
    assert payoff_time(D("30000"), D("0.24"), D("500")).months is None
