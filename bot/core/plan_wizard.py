"""The /plan wizard's state, typed (`PlanDraft`, stored as JSON), and reading each answer.

The draft holds the finished loans in the planner's JSON form, the loan being collected (`current`,
a partial dict), the income and expenses, and whether loans are still being added. The next step is
always derived from the draft, so a restart continues where the user was.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from bot.planner.amounts import Rate, parse_amount, parse_days, parse_rate_detail
from bot.planner.errors import PlanInputError
from bot.planner.extraction import (
    NO_INTEREST, NO_MINIMUM, NOT_OVERDUE, amounts_in, decimal_text, extract_loan, loan_kind, rate_in, without_chat_endings,
)
from bot.planner.formatting import money, percent
from bot.planner.short_loans import fee_per_amount
from bot.planner.models import (
    DAYS_PER_YEAR, MAX_LOANS, assumed_penalty_factor, check_annual_rate, check_days, check_not_negative, check_positive, loan_from_dict,
    loan_to_dict,
)
from bot.core.plan_texts import kind_label

FLOW = "plan"
LOAN_STEPS = ("kind", "name", "balance", "annual_rate", "min_payment", "days_overdue")
OVERDUE_STEPS = ("overdue_amount", "penalty_daily_rate")
BUDGET_STEPS = ("monthly_income", "essential_expenses")
MONEY_STEPS = ("balance", "min_payment", "overdue_amount", "monthly_income", "essential_expenses")
_ANNUAL_WORDS = re.compile(r"年|year|annual|apr|p\.a\.", re.IGNORECASE)

# Whole answers to "any other debts?", after normalising (lower case, punctuation and spaces out):
# "只有这些", "不是", "i have no more" are answers that mean done, never "add" by a word inside them.
_ADD_ANSWERS = frozenset({
    "有", "有的", "还有", "还有一笔", "还有别的", "还有的", "是", "是的", "对", "对的", "嗯", "要", "再加", "再加一笔",
    "加一笔", "加", "继续", "继续加", "还要加",
    "yes", "y", "yeah", "yep", "sure", "add", "add another", "add another loan", "add one", "add one more",
    "another", "another one", "one more", "more", "i have more", "i have another", "i have one more",
    "there is more", "there's more", "there are more", "yes another", "yes one more",
})
_DONE_ANSWERS = frozenset({
    "没有", "没有了", "没了", "没", "无", "不", "不是", "否", "不用", "不用了", "不要", "没有别的", "没有别的了",
    "没别的了", "没其他的", "没有其他的", "就这些", "就这些了", "只有这些", "只有这些了", "就这么多", "就这么多了",
    "填完了", "填完", "完了", "好了", "算吧", "开始算吧", "可以了", "够了",
    "no", "n", "nope", "none", "nothing else", "no more", "i have no more", "i have nothing else", "that's all",
    "thats all", "that is all", "that's it", "thats it", "done", "finished", "all done", "no thanks", "that's everything",
})
# "no that's it", "nope that's everything", "没有其他的了", "不是 就这一笔" (stop 27 red team: "no article on that")
_DONE_SAID = re.compile(r"(?:(?:no|nope|nah|n|ok|okay)\s*)?(?:(?:that'?s|that is|thats|it'?s)\s+(?:it|all|everything|all of them)|"
                        r"(?:no|nothing)\s+(?:more|else|other)(?:\s+(?:debts?|loans?|ones?))?|i'?m done|(?:all\s+)?done|finished|"
                        r"none|no|nope|nah|only (?:that|this|those|these)(?: one)?)(?:\s+(?:thanks|thank you|for now|now))?|"
                        r"(?:不是|没有|没)?\s*(?:没有?(?:其他|其它|别)的?(?:欠款|债|贷款)?了?|就(?:这些|这么多|这一笔|这笔|这两笔|这几笔|这两个|这几个|这俩|这个|这一个)了?|"
                        r"没了|没有了|只有(?:这些|这一笔|这笔)了?)")
# a space between Chinese words too: "没了 就这两个" (stop 29 red team: read as distress, the wizard left)
_SEPARATORS = re.compile(r"[，,。.!！?？;；、~～…]+|(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
_DOLLARS = re.compile(r"\$|\busd\b|dollars?|美元|美金", re.IGNORECASE)
_YUAN = re.compile(r"¥|￥|人民币|\brmb\b|\bcny\b|yuan|[0-9万千]\s*(?:元|块)", re.IGNORECASE)
# Lenders that lend in dollars: a list of them with no currency typed is in dollars ("capital one - 2.1k")
_US_LENDERS = re.compile(r"\b(?:capital one|discover|synchrony|citi(?:bank)?|chase|wells fargo|bank of america|barclays|"
                         r"lendingclub|lending club|sofi|navient|sallie mae|paypal credit|upstart|affirm|klarna|afterpay|"
                         r"ally|amex|american express|best buy|target|speedy cash|oportun|onemain|one main|avant|prosper|"
                         r"best egg|marcus|upgrade|nelnet|mohela|aidvantage|credit one|mission lane|merrick|us bank|"
                         r"u\.s\. bank|pnc|truist|td bank|usaa|navy federal)\b", re.IGNORECASE)


@dataclass
class PlanDraft:
    """The wizard's typed state; `to_json`/`from_json` are what the `Wizards` store keeps."""

    loans: list[dict[str, Any]] = field(default_factory=list)  # finished loans, the planner's JSON form
    current: dict[str, Any] | None = field(default_factory=dict)  # the loan being collected, or None
    collecting: bool = True  # still adding loans
    monthly_income: str | None = None
    essential_expenses: str | None = None
    strategy: str | list[str] | None = None
    currency: str = "CNY"
    pending: list[dict[str, Any]] = field(default_factory=list)  # loans named in the same message, in turn
    currency_said: bool = False  # a currency or a US lender was named (else bare amounts follow the language)
    last: str | None = None  # the step answered last: what "刚才说错了，是1.5万" corrects
    for_debts: str | None = None  # what the borrower said they can put toward the debts a month ("每个月只能拿出2000还债")

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlanDraft:
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        draft = cls(**known)
        draft.loans = list(draft.loans or [])
        draft.pending = [dict(loan) for loan in draft.pending or [] if isinstance(loan, dict)]
        draft.currency = draft.currency or "CNY"
        return draft

    @classmethod
    def from_profile(cls, profile: dict[str, Any] | None, collecting: bool = True) -> PlanDraft:
        """A new wizard; with a stored profile, its loans and budget are kept and a loan is added."""
        profile = profile or {}
        return cls(loans=list(profile.get("loans") or []), current={} if collecting else None, collecting=collecting,
                   monthly_income=profile.get("monthly_income"), essential_expenses=profile.get("essential_expenses"),
                   strategy=profile.get("strategy"), currency=profile.get("currency") or "CNY",
                   currency_said=bool(profile.get("loans")), for_debts=profile.get("for_debts"))

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def set_for_debts(self, amount: str) -> None:
        """The monthly amount for the debts, said outright: the income and costs are not asked (the planner needs an income:
        the amount, less no costs, unless they were given)."""
        self.for_debts = amount
        if self.monthly_income in (None, ""):
            self.monthly_income, self.essential_expenses = amount, "0"
        elif self.essential_expenses in (None, ""):
            self.essential_expenses = "0"

    def budget(self, step: str) -> str | None:
        return self.monthly_income if step == "monthly_income" else self.essential_expenses

    def set_budget(self, step: str, value: str) -> None:
        self.for_debts = None  # income and costs said: the budget is their difference again
        if step == "monthly_income":
            self.monthly_income = value
        elif step == "essential_expenses":
            self.essential_expenses = value
        else:
            raise ValueError(f"{step} is not a budget step")


