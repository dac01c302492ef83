"""Which loan each part of a mid-wizard message is about, by the loans' names.

While the wizard asks about one loan, borrowers name loans: "借呗年化18%" answers the rate of 借呗 (it was
"没看懂"), "花呗最低还500" at 微粒贷's rate step is 花呗's minimum (it was saved as 微粒贷's), "我还欠微粒贷4000，年化24%"
is another debt (it replaced the loan being described: 借呗 was lost), "discover is 27% and chase is 24%" gives two
loans' rates (stop 26 multi-turn red team). A part that names a loan of the draft is about that loan; a part that
names a loan the draft lacks, with something owed or a rate, is a new debt, asked about in its turn; a part that
names none belongs to the part before it (or to the loan being described).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from bot.core.plan_wizard import LOAN_STEPS, OVERDUE_STEPS, PlanDraft
from bot.planner.amounts import parse_amount
from bot.planner.errors import PlanInputError
from bot.planner.extraction import CJK_KIND_WORDS, NOT_OVERDUE, extract_loan, loan_kind, message_parts, with_not_overdue

Where = Literal["current", "pending", "finished", "new"]
# What a part may say about a loan; its kind only for a new one.
LOAN_FIELDS = ("balance", "annual_rate", "min_payment", "days_overdue", "overdue_amount", "penalty_daily_rate")
# The steps once the loan being described has a name; a new debt only once its amount is known (before, a loan
# named with an amount at the amount step is the one being described under another name).
_NAMED_STEPS = frozenset(LOAN_STEPS[2:] + OVERDUE_STEPS)
_NEW_DEBT_STEPS = frozenset(LOAN_STEPS[3:] + OVERDUE_STEPS)
# What joins a name to what is said about it: "借呗的年化是18%", "discover is 27%", "Chase: 24%"
_JOINER = re.compile(r"^\s*(?:(?:的|是|为|这笔|这个|那笔|那个|:|：|,|，|-|–|—|is\b|are\b|'s\b|’s\b|has\b|at\b|card\b)\s*)*",
                     re.IGNORECASE)
MAX_CHARS = 600
_BOTH = re.compile(r"都|全都|两个|两笔|\b(?:both|all|neither|none of them)\b", re.IGNORECASE)


@dataclass
class Part:
    """What one part of a message says about one loan."""

    where: Where
    name: str
    text: str  # the part without the loan's name
    fields: dict[str, Any]
    loan: dict[str, Any] | None = None  # the draft's own dict for a pending or finished loan


def _pattern(name: str) -> re.Pattern[str]:
    escaped = re.escape(name)
    if name.isascii():
        return re.compile(rf"(?<![A-Za-z0-9]){escaped}(?![A-Za-z0-9])", re.IGNORECASE)
    return re.compile(escaped, re.IGNORECASE)


# Words that name no one debt: "Chase Freedom card" is found by "chase" or "freedom", never by "card"
_GENERIC = frozenset("loan loans card cards credit personal bank car student auto the my a an from with on of and debt "
                     "account line payday cash store".split())
_GENERIC_ZH = ("信用卡", "贷款", "借款", "网贷", "卡")


def _keys(name: str) -> list[str]:
    """How a debt may be named in a later message: its whole name, its distinctive words ("ally" of "car loan from Ally"),
    the name without a generic word ("招行" of "招行信用卡"), a lender's name inside it ("白条" of "京东白条")."""
    keys = [name]
    if name.isascii():
        keys += [word for word in re.findall(r"[a-z0-9&']+", name.lower()) if len(word) >= 3 and word not in _GENERIC]
    else:
        core = name
        for word in _GENERIC_ZH:
            core = core.replace(word, "")
        keys += [core] if len(core) >= 2 and core != name else []
        keys += [word for word in CJK_KIND_WORDS if len(word) >= 2 and word in name and word != name and word not in _GENERIC_ZH]
    return list(dict.fromkeys(keys))


def _known(draft: PlanDraft) -> list[tuple[Where, str, dict[str, Any] | None, str]]:
    """The draft's loans by each way they may be named, longest first ("招行信用卡" before "信用卡"); a short way shared by
    two debts ("招行" of two 招行 cards) names neither."""
    loans: list[tuple[Where, str, dict[str, Any] | None]] = []
    current = draft.current or {}
    if current.get("name"):
        loans.append(("current", str(current["name"]), None))
    loans += [("pending", str(loan["name"]), loan) for loan in draft.pending if loan.get("name")]
    loans += [("finished", str(loan["name"]), loan) for loan in draft.loans if loan.get("name")]
    owners: dict[str, set[str]] = {}
    for _, name, _ in loans:
        for key in _keys(name):
            owners.setdefault(key.lower(), set()).add(name)
    known = [(where, name, loan, key) for where, name, loan in loans for key in _keys(name)
             if len(key.strip()) >= 2 and (key == name or len(owners[key.lower()]) == 1)]
    return sorted(known, key=lambda entry: -len(entry[3]))


