"""The support desk: hand a conversation to a person, keep the bot quiet meanwhile, hand it back.

Channel-agnostic: tickets live behind the `Tickets` Protocol (the database), the channel adapter
(bot/telegram/support.py) moves messages and renders what the desk decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Literal, Protocol

from bot.core.messages import Button, Reply
from bot.core.ports import History, Profiles
from bot.core.support_texts import group_text, user_text

TicketStatus = Literal["waiting", "active", "closed"]
EventAuthor = Literal["user", "agent", "note", "system"]

HUMAN_ACTION = "human"
RATE_PREFIX = "rate:"
CARD_MESSAGES = 5  # how many of the user's last messages the card shows

REASON_LABELS = {
    "user_request": "asked for a person",
    "human": "asked for a person",
    "crisis": "crisis language",
    "harassment": "collector threats / harassment",
    "declined": "the bot could not answer twice in a row",
    "declined_twice": "the bot could not answer twice in a row",
    "thumbs_down": "two 👎 in a row",
    "infeasible_budget": "repayment budget is not feasible",
}


class TicketError(Exception):
    """An agent or user asked for something that cannot be done to a ticket; the message says why."""


@dataclass
class Ticket:
    id: int
    user_id: str
    reason: str
    urgent: bool = False
    language: str = "zh"
    status: TicketStatus = "waiting"
    agent_id: str | None = None
    agent_name: str | None = None
    created_at: datetime | None = None
    claimed_at: datetime | None = None
    first_reply_at: datetime | None = None
    closed_at: datetime | None = None
    timed_out_at: datetime | None = None
    rating: int | None = None
    card_ref: str | None = None  # the channel's id of the card message
    thread_ref: str | None = None  # the channel's id of the ticket's thread (a forum topic), if any

    @property
    def is_open(self) -> bool:
        return self.status != "closed"


@dataclass
class TicketEvent:
    """One line of a ticket's transcript."""

    ticket_id: int
    author: EventAuthor
    text: str
    created_at: datetime | None = None
    agent_name: str | None = None
    message_ref: str | None = None  # the channel's id of the copy in the support thread


class Tickets(Protocol):
    """Where tickets live (the database); every state change is one atomic statement."""

    def open(self, user_id: str, reason: str, urgent: bool, language: str, now: datetime) -> Ticket: ...

    def get(self, ticket_id: int) -> Ticket | None: ...

    def current(self, user_id: str) -> Ticket | None:
        """The user's open ticket, if any."""

    def open_tickets(self) -> list[Ticket]:
        """Every open ticket, oldest first."""

    def claim(self, ticket_id: int, agent_id: str, agent_name: str, now: datetime) -> bool:
        """Claim a waiting ticket; False when it was already claimed or closed."""

    def close(self, ticket_id: int, now: datetime) -> bool:
        """Close an open ticket; False when it was already closed (only one closer wins)."""

    def set_refs(self, ticket_id: int, card_ref: str | None, thread_ref: str | None) -> None: ...

    def add_event(self, event: TicketEvent) -> None: ...

    def events(self, ticket_id: int) -> list[TicketEvent]:
        """The ticket's transcript, oldest first."""

    def ticket_for_ref(self, ref: str) -> int | None:
        """The ticket whose card, thread or copied message has this channel id."""

    def mark_first_reply(self, ticket_id: int, now: datetime) -> None: ...

    def due_for_timeout(self, now: datetime, timeout: timedelta) -> list[Ticket]:
        """Waiting tickets older than `timeout` whose user has not been told yet."""

    def mark_timed_out(self, ticket_id: int, now: datetime) -> bool:
        """Record that the user was told; False when another process did it first."""

    def rate(self, ticket_id: int, user_id: str, rating: int) -> bool:
        """Store the user's 1-5 rating of their own closed ticket; False otherwise."""


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