def currency_in(text: str) -> str | None:
    """The currency an answer names ("$5,000" -> USD, "2万元" -> CNY, "capital one 2100" -> USD), or None."""
    if _DOLLARS.search(text):
        return "USD"
    if _YUAN.search(text):
        return "CNY"
    if _US_LENDERS.search(text):
        return "USD"
    return None


def next_step(draft: PlanDraft) -> str:
    """The field to ask for next, "finish_loan", "more", or "compute" when everything is known."""
    current = draft.current
    if current is not None:
        for step in LOAN_STEPS:
            if step not in current:
                return step
        if int(current["days_overdue"]) > 0:
            for step in OVERDUE_STEPS:
                # outside China no penalty-interest rule prices a delay (a US card charges a late fee set by its
                # agreement): the penalty is not asked, and the plan says it is not counted
                if step not in current and not (step == "penalty_daily_rate" and not assumed_penalty_factor(draft.currency)):
                    return step
        return "finish_loan"
    if draft.collecting:
        return "more"
    for step in BUDGET_STEPS:
        if draft.budget(step) in (None, ""):
            return step
    return "compute"


def default_name(draft: PlanDraft, language: str) -> str:
    kind = (draft.current or {}).get("kind", "bank_loan")
    separator = "" if language == "zh" else " "
    return unique_name(draft, f"{kind_label(kind, language)}{separator}{len(draft.loans) + 1}")


