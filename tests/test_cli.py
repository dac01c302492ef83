"""`python -m bot`: wrong configuration and servers that are down end in one clear line and exit 2."""

from __future__ import annotations

import socket

import pytest

from bot.cli import main
from tests.support.env import clear_settings_env


@pytest.fixture
def env(tmp_path, monkeypatch):
    clear_settings_env(monkeypatch)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    monkeypatch.chdir(tmp_path)  # no .env from the developer's checkout
    return monkeypatch


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_wrong_setting_is_named(env, capsys):
    env.setenv("EMBEDDINGS", "word2vec")
    assert main(["search", "逾期"]) == 2
    assert "configuration error: EMBEDDINGS: Input should be 'local' or 'openai'" in capsys.readouterr().err


def test_a_chroma_server_that_is_down(env, capsys):
    env.setenv("CHROMA_HOST", "127.0.0.1")
    env.setenv("CHROMA_PORT", str(_closed_port()))
    assert main(["ask", "逾期会怎样"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot reach the Chroma server at 127.0.0.1:")
    assert "Traceback" not in err


def test_a_database_server_that_is_down(env, capsys):
    env.setenv("DATABASE_URL", f"postgresql://postgres@127.0.0.1:{_closed_port()}/test")
    assert main(["gaps"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot migrate the database at postgresql")
    assert "Connection refused" in err


def test_search_with_the_chroma_server_down_is_one_line(env, capsys):
    env.setenv("CHROMA_HOST", "127.0.0.1")
    env.setenv("CHROMA_PORT", str(_closed_port()))
    assert main(["search", "x"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: cannot reach the Chroma server at 127.0.0.1:")


def test_a_typed_error_from_any_command_is_one_line_and_exit_2(env, capsys, monkeypatch):
    """SearchUnavailable (the store failed mid-query) used to escape `search` and `gaps` as a traceback."""
    from bot.core.ports import SearchUnavailable
    from bot.library.ingestion import IngestError

    def fails(error):
        def run(args, settings):
            raise error
        return run

    for error in (SearchUnavailable("HTTPError: 503 from the Chroma server"),
                  IngestError("knowledge/x.md: front matter\nis not YAML")):
        monkeypatch.setattr("bot.commands.search.run", fails(error))
        assert main(["search", "x"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("error: ") and str(error).split()[-1] in err