_MASKS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    (re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)"), "[id number]"),
    (re.compile(r"(?<!\d)\d{4}(?:[ -]?\d{4}){2,3}\d{0,3}(?!\d)"), "[card number]"),
    (re.compile(r"(?<!\d)(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)"), "[phone]"),
    (re.compile(r"(?<!\d)\+\d[\d -]{7,}\d"), "[phone]"),
)


def mask_personal_data(text: str) -> str:
    """Replace e-mail addresses, ID, card and phone numbers before a message is shown to the team."""
    for pattern, label in _MASKS:
        text = pattern.sub(label, text)
    return text


def is_offer(reply: Reply) -> bool:
    """An escalation the user may accept (a "talk to a person" button) rather than one to start now."""
    return not reply.urgent and any(button.action == HUMAN_ACTION for button in reply.buttons)


def summarize_profile(profile: dict[str, Any] | None) -> str:
    """One line per loan of the stored repayment profile, whatever shape the planner saved it in."""
    if not profile:
        return "no repayment profile"
    lines: list[str] = []
    for loan in profile.get("loans") or []:
        if not isinstance(loan, dict):
            continue
        name = _first(loan, "name", "lender", "label", "kind") or "loan"
        parts = [str(name)]
        for label, keys in (("balance", ("balance", "principal", "amount")),
                            ("APR", ("apr", "annual_rate", "rate")),
                            ("overdue days", ("overdue_days", "days_overdue")),
                            ("minimum", ("minimum_payment", "min_payment"))):
            value = _first(loan, *keys)
            if value not in (None, ""):
                parts.append(f"{label} {value}")
        lines.append("• " + ", ".join(parts))
    budget = _first(profile, "monthly_budget", "budget")
    if budget not in (None, ""):
        lines.append(f"monthly budget {budget}")
    return "\n".join(lines) if lines else "repayment profile stored (no loans listed)"


