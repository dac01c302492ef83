"""Days overdue from the date a payment was due, as borrowers say it: "上个月15号该还的", "10月20号", "due on the 5th",
"was due Nov 20" (stop 27 red teams: each was "没看懂" at the overdue step, which asks for days)."""

from __future__ import annotations

import re
from datetime import date

from bot.planner.amounts import normalise

_MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), start=1) for name in names}
_LAST_MONTH = re.compile(r"上个?月\s*(?P<day>\d{1,2})\s*[号日]|\blast month'?s?\s+(?:on\s+)?(?:the\s+)?(?P<day_en>\d{1,2})(?:st|nd|rd|th)?\b",
                         re.IGNORECASE)
_THIS_MONTH = re.compile(r"(?:这个?月|本月)\s*(?P<day>\d{1,2})\s*[号日]", re.IGNORECASE)
_MONTH_DAY = re.compile(r"(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[号日]?|"
                        r"\b(?P<name>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?P<day_en>\d{1,2})(?:st|nd|rd|th)?\b",
                        re.IGNORECASE)
_DAY_ONLY = re.compile(r"(?P<day>\d{1,2})\s*[号日]\s*(?:该|要|应该|应)?还|\bdue\s+(?:on\s+)?(?:the\s+)?(?P<day_en>\d{1,2})(?:st|nd|rd|th)\b",
                       re.IGNORECASE)
_DUE = re.compile(r"该还|要还|应还|还款日|到期|没还|\bdue\b|\bmissed\b|\bpayment\b", re.IGNORECASE)
_AHEAD = re.compile(r"下个?月|下周|明天|后天|\bnext (?:month|week)\b|\btomorrow\b", re.IGNORECASE)  # a date still to come
MAX_DAYS = 3 * 366


def _back_a_month(today: date) -> tuple[int, int]:
    return (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def days_since_due(text: str, today: date) -> int | None:
    """Days from the due date a message names to `today`, or None when it names none (or one in the future)."""
    lowered = normalise(text)
    if len(lowered) > 80 or not _DUE.search(lowered) or _AHEAD.search(lowered):
        return None
    due: date | None = None
    if (match := _LAST_MONTH.search(lowered)) is not None:
        year, month = _back_a_month(today)
        due = _safe(year, month, int(match.group("day") or match.group("day_en")))
    elif (match := _THIS_MONTH.search(lowered)) is not None:
        due = _safe(today.year, today.month, int(match.group("day")))
    elif (match := _MONTH_DAY.search(lowered)) is not None:
        month = int(match.group("month")) if match.group("month") else _MONTHS[match.group("name").lower()]
        day = int(match.group("day") or match.group("day_en"))
        due = _safe(today.year, month, day)
        if due is not None and due > today:
            due = _safe(today.year - 1, month, day)  # "12月20号" said in early January: last year's
    elif (match := _DAY_ONLY.search(lowered)) is not None:
        day = int(match.group("day") or match.group("day_en"))
        due = _safe(today.year, today.month, day)
        if due is None or due > today:
            year, month = _back_a_month(today)
            due = _safe(year, month, day)
    if due is None or due > today:
        return None
    days = (today - due).days
    return days if days <= MAX_DAYS else None
