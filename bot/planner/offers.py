"""A lender's restructuring offer: its true annual rate by IRR, its total cost, and the flags.

The rate is the monthly internal rate of return r of the cash flows (the principal, less any
fee paid up front, received now; the monthly payments paid at the end of months 1..n), solved by
bisection in `Decimal`. We report both:
* `apr` = 12 x r, the nominal annual rate. This is the figure the flags use, because it is how
  Chinese lenders must state an annualised rate (the IRR method of 2021) and how courts read "a year".
* `effective_annual` = (1 + r)^12 - 1, what the offer costs with compounding.

Flags: above 24% a year (a common line for "expensive"), and for `private` loans above 4x the
one-year LPR, the cap courts apply to private lending (法释〔2020〕17号); that cap does not bind
licensed lenders, which include small-loan companies (法释〔2020〕27号), and the report says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext

from bot.planner.amounts import MAX_ANNUAL_RATE
from bot.planner.errors import PlanInputError
from bot.planner.models import Offer

EXPENSIVE_APR = Decimal("0.24")
LPR_MULTIPLE = 4
_TOLERANCE = Decimal("1e-20")


@dataclass(frozen=True)
class OfferAnalysis:
    principal: Decimal
    months: int
    monthly_payment: Decimal
    upfront_fee: Decimal
    total_paid: Decimal  # payments + up-front fee
    total_cost: Decimal  # total_paid - principal
    monthly_irr: Decimal
    apr: Decimal  # 12 x monthly IRR (nominal)
    effective_annual: Decimal  # (1 + monthly IRR)^12 - 1
    above_24: bool
    private_cap: Decimal  # 4 x one-year LPR
    above_private_cap: bool  # only ever True for private loans
    lpr: Decimal
    lpr_as_of: date
    kind: str


def _present_value(rate: Decimal, payment: Decimal, months: int) -> Decimal:
    if rate == 0:
        return payment * months
    factor = (1 + rate) ** -months
    return payment * (1 - factor) / rate


def monthly_irr(amount_received: Decimal, payment: Decimal, months: int) -> Decimal:
    """The monthly rate r at which `months` payments of `payment` are worth `amount_received` now."""
    if amount_received <= 0:
        raise PlanInputError("offer.upfront_fee", "leaves nothing received", "a fee below the principal",
                             code="too_high", zh="先交的费用不能等于或超过借款金额")
    with localcontext() as context:
        context.prec = 40
        low, high = Decimal("-0.99"), Decimal(1)
        if _present_value(high, payment, months) > amount_received:
            raise _absurd()  # even 100% a month (1200% a year) is not enough
        # present value falls as the rate rises: bisect until the bracket is negligible
        while high - low > _TOLERANCE:
            middle = (low + high) / 2
            if _present_value(middle, payment, months) > amount_received:
                low = middle
            else:
                high = middle
        return +((low + high) / 2)


def _absurd() -> PlanInputError:
    return PlanInputError("offer.monthly_payment", "implies a rate above 1000% a year; check the amount and the months",
                          "payments that fit the amount borrowed", code="too_high",
                          zh="每期还款相对借款金额高得不合理（折合年化超过 1000%），请核对金额和期数")


def analyse_offer(offer: Offer, principal: Decimal, kind: str, lpr: Decimal, lpr_as_of: date) -> OfferAnalysis:
    """The true cost of an offer on `principal` (what the borrower owes now) for a loan of `kind`."""
    principal = offer.principal if offer.principal is not None else principal
    if offer.monthly_payment is not None:
        payment = offer.monthly_payment
    else:
        assert offer.fee_per_period is not None
        payment = principal / offer.months + principal * offer.fee_per_period
    if payment * offer.months + offer.upfront_fee < principal:
        # "借2万分12期每期100": the payments do not even repay what is borrowed, so no rate fits (it came
        # out at -345%); the amount or the payment is mistyped
        raise PlanInputError("offer.monthly_payment",
                             f"{offer.months} payments of {payment:,} repay less than the {principal:,} borrowed; "
                             "check the amount, the payment and the months", "payments that add up to the amount borrowed",
                             code="out_of_range", zh=f"{offer.months} 期、每期 {payment:,} 加起来还不够还本金 {principal:,}，"
                                                "请核对借款金额、每期还款和期数")
    rate = monthly_irr(principal - offer.upfront_fee, payment, offer.months)
    apr = rate * 12
    if apr > MAX_ANNUAL_RATE:  # beyond it the figures (compounded a year) stop meaning anything
        raise _absurd()
    total_paid = payment * offer.months + offer.upfront_fee
    cap = lpr * LPR_MULTIPLE
    return OfferAnalysis(
        principal=principal,
        months=offer.months,
        monthly_payment=payment,
        upfront_fee=offer.upfront_fee,
        total_paid=total_paid,
        total_cost=total_paid - principal,
        monthly_irr=rate,
        apr=apr,
        effective_annual=(1 + rate) ** 12 - 1,
        above_24=apr > EXPENSIVE_APR,
        private_cap=cap,
        above_private_cap=kind == "private" and apr > cap,
        lpr=lpr,
        lpr_as_of=lpr_as_of,
        kind=kind,
    )


@dataclass(frozen=True)
class ShortLoanAnalysis:
    """What a loan of days or weeks costs: the money received against what is repaid, as a rate for its term and a
    year (the term's rate x 365 / its days: simple, as such loans are quoted; a year of them compounds far higher)."""

    principal: Decimal  # what the contract says was lent (the money received when it does not say)
    received: Decimal
    payment: Decimal
    payments: int
    days: int  # between payments: the whole term for one repayment, 7 for weekly ones
    repaid: Decimal
    cost: Decimal  # repaid - received
    term_rate: Decimal  # cost as a share of what was received, over the whole term (one repayment)
    apr: Decimal  # the period's rate (IRR for weekly payments) x 365 / days
    private_cap: Decimal
    above_private_cap: bool
    lpr: Decimal
    lpr_as_of: date

    @property
    def term_days(self) -> int:
        return self.payments * self.days


def analyse_short_loan(received: Decimal, payment: Decimal, payments: int, days: int, lpr: Decimal, lpr_as_of: date,
                       principal: Decimal | None = None) -> ShortLoanAnalysis:
    """The cost of a loan repaid after `days` (payments == 1) or in `payments` payments every `days` days."""
    if received <= 0:  # "我欠招行信用卡0001日1元" (hypothesis): a loan of nothing has no rate
        raise PlanInputError("offer.received", f"the money received must be more than 0, got {received:,}",
                             "an amount above 0", code="not_positive", zh=f"到手金额要大于 0（读到的是 {received:,}），请核对金额")
    repaid = payment * payments
    if repaid <= received:
        raise PlanInputError("offer.repaid", f"repaying {repaid:,} for {received:,} received costs nothing; "
                             "check the amounts", "a repayment above the money received", code="out_of_range",
                             zh=f"还 {repaid:,}、到手 {received:,}，没有成本可算，请核对金额")
    if payments == 1:
        period = repaid / received - 1
    else:
        period = monthly_irr(received, payment, payments)  # the rate per period whatever its length
    apr = period * 365 / days
    cap = lpr * LPR_MULTIPLE
    return ShortLoanAnalysis(principal=principal if principal is not None else received, received=received,
                             payment=payment, payments=payments, days=days, repaid=repaid, cost=repaid - received,
                             term_rate=repaid / received - 1, apr=apr, private_cap=cap, above_private_cap=apr > cap,
                             lpr=lpr, lpr_as_of=lpr_as_of)