def unique_name(draft: PlanDraft, name: str) -> str:
    taken = {loan["name"] for loan in draft.loans}
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name} ({number})", number + 1
    return candidate


# A message of numbers, units and symbols only, no word: "0", "0元", "24%", "3万5", "🙂".
NO_WORDS = re.compile(r"(?:[\d\s.,，。:：%％¥$+\-/元块万千百十亿kKwW天日月个周年]|[^\w])*")


def is_amount(text: str) -> bool:
    """Whether a whole answer is an amount ("3万多", "两万", "5k")."""
    try:
        parse_amount(text, "balance")
    except PlanInputError:
        return False
    return True


def _amount_in_answer(text: str, field: str) -> Decimal:
    """The amount a step's answer gives: the answer itself ("3万", "5k"), else the one amount said in a
    sentence ("欠3万", "一共欠8000", "I owe about 5k", "150 a month"; stop 22: each was "couldn't read").
    Two or more amounts in the sentence stay refused: which one is meant is the user's to say."""
    try:
        return parse_amount(text, field)
    except PlanInputError as error:
        if error.code != "not_a_number":
            raise
        found = amounts_in(text)
        if len(found) != 1:
            raise
        return found[0]


# "好的", "ok", "嗯" typed at the name step say "go on", not what the loan is called (stop 22: it became the name)
ACKNOWLEDGEMENT = re.compile(r"\s*(?:好的?|好吧|好滴|嗯+|行|可以|收到|对|是的?|ok(?:ay)?|yes|yeah|yep|sure|fine)[!！。.~]*\s*",
                             re.IGNORECASE)


def parse_answer(field: str, text: str) -> Any:
    """One answer for `field`, checked; returned JSON-able. Raises PlanInputError naming the problem. A sentence whose
    last part is a plain answer ("大概两千多吧，2300", "逾期了一个多月，35天", "就是两期没还，4300": each "没看懂", stop 27
    red team) is read by that part."""
    if field == "balance" and len(text) <= 80 and _OWED_NOW.search(text) and len(amounts_in(text)) >= 2 and (
            owed := extract_loan(text).get("balance")) and not loan_kind(text):
        # "I borrowed 500 but now they say I owe 575": what is owed now, not the first amount
        return decimal_text(check_positive(owed, field))
    try:
        return _parse_answer(field, text)
    except PlanInputError:
        pieces = re.split(r"[，,;；]", text.strip().rstrip("。.!！"))
        last, earlier = pieces[-1].strip(), "，".join(pieces[:-1])
        # not when the words before name a debt: "信用卡2万，借呗1万" is two debts, which one is meant is the user's to say
        if field in ("kind", "name") or not last or len(pieces) < 2 or len(text) > 60 or loan_kind(earlier):
            raise
        return _parse_answer(field, last)


