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


def test_a_bullet_stays_on_the_line_of_its_long_chinese_sentence(tmp_path):
    """Stop 30 note: "•" was printed alone and the sentence under it (rich wraps at spaces; a Chinese line is one word)."""
    out = StringIO()
    sentence = "逾期记录在还清欠款之日起保存5年，到期删除；一直不还就一直不开始算。" * 3
    render(Console(file=out, width=60), Reply(text=f"文章里是这样说的：\n• {sentence}\n• In English it keeps its space."),
           Settings(data_dir=tmp_path))
    lines = out.getvalue().splitlines()
    assert any(line.strip("│ ").startswith("•逾期记录") for line in lines)
    assert not any(line.strip("│ ") == "•" for line in lines)
    assert any("• In English it keeps its space." in line for line in lines)
