"""The scanner's side of reminders: which claimed reminders go out now, what they say, and what
follows a delivery, a failure or a user who blocked the bot.

Every process scans; the store hands each due row to one caller. A row in the user's quiet hours
goes back to wait for their end; one whose month has nothing left to pay (or whose plan was paused,
stopped or forgotten) is dropped. The channel (bot/telegram/reminders.py) sends and reports back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.actions import Remind
from bot.core.messages import Button, Reply
from bot.core.ports import Reminder, ReminderPlan, ReminderStore
from bot.core.reminder_amounts import MonthDue, month_due, plan_of
from bot.core.reminder_schedule import due_day_of, is_quiet, local_today, month_rows, next_due, out_of_quiet
from bot.core.reminder_texts import show_date, text
from bot.planner.errors import PlanInputError
from bot.planner.formatting import money

RETRY_AFTER = timedelta(minutes=5)  # doubled at each failed attempt


@dataclass(frozen=True)
class Outgoing:
    """A claimed reminder to send now: to `chat_id`, saying `reply`."""

    reminder: Reminder
    chat_id: int
    reply: Reply


@dataclass(frozen=True)
class DueBatch:
    messages: list[Outgoing]
    claimed: int
    more: bool  # the batch was full: more may be due now


class ReminderDelivery:
    def __init__(self, store: ReminderStore, clock: Callable[[], datetime], *, batch: int = 100,
                 lease_seconds: int = 600, max_attempts: int = 5) -> None:
        self.store = store
        self.clock = clock
        self.batch = batch
        self.lease_seconds = lease_seconds
        self.max_attempts = max_attempts

    def due_messages(self) -> DueBatch:
        """Claim up to `batch` reminders due now and say what each one says."""
        now = self.clock()
        out = []
        claimed = self.store.claim(now, self.batch, self.lease_seconds)
        plans = self.store.plans([reminder.user_id for reminder in claimed]) if claimed else {}
        for reminder in claimed:
            plan = plans.get(reminder.user_id)
            if plan is None or plan.status != "active" or plan.chat_id is None:
                self.store.give_up(reminder.id)
                continue
            quiet = (plan.quiet_start, plan.quiet_end)
            if is_quiet(now, plan.timezone, *quiet):
                self.store.defer(reminder.id, out_of_quiet(now, plan.timezone, *quiet))
                continue
            try:
                due = month_due(plan_of(plan.profile), reminder.loan, reminder.month)
            except PlanInputError:
                due = None
            if due is not None and reminder.kind == "checkin" and self._paid_already(reminder):
                due = None  # "Paid" was pressed while this check-in was being claimed
            if due is None:
                self.store.give_up(reminder.id)
                continue
            out.append(Outgoing(reminder, plan.chat_id, self.message(reminder, plan, due)))
        return DueBatch(out, len(claimed), len(claimed) == self.batch)

    def message(self, reminder: Reminder, plan: ReminderPlan, due: MonthDue) -> Reply:
        """The reminder (the month's amount, what a delay costs) or the check-in, with the three buttons."""
        language, now = plan.language, self.clock()
        cur = plan_of(plan.profile).input.currency
        shown_due = show_date(reminder.due_date, language)
        if reminder.kind == "checkin":
            body = text("checkin", language, loan=reminder.loan, due=shown_due, amount=money(due.amount, cur))
        else:
            days = (reminder.due_date - local_today(now, plan.timezone)).days
            left = (text("left_days", language, n=days) if days > 0 else text("left_today", language) if days == 0
                    else text("left_past", language, n=-days))
            body = text("reminder" if due.late_per_day > 0 else "reminder_unpriced", language, loan=reminder.loan, due=shown_due, left=left, month=reminder.month,
                        amount=money(due.amount, cur), per_day=money(due.late_per_day, cur),
                        week=money(due.late_week, cur), assumed=text("assumed", language) if due.penalty_assumed else "")
        buttons = [Button(text(key, language), Remind(f"{action}:{reminder.id}"))
                   for key, action in (("paid", "paid"), ("later", "later"), ("cant_pay", "cant"))]
        return Reply(body, language, kind="reminder", buttons=buttons)

    def sent(self, outgoing: Outgoing) -> None:
        """Delivered. After an unanswered check-in the next month is reminded (the same month's amount)."""
        reminder = outgoing.reminder
        self.store.mark_sent(reminder.id, self.clock())
        if reminder.kind != "checkin":
            return
        if any(r.loan == reminder.loan and r.due_date > reminder.due_date for r in self.store.pending(reminder.user_id)):
            return
        plan = self.store.plan(reminder.user_id)
        if plan is not None and plan.status == "active":
            due = next_due(reminder.due_date, due_day_of(plan, reminder.loan))
            self.store.add(reminder.user_id, month_rows(plan, reminder.loan, reminder.month, due, self.clock()))

    def failed(self, outgoing: Outgoing) -> None:
        """A send that failed (after the rate limiter's retries): try again later, a few times."""
        reminder = outgoing.reminder
        if reminder.attempts + 1 >= self.max_attempts:
            self.store.give_up(reminder.id)
        else:
            self.store.defer(reminder.id, self.clock() + RETRY_AFTER * 2 ** reminder.attempts, failed=True)

    def blocked(self, outgoing: Outgoing) -> None:
        """The user blocked the bot: no more reminders, and no retries."""
        self.store.mark_blocked(outgoing.reminder.user_id)

    def _paid_already(self, reminder: Reminder) -> bool:
        return any(payment.loan == reminder.loan and payment.month == reminder.month
                   for payment in self.store.payments(reminder.user_id))
