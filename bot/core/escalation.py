"""The support desk: hand a conversation to a person, keep the bot quiet meanwhile, hand it back.

Channel-agnostic: tickets live behind the `Tickets` Protocol (the database, bot/core/ports.py), the
channel adapter (bot/telegram/support.py) moves messages and renders what the desk decides.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from bot.core.actions import Rate
from bot.core.messages import Button, Escalation, Reply
from bot.core.ports import History, Profiles, Ticket, TicketError, TicketNotFound, Tickets
from bot.core.redaction import mask
from bot.core.support_texts import group_text, user_text

CARD_MESSAGES = 5  # how many of the user's last messages the card shows
NOTICE_LEASE = timedelta(minutes=5)  # a timeout notice claimed longer ago than this was never sent: try again

REASON_LABELS = {
    "user_request": "asked for a person",
    "human": "asked for a person",
    "user request": "asked for a person",
    "crisis": "crisis language",
    "harassment": "collector threats / harassment",
    "threat": "a threat to hurt or kill the user or their family",
    "declined": "the bot could not answer twice in a row",
    "declined_twice": "the bot could not answer twice in a row",
    "thumbs_down": "two 👎 in a row",
    "infeasible": "repayment budget is not feasible",
    "infeasible_budget": "repayment budget is not feasible",
}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def summarize_profile(profile: dict[str, Any] | None) -> str:
    """The stored repayment profile (the planner's `plan_input_to_dict` JSON) in a few lines for the team."""
    if not profile:
        return "no repayment profile"
    currency = profile.get("currency") or "CNY"
    lines: list[str] = []
    for loan in profile.get("loans") or []:
        if not isinstance(loan, dict):
            continue
        parts = [str(_first(loan, "name", "kind") or "loan")]
        for label, key in (("balance", "balance"), ("annual rate", "annual_rate"), ("daily rate", "daily_rate"),
                           ("minimum", "min_payment"), ("days overdue", "days_overdue"),
                           ("overdue", "overdue_amount")):
            value = loan.get(key)
            if value not in (None, "", 0, "0"):
                parts.append(f"{label} {value}")
        lines.append("• " + ", ".join(parts))
    income, expenses = profile.get("monthly_income"), profile.get("essential_expenses")
    if income not in (None, ""):
        lines.append(f"monthly income {income}, essential expenses {expenses or 0} ({currency})")
    return "\n".join(lines) if lines else "repayment profile stored (no loans listed)"


def _first(data: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if data.get(key) not in (None, ""):
            return data[key]
    return None


@dataclass
class TicketOpening:
    """What asking for a person produced: a new ticket (post its card) or the one already open."""

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
    """A user with an open ticket wrote: forward it; the bot answers too only after a timeout."""

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
    mask: Callable[[str], str] = mask
    agents_see_personal_data: bool = False  # SUPPORT_SEES_PERSONAL_DATA: what agents see live, never what is stored

    def _add(self, ticket_id: int, author: str, text: str, **where: Any) -> None:
        """Every transcript row is stored masked, whoever wrote it (user, agent, note, the bot's posts)."""
        self.tickets.add_message(ticket_id, author, self.mask(text), **where)

    def for_agents(self, text: str) -> str:
        """A user's words as the support group sees them live: masked unless SUPPORT_SEES_PERSONAL_DATA."""
        return text if self.agents_see_personal_data else self.mask(text)

    # --- the borrower's side -------------------------------------------------------------------
    def current(self, user_id: str) -> Ticket | None:
        return self.tickets.active_for(user_id)

    def should_open(self, reply: Reply) -> bool:
        """True when the core's reply asks for a person now (not merely offers one)."""
        return reply.escalation.level == "now"

    def escalate(self, user_id: str, reason: str | None, urgent: bool, language: str,
                 chat_id: int | None = None) -> TicketOpening:
        """Open a ticket for the user, or point them to the one already open; they are told once."""
        language = "en" if language == "en" else "zh"
        reason = reason or "user request"
        if not self.enabled:
            return TicketOpening(None, False, Reply(user_text("no_desk", language), language, kind="info"))
        ticket = self.tickets.open(user_id, reason, urgent, language, chat_id)
        # The store returns the open ticket if there is one; only the first caller says it is open.
        if self.tickets.mark_handoff_notice(ticket.id):
            self._add(ticket.id, "system", f"opened: {self.reason_label(reason)}")
            text = user_text("opened_urgent" if urgent else "opened", language, n=ticket.id)
            return TicketOpening(ticket, True, Reply(text, language, kind="handoff",
                                                     escalation=Escalation.now(reason, urgent=urgent)))
        note = group_text("user_asked_again", n=ticket.id, reason=self.reason_label(reason))
        self._add(ticket.id, "system", note)
        return TicketOpening(ticket, False, Reply(user_text("still_open", language, n=ticket.id), language,
                                                  kind="handoff"), note)

    def intercept(self, user_id: str) -> Interception | None:
        """The user's open ticket, if any (then people answer; the bot too only after a timeout)."""
        ticket = self.tickets.active_for(user_id)
        if ticket is None:
            return None
        return Interception(ticket, bot_may_answer=ticket.timeout_notified)

    def record_user_message(self, ticket_id: int, text: str, group_message_id: int | None = None,
                            user_message_id: int | None = None) -> None:
        """Keep what the user wrote in the transcript (masked), with where its copy sits in the thread."""
        self._add(ticket_id, "user", text, group_message_id=group_message_id,
                                 user_message_id=user_message_id)

    def link_copy(self, ticket_id: int, group_message_id: int, text: str) -> None:
        """Remember a bot post in the ticket's thread, so replies to it reach the user."""
        self._add(ticket_id, "system", text, group_message_id=group_message_id)

    def rate(self, user_id: str, action: Rate, language: str) -> tuple[Reply, str | None]:
        """Handle a rating button; returns the user's reply and a note for the team."""
        ticket = self.tickets.get(action.ticket_id)
        stars = action.stars
        if ticket is None or ticket.is_open or not 1 <= stars <= 5 or not self.tickets.rate(ticket.id, stars, user_id):
            return Reply(user_text("rate_unknown", language), language, kind="info"), None
        reply = Reply(user_text("rated", language, stars="⭐" * stars), language, kind="info")
        return reply, group_text("rated", n=ticket.id, rating=stars)

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

    def claim(self, ticket_id: int, agent_id: int, agent_name: str) -> str:
        try:
            claim = self.tickets.claim(ticket_id, agent_id, agent_name)
        except TicketNotFound:
            raise TicketError(group_text("no_ticket", n=ticket_id)) from None
        if not claim.ticket.is_open:
            raise TicketError(group_text("already_closed", n=ticket_id))
        if not claim.won:
            raise TicketError(group_text("already_claimed", n=ticket_id, agent=claim.ticket.agent_name or "someone"))
        self._add(ticket_id, "system", f"claimed by {agent_name}", author_name=agent_name)
        return group_text("claimed", n=ticket_id, agent=agent_name)

    def agent_reply(self, ticket_id: int, agent_id: int, agent_name: str, text: str,
                    group_message_id: int | None = None) -> tuple[Ticket, bool]:
        """Record an agent's message to the user; the first one claims a waiting ticket for them.

        Returns the ticket and whether this reply claimed it (the card then shows the agent)."""
        ticket = self.ticket(ticket_id)
        if not ticket.is_open:
            raise TicketError(group_text("reply_closed", n=ticket_id))
        claimed = ticket.status == "waiting" and self.tickets.claim(ticket_id, agent_id, agent_name).won
        if claimed:
            self._add(ticket_id, "system", f"claimed by {agent_name} (replied)", author_name=agent_name)
        self.tickets.mark_first_reply(ticket_id)
        self._add(ticket_id, "agent", text, author_name=agent_name, group_message_id=group_message_id)
        return self.ticket(ticket_id), claimed

    def note(self, ticket_id: int, agent_name: str, text: str) -> str:
        self.ticket(ticket_id)
        self._add(ticket_id, "note", text, author_name=agent_name)
        return group_text("note_saved", n=ticket_id)

    def close(self, ticket_id: int, agent_name: str) -> Closing:
        ticket = self.tickets.close(ticket_id)
        if ticket is None:
            self.ticket(ticket_id)  # unknown ticket: says so
            raise TicketError(group_text("already_closed", n=ticket_id))
        self._add(ticket_id, "system", f"closed by {agent_name}", author_name=agent_name)
        language = ticket.language
        buttons = [Button(f"{n}⭐", Rate(ticket_id, n)) for n in range(1, 6)]
        reply = Reply(user_text("closed", language, n=ticket_id), language, kind="info", buttons=buttons)
        return Closing(ticket, reply, group_text("closed", n=ticket_id, agent=agent_name))

    def due_timeouts(self) -> list[Timeout]:
        """The notices to send to users nobody picked up in time; each ticket is claimed by one process.

        The caller sends each one, then calls `timeout_sent` (or `timeout_failed`, and the next scan
        tries again); a claim whose sender died expires after NOTICE_LEASE."""
        minutes = self.timeout.total_seconds() / 60
        now = self.clock()
        out = []
        for ticket in self.tickets.due_for_timeout(now, minutes):  # type: ignore[arg-type]
            if not self.tickets.claim_timeout_notice(ticket.id, now, NOTICE_LEASE):
                continue
            reply = Reply(user_text("timeout", ticket.language, n=ticket.id), ticket.language, kind="info")
            note = group_text("timeout", n=ticket.id, minutes=max(1, round(minutes)))
            out.append(Timeout(ticket, reply, note))
        return out

    def timeout_sent(self, timeout: Timeout) -> Ticket:
        """The user got the notice: from now on the bot answers them too."""
        if self.tickets.mark_timeout_notified(timeout.ticket.id):
            self._add(timeout.ticket.id, "system", "timed out: the user was told and may use the bot")
        return self.ticket(timeout.ticket.id)

    def timeout_failed(self, timeout: Timeout) -> None:
        """The notice did not reach the user: the next scan sends it again."""
        self.tickets.release_timeout_notice(timeout.ticket.id)

    def open_list(self) -> str:
        """`/tickets`: the open ones, oldest first."""
        tickets = self.tickets.list_open()
        if not tickets:
            return group_text("no_open")
        lines = ["Open tickets (oldest first):"]
        now = self.clock()
        for ticket in tickets:
            urgent = "🚨 " if ticket.urgent else ""
            lines.append(f"#{ticket.id} {urgent}{self.status_label(ticket)} · {self.reason_label(ticket.reason)}"
                         f" · {ticket.language} · {_age(now - ticket.created_at)} ago")
        return "\n".join(lines)

    def transcript(self, ticket_id: int) -> str:
        """`/transcript N`: everything said on the ticket, notes marked internal."""
        ticket = self.ticket(ticket_id)
        lines = [f"Transcript of ticket #{ticket.id} ({self.status_label(ticket)})"]
        for message in self.tickets.messages(ticket_id):
            if message.author == "system" and message.group_message_id is not None:
                continue  # bookkeeping: where the bot posted in the thread
            who = {"user": "user", "agent": message.author_name or "agent",
                   "note": f"note by {message.author_name or 'agent'} (internal)"}.get(message.author, "·")
            lines.append(f"{message.created_at:%H:%M} {who}: {message.text}")
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
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"