_NO_PENALTY = re.compile(r"(?:none|no penalty|no penalties|no fee|no late fee|nothing|zero|没有罚息|不收罚息|没罚息|无罚息|没有|无)"
                         r"[.!。！]?", re.IGNORECASE)
_NO_INCOME = re.compile(r"没有?收入|没工作|失业|没上班|无收入|零收入|\bno income\b|\bunemployed\b|\bnot working\b|\blost my job\b|"
                        r"\bno job\b|\bnothing\b", re.IGNORECASE)
_OWED_NOW = re.compile(r"\bowe\b|\bowing\b|欠|还剩|剩下|\bleft\b|\bnow\b|现在", re.IGNORECASE)
# "就叫借呗吧", "call it Chase", "名字是招行": the name inside the words that give it (stop 27: "就叫借呗吧" was the name)
_NAME_SAID = re.compile(r"^\s*(?:(?:就|那就|那)?(?:叫它?|叫做|名字(?:是|叫)|就用|用)\s*|(?:call it|name it|it'?s called|let'?s call it|"
                        r"(?:it'?s|its|it is)\s+(?:from|with|at|through)|(?:it'?s|its|it is)|from|with)\s+)"
                        r"(?P<name>.+?)\s*(?:吧|好了|就行|就好|please)?\s*[。.!！]?\s*$", re.IGNORECASE)


def _parse_answer(field: str, text: str) -> Any:
    if field == "kind":
        found = loan_kind(text)
        if not found:
            raise PlanInputError("kind", f"'{text}' is not a kind of loan", "信用卡, 网贷, 银行贷款, 私人借款",
                                 code="unknown")
        return found[0]
    if field == "name":
        said = _NAME_SAID.match(text)
        name = without_chat_endings((said.group("name") if said else text).strip())[:30]
        name = name[:-1] if len(name) > 2 and name.endswith("的") else name  # "工行的" is 工行
        if not name:
            raise PlanInputError("name", "is empty", code="missing")
        # "3万多", "两万": an amount typed one step early, not a name (stop 22: it became the name)
        if NO_WORDS.fullmatch(name) or is_amount(name) or ACKNOWLEDGEMENT.fullmatch(name):
            # "20000" at the name step is an amount typed one step late, not a name
            raise PlanInputError("name", f"'{name}' has no letters; a name is what you call the loan",
                                 "招行信用卡, 借呗, my Visa", code="not_a_name", zh=f"「{name}」不像名字，请写上这笔欠款的叫法")
        return name
    if field in ("balance", "overdue_amount"):
        return decimal_text(check_positive(_amount_in_answer(text, field), field))
    if field == "min_payment" and len(text) <= 80 and NO_MINIMUM.search(text) and not re.search(r"\d", text):
        return "0"  # "没有最低，随时还", "no minimum": a family loan repaid when one can
    if field == "monthly_income" and _NO_INCOME.search(text) and not re.search(r"\d", text):
        return "0"  # "现在失业了，没有收入" (stop 27 red team: an article); the plan then says what to negotiate
    if field in ("min_payment", "monthly_income", "essential_expenses"):
        return decimal_text(check_not_negative(_amount_in_answer(text, field), field))
    if field == "annual_rate" and len(text) <= 40 and NO_INTEREST.search(text):
        return "0"  # "没利息", "她不收利息", "no interest": most loans from family and friends (stop 25 red team)
    if field == "annual_rate":
        detail = _rate_detail(text, field)
        if detail.basis == "annual" and 0 < detail.per_period < Decimal("0.01") and not _ANNUAL_WORDS.search(text):
            # "0.05%" is how online lenders quote a DAILY rate; as a yearly one it would be implausible
            raise PlanInputError(field, f"'{text}' a year is implausibly low: is it per day?", "日息0.05%, 年化18%",
                                 code="per_day")
        return decimal_text(check_annual_rate(detail.annual, field))
    if field == "days_overdue" and len(text) <= 60 and not re.search(r"\d", text) and NOT_OVERDUE.search(text):
        return 0  # "no its current", "its current", "nope, not late" (stop 33: "I couldn't read", or an article)
    if field == "days_overdue":
        try:
            days = _days(text, field)
        except PlanInputError:
            if re.fullmatch(r"\s*[\d,，]{4,}\s*", text):  # "8000" got "最多 3650 天", not whether it is an amount (stop 33)
                raise _an_amount_at_the_days_step(text, field) from None
            raise
        if days > 365 and not re.search(r"天|日|月|周|星期|年|day|week|month|year", text, re.IGNORECASE):
            # "3000" or "两三千" with no unit at this step is an amount typed at the wrong step (stop 22: the
            # plan then showed "逾期 3000 天" and ¥6,750 of penalty); "3000天" is taken as written
            raise _an_amount_at_the_days_step(text, field)
        return check_days(days, field)
    if field == "penalty_daily_rate" and _NO_PENALTY.fullmatch(text.strip()):
        return "0"  # "none", "没有罚息" (stop 27 red team: "no article on that")
    if field == "penalty_daily_rate":
        detail = _rate_detail(text, field)
        per_day = detail.annual / DAYS_PER_YEAR
        if detail.basis == "annual" and not _ANNUAL_WORDS.search(text):
            per_day = detail.per_period  # "0.075%" asked for a daily rate is per day
        check_annual_rate(per_day * DAYS_PER_YEAR, field)
        return decimal_text(per_day)
    raise PlanInputError(field, "is not something the planner asks for", code="invalid")


