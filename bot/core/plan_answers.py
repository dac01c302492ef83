"""One-message answers about a borrower's loans: paying later, a lender's offer, an input problem."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from bot.core.rate_words import ASKS_LEGALITY
from bot.core.messages import Language, Reply
from bot.core.plan_texts import TEXTS, field_name, kind_label, text
from bot.core.plan_wizard import currency_in
from bot.planner.advice import offer_lines, short_loan_lines
from bot.planner.errors import PlanInputError
from bot.planner.extraction import OfferText, loan_kind
from bot.planner.short_loans import ShortLoanText
from bot.planner.formatting import money
from bot.planner.models import Offer, loan_from_dict, plan_input_from_dict
from bot.planner.offers import analyse_offer, analyse_short_loan
from bot.planner.plan import delay_penalty


def problem_text(error: PlanInputError, value: str, language: Language, balance: str = "") -> str:
    """The error in the user's language, naming the field; examples when it was not a number.

    A Chinese reply carries no English: a message written for the field and code comes first, then
    the error's own Chinese wording, then the code's general message."""
    field = re.sub(r"\[\d+\]", "", error.field.split(".")[-1])
    keys = [f"problem_{error.code}_{field}"]
    if language == "zh" and error.zh:
        keys.append("problem_zh")
    keys.append(f"problem_{error.code}")
    key = next((key for key in keys if key in TEXTS), "problem_invalid")
    problem = error.zh if language == "zh" and error.zh else error.problem
    values = {"line": "?", "column": "?", "limit": "?"} | error.details
    message = text(key, language, field=field_name(field, language), value=error.value or value,
                   accepted=error.accepted, problem=problem, balance=balance, **values)
    if error.code == "not_a_number" and f"examples_{field}" in TEXTS:
        message += ("" if language == "zh" else " ") + text(f"examples_{field}", language)  # "…".e.g. had no space
    return message


def delay_reply(profile: dict[str, Any], days: int, language: Language) -> Reply:
    """ "再晚还10天要多付多少？": the extra penalty per loan over `days` more days, and the total."""
    try:
        plan_input = plan_input_from_dict(profile)
    except PlanInputError as error:
        return Reply(problem_text(error, "", language), language, kind="info")
    cur = plan_input.currency
    lines, total = [text("delay_head", language, days=days)], Decimal(0)
    for loan in plan_input.loans:
        extra = delay_penalty(loan, days)
        total += extra
        assumed = text("assumed", language) if loan.penalty_daily_rate is None else ""
        key = ("delay_overdue" if loan.overdue_amount > 0 else "delay_current_private" if loan.kind == "private"
               else "delay_current_usd" if cur == "USD" else "delay_current")
        amount = loan.overdue_amount if loan.overdue_amount > 0 else loan.min_payment
        lines.append(text(key, language, name=loan.name, amount=money(amount, cur), days=days,
                          penalty=money(extra, cur), assumed=assumed))
    lines.append(text("delay_total", language, total=money(total, cur)))
    if any(loan.kind == "credit_card" for loan in plan_input.loans):
        # a card's late fee is the 违约金 of its agreement, not penalty interest alone (stop 30 red team: ¥8.51 read as all)
        lines.append(text("delay_card_fee", language))
    return Reply("\n".join(lines), language, kind="plan", answered=True)


def _unsaid_currency(language: Language) -> str:
    """The currency of a sum that names none: dollars in English, yuan in Chinese, as the worked answers read it
    ("borrowed 5000 … paying 500 a month for 12 months" was worked in ¥: stop 33 red team)."""
    return "USD" if language == "en" else "CNY"


def short_loan_reply(loan: ShortLoanText, message: str, language: Language, lpr: Decimal, lpr_as_of: date) -> Reply:
    """A loan of days or weeks ("借5000到手3500，7天后还5000"): its cost for the money received, as a year's rate,
    and the law on such loans (the "714" kind)."""
    try:
        received = loan.received if loan.received is not None else loan.principal
        assert received is not None  # parse_short_loan needs one of them
        analysis = analyse_short_loan(received, loan.payment, loan.payments, loan.days, lpr, lpr_as_of, loan.principal)
    except PlanInputError as error:
        return Reply(problem_text(error, message, language), language, kind="info")
    lines = short_loan_lines(analysis, language, currency_in(message) or _unsaid_currency(language))
    return Reply("\n".join(lines), language, kind="plan", answered=True)


def offer_reply(offer: OfferText, profile: dict[str, Any] | None, message: str, language: Language,
                lpr: Decimal, lpr_as_of: date) -> Reply:
    """A lender's instalment offer: its true rate by IRR, its cost, the 24% and 4x LPR flags."""
    loans = (profile or {}).get("loans") or []
    named = [loan for loan in loans if loan["name"] in message]
    mentioned = loan_kind(message)
    if named:
        target = named[0]
    elif mentioned:  # "朋友说…" is about the friend's loan, not whichever loan came first
        target = next((loan for loan in loans if loan["kind"] == mentioned[0]), None)
    else:
        target = loans[0] if loans else None
    kind = target["kind"] if target else (mentioned[0] if mentioned else "bank_loan")
    try:
        principal = offer.principal
        if principal is None and target is not None:
            principal = loan_from_dict(target, 1).owed
        if principal is None:
            return Reply(text("offer_needs_principal", language), language, kind="info")
        analysis = analyse_offer(Offer(offer.months, offer.monthly_payment, offer.fee_per_period, offer.upfront_fee),
                                 principal, kind, lpr, lpr_as_of)
    except PlanInputError as error:
        return Reply(problem_text(error, message, language), language, kind="info")
    # an offer with no lender named is "this loan", not a bank loan (stop 25 red team: "「银行贷款」的方案" for a 网贷)
    name = target["name"] if target else (kind_label(kind, language) if mentioned else
                                          ("这笔借款" if language == "zh" else "this loan"))
    # the currency the message names ("12 payments of 983 on a $10,000 balance"), else the stored plan's
    currency = currency_in(message) or (profile or {}).get("currency") or _unsaid_currency(language)
    lines = offer_lines(analysis, name, language, currency,
                        asks_legality=bool(ASKS_LEGALITY.search(message)))
    return Reply("\n".join(lines), language, kind="plan", answered=True)
