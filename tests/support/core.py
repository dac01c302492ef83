"""Hand-written fakes of the core's ports; each records what it was asked."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

from bot.core.actions import PlanKind, PlanStep
from bot.core.drafting import AnswerUnavailable, Draft, Passage
from bot.core.messages import Hit, Incoming, Reply, Source
from bot.core.ports import Exchange


def hit(article: str, text: str, score: float = 0.9, *, title: str | None = None, lang: str = "zh",
        heading: str = "", position: int = 0) -> Hit:
    return Hit(article=article, title=title or article, heading=heading, text=text, score=score,
               lang=lang, position=position)


class FakeSearcher:
    """Returns the hits filed under the first key the query contains; records every query."""

    def __init__(self, results: dict[str, list[Hit]] | None = None, default: list[Hit] | None = None):
        self.results = results or {}
        self.default = default or []
        self.queries: list[tuple[str, int]] = []

    def search(self, query: str, k: int = 5, *, lang: str | None = None, terms: str | None = None) -> list[Hit]:
        text = terms if terms is not None else query
        self.queries.append((text, k))
        found = next((hits for key, hits in self.results.items() if key in text), self.default)
        return [h for h in found if lang is None or h.lang == lang][:k]


class FakeHistory:
    """History in a list; `exchanges` may be given (e.g. what a user said before asking for a person)."""

    def __init__(self, exchanges: list[Exchange] | None = None):
        self.exchanges: list[Exchange] = list(exchanges or [])

    def record(self, exchange: Exchange) -> int:
        stored = replace(exchange, id=len(self.exchanges) + 1, created_at=datetime.now(timezone.utc))
        self.exchanges.append(stored)
        return stored.id

    def recent(self, user_id: str, limit: int = 6) -> list[Exchange]:
        return [e for e in self.exchanges if e.user_id == user_id][-limit:]

    def set_feedback(self, exchange_id: int, user_id: str, value: int) -> bool:
        for index, exchange in enumerate(self.exchanges):
            if exchange.id == exchange_id and exchange.user_id == user_id:
                self.exchanges[index] = replace(exchange, feedback=value)
                return True
        return False

    def since(self, when: datetime) -> list[Exchange]:
        return [e for e in self.exchanges if e.created_at and e.created_at >= when]


class FakePrefs:
    def __init__(self, languages: dict[str, str] | None = None):
        self.languages = dict(languages or {})

    def language(self, user_id: str) -> str | None:
        return self.languages.get(user_id)

    def set_language(self, user_id: str, language: str) -> None:
        self.languages[user_id] = language


class FakeForgetter:
    def __init__(self, history: FakeHistory | None = None):
        self.history = history
        self.forgotten: list[str] = []

    def forget(self, user_id: str) -> int:
        self.forgotten.append(user_id)
        if self.history is None:
            return 0
        before = len(self.history.exchanges)
        self.history.exchanges = [e for e in self.history.exchanges if e.user_id != user_id]
        return before - len(self.history.exchanges)


class FakeWriter:
    """An LLM writer stand-in: answers with `answer` or raises AnswerUnavailable(`fail`)."""

    def __init__(self, answer: str = "LLM answer [1]", fail: str | None = None):
        self.answer = answer
        self.fail = fail
        self.calls: list[tuple[str, list[Passage], str]] = []

    def write(self, question: str, passages: list[Passage], language: str, *, deadline=None) -> Draft:
        self.calls.append((question, passages, language))
        if self.fail:
            raise AnswerUnavailable(self.fail)
        return Draft(self.answer, [Source(passages[0].article, passages[0].title)], guidance=False)


class FakeRewriter:
    def __init__(self, rewritten: str | None = None, fail: str | None = None):
        self.rewritten = rewritten
        self.fail = fail
        self.calls: list[tuple[str, list[str], str]] = []

    def rewrite(self, question: str, previous: list[str], language: str, *, deadline=None) -> str:
        self.calls.append((question, previous, language))
        if self.fail:
            raise AnswerUnavailable(self.fail)
        return self.rewritten or question


class FakePlan:
    """Claims /plan, plan:* actions and texts containing "我欠"; answers with a fixed plan reply."""

    def __init__(self, waiting: bool = False):
        self.handled: list[tuple[Incoming, str]] = []
        self.readings: list[object] = []
        self.open = waiting

    def claims(self, incoming: Incoming, reading=None) -> bool:
        self.readings.append(reading)
        return (incoming.text or "").startswith("/plan") or isinstance(incoming.action, (PlanStep, PlanKind)) \
            or "我欠" in (incoming.text or "")

    def waiting(self, user_id: str) -> bool:
        return self.open

    def route(self, incoming: Incoming, reading=None) -> tuple[bool, bool]:
        return self.claims(incoming, reading), self.waiting(incoming.user_id)

    def debt_names(self, user_id: str) -> list[str]:
        return ["借呗"] if self.open else []

    def handle(self, incoming: Incoming, language: str) -> Reply:
        self.handled.append((incoming, language))
        return Reply("plan step", language, kind="wizard")
