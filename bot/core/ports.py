"""The Protocols the core talks through; adapters (Chroma, SQL, OpenAI, Telegram) implement them.

The core only ever sees these types, so it can be tested with small hand-written fakes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from bot.core.messages import Hit


class Searcher(Protocol):
    def search(self, query: str, k: int = 5) -> list[Hit]:
        """The k best chunks for a question, best first."""


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
