"""Keep a process's in-memory indexes in step with a store other processes change.

Dense search reads the shared Chroma store and sees a new article at once; the BM25 index and the
library's vocabulary are built in memory from the store and would not. Whichever process ingests
bumps a version stamp in the database; `FreshSearcher` compares it with the version it last built
at, before a search and at most every `interval` seconds, and rebuilds when it moved.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence

from bot.core.messages import Hit
from bot.core.ports import Searcher

log = logging.getLogger(__name__)


class FreshSearcher:
    """A Searcher that refreshes `indexes` (each has `refresh()`) when the library's version changes."""

    def __init__(self, searcher: Searcher, indexes: Sequence[object], version: Callable[[], int], *,
                 interval: float = 5.0, clock: Callable[[], float] = time.monotonic):
        self.searcher = searcher
        self.indexes = [index for index in indexes if hasattr(index, "refresh")]
        self.version = version
        self.interval = interval
        self.clock = clock
        self.refreshes = 0  # how many times the indexes were rebuilt (operators' logs, tests)
        self._seen: int | None = None
        self._checked = float("-inf")
        self._lock = threading.Lock()

    @property
    def dense(self) -> object:
        return getattr(self.searcher, "dense", self.searcher)

    def search(self, query: str, k: int = 5, *, lang: str | None = None, terms: str | None = None) -> list[Hit]:
        self.check()
        return self.searcher.search(query, k, lang=lang, terms=terms)

    def __getattr__(self, name: str) -> object:
        """Everything else the wrapped searcher offers (the words of an article for the decline
        decision, its stored vectors, ...) is the wrapped searcher's."""
        if name == "searcher":  # not set yet (during construction): no recursion
            raise AttributeError(name)
        return getattr(self.searcher, name)

    def check(self) -> bool:
        """Rebuild the indexes if another process changed the library; True when they were rebuilt."""
        now = self.clock()
        if now - self._checked < self.interval:
            return False
        with self._lock:
            if now - self._checked < self.interval:
                return False
            self._checked = now
            try:
                current = self.version()
            except Exception as exc:  # the database is down: answer from the indexes we have, say so in the log
                log.warning("library version unknown (%s: %s); BM25 stays as it is", type(exc).__name__, exc)
                return False
            if self._seen is None:  # first look: the indexes are built lazily from the current store
                self._seen = current
                return False
            if current == self._seen:
                return False
            self._refresh(current)
            return True

    def changed_here(self, version: int) -> None:
        """This process changed the store and bumped the stamp to `version`: rebuild now, not on the next check."""
        with self._lock:
            self._refresh(version)

    def _refresh(self, version: int) -> None:
        for index in self.indexes:
            index.refresh()
        log.info("library version %s -> %s: BM25 and vocabulary rebuilt", self._seen, version)
        self._seen = version
        self.refreshes += 1