def _named_in(part: str, known: list[tuple[Where, str, dict[str, Any] | None, str]]):
    for where, name, loan, key in known:
        match = _pattern(key).search(part)
        if match:
            return where, name, loan, match
    return None


def _without(part: str, match: re.Match[str]) -> str:
    before, after = part[:match.start()], part[match.end():]
    return (before.rstrip() + " " + _JOINER.sub("", after)).strip() if before.strip() else _JOINER.sub("", after).strip()


# An English debt named by a word or three before what is said of it: "chase is 24%", "and my capital one card is
# 29.99% apr", "Amex: min 40" (the extraction names English debts after "owe", "on" or "to" only)
_LEAD_NAME_EN = re.compile(r"^\s*(?:(?:and|also|oh|plus|then)\s+)*(?:my\s+|the\s+)?(?P<name>[a-z][a-z0-9&'.]*(?:\s+[a-z][a-z0-9&'.]*){0,2}?)"
                           r"\s*(?:card\s+|loan\s+)?(?:is|are|:|has|'s\s+(?:apr|rate|min|minimum|balance))(?=\s|\d|$)", re.IGNORECASE)
_NOT_A_NAME = frozenset("it that this mine which what one other another rate apr interest minimum min balance payment "
                        "i the total everything all both each last first second third".split())


# The name the wizard gives a debt left unnamed ("网贷1", "credit card 2"): a lender named at its amount step is this debt
_DEFAULT_NAME = re.compile(r"(?:信用卡|网贷|银行贷款|私人借款|credit card|online loan|bank loan|private loan)\s*\d+", re.IGNORECASE)
_NOT_A_DEBT_NAME = re.compile(r"\b(?:change|set|update|make|remove|delete|amount|balance|rate|apr|minimum|min|payment|meant)\b|"
                              r"改|利率|金额|最低|删", re.IGNORECASE)
_ANOTHER = re.compile(r"\b(?:also|another|plus|as well)\b|还有|另外|再加|还欠", re.IGNORECASE)
_WITH_NAME = re.compile(r"\b(?:loan|card|debt|account|line)\s+(?:with|from|at|through)\s+(?P<name>[a-z][a-z0-9&'.]*(?:\s+(?!for\b|at\b|and\b)"
                        r"[a-z][a-z0-9&'.]*)?)", re.IGNORECASE)
_OWED = re.compile(r"欠|借了|\bowe|\bborrowed\b", re.IGNORECASE)


def _english_name(part: str) -> str | None:
    match = _LEAD_NAME_EN.match(part)
    if match is None:
        return None
    name = match.group("name").strip()
    return None if name.split()[0].lower() in _NOT_A_NAME else name


_PENALTY_WORD = re.compile(r"罚息|违约金|滞纳金|\bpenalty\b|\blate fee\b", re.IGNORECASE)


def _fields(text: str, new: bool) -> dict[str, Any]:
    found = with_not_overdue(extract_loan(text), text)
    if "annual_rate" in found and _PENALTY_WORD.search(text):
        # "招联的罚息我查了合同是日息万五" is its penalty rate, not its rate (stop 27 red team), kept per day
        found["penalty_daily_rate"] = (found.pop("annual_rate") / 365).quantize(Decimal("0.0000001"))
    wanted = LOAN_FIELDS + (("kind", "name") if new else ())
    return {field: value for field, value in found.items() if field in wanted}


def _about_named(draft: PlanDraft, step: str) -> bool:
    """A step about a debt that has its name: any after the name, and its kind when the name came first ("第 1 笔「工行」是
    哪一类欠款？": "工行最低750，中信最低400" there renamed 工行 "中信最低", stop 27 red team)."""
    named = bool((draft.current or {}).get("name"))
    return named and (step in _NAMED_STEPS or step == "kind")


