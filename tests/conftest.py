"""Shared fixtures. A guard makes any attempt to reach beyond loopback fail loudly."""

from __future__ import annotations

import ipaddress
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support.clock import MovableClock
from tests.support.env import clear_settings_env

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _check_address(address: object) -> None:
    if isinstance(address, tuple) and address:
        host = address[0]
        try:
            if ipaddress.ip_address(host).is_loopback:
                return
        except ValueError:
            if host in ("localhost",):
                return
        raise RuntimeError(f"test tried to reach the network: {address!r}")


def _guarded_connect(self: socket.socket, address: object) -> None:
    _check_address(address)
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    _check_address(address)
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True, scope="session")
def _no_internet():
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _real_connect_ex  # type: ignore[method-assign]


@pytest.fixture
def settings(tmp_path, monkeypatch):
    """Settings isolated from the developer's .env and environment, with data in a temp dir."""
    from bot.settings import Settings

    clear_settings_env(monkeypatch)
    return Settings(_env_file=None, data_dir=tmp_path / "data", knowledge_dir=tmp_path / "knowledge")


@pytest.fixture
def library(settings) -> Path:
    """A copy of the small test library (tests/data/library) as KNOWLEDGE_DIR."""
    shutil.copytree(Path(__file__).parent / "data" / "library", settings.knowledge_dir)
    return settings.knowledge_dir


# --- a Chroma server on loopback ------------------------------------------------------------

CHROMA = Path(sys.executable).parent / "chroma"


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    """A `chroma run` on a temp dir and a free loopback port, torn down after the test."""
    if not CHROMA.exists():
        pytest.skip(f"{CHROMA} not installed")
    port = free_port()
    log = (tmp_path / "chroma.log").open("w")
    proc = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"chroma did not start: {(tmp_path / 'chroma.log').read_text()[-2000:]}")
            time.sleep(0.3)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


# --- databases: every storage test runs on SQLite and on PostgreSQL ---------------------------

POSTGRES_HOST = "127.0.0.1"
POSTGRES_PORT = 5432
POSTGRES_DB = "test"


def _postgres_admin_url() -> str:
    """A URL for the test PostgreSQL that accepts us; skip (or fail under REQUIRE_POSTGRES=1) when none does."""
    import getpass
    import os

    import sqlalchemy

    errors = []
    for user in dict.fromkeys(("postgres", getpass.getuser())):
        url = f"postgresql+psycopg://{user}@{POSTGRES_HOST}:{POSTGRES_PORT}/{POSTGRES_DB}"
        engine = sqlalchemy.create_engine(url, connect_args={"connect_timeout": 3})
        try:
            with engine.connect() as connection:
                connection.execute(sqlalchemy.text("SELECT 1"))
            return url
        except Exception as exc:  # any failure means "not usable here"
            errors.append(f"{user}: {str(exc).splitlines()[0]}")
        finally:
            engine.dispose()
    reason = f"PostgreSQL on {POSTGRES_HOST}:{POSTGRES_PORT}/{POSTGRES_DB} is not usable ({'; '.join(errors)})"
    if os.environ.get("REQUIRE_POSTGRES") == "1":
        pytest.fail(f"REQUIRE_POSTGRES=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_admin_url() -> str:
    return _postgres_admin_url()


@pytest.fixture
def postgres_url(postgres_admin_url):
    """An empty schema of its own in the test database (dropped afterwards), as a SQLAlchemy URL."""
    import uuid

    import sqlalchemy

    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = sqlalchemy.create_engine(postgres_admin_url)
    with admin.begin() as connection:
        connection.execute(sqlalchemy.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{postgres_admin_url}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(sqlalchemy.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'data' / 'borrower.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request) -> str:
    """The URL of an empty database, once SQLite in tmp_path and once a fresh PostgreSQL schema."""
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")


@pytest.fixture
def database(database_url):
    """A migrated `bot.storage.Database` on each backend."""
    from bot.storage import Database

    db = Database.from_url(database_url)
    db.upgrade()
    yield db
    db.dispose()


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def clocked_database(database_url, clock):
    """A migrated `Database` on each backend whose time is `clock`."""
    from bot.storage import Database

    db = Database.from_url(database_url, clock=clock)
    db.upgrade()
    yield db
    db.dispose()
