"""Reminders that help a borrower keep their plan: the opt-in, the reminder's buttons, /reminders and
/progress. What goes out when, and what it says, is `reminder_delivery` (`Reminders.delivery`).

Nothing is kept in this object between calls: the opt-in's step is a `WizardState` (flow "reminders")
in `Wizards`, the opt-in, every reminder and every payment are in the `ReminderStore`. The clock is
injected, so tests move time by hand. Decisions about time are in `reminder_schedule`, the numbers
in `reminder_amounts`, the words in `reminder_texts`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, time
from decimal import Decimal

from bot.core.actions import Human, Remind, encode
from bot.core.messages import Button, Incoming, Reply
from bot.core.ports import (ChartRenderer, NewReminder, Payment, Profiles, Reminder, ReminderLoan, ReminderPlan,
                            ReminderStore, SearchUnavailable, WizardState, Wizards)
from bot.core.reminder_amounts import month_due, plan_of, progress
from bot.core.reminder_delivery import ReminderDelivery
from bot.core.reminder_schedule import (DEFAULT_DAYS_BEFORE, DEFAULT_QUIET, MAX_DAYS_BEFORE, checkin_time,
                                        due_day_of, first_due, local_today, month_rows, next_due, snooze_time, zone)
from bot.core.reminder_texts import show_date, show_moment, show_time, text, zone_label
from bot.core.texts import text as ui
from bot.planner.advice import NEGOTIATION_QUESTIONS
from bot.planner.errors import PlanInputError
from bot.planner.formatting import cents, money
from bot.planner.plan import Plan

log = logging.getLogger(__name__)

FLOW = "reminders"
PREFIX = "remind:"


def _action_text(incoming: Incoming) -> str:
    """A reminder button's action as its encoded text ("remind:paid:42"); "" for anything else."""
    return encode(incoming.action) if isinstance(incoming.action, Remind) else ""


CANCEL_WORDS = ("取消", "算了", "cancel", "stop", "quit")

_DAY = re.compile(r"\s*(?:每月|every month on|day)?\s*(\d{1,2})\s*(?:号|日|th|st|nd|rd)?\s*[。.!！]?\s*", re.I)
_DAYS = re.compile(r"\s*(?:提前)?\s*(\d{1,2})\s*(?:天|days?)?\s*(?:before)?\s*", re.I)
_QUIET = re.compile(r"\s*(\d{1,2})(?:[:：](\d{2}))?\s*(?:-|–|—|~|～|到|至|to)\s*(\d{1,2})(?:[:：](\d{2}))?\s*", re.I)


@dataclass
class Setup:
    """The opt-in conversation's state, stored as a WizardState's data."""

    loans: list[str]
    due_days: dict[str, int] = field(default_factory=dict)
    days_before: int | None = None
    step: str = "due_day"  # due_day | days_before | quiet

    @classmethod
    def of(cls, state: WizardState) -> Setup:
        data = state.data
        return cls([str(name) for name in data["loans"]], {str(k): int(v) for k, v in data["due_days"].items()},
                   data.get("days_before"), state.step)

    def state(self) -> WizardState:
        data = asdict(self)
        return WizardState(flow=FLOW, step=data.pop("step"), data=data)


def parse_day(message: str) -> int | None:
    match = _DAY.fullmatch(message)
    return int(match.group(1)) if match and 1 <= int(match.group(1)) <= 31 else None


def parse_days_before(message: str) -> int | None:
    match = _DAYS.fullmatch(message)
    return int(match.group(1)) if match and 0 <= int(match.group(1)) <= MAX_DAYS_BEFORE else None


def parse_quiet(message: str) -> tuple[time, time] | None:
    match = _QUIET.fullmatch(message)
    if not match:
        return None
    hours = int(match.group(1)), int(match.group(3))
    minutes = int(match.group(2) or 0), int(match.group(4) or 0)
    if any(h > 23 for h in hours) or any(m > 59 for m in minutes):
        return None
    return time(hours[0], minutes[0]), time(hours[1], minutes[1])


