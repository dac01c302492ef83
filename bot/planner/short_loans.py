"""A loan of days or weeks as borrowers describe it (zh / en): "借了5000，到手3500，7天后还5000", "每周还500，还8周",
"borrowed 1000, got 800, must repay 1000 in 14 days" -> what was borrowed and received, and what is repaid when
(`parse_short_loan`; costed by `bot.planner.offers.analyse_short_loan`). The instalment offers of months are read by
`bot.planner.extraction.parse_offer`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from bot.planner.amounts import normalise, parse_amount
from bot.planner.errors import PlanInputError
from bot.planner.extraction import AMOUNT, MAX_SPLIT_CHARS, _amounts, _blanked, _mask_refused

# A loan repaid at once after a few days or weeks ("借5000到手3500，7天后还5000", "repay 1000 in 14 days"), or in
# weekly payments ("每周还500，还8周", "pay 600 every week for 4 weeks"): the shape of the "714" loans, whose cost the
# monthly offers above cannot state (a 7-day term is no number of months). Read by its parts, each where it is said:
# the term, what is repaid, what was borrowed, what arrived, a fee taken first (stop 26 red team: 40 of 80 phrasings).
_N = r"(?P<n>\d{1,3}|a|one|two|three|four)"
_SHORT_TERM = re.compile(
    rf"(?<!逾期)(?<!晚了)(?<!拖了)(?<!超过)(?:期限|借期|借款期限)?\s*[:：]?\s*{_N}\s*(?P<unit>天|日|周|个?星期|个?礼拜)\s*"
    r"(?:后|之后|内|以内|之内|到期)?(?!\s*(?:了|前|没|逾期))"
    rf"|\b(?:in|after|within|for)\s+{_N.replace('?P<n>', '?P<n2>')}\s+(?P<unit2>days?|weeks?)\b"
    rf"|\b(?P<n3>\d{{1,3}}|a|one|two)[- ](?P<unit3>day|week)\s+loan\b"
    # "one week later", "7 days还五千" (a lateness is refused below, before the term)
    rf"|\b(?P<n4>\d{{1,3}}|a|one|two|three|four)\s+(?P<unit4>days?|weeks?)(?![a-z])(?!\s+(?:late\b|overdue|ago|past))"
    # half a month: 15 days ("半个月后还2000", "in half a month"); the same day next week: 7
    r"|(?P<half>半个?月|half a month)|(?P<week>下周同[一1]天|下个?(?:星期|礼拜)同[一1]天|a week from today|same day next week)",
    re.IGNORECASE)
_OVERDUE_TERM = re.compile(r"逾期|晚了|拖了|overdue|late\b|past due", re.IGNORECASE)
_REPAID = re.compile(rf"(?:应还|要还|需还|还款|归还|一次性还|还|返还)\s*(?:本息)?\s*(?P<value>{AMOUNT})"
                     rf"|\b(?:pay(?:ing)? back|payback(?: is)?|repay|return|owe|total(?: of)?|due\s*(?:for)?|pay|wants?)\s+(?P<en>{AMOUNT})",
                     re.IGNORECASE)
_WEEKLY = re.compile(rf"每(?:周|个?星期)\s*(?:还款?|付|交)?\s*(?P<value>{AMOUNT})"
                     rf"|(?P<en>{AMOUNT})\s*(?:a|per|each|every)\s*week|(?P<en2>{AMOUNT})\s*weekly(?!\s+(?:payments?|instal))"
                     rf"|weekly\s+(?:payments?|instal{{1,2}}ments?)?\s*(?:of\s*)?[:：]?\s*(?P<en3>{AMOUNT})"
                     rf"|\bpay\s+(?P<en4>{AMOUNT})\s+every\s+week", re.IGNORECASE)
_WEEKS = re.compile(r"(?:共|还|分|连续)?\s*(?P<n>\d{1,3})\s*(?:周|个?星期|个?礼拜|期|次)|\bfor\s+(?P<n2>\d{1,3})\s+weeks?\b"
                    r"|[x×*]\s*(?P<n3>\d{1,3})\b|(?P<n4>\d{1,3})\s+weeks?\b", re.IGNORECASE)
_SHORT_PRINCIPAL = re.compile(rf"(?:借款金额\s*[:：]?|借款|借了?|贷了?|本金|合同(?:写|上)?(?:借款?)?|\bborrow(?:ed)?|\bloan(?: of)?|"
                              rf"\btook(?: out)?(?: a loan of)?|\blent me|\bgot a \d+ day loan(?: of)?)\s*(?:款|了|是)?\s*"
                              rf"(?P<value>{AMOUNT})|(?<!\d)(?!714\b)(?P<en>{AMOUNT})\s*(?:dollars?|yuan|rmb)?\s+(?:payday |cash |title |short[- ]term )?loan\b", re.IGNORECASE)
_SHORT_RECEIVED = re.compile(rf"(?:到账金额\s*[:：]?|实际到账|实际到手|到手|到收|到账|到帐|下款|拿到|剩下|(?:实际|只|才)到了?|打给我|转给我|"
                             rf"\bonly got|\bgot(?: only)?|\breceived|\bgave me|\bwired|\bsent(?: me)?|\bdeposited)\s*"
                             rf"(?:只有|才|就)?\s*(?P<value>{AMOUNT})|(?P<en>{AMOUNT})\s*(?:yuan|rmb|dollars?)?\s*"
                             r"(?:arrived|in hand|after fees|deposited)", re.IGNORECASE)
# a fee taken before the money arrived: "手续费800提前扣了", "扣了1千服务费", "前面扣了砍头息1000", "review fee 2k deducted",
# "kept 300 as a fee", "with 300 fee taken"
_FEE_FIRST = re.compile(rf"(?:手续费|服务费|审核费|砍头息|管理费|费用)\s*(?P<value>{AMOUNT})\s*(?:提前|先|预先)?\s*(?:扣|收)"
                        rf"|砍头息?\s*(?P<v3>{AMOUNT})"  # 砍头 is a fee taken first by its name
                        rf"|(?:扣了?|扣掉|先扣(?:掉|了)?|预扣)\s*(?:砍头息|手续费|服务费|审核费|fee)?\s*(?P<v2>{AMOUNT})\s*(?:的)?"
                        r"(?:服务费|手续费|审核费|砍头息)?"
                        # 收 takes a fee only with its name ("收了审核费600", "收500服务费"); "到收3500" is a typo of 到手
                        rf"|收了?\s*(?:砍头息|手续费|服务费|审核费)\s*(?P<v4>{AMOUNT})|收了?\s*(?P<v5>{AMOUNT})\s*(?:的)?"
                        r"(?:服务费|手续费|审核费|砍头息)"
                        rf"|\bdeduct(?:ed|s)?\s+(?:a\s+)?(?P<en4>{AMOUNT})|\bafter\s+(?:the\s+)?(?P<en5>{AMOUNT})\s*['\"‘’“”]?\s*(?:\w+\s+)?fee"
                        rf"|\b(?:fee|fees)\s+(?:of\s+)?(?P<en>{AMOUNT})\s+(?:was\s+)?(?:taken|deducted|kept)"
                        rf"|\bkept\s+(?P<en2>{AMOUNT})\s+as\s+(?:a\s+)?fee|(?P<en3>{AMOUNT})\s+(?:\w+\s+)?fee\s+(?:was\s+)?"
                        r"(?:taken|deducted|kept)", re.IGNORECASE)
# a fee paid on top, not taken first: "另外要交200服务费" (stop 26 red team: "没有成本可算" for a 1043% loan)
_FEE_EXTRA = re.compile(rf"(?:另外|另|额外|还要|再)\s*(?:要|得|需要)?\s*(?:交|付|收)\s*(?P<value>{AMOUNT})\s*(?:的)?"
                        r"(?:服务费|手续费|审核费|管理费|会员费|费)"
                        rf"|\b(?:plus|and) (?:a |an )?(?P<en>{AMOUNT})\s*(?:\w+\s+)?fee\b(?!\s+(?:taken|deducted|kept))", re.IGNORECASE)
# a fee said with no word of when it is paid: on a payday loan it is paid with the loan at its term ("payday loan 500 dollars,
# fee 75 for 2 weeks, whats the APR": stop 33 red team, a wizard step)
_FEE_SAID = re.compile(rf"\b(?:fee|charge|finance charge)\s*(?:is|of|was|:)?\s*(?P<en>{AMOUNT})(?!\s*%)"
                       rf"|(?P<en2>{AMOUNT})\s*(?:dollars?\s*|bucks\s*)?(?:finance |flat |service |loan )?(?:fee|charge)\b", re.IGNORECASE)
_WORD_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
# a loan already repaid is asked about for another reason ("已经还清了…现在还在催"): not costed
_ALREADY_REPAID = re.compile(r"已经?还清|还清了|已结清|\balready (?:paid|repaid)|\bpaid (?:it )?off\b", re.IGNORECASE)


def _first(match: re.Match[str] | None, *groups: str) -> str | None:
    return next((match.group(g) for g in groups if match is not None and match.group(g)), None)


def _money(value: str | None) -> Decimal | None:
    return parse_amount(value.strip(), "offer.amount", money=True) if value else None


@dataclass(frozen=True)
class ShortLoanText:
    """A loan of days or weeks as described in chat: what was borrowed and received, and what is repaid when."""

    principal: Decimal | None
    received: Decimal | None
    payment: Decimal  # the one repayment, or each weekly one
    payments: int  # 1, or the number of weekly payments
    days: int  # between payments: the whole term for one repayment, 7 for weekly ones


# A payday loan's price: "15 dollars per 100 every 2 weeks", "$15 fee per $100 for 2 weeks", "每100元每周收2元" is read by
# the wizard's penalty step too (stop 27 red team: an article instead; stop 34: asked outside a plan, an article on missed
# payments)
_FEE_PER_100 = re.compile(r"\$?(?P<fee>\d+(?:\.\d+)?)\s*(?:dollars?|bucks|元|块)?\s*(?:fee|charge)?\s*"
                          r"(?:per|for every|for each|every|a|/|on)\s*\$?(?P<per>\d+(?:,\d{3})*)\s*"
                          r"(?:dollars?|元|块)?\s*(?:borrowed\s*)?(?:every|per|each|a|/|for)\s*(?P<n>\d+|two|one)?\s*"
                          r"(?P<unit>weeks?|days?|months?)", re.IGNORECASE)
_UNIT_DAYS = {"week": 7, "day": 1, "month": Decimal(365) / 12}


def fee_per_amount(text: str) -> tuple[Decimal, Decimal, Decimal] | None:
    """(fee, per amount borrowed, days) of a price said per amount and period, or None."""
    match = _FEE_PER_100.search(text)
    if match is None:
        return None
    count = {"two": 2, "one": 1}.get((match.group("n") or "1").lower()) or int(match.group("n") or 1)
    days = Decimal(str(_UNIT_DAYS[match.group("unit").lower().rstrip("s")])) * count
    # per any amount borrowed ("90 dollars per 600 every 2 weeks": stop 28 red team, saved as a balance of $90)
    per = Decimal(match.group("per").replace(",", ""))
    if per <= 0 or days <= 0:
        return None
    return Decimal(match.group("fee")), per, days


def parse_short_loan(text: str) -> ShortLoanText | None:
    """A loan repaid after days or in weeks ("借5000到手3500，7天后还5000"), or None."""
    lowered = _mask_refused(normalise(text[:MAX_SPLIT_CHARS]))
    if _ALREADY_REPAID.search(lowered):
        return None
    price = fee_per_amount(lowered)
    if price is not None and price[2] == price[2].to_integral_value() and price[2] <= 31:
        fee, per, days = price  # "$15 fee per $100 for 2 weeks": that loan of 100, repaid with its fee at term
        return ShortLoanText(per, None, per + fee, 1, int(days))
    try:
        weekly = _WEEKLY.search(lowered)
        if weekly is not None:
            rest = _blanked(lowered, weekly)
            weeks = re.search(r"(?<![\d$¥.,])(?P<n>\d{1,2})\s+weekly\s+(?:payments?|instal)", lowered) or _WEEKS.search(rest)  # "8 weekly payments of $100"
            if weeks is None:
                return None
            payment, payments, days = _money(_first(weekly, "value", "en", "en2", "en3", "en4")), int(_first(
                weeks, "n", "n2", "n3", "n4") or 0), 7
            rest = _blanked(rest, weeks) if weeks.string is rest else rest
        else:
            term = _SHORT_TERM.search(lowered)
            if term is None or _OVERDUE_TERM.search(lowered[max(0, term.start() - 4):term.start()]):
                return None  # "逾期7天了": how late, not how long the loan runs
            if term.group("half") or term.group("week"):
                days = 15 if term.group("half") else 7
            else:
                count = _first(term, "n", "n2", "n3", "n4") or "1"
                unit = (_first(term, "unit", "unit2", "unit3", "unit4") or "").lower()
                days = (_WORD_NUMBERS.get(count.lower()) or int(count)) * (7 if unit[0] in "周星w个礼" else 1)
            rest = _blanked(lowered, term)
            # what is repaid: said after the term, else anywhere, else the amount right after it ("due in 2 weeks 2000")
            after = rest[term.start():]
            repaid = _REPAID.search(after) or _REPAID.search(rest) or re.match(rf"\s*(?P<value>{AMOUNT})(?P<en>)", rest[term.end():])
            payment, payments = _money(_first(repaid, "value", "en")), 1
            if repaid is not None:
                rest = (rest[:term.start()] + _blanked(after, repaid) if repaid.string is after else
                        _blanked(rest, repaid) if repaid.string is rest else
                        rest[:term.end()] + _blanked(rest[term.end():], repaid))
        principal_match = _SHORT_PRINCIPAL.search(rest)
        principal = _money(_first(principal_match, "value", "en"))
        if principal_match is not None:
            rest = _blanked(rest, principal_match)
        arrived = list(_SHORT_RECEIVED.finditer(rest))  # "got 5k …, so only got 4k": the last is what arrived
        received = _money(_first(arrived[-1], "value", "en")) if arrived else None
        if principal is None and len(arrived) > 1:
            principal = _money(_first(arrived[0], "value", "en"))
        fee = _money(_first(_FEE_FIRST.search(rest), "value", "v2", "v3", "v4", "v5", "en", "en2", "en3", "en4", "en5"))
    except (PlanInputError, ValueError):
        return None
    if payment is None and principal is not None and received is not None and received < principal:
        payment = principal  # "borrowed 5000, only got 3500, due in 2 weeks": the sum borrowed is repaid
    if payment is None and payments == 1 and fee is None and principal is not None and received is None and (
            said := _FEE_SAID.search(rest)) is not None:
        try:
            payment = principal + (_money(_first(said, "en", "en2")) or Decimal(0))
        except (PlanInputError, ValueError):
            return None
    extra = _FEE_EXTRA.search(lowered)
    if extra is not None and payment is not None and payments == 1:
        try:
            payment += _money(_first(extra, "value", "en")) or Decimal(0)  # paid with the loan at its term
        except (PlanInputError, ValueError):
            return None
    if principal is None and received is None:
        first = next(_amounts(rest), None)  # "一万块 21天后还一万二": the sum before the term
        principal = first[1] if first is not None else None
    if principal is None and received is not None and fee is not None and fee < received:
        principal, received = received, received - fee  # "下款3000扣400服务费": 3,000 lent, 2,600 arrived
    if received is None and fee is not None and principal is not None and fee < principal:
        received = principal - fee
    if payment is None or days < 1 or payments < 1 or (principal is None and received is None):
        return None
    return ShortLoanText(principal, received, payment, payments, days)
