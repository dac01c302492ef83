"""`python ingest.py`: JSON and table output, exit statuses, and clear errors instead of tracebacks."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot.commands.ingest import main
from tests.support.embedders import FakeEmbedder
from tests.support.env import environ_without_settings

ROOT = Path(__file__).resolve().parent.parent
JSON_KEYS = ["articles", "chunks", "added", "updated", "removed", "unchanged", "rejected", "embedded_chunks", "seconds"]


def _run(capsys, argv, settings, embedder=None):
    status = main(argv, settings=settings, embedder=embedder or FakeEmbedder())
    out, err = capsys.readouterr()
    return status, out, err


def test_json_twice_second_run_embeds_nothing(capsys, settings, library):
    status, out, err = _run(capsys, ["--json"], settings)
    first = json.loads(out)
    assert status == 0 and err == ""
    assert list(first) == JSON_KEYS
    assert first["articles"] == 4 and first["embedded_chunks"] == first["chunks"] > 0 and len(first["added"]) == 4
    status, out, _ = _run(capsys, ["--json"], settings)
    second = json.loads(out)
    assert status == 0
    assert (second["embedded_chunks"], second["unchanged"], second["added"]) == (0, 4, [])
    assert second["chunks"] == first["chunks"]


def test_broken_article_exits_1_with_path_and_reason_and_no_traceback(capsys, settings, library):
    _run(capsys, ["--json"], settings)
    (library / "overdue" / "penalty-interest.md").write_text("---\ntitle: 罚息\n---\n", encoding="utf-8")
    status, out, err = _run(capsys, ["--json"], settings)
    report = json.loads(out)
    assert status == 1
    assert report["rejected"] == [{"file": "overdue/penalty-interest.md",
                                   "reason": "empty body: the article has front matter but no text"}]
    assert report["removed"] == [] and report["unchanged"] == 3
    assert "rejected: overdue/penalty-interest.md: empty body" in err and "Traceback" not in err


def test_table_summary_names_what_changed(capsys, settings, library):
    (library / "bad.md").write_bytes(b"---\ntitle: x\n")
    status, out, err = _run(capsys, [], settings)
    assert status == 1
    assert "added" in out and "collection/harassment.md" in out
    assert "rejected bad.md: no front matter" in out
    assert "keep their last good version" in out


def test_knowledge_option_and_dry_run(capsys, settings, library, tmp_path):
    other = tmp_path / "other"
    shutil.copytree(library / "us", other / "us")
    status, out, _ = _run(capsys, ["--knowledge", str(other), "--dry-run", "--json"], settings)
    assert status == 0 and json.loads(out)["added"] == ["us/debt-collectors.md"]
    status, out, _ = _run(capsys, ["--json"], settings)
    assert len(json.loads(out)["added"]) == 4  # the dry run wrote nothing


def test_another_embedder_exits_2_and_rebuild_fixes_it(capsys, settings, library):
    _run(capsys, ["--json"], settings)
    status, out, err = _run(capsys, ["--json"], settings, FakeEmbedder(name="other/model", dim=32))
    assert status == 2 and out == ""
    assert "python ingest.py --rebuild" in err
    status, out, _ = _run(capsys, ["--rebuild", "--json"], settings, FakeEmbedder(name="other/model", dim=32))
    assert status == 0 and len(json.loads(out)["added"]) == 4


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = environ_without_settings()
    env.update(DATA_DIR=str(tmp_path / "data"), KNOWLEDGE_DIR=str(tmp_path / "knowledge"), **extra)
    return env


def _ingest(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "ingest.py"), *args], cwd=tmp_path, env=_env(tmp_path, **env),
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--frobnicate"], {}, "unrecognized arguments: --frobnicate"),
        (["--dry-run", "--rebuild"], {}, "--dry-run and --rebuild cannot be combined"),
        (["--knowledge", "/nonexistent/folder"], {}, "the knowledge folder /nonexistent/folder does not exist"),
        ([], {"EMBEDDINGS": "magic"}, "configuration error: EMBEDDINGS"),
        ([], {"EMBEDDINGS": "openai"}, "EMBEDDINGS=openai needs OPENAI_API_KEY or OPENAI_BASE_URL"),
    ],
)
def test_command_line_and_configuration_errors_exit_2(tmp_path, args, env, message):
    result = _ingest(tmp_path, *args, **env)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_chroma_server_down_exits_2_with_a_clear_message(tmp_path):
    (tmp_path / "knowledge").mkdir()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = _ingest(tmp_path, "--json", CHROMA_HOST="127.0.0.1", CHROMA_PORT=str(port))
    assert result.returncode == 2
    assert f"cannot reach the Chroma server at 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_python_m_bot_ingest_is_the_same_command(capsys, settings, library):
    from bot.cli import build_parser
    from bot.commands.ingest import run

    args = build_parser().parse_args(["ingest", "--json"])
    assert run(args, settings, embedder=FakeEmbedder()) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 4
