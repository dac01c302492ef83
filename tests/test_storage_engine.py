"""make_engine: SQLite set up for several processes, PostgreSQL through psycopg, bad URLs explained."""

from decimal import Decimal

import pytest
from sqlalchemy import text

from bot.storage.engine import IMMEDIATE, SQLITE_BUSY_TIMEOUT_MS, StorageError, dump_json, make_engine


def test_sqlite_creates_its_folder_and_uses_wal_and_a_busy_timeout(tmp_path):
    path = tmp_path / "deep" / "er" / "bot.db"
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == SQLITE_BUSY_TIMEOUT_MS
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert path.exists()
    finally:
        engine.dispose()


def test_sqlite_immediate_transactions_take_the_write_lock_at_once(tmp_path):
    """With IMMEDIATE a read-then-write transaction holds the lock from BEGIN; other writers wait."""
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    engine, other = make_engine(url), make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE t (x INTEGER)"))
        with other.connect() as writer:
            writer.connection.driver_connection.execute("PRAGMA busy_timeout=0")
            with engine.connect() as reader:  # a plain transaction that only reads blocks nobody
                reader.execute(text("SELECT count(*) FROM t"))
                writer.execute(text("INSERT INTO t VALUES (1)"))
                writer.commit()
            with engine.connect() as first:
                first.execution_options(**{IMMEDIATE: True})
                first.execute(text("SELECT count(*) FROM t"))
                with pytest.raises(Exception, match="locked"):
                    writer.execute(text("INSERT INTO t VALUES (2)"))
                writer.rollback()
    finally:
        engine.dispose()
        other.dispose()


@pytest.mark.postgres
def test_postgres_url_connects(postgres_url):
    engine = make_engine(postgres_url)
    try:
        with engine.connect() as connection:
            assert connection.dialect.driver == "psycopg"
            assert connection.execute(text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_bare_postgres_scheme_uses_psycopg(postgres_admin_url, scheme):
    engine = make_engine(postgres_admin_url.replace("postgresql+psycopg", scheme))
    try:
        assert engine.dialect.driver == "psycopg"
        with engine.connect() as connection:
            assert connection.execute(text("SELECT 1")).scalar() == 1
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "not a valid SQLAlchemy URL"),
        ("mysql://u@h/db", "must be sqlite:/// or postgresql\\+psycopg://, not 'mysql'"),
        ("sqlite://", "SQLite needs a file"),
        ("postgresql+psycopg2://u@127.0.0.1/db", "driver 'postgresql\\+psycopg2', which is not installed"),
        ("sqlite:///:memory:", "SQLite needs a file"),
    ],
)
def test_bad_urls_name_the_problem(url, message):
    with pytest.raises(StorageError, match=message):
        make_engine(url)


def test_json_keeps_decimals_exact_and_chinese_readable():
    assert dump_json({"balance": Decimal("20000.10"), "name": "招行"}) == '{"balance": "20000.10", "name": "招行"}'
    with pytest.raises(TypeError, match="cannot store object as JSON"):
        dump_json({"x": object()})
