"""What goes into the core and what comes out of it, whatever the channel."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from bot.core.actions import Action

Language = Literal["zh", "en"]


@dataclass(frozen=True)
class Incoming:
    """One thing a user did: wrote text, or pressed a button (`action` carries the button's action)."""

    user_id: str
    text: str = ""
    language: Language | None = None  # the channel's hint (Telegram's language_code), if any
    action: Action | None = None
    channel: str = "console"


@dataclass(frozen=True)
class Source:
    article: str  # the article id: its path relative to KNOWLEDGE_DIR
    title: str


@dataclass(frozen=True)
class Button:
    """A button the channel renders; pressing it comes back as Incoming(action=...)."""

    label: str
    action: Action  # bot.core.actions: typed; the channel encodes it (bot.core.actions.encode)


@dataclass(frozen=True)
class Escalation:
    """Whether a reply hands the user to a person: `none`; `offer` (a "talk to a person" button the
    user may press); `now` (open a ticket at once). `urgent` puts the ticket first (a crisis)."""

    level: Literal["none", "offer", "now"] = "none"
    reason: str = ""
    urgent: bool = False

    @classmethod
    def now(cls, reason: str, *, urgent: bool = False) -> Escalation:
        return cls("now", reason, urgent)

    @classmethod
    def offer(cls, reason: str) -> Escalation:
        return cls("offer", reason)

    @property
    def requested(self) -> bool:
        """Offered or asked for now: counted as an escalation in the statistics."""
        return self.level != "none"


@dataclass
class Reply:
    text: str
    language: Language = "zh"
    kind: str = "answer"  # answer | decline | crisis | plan | wizard | info | handoff | error
    sources: list[Source] = field(default_factory=list)
    followups: list[str] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    answered: bool = False
    escalation: Escalation = field(default_factory=Escalation)
    chart_png: bytes | None = None
    turn_id: int | None = None  # the stored exchange this reply belongs to (feedback refers to it)


@dataclass(frozen=True)
class Hit:
    """One retrieved chunk."""

    article: str
    title: str
    heading: str
    text: str
    score: float
    lang: str = ""
    tags: tuple[str, ...] = ()
    position: int = 0
    summary: str = ""  # the article's front-matter answer to its title's question
    role: str = "article"  # "story": context only, never an answer's sole source
    jurisdiction: str = "general"  # CN | US | general: whose rules the article states
    # Stored at ingest so a message costs no extra embedding or tokenisation: the chunk's sentences and
    # their unit vectors (rows of a float32 array), the unit vector of "title + summary", the chunk's words.
    sentences: tuple[str, ...] = ()
    sentence_vectors: Any = field(default=None, compare=False, repr=False)
    lead_vector: Any = field(default=None, compare=False, repr=False)
    tokens: tuple[str, ...] = field(default=(), compare=False, repr=False)
    vector: Any = field(default=None, compare=False, repr=False)  # the chunk's own vector (in-memory search)
