"""Penalty interest for a borrower's own numbers: the formula, the assumed rates, bad input named."""

from decimal import Decimal as D

import pytest

from bot.planner.errors import PlanInputError
from bot.planner.penalty import estimate_penalty


def test_an_unknown_card_rate_is_assumed_and_the_penalty_is_a_range():
    e = estimate_penalty(D(20000), 15, "credit_card")
    assert e.rate_assumed and e.annual_rate == D("0.18") and not e.penalty_given
    assert e.low == D(20000) * D("0.18") * D("1.3") / 365 * 15
    assert e.high == D(20000) * D("0.18") * D("1.5") / 365 * 15
    assert round(e.low, 2) == D("192.33") and round(e.high, 2) == D("221.92")


def test_the_borrowers_own_rate_is_used_and_not_called_an_assumption():
    e = estimate_penalty(D(10000), 30, "bank_loan", annual_rate=D("0.06"))
    assert not e.rate_assumed and round(e.low, 2) == D("64.11") and round(e.high, 2) == D("73.97")  # the article's example


def test_a_given_penalty_rate_gives_one_number():
    e = estimate_penalty(D(5000), 3, "online_lender", penalty_daily_rate=D("0.0005"))
    assert e.penalty_given and e.low == e.high == D("7.5")


@pytest.mark.parametrize("kind,rate", [("bank_loan", "0.06"), ("private", "0.12"), (None, "0.18"), ("nonsense", "0.18")])
def test_typical_rates_by_kind(kind, rate):
    assert estimate_penalty(D(1000), 10, kind).annual_rate == D(rate)


@pytest.mark.parametrize("amount,days,field", [(D(0), 10, "overdue_amount"), (D(-5), 10, "overdue_amount"),
                                              (D(1000), 0, "days_overdue"), (D(1000), 4000, "days_overdue")])
def test_bad_numbers_are_named(amount, days, field):
    with pytest.raises(PlanInputError) as caught:
        estimate_penalty(amount, days)
    assert caught.value.field == field
