"""A lender's offer: the IRR-based annual rate, the total cost and the flags."""

from datetime import date
from decimal import Decimal as D

import numpy_financial as npf
import pytest

from bot.planner.errors import PlanInputError
from bot.planner.models import Offer
from bot.planner.offers import analyse_offer, monthly_irr

LPR, AS_OF = D("0.03"), date(2025, 6, 20)


def test_irr_of_a_plain_annuity_is_its_rate_and_agrees_with_numpy_financial():
    payment = D(repr(float(npf.pmt(0.015, 24, -10000))))
    rate = monthly_irr(D(10000), payment, 24)
    assert abs(rate - D("0.015")) < D("1e-12")
    assert abs(float(rate) - float(npf.irr([-10000] + [float(payment)] * 24))) < 1e-9


def test_a_fee_per_period_costs_about_twice_its_nominal_rate():
    # 0.75% of the principal a month looks like 9% a year; the true rate is about 16.4%
    offer = analyse_offer(Offer(months=24, fee_per_period=D("0.0075")), D(20000), "credit_card", LPR, AS_OF)
    assert offer.monthly_payment == D(20000) / 24 + D(150)
    assert offer.total_cost == D(150) * 24
    assert D("0.16") < offer.apr < D("0.17")
    assert offer.apr == offer.monthly_irr * 12
    assert offer.effective_annual == (1 + offer.monthly_irr) ** 12 - 1
    assert not offer.above_24 and not offer.above_private_cap


def test_a_private_offer_above_four_times_the_lpr_is_flagged():
    offer = analyse_offer(Offer(months=12, monthly_payment=D(1000)), D(10000), "private", LPR, AS_OF)
    assert offer.above_24 and offer.above_private_cap
    assert offer.private_cap == D("0.12") and offer.lpr_as_of == AS_OF
    assert abs(float(offer.monthly_irr) - float(npf.irr([-10000] + [1000] * 12))) < 1e-9


@pytest.mark.parametrize("kind", ["bank_loan", "credit_card", "online_lender"])
def test_the_lpr_cap_is_never_flagged_for_licensed_lenders(kind):
    offer = analyse_offer(Offer(months=12, monthly_payment=D(1000)), D(10000), kind, LPR, AS_OF)
    assert offer.above_24 and not offer.above_private_cap


def test_an_upfront_fee_raises_the_rate():
    plain = analyse_offer(Offer(months=12, monthly_payment=D(900)), D(10000), "bank_loan", LPR, AS_OF)
    with_fee = analyse_offer(Offer(months=12, monthly_payment=D(900), upfront_fee=D(500)), D(10000), "bank_loan",
                             LPR, AS_OF)
    assert with_fee.apr > plain.apr and with_fee.total_cost == plain.total_cost + 500


def test_payments_below_the_principal_give_a_negative_rate():
    assert monthly_irr(D(1200), D(90), 12) < 0


@pytest.mark.parametrize("kwargs, field", [
    ({"months": 0, "monthly_payment": D(1)}, "offer.months"),
    ({"months": 12}, "offer"),
    ({"months": 12, "monthly_payment": D(1), "fee_per_period": D("0.01")}, "offer"),
    ({"months": 12, "monthly_payment": D(-1)}, "offer.monthly_payment"),
])
def test_bad_offers_name_the_field(kwargs, field):
    with pytest.raises(PlanInputError) as caught:
        Offer(**kwargs)
    assert caught.value.field == field


def test_payments_that_do_not_repay_the_principal_are_refused_not_given_a_negative_rate():
    """Red team (stop 21): "借2万分12期每期100" came out at a true rate of -345%."""
    with pytest.raises(PlanInputError) as error:
        analyse_offer(Offer(months=12, monthly_payment=D(100)), D(20000), "bank_loan", LPR, AS_OF)
    assert error.value.field == "offer.monthly_payment"
    assert "12 payments of 100 repay less than the 20,000 borrowed" in str(error.value)
    assert "加起来还不够还本金 20,000" in error.value.zh
    # repaying exactly the principal is a 0% offer, not an error
    assert abs(analyse_offer(Offer(months=10, monthly_payment=D(2000)), D(20000), "bank_loan", LPR, AS_OF).apr) < D("1e-12")


def test_a_loan_of_days_costs_its_share_times_365_over_its_days():
    from bot.planner.offers import analyse_short_loan
    loan = analyse_short_loan(D(3500), D(5000), 1, 7, LPR, AS_OF, principal=D(5000))
    assert loan.cost == D(1500) and loan.term_days == 7 and loan.principal == D(5000)
    assert loan.apr == (D(5000) / D(3500) - 1) * 365 / 7 and loan.above_private_cap


def test_weekly_payments_are_costed_by_their_irr_per_week():
    from bot.planner.offers import analyse_short_loan
    loan = analyse_short_loan(D(3000), D(500), 8, 7, LPR, AS_OF)
    weekly = npf.irr([-3000] + [500] * 8)
    assert abs(float(loan.apr) - weekly * 365 / 7) < 1e-9 and loan.repaid == D(4000) and loan.term_days == 56


def test_a_loan_of_days_that_costs_nothing_is_named():
    from bot.planner.offers import analyse_short_loan
    with pytest.raises(PlanInputError) as caught:
        analyse_short_loan(D(2000), D(2000), 1, 14, LPR, AS_OF)
    assert caught.value.field == "offer.repaid" and "没有成本可算" in caught.value.zh
