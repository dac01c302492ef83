"""`python -m bot chat`: the console chat over the same core the bot uses, with history in the database."""

from __future__ import annotations

import argparse
import logging
import os
import re

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from bot.core.messages import Incoming, Reply
from bot.settings import Settings

QUIT = {"/quit", "/exit", ":q"}
_BULLET_BEFORE_CJK = re.compile(r"(?m)^• (?=[\u3400-\u9fff“「（《])")


def render(console: Console, reply: Reply, settings: Settings) -> None:
    """Print a reply: text, follow-up suggestions, numbered buttons, a saved chart."""
    style = {"crisis": "red", "decline": "yellow", "handoff": "magenta"}.get(reply.kind, "cyan")
    # the reply may echo what a user typed (a loan named "[/bold]"): plain text, never rich markup
    # a bullet glued to a Chinese line: rich wraps at spaces, so "• " then a long line of Chinese (one "word") left the
    # bullet alone on its line
    text = _BULLET_BEFORE_CJK.sub("•", reply.text)
    console.print(Panel(Text(text), title=f"bot · {reply.kind}", border_style=style, expand=False))
    for followup in reply.followups:
        console.print(f"  [dim]↪ {escape(followup)}[/dim]")
    for number, button in enumerate(reply.buttons, start=1):
        console.print(f"  [bold]\\[{number}][/bold] {escape(button.label)}")
    if reply.chart_png:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        path = settings.data_dir / f"chart-{reply.turn_id or 'latest'}.png"
        path.write_bytes(reply.chart_png)
        console.print(f"  [dim]chart saved to {path}[/dim]")


def locale_language(environ: dict[str, str] | None = None) -> str | None:
    """The console's language hint from the locale (LC_ALL, LC_MESSAGES, LANG, as POSIX reads them): "zh_CN.UTF-8" is
    zh, "en_US.UTF-8" en; "C" or none gives no hint (the core then reads the script of what is typed)."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").lower()
        if value:
            return "zh" if value.startswith("zh") else "en" if value.startswith("en") else None
    return None


def quiet_core() -> None:
    """`ask` and the console chat print a conversation: the core's INFO lines ("content gap (…)") in between read as part
    of the bot's reply (stop 28 second red team). Editors list gaps with `python -m bot gaps`; warnings still show."""
    logging.getLogger("bot.core").setLevel(max(logging.WARNING, logging.getLogger().level))


def chat(args: argparse.Namespace, settings: Settings) -> int:
    """Read questions from the console until /quit or end of input; a number presses a button."""
    from bot.wiring import build_assistant

    quiet_core()
    console = Console()
    assistant = build_assistant(settings)
    hint = getattr(args, "lang", None) or locale_language()
    # /plan and /start have no words to read the language from: the hint (or /lang) chooses it, else Chinese
    console.print("[dim]borrower-bot console. Type a question, a button number, /start, /plan, /lang en|zh, /quit.\n"
                  "控制台：直接输入问题，输入数字按按钮；/lang zh 用中文，/lang en 用英文；/quit 退出。[/dim]")
    buttons = []
    while True:
        try:
            line = console.input("[bold green]you> [/bold green]").strip()
        except (EOFError, KeyboardInterrupt):
            console.print()
            return 0
        if line in QUIT:
            return 0
        if not line:
            continue
        if line.isdigit() and 1 <= int(line) <= len(buttons):
            incoming = Incoming(user_id=args.user, action=buttons[int(line) - 1].action, channel="console",
                                language=hint)
        else:
            incoming = Incoming(user_id=args.user, text=line, channel="console", language=hint)
        reply = assistant.handle(incoming)
        buttons = reply.buttons
        render(console, reply, settings)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("chat", help="chat with the bot in the console")
    parser.add_argument("--user", default="console", help="user id the conversation is stored under")
    parser.add_argument("--lang", choices=["zh", "en"], default=None,
                        help="language of replies to commands such as /plan (default: from the locale, else Chinese)")
    parser.set_defaults(func=chat)