_DAY_RATE_SHORT = re.compile(r"^\s*(?:每天|每日|日)(?=\s*[\d万千])")
_LATE_WORDS = re.compile(r"^\s*(?:已经|大概|差不多|快|about|around|like|almost|roughly|逾期了?|overdue|late|yes|yeah|yep|"
                         r"it'?s|its|it is|i'?m|i am)[,，]?\s*|"
                         r"\s*(?:了|吧|左右|late|overdue|behind|past due|now|already)\s*[.!。！]?\s*$", re.IGNORECASE)


def _fee_per_100(text: str) -> Rate | None:
    price = fee_per_amount(text)
    if price is None:
        return None
    fee, per, days = price
    return Rate("daily", (fee / per / days).quantize(Decimal("0.0000001")))


def _rate_detail(text: str, field: str) -> Rate:
    """A rate written as the step asks, else the one a sentence states ("合同写的罚息是日息0.09%", "罚息日息万分之五", "日0.1%":
    each "not a rate", stop 27 red team)."""
    try:
        return parse_rate_detail(text, field)
    except PlanInputError:
        found = (_fee_per_100(text) or rate_in(_DAY_RATE_SHORT.sub("日息", text))) if len(text) <= 80 else None
        if found is None:
            raise
        return found


def _an_amount_at_the_days_step(text: str, field: str) -> PlanInputError:
    return PlanInputError(field, f"'{text.strip()}' days is over a year: is it an amount?", "15, 15天, 3个月",
                          code="days_unit", value=text.strip())


def _days(text: str, field: str) -> int:
    """Days as the step asks, else with the words of lateness around them ("45 days late", "2 months late")."""
    try:
        return parse_days(text, field)
    except PlanInputError:
        # "nope没逾期" (stop 30 second red team: an article on jail, and the next answer taken for this step)
        # and "i said 2 weeks", "我说了 15天" (stop 33 red team: "I couldn't read")
        trimmed = re.sub(r"^\s*(?:(?:nope|no|nah|yeah|yes|ok|okay|um|uh|like i said|i said|i told you|嗯|哦|啊|额|我说了|说了|都说了)"
                         r"[\s,，.。!！]*)+", "", text, flags=re.IGNORECASE)
        for _ in range(3):
            trimmed = _LATE_WORDS.sub("", trimmed)
        if trimmed == text or not trimmed:
            raise
        return parse_days(trimmed, field)


