"""RETENTION_DAYS: the daily purge removes old history only."""

import pytest

from bot.core.ports import Exchange, WizardState


def test_purge_removes_only_exchanges_older_than_the_period(clocked_database, clock):
    db = clocked_database
    db.history.record(Exchange("u1", "very old"))
    clock.advance(days=5)
    db.history.record(Exchange("u1", "old"))
    clock.advance(days=5)
    db.history.record(Exchange("u1", "almost 30 days"))
    clock.advance(days=29, hours=23)
    db.history.record(Exchange("u2", "today"))
    db.wizards.save("u1", WizardState("plan", "income"))
    db.profiles.save("u1", {"monthly_income": "8000"})

    purged = db.purge_history(30)

    assert purged.exchanges == 2
    assert [e.question for e in db.history.recent("u1")] == ["almost 30 days"]
    assert [e.question for e in db.history.recent("u2")] == ["today"]
    assert db.profiles.load("u1") == {"monthly_income": "8000"}  # the profile is not history
    assert db.wizards.load("u1") is not None


def test_purge_blanks_transcripts_of_tickets_closed_before_the_period(clocked_database, clock):
    db = clocked_database
    old = db.tickets.open("u1", "human", False, "zh", 1)
    db.tickets.add_message(old.id, "user", "old secret")
    db.tickets.close(old.id)
    clock.advance(days=31)
    recent = db.tickets.open("u1", "human", False, "zh", 1)
    db.tickets.add_message(recent.id, "user", "recent words")
    open_long = db.tickets.open("u2", "human", False, "zh", 2)
    db.tickets.add_message(open_long.id, "user", "still being helped")
    db.tickets.close(recent.id)

    purged = db.purge_history(30)

    assert purged.ticket_messages == 1
    assert [m.text for m in db.tickets.messages(old.id)] == [""]
    assert [m.text for m in db.tickets.messages(recent.id)] == ["recent words"]
    assert [m.text for m in db.tickets.messages(open_long.id)] == ["still being helped"]
    assert db.tickets.get(old.id).status == "closed"  # the ticket row stays for statistics


def test_purge_drops_rate_events_older_than_a_day(clocked_database, clock):
    db = clocked_database
    db.rate_events.hit("u1")
    clock.advance(days=2)
    db.rate_events.hit("u2")
    assert db.purge_history(30).rate_events == 1


def test_purge_uses_retention_days_by_default_and_refuses_nonsense(database_url, clock):
    from bot.storage import Database

    db = Database.from_url(database_url, retention_days=7, clock=clock)
    try:
        db.upgrade()
        db.history.record(Exchange("u1", "eight days ago"))
        clock.advance(days=8)
        assert db.purge_history().total == 1
        with pytest.raises(ValueError, match="RETENTION_DAYS must be at least 1, not 0"):
            db.purge_history(0)
    finally:
        db.dispose()
