"""The shared database fixtures: PostgreSQL tests skip with a reason, or fail under REQUIRE_POSTGRES=1."""

import pytest

import conftest


@pytest.fixture
def no_server(monkeypatch):
    monkeypatch.setattr(conftest, "POSTGRES_PORT", 1)  # nothing listens there


def test_unreachable_postgres_skips_with_a_reason(no_server, monkeypatch):
    monkeypatch.delenv("REQUIRE_POSTGRES", raising=False)
    with pytest.raises(pytest.skip.Exception, match="PostgreSQL on 127.0.0.1:1/test is not usable"):
        conftest._postgres_admin_url()


def test_unreachable_postgres_fails_when_required(no_server, monkeypatch):
    monkeypatch.setenv("REQUIRE_POSTGRES", "1")
    with pytest.raises(pytest.fail.Exception, match="REQUIRE_POSTGRES=1 but PostgreSQL on 127.0.0.1:1/test"):
        conftest._postgres_admin_url()


@pytest.mark.postgres
def test_each_postgres_test_gets_its_own_empty_schema(postgres_url):
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(postgres_url)
    try:
        with engine.connect() as connection:
            schema = connection.execute(text("SELECT current_schema()")).scalar()
        assert schema.startswith("t_") and schema in postgres_url
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()