def check_against_current(draft: PlanDraft, field: str, value: Any) -> None:
    """Checks that need the rest of the loan: the overdue amount and the monthly minimum are part of the
    balance ("five thousand dollars" as the minimum of a 1,500 debt is a slip, stop 23)."""
    current = draft.current or {}
    if field in ("overdue_amount", "min_payment") and "balance" in current and Decimal(value) > Decimal(current["balance"]):
        raise PlanInputError(field, f"{value} is more than the balance {current['balance']}", "at most the balance",
                             code="too_high")


def says_done(text: str) -> bool:
    """Whether a part of the message says there are no more debts ("done. take home is 4800 a month", "填完了。工资5500")."""
    flat = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    parts = [" ".join(part.split()) for part in _SEPARATORS.split(flat) if part.strip()]
    return any(part in _DONE_ANSWERS or _DONE_SAID.fullmatch(part) for part in parts)


def wants_more(text: str) -> bool | None:
    """At the "any other debts?" step: True (add), False (done) or None (not an answer to it).
    Each part of the message ("没有了，就这些") must be a whole answer; a word inside a longer answer
    ("只有这些" holds "有") does not count."""
    flat = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    parts = [" ".join(part.split()) for part in _SEPARATORS.split(flat) if part.strip()]
    if not parts:
        return None
    if all(part in _DONE_ANSWERS or _DONE_SAID.fullmatch(part) for part in parts):
        return False
    if all(part in _ADD_ANSWERS for part in parts):
        return True
    return None


def apply_fields(draft: PlanDraft, fields: dict[str, Any]) -> None:
    """Put what `extract_loan` understood into the loan being collected (starting one if needed)."""
    if draft.current is None:
        draft.current = {}
        draft.collecting = True
    draft.current.update(stored_fields(fields))
    if "name" in fields:
        draft.current["name"] = unique_name(draft, str(fields["name"]))


def add_fields(draft: PlanDraft, fields: dict[str, Any]) -> None:
    """Put fields the loan being described lacks into it (a rate given when its kind was asked), as stored."""
    assert draft.current is not None
    draft.current.update({field: value for field, value in stored_fields(fields).items() if field not in draft.current})


def stored_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """What `extract_loan` understood, JSON-able; a stated zero amount ("借了0元") is left out, so its step
    asks for it as it would for a typed 0."""
    return {name: decimal_text(value) if isinstance(value, Decimal) else value for name, value in fields.items()
            if not (name in ("balance", "overdue_amount") and isinstance(value, Decimal) and value <= 0)}


def queue_loans(draft: PlanDraft, loans: list[dict[str, Any]]) -> None:
    """Keep the other loans a message named ("…，借呗1万，花呗5000"): each is collected after the current one."""
    for fields in loans:
        waiting = stored_fields(fields)
        if waiting and len(draft.loans) + len(draft.pending) + 1 < MAX_LOANS:
            draft.pending.append(waiting)


def finish_loan(draft: PlanDraft) -> None:
    """Validate the collected loan as a whole and add it; on error the offending field is asked again."""
    current = dict(draft.current or {})
    current.setdefault("penalty_daily_rate", None)
    if int(current["days_overdue"]) == 0:
        current.pop("overdue_amount", None)
    try:
        loan = loan_from_dict(current, len(draft.loans) + 1)
    except PlanInputError as exc:
        name = exc.field.split(".")[-1]
        (draft.current or {}).pop(name, None)
        raise PlanInputError(name, exc.problem, exc.accepted, exc.code) from None
    draft.loans.append(loan_to_dict(loan))
    draft.current = None
    if len(draft.loans) >= MAX_LOANS:
        draft.collecting = False
        draft.pending = []
    elif draft.pending:  # the next loan the same message named: its missing fields are asked next
        draft.current = draft.pending.pop(0)
        if "name" in draft.current:
            draft.current["name"] = unique_name(draft, str(draft.current["name"]))


