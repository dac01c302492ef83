"""`python -m bot run`: the console chat without a token, the Telegram bot with one."""

from __future__ import annotations

import io

import pytest

from bot.cli import main
from tests.support.library import library_env, library_settings  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow


def test_without_a_token_run_starts_the_console_chat_over_the_core(library_env, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("逾期一个月罚息怎么算\n1\n/quit\n"))
    assert main(["run", "--user", "run-user"]) == 0
    out = capsys.readouterr().out
    assert "TELEGRAM_BOT_TOKEN is not set: starting the console chat" in out
    assert "bot · answer" in out and "来源：《逾期后的罚息、违约金和各种费用是怎么算的？》" in out
    assert "谢谢" in out  # button 1 is 👍: the feedback was taken


def test_a_webhook_without_secret_is_a_configuration_error(library_env, capsys, monkeypatch):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:abc")
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example/hook")
    assert main(["run"]) == 2
    assert "WEBHOOK_SECRET" in capsys.readouterr().err
