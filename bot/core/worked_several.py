"""Several debts in one question, worked by the planner: "$5,000 at 29.99%, $4,000 at 22%, $3,000 at 18%. I can pay $600 a
month total. Which first and how long?" (stop 32 red team: read as one $12,000 debt at 29.99%, "about 29 months, $4,840.53
of interest"; the orders by rate and by balance give about 26 and 27 months).

Each debt is an amount beside its rate; the monthly budget is the one other amount said with a month. The sums are the
planner's (`run_strategies`, Decimal, interest added monthly at the rate ÷ 12). No minimum payments are stated, so none
are assumed: every payment goes to one debt at a time, in the order tried, and the reply says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from bot.planner.amounts import parse_amount, parse_rate_detail
from bot.planner.errors import PlanInputError
from bot.planner.extraction import loan_kind
from bot.planner.formatting import money, percent
from bot.planner.models import Loan, PlanInput
from bot.planner.simulation import Outcome, run_strategies

MAX_DEBTS = 8
# an amount, then its rate: "$5,000 at 29.99%", "2万 年化18%", "1万，利率24%", "3000 (24% apr)"
_AMOUNT = r"[$¥￥]?\s?\d[\d,]*(?:\.\d+)?\s*(?:k|K|w|万|千|块|元|dollars?)?"
_PAIR = re.compile(rf"(?P<amount>{_AMOUNT})\s*(?:\(|（)?\s*(?:at|@|with|,|，|、)?\s*(?:an?\s+)?(?:年化|年利率|利率|利息|apr|rate)?\s*"
                   rf"(?:of|是|为)?\s*(?P<rate>\d{{1,3}}(?:\.\d+)?)\s*[%％]", re.IGNORECASE)
_MONTH = re.compile(r"a month|per month|/\s?mo(?:nth)?\b|monthly|each month|every month|每月|每个月|一个月|月供|/月", re.IGNORECASE)
_BUDGET = re.compile(rf"(?P<amount>{_AMOUNT})", re.IGNORECASE)
_EXTRA = re.compile(r"\b(?:extra|more|additional|on top)\b|额外|多还|再多", re.IGNORECASE)
_ASKS = re.compile(r"how long|how many (?:months|years)|which (?:one |card |debt |loan )?first|pay (?:off )?first|"
                   r"what order|多久|多长时间|几个月|几年|先还哪|先还哪个|哪个先还|哪笔先|什么顺序|怎么还", re.IGNORECASE)
_USD = re.compile(r"\$|usd|dollars?|bucks|apr", re.IGNORECASE)


@dataclass(frozen=True)
class SeveralDebts:
    debts: tuple[Loan, ...]
    budget: Decimal
    currency: str
    by_rate: Outcome
    by_balance: Outcome


def several_debts_numbers(question: str) -> SeveralDebts | None:
    """The orders by rate and by balance for the debts and the monthly budget the question states; None unless it states
    two or more debts, each an amount with its rate, and one monthly amount, and asks how long or which first."""
    if len(question) > 600 or not _ASKS.search(question):
        return None
    pairs = list(_PAIR.finditer(question))
    if not 2 <= len(pairs) <= MAX_DEBTS:
        return None
    taken = [(m.start(), m.end()) for m in pairs]
    budgets = []
    for found in _BUDGET.finditer(question):
        if any(start <= found.start() < end for start, end in taken):
            continue
        after = question[found.end():found.end() + 18]
        before = question[max(0, found.start() - 12):found.start()]
        if _MONTH.search(after) or re.search(r"(?:每月|每个月|一个月|月)(?:只能|能|可以|最多)?还?\s*$", before):
            budgets.append(found)
    if len(budgets) != 1 or _EXTRA.search(question[max(0, budgets[0].start() - 20):budgets[0].end() + 20]):
        return None  # no budget, two, or "$200 extra a month" (on top of minimums nobody stated)
    currency = "USD" if _USD.search(question) else "CNY"
    try:
        debts = tuple(Loan(name=_name(pair, number, currency, question), kind=_kind(question, pair),
                           balance=parse_amount(pair.group("amount"), money=True),
                           annual_rate=parse_rate_detail(pair.group("rate") + "%").annual, min_payment=Decimal(0))
                      for number, pair in enumerate(pairs, start=1))
        budget = parse_amount(budgets[0].group("amount"), money=True)
        if budget <= 0 or len({d.name for d in debts}) != len(debts):
            return None
        outcomes = run_strategies(PlanInput(loans=debts, monthly_income=Decimal(0), essential_expenses=Decimal(0),
                                            currency=currency, for_debts=budget))
    except PlanInputError:
        return None
    return SeveralDebts(debts, budget, currency, outcomes["avalanche"], outcomes["snowball"])


def _kind(question: str, pair: re.Match[str]) -> str:
    """The kind said just before the debt ("网贷1万"), else in the question, else a card's (the sums do not depend on it)."""
    found = loan_kind(question[max(0, pair.start() - 12):pair.start() + 4]) or loan_kind(question)
    return found[0] if found else "credit_card"


