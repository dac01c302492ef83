"""The console chat prints what the core replies, as plain text: a user's own words echoed back never read as markup."""

from __future__ import annotations

from io import StringIO

from rich.console import Console

from bot.commands.chat import render
from bot.core.actions import Human
from bot.core.messages import Button, Reply
from bot.settings import Settings


def test_a_reply_echoing_markup_like_text_is_printed_as_it_is(tmp_path):
    # a loan named "[/bold]" came back in the wizard's reply and rich raised MarkupError: the chat died (stop 30)
    out = StringIO()
    reply = Reply(text="记下了：名字 [/bold] 和 [red]卡[/red]", kind="wizard",
                  followups=["[/x] 还能分期吗"], buttons=[Button("继续 [/i]", Human())])
    render(Console(file=out, width=120), reply, Settings(data_dir=tmp_path))
    printed = out.getvalue()
    assert "名字 [/bold] 和 [red]卡[/red]" in printed
    assert "[/x] 还能分期吗" in printed
    assert "[1] 继续 [/i]" in printed
