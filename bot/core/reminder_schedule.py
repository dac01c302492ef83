"""When reminders go out: due dates each month, the day before them, quiet hours in the user's zone.

Pure functions of dates, times and a time-zone name; "now" is always passed in (the clock is the
caller's), so tests move time by hand. Every datetime going in or out is aware UTC.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.core.ports import NewReminder, ReminderPlan

REMIND_AT = time(10, 0)  # local time a reminder or check-in goes out on its day (quiet hours permitting)
DEFAULT_QUIET = (time(21, 0), time(9, 0))
DEFAULT_DAYS_BEFORE = 3
MAX_DAYS_BEFORE = 14
SNOOZE = timedelta(days=2)


class ScheduleError(ValueError):
    """A setting reminders cannot use (an unknown time zone); the message names it."""


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(f"unknown time zone {name!r}: use an IANA name such as Asia/Shanghai") from None


def due_in_month(year: int, month: int, due_day: int) -> date:
    """The due date in a month; day 31 falls on the 30th or the 28th/29th in shorter months."""
    return date(year, month, min(due_day, calendar.monthrange(year, month)[1]))


def _month_after(day: date) -> tuple[int, int]:
    return (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)


def first_due(today: date, due_day: int) -> date:
    """This month's due date if it is today or later, else next month's."""
    this_month = due_in_month(today.year, today.month, due_day)
    return this_month if this_month >= today else due_in_month(*_month_after(today), due_day)


def next_due(after: date, due_day: int) -> date:
    """The due date in the month after `after`'s (after a month is paid, or given up on)."""
    return due_in_month(*_month_after(after), due_day)


def local_today(now: datetime, timezone_name: str) -> date:
    return now.astimezone(zone(timezone_name)).date()


def is_quiet(moment: datetime, timezone_name: str, start: time, end: time) -> bool:
    """Whether `moment` falls in the quiet hours [start, end) of the zone; they may wrap midnight."""
    local = moment.astimezone(zone(timezone_name)).time()
    if start == end:
        return False
    if start < end:
        return start <= local < end
    return local >= start or local < end


def out_of_quiet(moment: datetime, timezone_name: str, start: time, end: time) -> datetime:
    """`moment`, or the end of the quiet hours it falls in."""
    if not is_quiet(moment, timezone_name, start, end):
        return moment
    tz = zone(timezone_name)
    local = moment.astimezone(tz)
    day = local.date() if local.time() < end else local.date() + timedelta(days=1)
    return datetime.combine(day, end, tzinfo=tz).astimezone(timezone.utc)


def at_local(day: date, timezone_name: str, when: time = REMIND_AT) -> datetime:
    return datetime.combine(day, when, tzinfo=zone(timezone_name)).astimezone(timezone.utc)


def reminder_time(due: date, days_before: int, timezone_name: str, quiet: tuple[time, time],
                  now: datetime) -> datetime:
    """`days_before` the due date at REMIND_AT local time; at once if that has passed; never in quiet hours."""
    planned = max(at_local(due - timedelta(days=days_before), timezone_name), now)
    return out_of_quiet(planned, timezone_name, *quiet)


def checkin_time(due: date, timezone_name: str, quiet: tuple[time, time]) -> datetime:
    """The day after the due date: was it paid?"""
    return out_of_quiet(at_local(due + timedelta(days=1), timezone_name), timezone_name, *quiet)


def snooze_time(now: datetime, timezone_name: str, quiet: tuple[time, time]) -> datetime:
    return out_of_quiet(now + SNOOZE, timezone_name, *quiet)


def month_rows(plan: ReminderPlan, loan: str, month: int, due: date, now: datetime) -> list[NewReminder]:
    """A month of one loan: the reminder `days_before` the due date and the check-in after it."""
    quiet = (plan.quiet_start, plan.quiet_end)
    return [NewReminder(loan, month, due, reminder_time(due, plan.days_before, plan.timezone, quiet, now)),
            NewReminder(loan, month, due, checkin_time(due, plan.timezone, quiet), "checkin")]


def due_day_of(plan: ReminderPlan, loan: str) -> int:
    return next((item.due_day for item in plan.loans if item.name == loan), 1)