_SAID_BEFORE = re.compile(r"(?:^|[\s,，、;；:：])(?:欠|还有|另外|一张|一笔)?(?P<word>[\u4e00-\u9fff]{2,6}|[A-Za-z][\w ]{0,14}?)\s*$")


def _name(pair: re.Match[str], number: int, currency: str, question: str) -> str:
    """The lender or kind said just before the debt ("网贷1万 年化24%" is 网贷), with its amount and rate; else the amount and
    rate as they were said ("$5,000 @ 29.99%")."""
    amount = money(parse_amount(pair.group("amount"), money=True), currency)
    said = _SAID_BEFORE.search(question[max(0, pair.start() - 16):pair.start()])
    word = said.group("word").strip() if said else ""
    if word and loan_kind(word) is not None:
        return f"{word} {amount} @ {pair.group('rate')}%"
    return f"{amount} @ {pair.group('rate')}%" if len(amount) < 20 else f"#{number}"


def several_debts_text(worked: SeveralDebts, language: str) -> str:
    """The two orders side by side: which debt first, how many months, how much interest."""
    first_by_rate = worked.by_rate.order[0]
    first_by_balance = worked.by_balance.order[0]
    budget = money(worked.budget, worked.currency)

    def line(outcome: Outcome, label: str) -> str:
        if outcome.months is None:
            return f"{label}：{budget} 不够盖住利息，还不完" if language == "zh" else f"{label}: {budget} never clears them"
        interest = money(outcome.total_interest, worked.currency)
        if language == "zh":
            return f"{label}：约 {outcome.months} 个月还清，利息一共约 {interest}"
        return f"{label}: debt-free in about {outcome.months} months, about {interest} of interest"

    same = first_by_rate == first_by_balance
    if language == "zh":
        head = (f"按你的数字算（每月一共 {budget}，利息按年利率 ÷ 12 每月计；你没说最低还款，这里不算最低还款，"
                f"钱一次只还一笔）：")
        orders = ([line(worked.by_rate, f"先还 {first_by_rate}（利率最高，也是余额最小的一笔）")] if same else
                  [line(worked.by_rate, f"先还利率最高的（雪崩法，先还 {first_by_rate}）"),
                   line(worked.by_balance, f"先还余额最小的（雪球法，先还 {first_by_balance}）")])
        return "\n".join([head, *orders,
                          "实际每笔都有最低还款要先付，结果会稍有不同；用 /plan 按你的最低还款算完整计划。"])
    head = (f"With your numbers ({budget} a month in all, interest monthly at the rate ÷ 12; no minimum payments were given, "
            "so each payment goes to one debt at a time):")
    orders = ([line(worked.by_rate, f"{first_by_rate} first (the highest rate and the smallest balance)")] if same else
              [line(worked.by_rate, f"Highest rate first (avalanche, {first_by_rate} first)"),
               line(worked.by_balance, f"Smallest balance first (snowball, {first_by_balance} first)")])
    return "\n".join([head, *orders,
                      "Real cards each need their minimum too, which shifts these a little; /plan works it with your minimums."])
