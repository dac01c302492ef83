"""SqlRateEvents: the per-user message count every bot process shares."""

from datetime import timedelta

from bot.storage import Database


def test_hit_counts_the_users_messages_in_the_sliding_window(clocked_database, clock):
    events = clocked_database.rate_events
    assert [events.hit("u1") for _ in range(3)] == [1, 2, 3]
    assert events.hit("u2") == 1
    clock.advance(seconds=45)
    assert events.hit("u1") == 4
    clock.advance(seconds=20)  # the first three are now older than a minute
    assert events.hit("u1") == 2
    clock.advance(seconds=15)
    assert events.hit("u1", window_seconds=10) == 1


def test_add_and_count_since(clocked_database, clock):
    events = clocked_database.rate_events
    start = clock.now
    events.add("u1")
    events.add("u1", at=start - timedelta(minutes=5))
    events.add("u2")
    assert events.count_since("u1", start) == 1
    assert events.count_since("u1", start - timedelta(minutes=10)) == 2
    assert events.count_since("nobody", start) == 0


def test_two_processes_count_the_same_user(database_url, clock):
    first = Database.from_url(database_url, clock=clock)
    second = Database.from_url(database_url, clock=clock)
    try:
        first.upgrade()
        assert first.rate_events.hit("u1") == 1
        assert second.rate_events.hit("u1") == 2
        assert first.rate_events.hit("u1") == 3
    finally:
        first.dispose()
        second.dispose()
