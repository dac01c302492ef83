"""A loan repaid in equal monthly instalments, described mid-plan, as the planner's loan fields.

"借了2万，分24期，每期1050，还剩18期" typed while the plan asks about that loan was costed as an offer and nothing was
saved (stop 27 red team). Its fields follow from the instalments: the monthly minimum is the instalment, the yearly rate
is the instalments' internal rate (monthly IRR x 12, as the planner compounds monthly), and what is owed is the principal
left after the instalments already paid, at that rate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext

from bot.planner.amounts import normalise
from bot.planner.errors import PlanInputError
from bot.planner.extraction import OfferText
from bot.planner.formatting import cents
from bot.planner.offers import monthly_irr

_LEFT = re.compile(r"(?:还剩|剩下?|还有|还差)\s*(?P<n>\d{1,3})\s*(?:期|个月)|(?P<en>\d{1,3})\s*(?:payments?|instal{1,2}ments?|months?)?\s*"
                   r"(?:left|remaining|to go)\b|\b(?:with|have)\s+(?P<en2>\d{1,3})\s+(?:more\s+)?(?:payments?|months?)\s+(?:left|to go)",
                   re.IGNORECASE)
_PAID = re.compile(r"(?:已经?还了?|还了|已还)\s*(?P<n>\d{1,3})\s*(?:期|个月)|\b(?:paid|made)\s+(?P<en>\d{1,3})\s+(?:payments?|instal{1,2}ments?)",
                   re.IGNORECASE)


@dataclass(frozen=True)
class Instalments:
    """The loan's fields from its instalments."""

    payment: Decimal  # the monthly minimum
    annual_rate: Decimal  # monthly IRR x 12
    balance: Decimal  # principal left
    left: int  # instalments left
    months: int


def payments_left(text: str, months: int) -> int:
    """How many instalments are still to pay: said ("还剩18期", "8 left"), or the term less those paid ("已还6期"), or all."""
    lowered = normalise(text)
    if (left := _LEFT.search(lowered)) is not None:
        value = int(left.group("n") or left.group("en") or left.group("en2"))
    elif (paid := _PAID.search(lowered)) is not None:
        value = months - int(paid.group("n") or paid.group("en"))
    else:
        value = months
    if not 0 < value <= months:
        raise PlanInputError("offer.months", f"{value} instalments left of {months}", "between 1 and the term",
                             code="out_of_range", zh=f"剩 {value} 期、共 {months} 期对不上，请核对期数")
    return value


def from_instalments(offer: OfferText, text: str) -> Instalments | None:
    """The fields of a loan described by its instalments, or None when the description lacks the principal or the
    instalment."""
    if offer.principal is None or offer.monthly_payment is None or offer.months <= 0:
        return None
    received = offer.principal - offer.upfront_fee
    rate = monthly_irr(received, offer.monthly_payment, offer.months)
    left = payments_left(text, offer.months)
    paid = offer.months - left
    with localcontext() as context:
        context.prec = 40
        grown = (1 + rate) ** paid
        owed = received * grown - (offer.monthly_payment * (grown - 1) / rate if rate != 0 else offer.monthly_payment * paid)
    return Instalments(payment=offer.monthly_payment, annual_rate=max(Decimal(0), rate * 12).quantize(Decimal("0.0001")),
                       balance=cents(max(owed, Decimal("0.01"))), left=left, months=offer.months)