def _first(data: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if data.get(key) not in (None, ""):
            return data[key]
    return None


@dataclass
class Escalation:
    """What opening (or re-asking for) a ticket produced."""

    ticket: Ticket | None
    created: bool
    user_reply: Reply
    group_note: str | None = None  # posted to the thread when an open ticket is asked for again


@dataclass
class Closing:
    ticket: Ticket
    user_reply: Reply
    group_note: str


@dataclass
class Timeout:
    ticket: Ticket
    user_reply: Reply
    group_note: str


@dataclass
class Interception:
    """A message from a user who has an open ticket: forward it; let the bot answer only after a timeout."""

    ticket: Ticket
    bot_may_answer: bool


@dataclass
class SupportDesk:
    """Opens, routes and closes tickets; every decision is made here, the channel only renders it."""

    tickets: Tickets
    history: History
    profiles: Profiles
    enabled: bool = True
    timeout: timedelta = timedelta(minutes=30)
    clock: Callable[[], datetime] = utcnow
    mask: Callable[[str], str] = mask_personal_data

    # --- the borrower's side -------------------------------------------------------------------
    def current(self, user_id: str) -> Ticket | None:
        return self.tickets.current(user_id)

    def should_open(self, reply: Reply) -> bool:
        """True when the core's reply asks for a person now (not merely offers one)."""
        return reply.escalate and not is_offer(reply)

    def escalate(self, user_id: str, reason: str | None, urgent: bool, language: str) -> Escalation:
        """Open a ticket for the user, or point them to the one already open."""
        language = "en" if language == "en" else "zh"
        reason = reason or "user_request"
        if not self.enabled:
            return Escalation(None, False, Reply(user_text("no_desk", language), language, kind="info"))
        existing = self.tickets.current(user_id)
        if existing is not None:
            note = group_text("user_asked_again", n=existing.id, reason=self.reason_label(reason))
            self.tickets.add_event(TicketEvent(existing.id, "system", note, self.clock()))
            text = user_text("still_open", language, n=existing.id)
            return Escalation(existing, False, Reply(text, language, kind="handoff"), note)
        ticket = self.tickets.open(user_id, reason, urgent, language, self.clock())
        self.tickets.add_event(TicketEvent(ticket.id, "system", f"opened: {self.reason_label(reason)}", self.clock()))
        text = user_text("opened_urgent" if urgent else "opened", language, n=ticket.id)
        return Escalation(ticket, True, Reply(text, language, kind="handoff", escalate=True, urgent=urgent,
                                              escalation_reason=reason))

    def intercept(self, user_id: str, text: str) -> Interception | None:
        """Record a message of a user with an open ticket; None when they have none (the bot answers)."""
        ticket = self.tickets.current(user_id)
        if ticket is None:
            return None
        self.tickets.add_event(TicketEvent(ticket.id, "user", text, self.clock()))
        return Interception(ticket, bot_may_answer=ticket.timed_out_at is not None)

    def link_copy(self, ticket_id: int, message_ref: str, text: str, author: EventAuthor = "system") -> None:
        """Remember the channel id of a message posted into the ticket's thread, so replies to it route."""
        self.tickets.add_event(TicketEvent(ticket_id, author, text, self.clock(), message_ref=message_ref))

    def rate(self, user_id: str, action: str, language: str) -> tuple[Reply, str | None]:
        """Handle a `rate:<ticket>:<n>` button; returns the user's reply and a note for the team."""
        match = re.fullmatch(r"rate:(\d+):([1-5])", action)
        if not match:
            return Reply(user_text("rate_unknown", language), language, kind="info"), None
        ticket_id, rating = int(match.group(1)), int(match.group(2))
        if not self.tickets.rate(ticket_id, user_id, rating):
            return Reply(user_text("rate_unknown", language), language, kind="info"), None
        reply = Reply(user_text("rated", language, stars="⭐" * rating), language, kind="info")
        return reply, group_text("rated", n=ticket_id, rating=rating)

    # --- the team's side -----------------------------------------------------------------------
    def ticket(self, ticket_id: int) -> Ticket:
        ticket = self.tickets.get(ticket_id)
        if ticket is None:
            raise TicketError(group_text("no_ticket", n=ticket_id))
        return ticket

    def card_text(self, ticket: Ticket) -> str:
        """The card the team sees: reason, urgency, language, masked last messages, profile summary."""
        icon = "🚨" if ticket.urgent else "🆘"
        lines = [
            group_text("card_title", icon=icon, n=ticket.id),
            f"Reason: {self.reason_label(ticket.reason)}",
            f"Urgency: {group_text('urgent' if ticket.urgent else 'normal')}",
            f"Language: {'English' if ticket.language == 'en' else '中文'}",
            "Status: " + self.status_label(ticket),
            "",
            "Last messages:",
        ]
        recent = self.history.recent(ticket.user_id, CARD_MESSAGES)
        lines += [f"› {self.mask(exchange.question)}" for exchange in recent if exchange.question] or ["(none)"]
        lines += ["", "Repayment profile:", summarize_profile(self.profiles.load(ticket.user_id))]
        return "\n".join(lines)

    def claim(self, ticket_id: int, agent_id: str, agent_name: str) -> str:
        ticket = self.ticket(ticket_id)
        if not ticket.is_open:
            raise TicketError(group_text("already_closed", n=ticket_id))
        if not self.tickets.claim(ticket_id, agent_id, agent_name, self.clock()):
            current = self.ticket(ticket_id)
            if not current.is_open:
                raise TicketError(group_text("already_closed", n=ticket_id))
            raise TicketError(group_text("already_claimed", n=ticket_id, agent=current.agent_name or "someone"))
        self.tickets.add_event(TicketEvent(ticket_id, "system", f"claimed by {agent_name}", self.clock(),
                                           agent_name=agent_name))
        return group_text("claimed", n=ticket_id, agent=agent_name)

    def agent_reply(self, ticket_id: int, agent_id: str, agent_name: str, text: str) -> Ticket:
        """Record an agent's message to the user; the first one claims a waiting ticket for them."""
        ticket = self.ticket(ticket_id)
        if not ticket.is_open:
            raise TicketError(group_text("reply_closed", n=ticket_id))
        if ticket.status == "waiting":
            self.tickets.claim(ticket_id, agent_id, agent_name, self.clock())
        if ticket.first_reply_at is None:
            self.tickets.mark_first_reply(ticket_id, self.clock())
        self.tickets.add_event(TicketEvent(ticket_id, "agent", text, self.clock(), agent_name=agent_name))
        return self.ticket(ticket_id)

    def note(self, ticket_id: int, agent_name: str, text: str) -> str:
        self.ticket(ticket_id)
        self.tickets.add_event(TicketEvent(ticket_id, "note", text, self.clock(), agent_name=agent_name))
        return group_text("note_saved", n=ticket_id)

    def close(self, ticket_id: int, agent_name: str) -> Closing:
        ticket = self.ticket(ticket_id)
        if not self.tickets.close(ticket_id, self.clock()):
            raise TicketError(group_text("already_closed", n=ticket_id))
        self.tickets.add_event(TicketEvent(ticket_id, "system", f"closed by {agent_name}", self.clock(),
                                           agent_name=agent_name))
        language = ticket.language
        buttons = [Button(str(n), f"{RATE_PREFIX}{ticket_id}:{n}") for n in range(1, 6)]
        reply = Reply(user_text("closed", language, n=ticket_id), language, kind="info", buttons=buttons)
        return Closing(self.ticket(ticket_id), reply, group_text("closed", n=ticket_id, agent=agent_name))

    def due_timeouts(self) -> list[Timeout]:
        """Tell users nobody picked up their ticket in time; each ticket once, across processes."""
        now = self.clock()
        minutes = max(1, round(self.timeout.total_seconds() / 60))
        out = []
        for ticket in self.tickets.due_for_timeout(now, self.timeout):
            if not self.tickets.mark_timed_out(ticket.id, now):
                continue
            self.tickets.add_event(TicketEvent(ticket.id, "system", "timed out: the user may use the bot", now))
            reply = Reply(user_text("timeout", ticket.language, n=ticket.id), ticket.language, kind="info")
            out.append(Timeout(self.ticket(ticket.id), reply, group_text("timeout", n=ticket.id, minutes=minutes)))
        return out

    def open_list(self) -> str:
        """`/tickets`: the open ones, oldest first."""
        tickets = self.tickets.open_tickets()
        if not tickets:
            return group_text("no_open")
        lines = ["Open tickets (oldest first):"]
        now = self.clock()
        for ticket in tickets:
            age = _age(now - ticket.created_at) if ticket.created_at else "?"
            urgent = "🚨 " if ticket.urgent else ""
            lines.append(f"#{ticket.id} {urgent}{self.status_label(ticket)} · {self.reason_label(ticket.reason)}"
                         f" · {ticket.language} · {age} ago")
        return "\n".join(lines)

    def transcript(self, ticket_id: int) -> str:
        """`/transcript N`: everything said on the ticket, notes marked internal."""
        ticket = self.ticket(ticket_id)
        lines = [f"Transcript of ticket #{ticket.id} ({self.status_label(ticket)})"]
        for event in self.tickets.events(ticket_id):
            if event.message_ref and event.author == "system":
                continue  # bookkeeping of where copies were posted
            when = event.created_at.strftime("%H:%M") if event.created_at else "--:--"
            who = {"user": "user", "agent": event.agent_name or "agent",
                   "note": f"note by {event.agent_name or 'agent'} (internal)", "system": "·"}[event.author]
            lines.append(f"{when} {who}: {event.text}")
        return "\n".join(lines)

    @staticmethod
    def reason_label(reason: str) -> str:
        return REASON_LABELS.get(reason, reason)

    @staticmethod
    def status_label(ticket: Ticket) -> str:
        if ticket.status == "active":
            return f"claimed by {ticket.agent_name or 'an agent'}"
        return ticket.status


def _age(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"
