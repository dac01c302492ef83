"""`python -m bot db ...` over the real CLI entry point."""

import pytest

from bot.cli import main
from bot.core.ports import Exchange
from bot.storage import Database, head_revision
from tests.support.env import clear_settings_env


@pytest.fixture
def env(tmp_path, monkeypatch, database_url):
    """The CLI reads its settings from the environment: point it at a fresh database."""
    clear_settings_env(monkeypatch)
    monkeypatch.chdir(tmp_path)  # no developer .env
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", database_url)
    return database_url


def test_status_of_an_empty_database_then_upgrade_then_status(env, capsys):
    assert main(["db", "status"]) == 1
    out = capsys.readouterr().out
    assert f"revision: none (empty database); newest: {head_revision()}" in out
    assert "0001: initial schema" in out and "0002: ticket lookups" in out
    assert "0003_reminders: reminders: opt-in plans" in out

    assert main(["db", "upgrade"]) == 0
    assert f"is at revision {head_revision()}" in capsys.readouterr().out

    assert main(["db", "status"]) == 0
    assert f"revision: {head_revision()}; newest: {head_revision()}" in capsys.readouterr().out


def test_purge_reports_what_went(env, capsys):
    from datetime import datetime, timedelta, timezone

    with Database.from_url(env) as db:
        db.upgrade()
        db.history.record(Exchange("u1", "old", created_at=datetime.now(timezone.utc) - timedelta(days=40)))
        db.history.record(Exchange("u1", "new"))

    assert main(["db", "purge", "--days", "30"]) == 0

    assert "purged history older than 30 days: 1 exchanges" in capsys.readouterr().out
    with Database.from_url(env) as db:
        assert [e.question for e in db.history.recent("u1")] == ["new"]


def test_bad_days_are_named(env, capsys):
    with pytest.raises(SystemExit):
        main(["db", "purge", "--days", "zero"])
    assert "--days takes a whole number of days, not 'zero'" in capsys.readouterr().err


def test_default_sqlite_status_does_not_create_a_database(tmp_path, monkeypatch, capsys):
    clear_settings_env(monkeypatch)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))

    assert main(["db", "status"]) == 1
    assert "none (empty database)" in capsys.readouterr().out
    assert not (tmp_path / "data").exists()


def test_unreachable_database_is_a_message_not_a_traceback(tmp_path, monkeypatch, capsys):
    clear_settings_env(monkeypatch)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://bot:pw@127.0.0.1:1/x?connect_timeout=2")

    assert main(["db", "upgrade"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("database error: cannot migrate the database at postgresql+psycopg://bot:***@127.0.0.1:1/x")
    assert "pw" not in err.replace("psycopg", "")


def test_status_of_an_unreachable_database_is_a_message(tmp_path, monkeypatch, capsys):
    clear_settings_env(monkeypatch)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://bot@127.0.0.1:1/x?connect_timeout=2")

    assert main(["db", "status"]) == 2
    assert capsys.readouterr().err.startswith("database error: cannot read the database at postgresql+psycopg://bot@")
