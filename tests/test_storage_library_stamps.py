"""The library's version stamp and the once-a-week digest claim, shared by every process."""

from bot.storage import Database


def test_the_library_version_starts_at_zero_and_every_process_sees_a_bump(database, database_url):
    other = Database.from_url(database_url)  # a second process's engine on the same database
    try:
        assert (database.library_stamps.library_version(), other.library_stamps.library_version()) == (0, 0)
        assert database.library_stamps.bump_library() == 1
        assert other.library_stamps.bump_library() == 2
        assert database.library_stamps.library_version() == 2
    finally:
        other.dispose()


def test_one_process_claims_a_week_s_digest(database, database_url):
    other = Database.from_url(database_url)
    try:
        claims = [database.library_stamps.claim_digest(202649), other.library_stamps.claim_digest(202649)]
        assert sorted(claims) == [False, True]
        assert other.library_stamps.claim_digest(202650) is True
        assert database.library_stamps.claim_digest(202649) is False, "an earlier week is never posted again"
    finally:
        other.dispose()


def test_ping_answers_while_the_database_is_up(database):
    assert database.ping() is None