def without_current_name(draft: PlanDraft, step: str, message: str) -> str:
    """ "借呗年化18%" -> "年化18%" when 借呗 is the loan being asked about and no other loan is named: the step's
    answer with the loan's name in front of it."""
    if not _about_named(draft, step) or len(message) > MAX_CHARS:
        return message
    known = _known(draft)
    found = _named_in(message, known)
    if found is None or found[0] != "current":
        return message
    rest = _without(message, found[3])
    if not rest or _named_in(rest, known) is not None:
        return message
    return rest


def by_name(draft: PlanDraft, step: str, message: str) -> list[Part] | None:
    """The message's parts by the loan each is about, when one names a loan other than the one being described
    and says something about it; None for a message about the loan being described alone (or no loan)."""
    current = draft.current or {}
    if not _about_named(draft, step) or len(message) > MAX_CHARS:
        return None
    known = _known(draft)
    groups: list[tuple[Where, str, dict[str, Any] | None, list[str]]] = []
    for part in message_parts(message):
        found = _named_in(part, known)
        if found is not None:
            where, name, loan, match = found
            groups.append((where, name, loan, [_without(part, match)]))
            continue
        new = _fields(part, new=True)
        if not (loan_kind(part) or _OWED.search(part)):
            new.pop("name", None)  # "每个月最多能还3000" names no debt: the extraction's guess at a name is not enough
        if not new.get("name") and (english := _english_name(part)):
            new["name"] = english
        if new.get("name") and (_NOT_A_DEBT_NAME.search(str(new["name"])) or str(new["name"]) in _GENERIC_ZH
                                or str(new["name"]).lower() in _GENERIC):
            # "信用卡都是日息万五" names a kind, not a debt (stop 27 second red team: a phantom debt "信用卡")
            new.pop("name")  # "change the amount owed to 7800" names no debt (stop 27 red team: queued as one)
        if step == "balance" and new.get("name") and "balance" in new and (_ANOTHER.search(part) or (
                not _DEFAULT_NAME.fullmatch(str(current["name"])) and (loan_kind(part) or _english_name(part)))):
            # "对了我还有个分期乐，欠1万8" while 工行's amount is asked: another debt (it replaced 工行, stop 27 red team)
            groups.append(("new", str(new["name"]), None, [part]))
            continue
        if not new.get("name") and "balance" in new and _ANOTHER.search(part) and step in _NEW_DEBT_STEPS:
            # "i also have a car loan with ally, 18k left": another debt (it overwrote the card being described)
            lender = _WITH_NAME.search(part)
            new["name"] = lender.group("name") if lender else ""
        if step in _NEW_DEBT_STEPS and "name" in new and set(new) - {"kind", "name"} and (
                str(new["name"]).lower() != str(current["name"]).lower()):
            groups.append(("new", str(new["name"]), None, [part]))
        elif groups:
            groups[-1][3].append(part)
        else:
            groups.append(("current", str(current["name"]), None, [part]))
    parts = []
    for where, name, loan, texts in groups:
        text = "，".join(piece for piece in texts if piece.strip())
        fields = _fields(text, new=where == "new")
        if where == "new" and name:
            fields["name"] = name
        if where == "current" or set(fields) - {"kind", "name"}:
            parts.append(Part(where, name, text, fields, loan))
    if not any(part.where != "current" for part in parts):
        return None
    if NOT_OVERDUE.search(message) and _BOTH.search(message):
        # "工行最低750，中信最低400，都没逾期": said of every debt named
        for part in parts:
            if part.fields or part.where != "current":  # not a lead-in ("好吧，…") with nothing of its own
                part.fields.setdefault("days_overdue", 0)
    return parts


def holding(loans: list[dict[str, Any]], old: str) -> tuple[dict[str, Any], str] | None:
    """The loan and field whose value is `old` as written ("9800", "18%"), for "8900 not 9800": the amount owed, the
    minimum or the overdue amount, or the rate; the first loan given holding it (the caller lists the one being
    described first), None when none does."""
    try:
        if old.endswith("%"):
            wanted, fields = Decimal(old[:-1].strip()) / 100, ("annual_rate",)
        elif old.endswith("天"):
            wanted, fields = Decimal(old[:-1].strip()), ("days_overdue",)
        else:
            wanted, fields = parse_amount(old, "balance"), ("balance", "min_payment", "overdue_amount")
    except (PlanInputError, ArithmeticError, ValueError):
        return None
    for scale in (1, 1000):  # "13,000 not 12": 12 said for 12,000
        for loan in loans:
            for name in fields:
                value = loan.get(name)
                if value is not None and Decimal(str(value)) == wanted * scale and (scale == 1 or name != "annual_rate"):
                    return loan, name
    return None

