"""The Protocols the core talks through; adapters (Chroma, SQL, OpenAI, Telegram) implement them.

The core only ever sees these types, so it can be tested with small hand-written fakes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from collections.abc import Sequence
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from bot.core.errors import BotError
from bot.core.messages import Hit, Incoming, Reply

if TYPE_CHECKING:
    from bot.core.drafting import Deadline, Draft, Passage
    from bot.planner.simulation import Outcome


class SearchUnavailable(BotError):
    """The article store cannot be searched right now (a server down, a broken store)."""


class Searcher(Protocol):
    def search(self, query: str, k: int = 5, *, lang: str | None = None, terms: str | None = None) -> list[Hit]:
        """The k best chunks for a question, best first; raises SearchUnavailable when the store fails.

        `lang` keeps only chunks in that language; `terms` (the question's terms translated) replaces
        the query for word matching, while meaning is still matched on the question itself."""


@dataclass
class Exchange:
    """One message of a user and what the bot did with it: the unit of history and of feedback."""

    user_id: str
    question: str  # masked: personal data removed before it is stored
    answer: str = ""
    language: str = "zh"
    kind: str = "answer"  # answer | decline | crisis | plan | wizard | info | handoff | error
    answered: bool = False
    escalated: bool = False
    sources: list[str] = field(default_factory=list)  # article ids
    feedback: int = 0  # +1 thumbs up, -1 thumbs down, 0 none
    id: int | None = None
    created_at: datetime | None = None


class History(Protocol):
    def record(self, exchange: Exchange) -> int:
        """Store an exchange and return its id."""

    def recent(self, user_id: str, limit: int = 6) -> list[Exchange]:
        """The user's last exchanges, oldest first."""

    def set_feedback(self, exchange_id: int, user_id: str, value: int) -> bool:
        """Store +1/-1 on the user's own exchange; False when it is not theirs or gone."""

    def since(self, when: datetime) -> list[Exchange]:
        """Every exchange since a moment, oldest first (for editors' gaps and stats)."""


class UserPrefs(Protocol):
    def language(self, user_id: str) -> str | None: ...

    def set_language(self, user_id: str, language: str) -> None: ...


@dataclass
class WizardState:
    """Where a user is in a multi-step conversation (the /plan wizard); lives in the database."""

    flow: str
    step: str
    data: dict[str, Any] = field(default_factory=dict)


class Wizards(Protocol):
    def load(self, user_id: str) -> WizardState | None: ...

    def save(self, user_id: str, state: WizardState) -> None: ...

    def clear(self, user_id: str) -> None: ...


class Profiles(Protocol):
    """A user's repayment profile: the planner's inputs as JSON-able data."""

    def load(self, user_id: str) -> dict[str, Any] | None: ...

    def save(self, user_id: str, profile: dict[str, Any]) -> None: ...


class Forgetter(Protocol):
    def forget(self, user_id: str) -> int:
        """Delete every row about the user; return how many rows went."""


# --- escalation: tickets handed to support staff ---------------------------------------------

TICKET_STATUSES = ("waiting", "active", "closed")
MESSAGE_AUTHORS = ("user", "agent", "note", "system")


class TicketError(Exception):
    """A ticket operation that cannot be done (unknown ticket, bad rating, bad author)."""


class TicketNotFound(TicketError):
    def __init__(self, ticket_id: int) -> None:
        super().__init__(f"no ticket #{ticket_id}")
        self.ticket_id = ticket_id


@dataclass
class Ticket:
    """A conversation handed to a person: `waiting` for an agent, `active` once claimed, then `closed`."""

    id: int
    user_id: str
    chat_id: int | None  # the user's chat to send agents' replies to; None once the user is forgotten
    status: str
    reason: str  # why: human | crisis | harassment | declined | thumbs_down | infeasible | ...
    urgent: bool
    language: str
    created_at: datetime
    agent_id: int | None = None
    agent_name: str | None = None
    claimed_at: datetime | None = None
    first_agent_reply_at: datetime | None = None
    closed_at: datetime | None = None
    card_message_id: int | None = None  # the card in the support group
    thread_id: int | None = None  # the ticket's forum topic in the support group, if it is a forum
    timeout_notified: bool = False
    handoff_notice_sent: bool = False
    rating: int | None = None  # 1-5 from the user after closing

    @property
    def is_open(self) -> bool:
        return self.status != "closed"


@dataclass
class TicketMessage:
    """One line of a ticket's transcript: the user's message, an agent's reply, an internal note."""

    ticket_id: int
    author: str  # user | agent | note | system
    text: str
    created_at: datetime
    author_name: str | None = None
    group_message_id: int | None = None  # the copy in the support group
    user_message_id: int | None = None  # the message in the user's chat
    id: int | None = None


@dataclass(frozen=True)
class Claim:
    """The outcome of claiming a ticket: `won` is False when someone else has it (see `ticket.agent_name`)."""

    won: bool
    ticket: Ticket


class Tickets(Protocol):
    def open(self, user_id: str, reason: str, urgent: bool, language: str, chat_id: int | None) -> Ticket:
        """Open a waiting ticket; when the user already has an open one, return that one instead."""

    def active_for(self, user_id: str) -> Ticket | None:
        """The user's open (waiting or active) ticket, if any."""

    def get(self, ticket_id: int) -> Ticket | None: ...

    def list_open(self) -> list[Ticket]:
        """Waiting and active tickets, oldest first."""

    def claim(self, ticket_id: int, agent_id: int, agent_name: str) -> Claim:
        """Atomically give a waiting ticket to an agent; the first claimer wins. Raises TicketNotFound."""

    def close(self, ticket_id: int) -> Ticket | None:
        """Close an open ticket and return it; None when no open ticket has that id."""

    def add_message(
        self,
        ticket_id: int,
        author: str,
        text: str,
        *,
        author_name: str | None = None,
        group_message_id: int | None = None,
        user_message_id: int | None = None,
    ) -> TicketMessage: ...

    def messages(self, ticket_id: int) -> list[TicketMessage]:
        """The ticket's transcript, oldest first (notes included: filter them before showing users)."""

    def find_by_group_message(self, message_id: int) -> Ticket | None:
        """The ticket a support-group message (its card or a copied message) belongs to."""

    def find_by_thread(self, thread_id: int) -> Ticket | None:
        """The ticket whose forum topic this is."""

    def set_card(self, ticket_id: int, message_id: int, thread_id: int | None = None) -> None: ...

    def mark_first_reply(self, ticket_id: int) -> bool:
        """Record the first agent reply's time; False when it was already recorded."""

    def due_for_timeout(self, now: datetime, minutes: int) -> list[Ticket]:
        """Waiting tickets with no agent, older than `minutes`, whose user was not told yet."""

    def claim_timeout_notice(self, ticket_id: int, now: datetime, lease: timedelta) -> bool:
        """True for the one caller that should send the timeout notice now (several processes may race);
        a claim older than `lease` has expired (its sender crashed), so the notice is tried again."""

    def release_timeout_notice(self, ticket_id: int) -> None:
        """The notice could not be delivered: let the next scan try again."""

    def mark_timeout_notified(self, ticket_id: int) -> bool:
        """The user was told (after the notice was delivered); False when it was already marked."""

    def mark_handoff_notice(self, ticket_id: int) -> bool:
        """True for the one caller that should say "a person will reply" (it is said once)."""

    def rate(self, ticket_id: int, stars: int, user_id: str | None = None) -> bool:
        """Store a 1-5 rating; False when the ticket is not the user's or is gone."""


# --- operations: statistics and the per-user rate limit ----------------------------------------


@dataclass(frozen=True)
class Stats:
    """What admins see with /stats."""

    messages: int
    answered: int
    declined: int
    thumbs_up: int
    thumbs_down: int
    tickets_open: int
    tickets_closed: int
    median_first_reply_seconds: float | None  # from ticket opened to the first agent reply

    @property
    def share_answered(self) -> float:
        return self.answered / self.messages if self.messages else 0.0


class StatsReader(Protocol):
    def stats(self, since: datetime | None = None) -> Stats:
        """Counts over exchanges and tickets created since a moment (all time when None)."""


class RateEvents(Protocol):
    """A per-user message counter shared by every bot process."""

    def hit(self, user_id: str, window_seconds: int = 60) -> int:
        """Count one message now; return the user's messages within the window, this one included."""


# The conversations, writers and renderers the Assistant is given.

class PlanConversation(Protocol):
    """The repayment planner's conversation (bot/core/plan_conversation.py)."""

    def claims(self, incoming: Incoming, reading: Reading | None = None) -> bool:
        """Whether the message is the planner's: /plan, its buttons, an answer to the open wizard's
        step, a list of debts to plan (`reading`, the intent by meaning, tells it from a question)."""

    def waiting(self, user_id: str) -> bool:
        """True while the user's wizard is open and waits (resumed by the "plan:resume" button)."""

    def route(self, incoming: Incoming, reading: Reading | None = None) -> tuple[bool, bool]:
        """(`claims`, `waiting`) for one message, from one read of the user's wizard."""

    def debt_names(self, user_id: str) -> list[str]:
        """The names of the debts in the user's open wizard (none when no wizard is open)."""

    def handle(self, incoming: Incoming, language: str) -> Reply: ...



class AnswerWriter(Protocol):
    def write(self, question: str, passages: list[Passage], language: str, *, deadline: Deadline | None = None) -> Draft:
        """An answer to the question from the passages only, in the language, by the deadline if one is given;
        raises AnswerUnavailable."""



class QuestionRewriter(Protocol):
    def rewrite(self, question: str, previous: list[str], language: str, *, deadline: Deadline | None = None) -> str:
        """The question made standalone using the user's previous questions, by the deadline if one is given;
        raises AnswerUnavailable."""



class ChartRenderer(Protocol):
    def __call__(self, outcome: Outcome, language: str = "zh", currency: str = "CNY") -> bytes:
        """The payoff chart of a plan as PNG bytes (bot.chart.render_payoff_chart)."""



class Embedder(Protocol):
    name: str
    dim: int

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        """Vectors for chunks of articles."""

    def embed_query(self, text: str) -> list[float]:
        """The vector of a question."""



class ReferenceSet(Protocol):
    """Phrases the library is not for (bot.search.reference.OffTopicReference)."""

    def closeness(self, vector: Sequence[float]) -> tuple[float, float]:
        """How close a question's vector is to the nearest reference phrases, and to the reference set as
        a whole (mean cosine to every phrase)."""


class ChunkSource(Protocol):
    """A dense searcher that can also list every stored chunk (bot.search.dense.DenseSearcher)."""

    def search(self, query: str, k: int = 5, *, lang: str | None = None, terms: str | None = None) -> list[Hit]: ...

    def all_chunks(self) -> list[Hit]: ...


class Core(Protocol):
    """The channel-agnostic assistant (`bot.core.assistant.Assistant`): synchronous, run in a thread."""

    def handle(self, incoming: Incoming) -> Reply: ...


class RateLimit(Protocol):
    """Counts a user's messages; the production one stores events in the database (`rate_events`)
    so that several bot processes share one count. Synchronous: called in a worker thread."""

    def hit(self, user_id: str) -> int:
        """Record one message from the user now; return how many they sent in the last 60 seconds,
        this one included."""



# --- reminders: due-date reminders and check-ins on a plan (bot/core/reminders.py) ----------

REMINDER_KINDS = ("reminder", "checkin")
# due: waiting for its time; sending: claimed by one process; sent; answered (a button was pressed);
# cancelled (replaced, paid, stopped); paused; failed (gave up after retries); blocked (the user blocked the bot)
REMINDER_STATUSES = ("due", "sending", "sent", "answered", "cancelled", "paused", "failed", "blocked")
REMINDER_PLAN_STATUSES = ("active", "paused", "stopped", "blocked")


@dataclass(frozen=True)
class ReminderLoan:
    name: str
    due_day: int  # 1-31 of every month; a shorter month uses its last day


@dataclass(frozen=True)
class ReminderPlan:
    """A user's opt-in: when their loans are due, how early to remind, when never to write."""

    user_id: str
    chat_id: int | None  # where reminders go; None: a channel without scheduled messages (the console)
    language: str
    timezone: str  # IANA name, e.g. Asia/Shanghai
    days_before: int
    quiet_start: time  # no message from quiet_start to quiet_end, local time (may wrap midnight)
    quiet_end: time
    loans: tuple[ReminderLoan, ...]
    profile: dict[str, Any]  # the planner's inputs at opt-in (plan_input_to_dict JSON): the plan followed
    status: str = "active"  # active | paused | stopped | blocked
    started_on: date | None = None


@dataclass(frozen=True)
class NewReminder:
    """A message to send later: a reminder before a due date or a check-in after it."""

    loan: str
    month: int  # the plan's month whose amount it asks for (1 = the first month of the plan)
    due_date: date
    send_at: datetime  # aware UTC
    kind: str = "reminder"  # reminder | checkin


@dataclass(frozen=True)
class Reminder:
    id: int
    user_id: str
    chat_id: int | None
    loan: str
    month: int
    due_date: date
    send_at: datetime
    kind: str
    status: str
    answer: str | None = None  # paid | later | cant_pay
    attempts: int = 0


@dataclass(frozen=True)
class Payment:
    """A month of a loan the user said they paid ("已还 / Paid"), for the amount the plan asked."""

    user_id: str
    loan: str
    month: int
    amount: Decimal
    due_date: date
    paid_at: datetime


class ReminderStore(Protocol):
    """Reminder plans, the reminders as rows (so any process can send them, once) and payments."""

    def plan(self, user_id: str) -> ReminderPlan | None: ...

    def plans(self, user_ids: Sequence[str]) -> dict[str, ReminderPlan]:
        """Several users' plans in one query (a scanner's batch)."""

    def save_plan(self, plan: ReminderPlan, reminders: Sequence[NewReminder]) -> None:
        """Store the opt-in and its first reminders; an earlier opt-in, its reminders and payments go
        (a new plan starts its months afresh)."""

    def set_plan_status(self, user_id: str, status: str) -> None:
        """active, paused (pending rows wait), stopped or blocked (pending rows are cancelled)."""

    def replace_pending(self, user_id: str, reminders: Sequence[NewReminder], loan: str | None = None,
                        due_date: date | None = None) -> None:
        """Cancel the user's due or paused reminders (of one loan, of one due date, when given) and add these."""

    def add(self, user_id: str, reminders: Sequence[NewReminder]) -> None: ...

    def pending(self, user_id: str) -> list[Reminder]:
        """Due and paused reminders, soonest first."""

    def get(self, reminder_id: int) -> Reminder | None: ...

    def claim(self, now: datetime, limit: int, lease_seconds: int) -> list[Reminder]:
        """Atomically take up to `limit` due reminders (and ones whose claim is older than the lease):
        each row goes to exactly one caller, whichever process asks."""

    def mark_sent(self, reminder_id: int, now: datetime) -> None: ...

    def defer(self, reminder_id: int, send_at: datetime, failed: bool = False) -> None:
        """Back to due at `send_at` (quiet hours, a failed send: `failed` counts an attempt)."""

    def give_up(self, reminder_id: int) -> None: ...

    def mark_blocked(self, user_id: str) -> int:
        """The user blocked the bot: the plan and every pending reminder stop; return rows changed."""

    def answer(self, reminder_id: int, user_id: str, answer: str) -> bool:
        """Record the first answer to a sent reminder; False when it is not the user's or already answered."""

    def record_payment(self, payment: Payment, reminders: Sequence[NewReminder]) -> bool:
        """Store the payment and replace the loan's pending reminders; False when that month was
        already recorded (nothing changes)."""

    def payments(self, user_id: str) -> list[Payment]: ...


class ReminderConversation(Protocol):
    """The reminders' side of the conversation: the opt-in after a plan, the reminder buttons,
    /reminders and /progress. `ask(question)` answers a question from the library the normal way."""

    def claims(self, incoming: Incoming) -> bool: ...

    def handle(self, incoming: Incoming, language: str, ask: Callable[[str], Reply]) -> Reply: ...

    def offer(self, reply: Reply) -> Reply:
        """A plan reply with the opt-in button added (never opted in by default)."""


# --- understanding: what a message is about, by meaning ---------------------------------------

INTENTS = ("crisis", "human", "harassment", "plan", "question", "off_topic", "greeting", "venting")
"""crisis: speaks of ending one's life or self-harm; human: asks for a person; harassment: reports
collectors' threats; plan: lists the user's own debts to plan; question: asks about borrowing and
debt; off_topic: anything else; greeting: hello/thanks; venting: everyday stress and idioms
("气死了", "跳楼价"), answered like a question."""


@dataclass(frozen=True)
class Reading:
    """What a message is about: the likeliest intent, every intent's probability, and the crisis
    probability on its own (crisis is decided on a low threshold of it, not on the top intent)."""

    intent: str
    scores: dict[str, float]
    crisis_score: float
    crisis: bool = False

    def score(self, intent: str) -> float:
        return self.scores.get(intent, 0.0)


class Understanding(Protocol):
    def read(self, text: str) -> Reading:
        """The reading of one message (bot.understanding.MeaningClassifier)."""
