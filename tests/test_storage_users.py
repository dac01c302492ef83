"""SqlUserPrefs: a user's language and when they were last seen."""

from sqlalchemy import select

from bot.storage.models import UserRow


def _row(db, user_id):
    with db.sessions() as session:
        return session.scalar(select(UserRow).where(UserRow.user_id == user_id))


def test_language_is_none_until_chosen_then_remembered(database):
    prefs = database.prefs
    assert prefs.language("u1") is None
    prefs.set_language("u1", "en")
    prefs.set_language("u1", "zh")
    assert prefs.language("u1") == "zh"
    assert prefs.language("u2") is None


def test_seen_keeps_the_language_and_moves_last_seen(clocked_database, clock):
    prefs = clocked_database.prefs
    prefs.set_language("u1", "en")
    created = clock.now
    clock.advance(hours=3)
    prefs.seen("u1")

    row = _row(clocked_database, "u1")
    assert (row.language, row.created_at, row.last_seen_at) == ("en", created, clock.now)


def test_seen_creates_a_user_without_a_language(clocked_database):
    clocked_database.prefs.seen("new")
    assert _row(clocked_database, "new").language is None
