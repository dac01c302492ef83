"""Another process's ingest reaches this process's BM25 and vocabulary through the version stamp."""

from bot.core.messages import Hit
from bot.search.freshness import FreshSearcher


class Index:
    def __init__(self):
        self.refreshed = 0

    def refresh(self):
        self.refreshed += 1


class Inner(Index):
    def __init__(self):
        super().__init__()
        self.queries = []

    def search(self, query, k=5, *, lang=None, terms=None):
        self.queries.append(query)
        return [Hit("a.md", "A", "", "text", 0.9)]


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_indexes_are_rebuilt_once_per_version_change_and_at_most_every_interval():
    inner, vocabulary, clock, stamp = Inner(), Index(), Clock(), [3]
    fresh = FreshSearcher(inner, [inner, vocabulary, object()], lambda: stamp[0], interval=5, clock=clock)
    assert fresh.search("q")[0].article == "a.md" and inner.queries == ["q"]
    assert (inner.refreshed, vocabulary.refreshed) == (0, 0), "the first look only notes the version"
    stamp[0] = 4
    clock.now = 2.0
    fresh.search("q")
    assert vocabulary.refreshed == 0, "checked at most every 5 seconds"
    clock.now = 6.0
    fresh.search("q")
    assert (inner.refreshed, vocabulary.refreshed, fresh.refreshes) == (1, 1, 1)
    clock.now = 12.0
    fresh.search("q")
    assert fresh.refreshes == 1, "same version: nothing rebuilt"


def test_a_change_made_here_rebuilds_at_once_and_is_not_rebuilt_again():
    inner, clock, stamp = Inner(), Clock(), [0]
    fresh = FreshSearcher(inner, [inner], lambda: stamp[0], interval=0, clock=clock)
    fresh.search("q")
    stamp[0] = 1
    fresh.changed_here(1)
    fresh.search("q")
    assert (inner.refreshed, fresh.refreshes) == (1, 1)


def test_a_database_that_is_down_leaves_the_indexes_as_they_are():
    inner = Inner()

    def down():
        raise ConnectionError("database down")

    fresh = FreshSearcher(inner, [inner], down, interval=0)
    assert fresh.search("q")[0].article == "a.md"
    assert inner.refreshed == 0