class Reminders:
    """The reminders' conversation (a `ReminderConversation`); `delivery` is the scanner's side."""

    def __init__(self, store: ReminderStore, profiles: Profiles, wizards: Wizards, *,
                 clock: Callable[[], datetime], chart: ChartRenderer | Callable[..., bytes] | None = None,
                 default_timezone: str = "Asia/Shanghai", batch: int = 100, lease_seconds: int = 600,
                 max_attempts: int = 5) -> None:
        zone(default_timezone)  # an unknown zone fails here, at start, naming the setting's value
        self.store = store
        self.profiles = profiles
        self.wizards = wizards
        self.clock = clock
        self.chart = chart
        self.default_timezone = default_timezone
        self.delivery = ReminderDelivery(store, clock, batch=batch, lease_seconds=lease_seconds,
                                         max_attempts=max_attempts)  # the scanner's side

    # --- routing -----------------------------------------------------------------------------
    def claims(self, incoming: Incoming) -> bool:
        """remind:* buttons, /reminders, /progress, and answers while the opt-in is open."""
        if isinstance(incoming.action, Remind):
            return True
        message, command = incoming.text.strip(), _command(incoming.text)
        if command in ("/reminders", "/progress"):
            return True
        cancel = command == "/cancel" or message.lower() in CANCEL_WORDS
        # a question without numbers is answered: only a cancel or a number needs the open opt-in read
        if not cancel and (command or not re.search(r"\d", message)):
            return False
        return self._setup(incoming.user_id) is not None

    def handle(self, incoming: Incoming, language: str, ask: Callable[[str], Reply]) -> Reply:
        user, action, command = incoming.user_id, _action_text(incoming), _command(incoming.text)
        if command == "/reminders":
            return self.listing(user, language)
        if command == "/progress" or action == "remind:progress":
            return self.show_progress(user, language)
        if action == "remind:offer":
            return self._start(incoming, language)
        if action in ("remind:pause", "remind:resume", "remind:stop"):
            return self._switch(user, action.removeprefix(PREFIX), language)
        if match := re.fullmatch(r"remind:(paid|later|cant):(\d+)", action):
            reminder = self.store.get(int(match.group(2)))
            plan = self.store.plan(user)
            if reminder is None or reminder.user_id != user or plan is None:
                return Reply(text("not_yours", language), language, kind="info")
            if match.group(1) == "paid":
                return self._paid(reminder, plan, language)
            if match.group(1) == "later":
                return self._later(reminder, plan, language)
            return self._cant_pay(reminder, plan, language, ask)
        setup = self._setup(user)
        if setup is None:
            return Reply(text("not_yours", language), language, kind="info")
        if action == "remind:cancel" or command == "/cancel" or incoming.text.strip().lower() in CANCEL_WORDS:
            self.wizards.clear(user)
            return Reply(text("cancelled", language), language, kind="info")
        return self._answer(incoming, setup, language)

    def offer(self, reply: Reply) -> Reply:
        """The opt-in button under a plan; reminders are never switched on without it."""
        if reply.kind == "plan" and not any(button.action == Remind("offer") for button in reply.buttons):
            reply.buttons.append(Button(text("offer", reply.language), Remind("offer")))
        return reply

    # --- the opt-in --------------------------------------------------------------------------
    def _start(self, incoming: Incoming, language: str) -> Reply:
        profile = self.profiles.load(incoming.user_id)
        if not profile or not profile.get("loans"):
            return Reply(text("no_profile", language), language, kind="info")
        try:
            plan = plan_of(profile)
        except PlanInputError:
            return Reply(text("no_profile", language), language, kind="info")
        if plan.recommended_outcome is None:
            return Reply(text("no_schedule", language), language, kind="info",
                         buttons=[Button(ui("human", language), Human())])
        setup = Setup([loan.name for loan in plan.input.loans])
        self.wizards.save(incoming.user_id, setup.state())
        return self._ask(setup, language, text("intro", language))

    def _answer(self, incoming: Incoming, setup: Setup, language: str) -> Reply:
        action, message = _action_text(incoming), incoming.text.strip()
        if setup.step == "due_day":
            index = len(setup.due_days)
            previous = setup.due_days.get(setup.loans[index - 1]) if index else None
            day = previous if action == "remind:same" and previous else parse_day(message)
            if day is None:
                return self._ask(setup, language, text("bad_due_day", language, value=message or action))
            setup.due_days[setup.loans[index]] = day
            if len(setup.due_days) == len(setup.loans):
                setup.step = "days_before"
        elif setup.step == "days_before":
            days = int(action.rsplit(":", 1)[1]) if action.startswith("remind:before:") else parse_days_before(message)
            if days is None or not 0 <= days <= MAX_DAYS_BEFORE:
                return self._ask(setup, language, text("bad_days_before", language, value=message or action))
            setup.days_before, setup.step = days, "quiet"
        else:
            quiet = DEFAULT_QUIET if action == "remind:quiet:keep" else parse_quiet(message)
            if quiet is None:
                return self._ask(setup, language, text("bad_quiet", language, value=message or action))
            return self._finish(incoming, setup, quiet, language)
        self.wizards.save(incoming.user_id, setup.state())
        return self._ask(setup, language)

    def _ask(self, setup: Setup, language: str, prefix: str = "") -> Reply:
        cancel = Button(text("cancel", language), Remind("cancel"))
        if setup.step == "due_day":
            index = len(setup.due_days)
            question = text("ask_due_day", language, loan=setup.loans[index])
            buttons = [cancel]
            if index:
                day = setup.due_days[setup.loans[index - 1]]
                buttons.insert(0, Button(text("same_day", language, day=day), Remind("same")))
        elif setup.step == "days_before":
            question = text("ask_days_before", language)
            buttons = [Button(text("days_before_button", language, n=n)
                              + (text("default_mark", language) if n == DEFAULT_DAYS_BEFORE else ""),
                              Remind(f"before:{n}")) for n in (1, DEFAULT_DAYS_BEFORE, 7)] + [cancel]
        else:
            start, end = DEFAULT_QUIET
            question = text("ask_quiet", language, start=show_time(start), end=show_time(end),
                            zone=zone_label(self.default_timezone, language))
            buttons = [Button(text("quiet_keep", language), Remind("quiet:keep")), cancel]
        return Reply(f"{prefix}\n{question}" if prefix else question, language, kind="wizard", buttons=buttons)

    def _finish(self, incoming: Incoming, setup: Setup, quiet: tuple[time, time], language: str) -> Reply:
        user, now = incoming.user_id, self.clock()
        profile = self.profiles.load(user) or {}
        try:
            followed = plan_of(profile)
        except PlanInputError:  # the profile went (/forget in another chat, a new plan) meanwhile
            self.wizards.clear(user)
            return Reply(text("no_profile", language), language, kind="info")
        chat_id = int(user) if incoming.channel == "telegram" and user.lstrip("-").isdigit() else None
        plan = ReminderPlan(user, chat_id, language, self.default_timezone,
                            DEFAULT_DAYS_BEFORE if setup.days_before is None else setup.days_before,
                            quiet[0], quiet[1], tuple(ReminderLoan(name, setup.due_days[name]) for name in setup.loans),
                            profile, "active", local_today(now, self.default_timezone))
        rows: list[NewReminder] = []
        for loan in plan.loans:
            if month_due(followed, loan.name, 1) is not None:
                rows += month_rows(plan, loan.name, 1, first_due(local_today(now, plan.timezone), loan.due_day), now)
        self.store.save_plan(plan, rows)
        self.wizards.clear(user)
        lines = [self._next_line(plan, followed, row, language) for row in rows if row.kind == "reminder"]
        body = text("set_up", language, days=plan.days_before, start=show_time(quiet[0]), end=show_time(quiet[1]),
                    lines="\n".join(lines))
        if chat_id is None:
            body += "\n" + text("no_console", language)
        return Reply(body, language, kind="info")

    # --- the reminder's buttons --------------------------------------------------------------
    def _paid(self, reminder: Reminder, plan: ReminderPlan, language: str) -> Reply:
        now, followed = self.clock(), plan_of(plan.profile)
        due = month_due(followed, reminder.loan, reminder.month)
        amount = cents(due.amount) if due else Decimal(0)
        self.store.answer(reminder.id, reminder.user_id, "paid")
        month, due_day = reminder.month + 1, due_day_of(plan, reminder.loan)
        upcoming = month_due(followed, reminder.loan, month)
        rows = month_rows(plan, reminder.loan, month, next_due(reminder.due_date, due_day), now) \
            if upcoming is not None and plan.status == "active" else []
        payment = Payment(reminder.user_id, reminder.loan, reminder.month, amount, reminder.due_date, now)
        if not self.store.record_payment(payment, rows):
            return Reply(text("paid_already", language, loan=reminder.loan, month=reminder.month), language,
                         kind="info")
        cur = followed.input.currency
        lines = [text("paid_done", language, loan=reminder.loan, month=reminder.month, amount=money(amount, cur))]
        if upcoming is None:
            lines.append(text("paid_finished", language, loan=reminder.loan))
        elif rows:
            lines.append(text("paid_next", language, due=show_date(rows[0].due_date, language),
                              amount=money(upcoming.amount, cur), month=month,
                              when=self._local(rows[0].send_at, plan, language)))
        return Reply("\n".join(lines), language, kind="info",
                     buttons=[Button(text("progress_button", language), Remind("progress"))])

    def _later(self, reminder: Reminder, plan: ReminderPlan, language: str) -> Reply:
        now, quiet = self.clock(), (plan.quiet_start, plan.quiet_end)
        self.store.answer(reminder.id, reminder.user_id, "later")
        when = snooze_time(now, plan.timezone, quiet)
        rows = [NewReminder(reminder.loan, reminder.month, reminder.due_date, when, "reminder")]
        if reminder.kind == "reminder":  # the check-in still follows the due date, unless the snooze is later
            checkin = checkin_time(reminder.due_date, plan.timezone, quiet)
            if checkin > when:
                rows.append(NewReminder(reminder.loan, reminder.month, reminder.due_date, checkin, "checkin"))
        self.store.replace_pending(reminder.user_id, rows, loan=reminder.loan, due_date=reminder.due_date)
        return Reply(text("later_done", language, loan=reminder.loan, when=self._local(when, plan, language)),
                     language, kind="info")

    def _cant_pay(self, reminder: Reminder, plan: ReminderPlan, language: str, ask: Callable[[str], Reply]) -> Reply:
        """No check-in for this month (they told us); next month's reminder asks the same month's amount."""
        self.store.answer(reminder.id, reminder.user_id, "cant_pay")
        later = [r for r in self.store.pending(reminder.user_id)
                 if r.loan == reminder.loan and r.due_date > reminder.due_date]
        rows = [] if later or plan.status != "active" else month_rows(
            plan, reminder.loan, reminder.month, next_due(reminder.due_date, due_day_of(plan, reminder.loan)),
            self.clock())
        self.store.replace_pending(reminder.user_id, rows, loan=reminder.loan, due_date=reminder.due_date)
        question = NEGOTIATION_QUESTIONS["en" if language == "en" else "zh"][0]
        try:
            answer: Reply | None = ask(question)
        except SearchUnavailable as error:
            log.warning("negotiation advice unavailable (%s): pointing to the question", error)
            answer = None
        found = answer is not None and answer.answered
        body = answer.text if found and answer else text("cant_pay_pointer", language, question=question)
        reply = Reply("\n\n".join([text("cant_pay_intro", language), body, text("cant_pay_person", language)]),
                      language, kind=answer.kind if found and answer else "info",
                      sources=list(answer.sources) if found and answer else [],
                      followups=list(answer.followups) if found and answer else [], answered=found)
        reply.buttons = [b for b in (answer.buttons if answer else []) if not isinstance(b.action, Human)]
        reply.buttons.append(Button(ui("human", language), Human()))  # the escalation offer: a person
        return reply

    # --- /reminders and /progress ------------------------------------------------------------
    def listing(self, user: str, language: str) -> Reply:
        plan = self.store.plan(user)
        if plan is None:
            return Reply(text("none", language), language, kind="info")
        pending = self.store.pending(user)
        followed = plan_of(plan.profile)
        cur = followed.input.currency
        lines = []
        for loan in plan.loans:
            upcoming = next((r for r in pending if r.loan == loan.name), None)
            if upcoming is None:
                shown = text("list_nothing", language)
            else:
                due = month_due(followed, loan.name, upcoming.month)
                shown = text("list_next", language, when=self._local(upcoming.send_at, plan, language),
                             kind=text(f"kind_{upcoming.kind}", language), month=upcoming.month,
                             amount=money(due.amount, cur) if due else "-")
            lines.append(text("list_line", language, loan=loan.name, day=loan.due_day, next=shown))
        body = text("list", language, status=text(f"status_{plan.status}", language), days=plan.days_before,
                    start=show_time(plan.quiet_start), end=show_time(plan.quiet_end),
                    zone=zone_label(plan.timezone, language), lines="\n".join(lines))
        buttons = {"active": [Button(text("pause", language), Remind("pause")), Button(text("stop", language),
                                                                                        Remind("stop"))],
                   "paused": [Button(text("resume", language), Remind("resume")), Button(text("stop", language),
                                                                                          Remind("stop"))]}
        return Reply(body, language, kind="info", buttons=buttons.get(plan.status, []))

    def _switch(self, user: str, what: str, language: str) -> Reply:
        plan = self.store.plan(user)
        if plan is None:
            return Reply(text("none", language), language, kind="info")
        if what == "pause":
            self.store.set_plan_status(user, "paused")
            return Reply(text("paused", language), language, kind="info",
                         buttons=[Button(text("resume", language), Remind("resume"))])
        if what == "stop":
            self.store.set_plan_status(user, "stopped")
            return Reply(text("stopped", language), language, kind="info")
        self.store.set_plan_status(user, "active")
        now, followed = self.clock(), plan_of(plan.profile)
        paid: dict[str, int] = {}
        for payment in self.store.payments(user):
            paid[payment.loan] = paid.get(payment.loan, 0) + 1
        rows: list[NewReminder] = []
        for loan in plan.loans:
            month = paid.get(loan.name, 0) + 1
            if month_due(followed, loan.name, month) is not None:
                rows += month_rows(plan, loan.name, month, first_due(local_today(now, plan.timezone), loan.due_day),
                                    now)
        self.store.replace_pending(user, rows)
        return Reply(text("resumed", language), language, kind="info")

    def show_progress(self, user: str, language: str) -> Reply:
        plan = self.store.plan(user)
        profile = plan.profile if plan else self.profiles.load(user)
        if not profile:
            return Reply(text("no_profile", language), language, kind="info")
        try:
            followed = plan_of(profile)
        except PlanInputError:
            return Reply(text("no_profile", language), language, kind="info")
        state = progress(followed, self.store.payments(user) if plan else [])
        cur = followed.input.currency
        if state.remaining is None:
            left = text("progress_done", language)
        elif state.months_left is None:
            left = text("progress_never", language)
        else:
            left = text("progress_left", language, months=state.months_left)
        saved = text("progress_saved", language, amount=money(state.interest_saved, cur)) \
            if state.interest_saved is not None and state.interest_saved > 0 else ""
        chart = self.chart(state.remaining, language, cur) if self.chart and state.remaining is not None else None
        body = text("progress", language, paid=money(state.paid, cur), count=state.payments, left=left, saved=saved)
        return Reply(body.strip(), language, kind="info", chart_png=chart)

    # --- helpers -----------------------------------------------------------------------------
    def _next_line(self, plan: ReminderPlan, followed: Plan, row: NewReminder, language: str) -> str:
        due = month_due(followed, row.loan, row.month)
        return text("next_line", language, loan=row.loan, day=due_day_of(plan, row.loan),
                    when=self._local(row.send_at, plan, language),
                    amount=money(due.amount, followed.input.currency) if due else "-", month=row.month)

    @staticmethod
    def _local(moment: datetime, plan: ReminderPlan, language: str) -> str:
        return show_moment(moment.astimezone(zone(plan.timezone)), language)

    def _setup(self, user: str) -> Setup | None:
        state = self.wizards.load(user)
        return Setup.of(state) if state is not None and state.flow == FLOW else None


def _command(message: str) -> str:
    message = message.strip()
    return message.split()[0].split("@")[0].lower() if message.startswith("/") else ""