def profile_of(draft: PlanDraft) -> dict[str, Any]:
    """The planner's JSON input from a finished wizard: what `Profiles` stores."""
    return {"monthly_income": draft.monthly_income, "essential_expenses": draft.essential_expenses,
            "strategy": draft.strategy, "currency": draft.currency, "loans": draft.loans} | (
        {"for_debts": draft.for_debts} if draft.for_debts not in (None, "") else {})


def loan_lines(loans: list[dict[str, Any]], currency: str, language: str) -> str:
    lines = []
    for index, loan in enumerate(loans, start=1):
        days = int(loan.get("days_overdue") or 0)
        late = (f"，逾期 {days} 天" if language == "zh" else f", {days} days overdue") if days else ""
        rate = percent(Decimal(loan["annual_rate"]))
        if language == "zh":
            lines.append(f"{index}. {loan['name']}（{kind_label(loan['kind'], language)}）：欠 "
                         f"{money(Decimal(loan['balance']), currency)}，年化 {rate}，最低 "
                         f"{money(Decimal(loan['min_payment']), currency)}{late}")
        else:
            lines.append(f"{index}. {loan['name']} ({kind_label(loan['kind'], language)}): "
                         f"{money(Decimal(loan['balance']), currency)} at {rate} a year, minimum "
                         f"{money(Decimal(loan['min_payment']), currency)}{late}")
    return "\n".join(lines)


def _find(draft: PlanDraft, index: int | None, name: str | None) -> tuple[str, dict[str, Any]] | None:
    """A debt of the draft by its number in the list shown (the one being described is the next number) or by its name
    (whole, else part of it, without case), whether finished, being described or waiting its turn."""
    current = draft.current if draft.current else None
    everything: list[tuple[str, dict[str, Any]]] = [("loans", loan) for loan in draft.loans]
    everything += [("current", current)] if current is not None else []
    everything += [("pending", loan) for loan in draft.pending]
    if index is not None:
        return everything[index - 1] if 1 <= index <= len(everything) else None
    if name:
        wanted = name.lower()
        named = [(where, loan) for where, loan in everything if loan.get("name")]
        exact = [entry for entry in named if str(entry[1]["name"]).lower() == wanted]
        partial = [entry for entry in named if wanted in str(entry[1]["name"]).lower() or str(entry[1]["name"]).lower() in wanted]
        return (exact or partial or [None])[0]
    return None


def remove_loan(draft: PlanDraft, index: int | None, name: str | None) -> dict[str, Any] | None:
    """Take a debt out of the draft (found as `_find` finds it); the loan taken out, or None when none matches. The next
    waiting debt, or a new one, is then described."""
    found = _find(draft, index, name)
    if found is None:
        return None
    where, loan = found
    if where == "loans":
        draft.loans.remove(loan)
    elif where == "pending":
        draft.pending.remove(loan)
    else:
        draft.current = draft.pending.pop(0) if draft.pending else None
    if draft.current is None and not draft.loans and draft.collecting:
        draft.current = {}  # nothing left: the next debt is asked for, not "0 so far, any other debts?"
    return loan


def relabel_loan(draft: PlanDraft, index: int | None, name: str | None, new_name: str | None,
                 kind: str | None, it: bool = False) -> dict[str, Any] | None:
    """Give a debt of the draft a new name ("把第一笔改名叫工行") or kind ("Chase Freedom is a credit card"); the loan, or None
    when none matches. `it`: the debt being described, else the last one ("its a bank loan not a credit card")."""
    found = _find(draft, index, name)
    if found is None and it:
        found = ("current", draft.current) if draft.current else ("loans", draft.loans[-1]) if draft.loans else None
    if found is None:
        return None
    loan = found[1]
    if new_name:
        taken = {str(other.get("name")) for other in draft.loans if other is not loan}
        loan["name"] = new_name if new_name not in taken else unique_name(draft, new_name)
    if kind:
        loan["kind"] = kind
    return loan
