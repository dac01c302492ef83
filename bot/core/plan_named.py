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
from typing import Any, Literal

from bot.core.plan_wizard import LOAN_STEPS, OVERDUE_STEPS, PlanDraft
from bot.planner.extraction import extract_loan, loan_kind, message_parts

Where = Literal["current", "pending", "finished", "new"]
# What a part may say about a loan; its kind only for a new one.
LOAN_FIELDS = ("balance", "annual_rate", "min_payment", "days_overdue", "overdue_amount")
# The steps once the loan being described has a name; a new debt only once its amount is known (before, a loan
# named with an amount at the amount step is the one being described under another name).
_NAMED_STEPS = frozenset(LOAN_STEPS[2:] + OVERDUE_STEPS)
_NEW_DEBT_STEPS = frozenset(LOAN_STEPS[3:] + OVERDUE_STEPS)
# What joins a name to what is said about it: "借呗的年化是18%", "discover is 27%", "Chase: 24%"
_JOINER = re.compile(r"^\s*(?:(?:的|是|为|这笔|这个|那笔|那个|:|：|,|，|-|–|—|is\b|are\b|'s\b|’s\b|has\b|at\b|card\b)\s*)*",
                     re.IGNORECASE)
MAX_CHARS = 600
# Said beside other facts ("白条年化24%，最低还80，没逾期": the last was dropped, stop 26 red team): 0 days overdue
NOT_OVERDUE = re.compile(r"没有?逾期|未逾期|不逾期|还没(?:有)?逾期|从没(?:有)?逾期|没有?晚还|按时还|正常还款|"
                         r"\bnot (?:overdue|late|behind)\b|\bnever (?:been )?late\b|\bon time\b|\bcurrent on\b|\bup to date\b",
                         re.IGNORECASE)


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


def _known(draft: PlanDraft) -> list[tuple[Where, str, dict[str, Any] | None]]:
    """The draft's loans by name, longest name first ("招行信用卡" before "信用卡")."""
    known: list[tuple[Where, str, dict[str, Any] | None]] = []
    current = draft.current or {}
    if current.get("name"):
        known.append(("current", str(current["name"]), None))
    known += [("pending", str(loan["name"]), loan) for loan in draft.pending if loan.get("name")]
    known += [("finished", str(loan["name"]), loan) for loan in draft.loans if loan.get("name")]
    return sorted([entry for entry in known if len(entry[1].strip()) >= 2], key=lambda entry: -len(entry[1]))


def _named_in(part: str, known: list[tuple[Where, str, dict[str, Any] | None]]):
    for where, name, loan in known:
        match = _pattern(name).search(part)
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


_OWED = re.compile(r"欠|借了|\bowe|\bborrowed\b", re.IGNORECASE)


def _english_name(part: str) -> str | None:
    match = _LEAD_NAME_EN.match(part)
    if match is None:
        return None
    name = match.group("name").strip()
    return None if name.split()[0].lower() in _NOT_A_NAME else name


def with_not_overdue(fields: dict[str, Any], text: str) -> dict[str, Any]:
    """The fields with 0 days overdue when the text says the loan is not overdue and gives no days."""
    if "days_overdue" not in fields and NOT_OVERDUE.search(text):
        return fields | {"days_overdue": 0}
    return fields


def _fields(text: str, new: bool) -> dict[str, Any]:
    found = with_not_overdue(extract_loan(text), text)
    wanted = LOAN_FIELDS + (("kind", "name") if new else ())
    return {field: value for field, value in found.items() if field in wanted}


def without_current_name(draft: PlanDraft, step: str, message: str) -> str:
    """ "借呗年化18%" -> "年化18%" when 借呗 is the loan being asked about and no other loan is named: the step's
    answer with the loan's name in front of it."""
    if step not in _NAMED_STEPS or len(message) > MAX_CHARS:
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
    if step not in _NAMED_STEPS or not current.get("name") or len(message) > MAX_CHARS:
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
        if step in _NEW_DEBT_STEPS and new.get("name") and set(new) - {"kind", "name"} and (
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
        if where == "new":
            fields["name"] = name
        if where == "current" or set(fields) - {"kind", "name"}:
            parts.append(Part(where, name, text, fields, loan))
    if not any(part.where != "current" for part in parts):
        return None
    return parts
