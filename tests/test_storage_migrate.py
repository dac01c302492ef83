"""Migrations: any database reaches head, data survives, the models match the migrations."""

import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from bot.storage import Database, StorageError, current_revision, head_revision, make_engine, revisions, upgrade
from bot.storage.migrate import downgrade
from bot.storage.models import Base


def test_revisions_are_packaged_in_order():
    assert [r.split(":")[0] for r in revisions()] == ["0001", "0002", "0003_reminders", "0004_library_version",
                                                     "0005_timeout_claims"]
    assert head_revision() == "0005_timeout_claims"


def test_upgrade_brings_an_empty_database_to_head_and_is_idempotent(database_url):
    assert current_revision(database_url) is None
    assert upgrade(database_url) == head_revision()
    assert upgrade(database_url) == head_revision()
    engine = make_engine(database_url)
    try:
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert {"users", "exchanges", "wizard_states", "profiles", "tickets", "ticket_messages", "rate_events",
            "reminder_plans", "reminders", "reminder_payments", "library_version"} <= tables


def test_models_match_the_migrated_schema(database_url):
    upgrade(database_url)
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_data_written_at_the_first_revision_survives_the_upgrade(database_url):
    assert upgrade(database_url, "0001") == "0001"
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO exchanges (user_id, question, answer, language, kind, answered, escalated, sources,"
                " feedback, created_at) VALUES ('u1', '罚息怎么算', '按日计算', 'zh', 'answer', true, false,"
                " '[\"fees/penalty.md\"]', 1, '2026-01-02 03:04:05+00:00')"
            ))
            connection.execute(text(
                "INSERT INTO users (user_id, language, created_at, last_seen_at) VALUES ('u1', 'en',"
                " '2026-01-01 00:00:00+00:00', '2026-01-02 03:04:05+00:00')"
            ))
            connection.execute(text(
                "INSERT INTO wizard_states (user_id, flow, step, data, updated_at) VALUES ('u1', 'plan', 'income',"
                " '{\"loans\": [{\"name\": \"花呗\"}]}', '2026-01-02 03:04:05+00:00')"
            ))
            connection.execute(text(
                "INSERT INTO profiles (user_id, data, updated_at) VALUES ('u1', '{\"monthly_income\": \"8000\"}',"
                " '2026-01-02 03:04:05+00:00')"
            ))
            # Two open tickets for one user were possible before 0002; the upgrade keeps the newest open.
            for n in (1, 2):
                connection.execute(text(
                    "INSERT INTO tickets (user_id, chat_id, status, reason, urgent, language, created_at,"
                    f" timeout_notified, handoff_notice_sent) VALUES ('u1', 1, 'waiting', 'human', false, 'zh',"
                    f" '2026-01-0{n} 00:00:00+00:00', false, false)"
                ))
            connection.execute(text(
                "INSERT INTO ticket_messages (ticket_id, author, text, created_at, group_message_id)"
                " VALUES (2, 'user', '请帮帮我', '2026-01-02 00:00:00+00:00', 555)"
            ))
    finally:
        engine.dispose()

    assert upgrade(database_url) == head_revision()

    db = Database.from_url(database_url)
    try:
        [exchange] = db.history.recent("u1")
        assert (exchange.question, exchange.answer, exchange.sources, exchange.feedback) == (
            "罚息怎么算", "按日计算", ["fees/penalty.md"], 1,
        )
        assert exchange.created_at.isoformat() == "2026-01-02T03:04:05+00:00"
        assert db.profiles.load("u1") == {"monthly_income": "8000"}
        assert db.prefs.language("u1") == "en"
        assert db.wizards.load("u1").data == {"loans": [{"name": "花呗"}]}
        assert db.tickets.active_for("u1").id == 2
        assert db.tickets.get(1).status == "closed"
        assert db.tickets.find_by_group_message(555).id == 2
        assert [(m.text, m.author_name) for m in db.tickets.messages(2)] == [("请帮帮我", None)]
    finally:
        db.dispose()


def test_downgrade_and_upgrade_again_keep_the_data(database):
    ticket = database.tickets.open("u1", "human", False, "zh", 1)
    database.tickets.add_message(ticket.id, "agent", "hello", author_name="Li", group_message_id=9)

    assert downgrade(database.url, "0001") == "0001"
    assert upgrade(database.url) == head_revision()

    assert [(m.text, m.author_name) for m in database.tickets.messages(ticket.id)] == [("hello", None)]
    assert database.tickets.find_by_group_message(9).id == ticket.id


def test_two_processes_upgrading_at_once_both_succeed(database_url):
    results, errors = [], []
    barrier = threading.Barrier(2)

    def start():
        try:
            barrier.wait()
            results.append(upgrade(database_url))
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert results == [head_revision(), head_revision()]


def test_an_unreachable_database_is_a_clear_error(tmp_path):
    with pytest.raises(StorageError, match="cannot migrate the database at postgresql\\+psycopg://bot:\\*\\*\\*@127.0.0.1:1/x"):
        upgrade("postgresql+psycopg://bot:secret@127.0.0.1:1/x?connect_timeout=2")
