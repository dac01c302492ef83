"""Composition of the editors' chat: the desk over the shared store, and the texts /try, /gaps and the digest show."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timezone
from typing import Any

from bot.core.assistant import Assistant
from bot.core.terms import script_language
from bot.library.desk import EditorDesk
from bot.library.gaps import find_gaps, since_days
from bot.library.reports import digest, gaps_report, trial_report
from bot.library.uploads import MB
from bot.settings import Settings

DIGEST_DAYS = 7


class EditorsTexts:
    """The answers to /try and /gaps and the weekly digest, computed from the live library and history."""

    def __init__(self, settings: Settings, desk: EditorDesk, assistant: Assistant, history: Any, embedder: Any,
                 today: Callable[[], date] = lambda: datetime.now(timezone.utc).date()):
        self.settings = settings
        self.desk = desk
        self.assistant = assistant
        self.history = history
        self.embedder = embedder
        self.today = today

    def try_question(self, question: str) -> str:
        language = script_language(question) or self.settings.default_language
        found, reply = self.assistant.preview(question, language)
        used = {source.article for source in reply.sources}
        stale = self.desk.stale(self.today(), self.settings.stale_after_days, ids=used) if used else []
        return trial_report(question, found, reply, stale)

    def gaps(self, days: int) -> str:
        return gaps_report(self._groups(days), days)

    def digest(self) -> str:
        stale = self.desk.stale(self.today(), self.settings.stale_after_days)
        return digest(self._groups(DIGEST_DAYS), stale, DIGEST_DAYS, self.settings.stale_after_days)

    def _groups(self, days: int) -> list:
        exchanges = self.history.since(since_days(days))
        searcher = self.assistant.searcher
        return find_gaps(exchanges, lambda texts: [self.embedder.embed_query(t) for t in texts],
                         lambda query, k: searcher.search(query, k))


def build_desk(settings: Settings, collection: Any, embedder: Any, on_change: Callable[[Any], None]) -> EditorDesk:
    return EditorDesk(settings.knowledge_dir, collection, embedder, max_bytes=settings.editor_upload_max_mb * MB,
                      on_change=on_change)
