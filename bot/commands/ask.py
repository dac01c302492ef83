"""`python -m bot ask "QUESTION"`: one question through the same core the bot uses."""

from __future__ import annotations

import argparse
import json

from rich.console import Console

from bot.commands.chat import quiet_core
from bot.core.actions import describe
from bot.core.messages import Incoming, Reply
from bot.settings import Settings


def reply_json(reply: Reply) -> dict:
    """The reply as the documented JSON object."""
    return {
        "answer": reply.text,
        "sources": [{"article": s.article, "title": s.title} for s in reply.sources],
        "answered": reply.answered,
        "language": reply.language,
        "escalate": reply.escalation.requested,
        "escalation": {"level": reply.escalation.level, "reason": reply.escalation.reason,
                       "urgent": reply.escalation.urgent},
        "kind": reply.kind,
        "buttons": [{"label": b.label, "action": describe(b.action)} for b in reply.buttons],
    }


def ask(args: argparse.Namespace, settings: Settings) -> int:
    """Answer one question and print the reply (text or JSON)."""
    from bot.wiring import build_assistant

    if not args.question.strip():
        print("ask: the question is empty; write it in quotes, e.g. python -m bot ask \"逾期会上征信吗\"")
        return 2
    quiet_core()
    reply = build_assistant(settings).handle(Incoming(user_id=args.user, text=args.question, channel="cli"))
    if args.json:
        print(json.dumps(reply_json(reply), ensure_ascii=False, indent=2))
        return 0
    console = Console()
    # the terminal wraps the lines: rich's own wrapping left "• " alone above a long Chinese line
    console.print(reply.text, markup=False, highlight=False, soft_wrap=True)
    if reply.escalation.level == "now":
        console.print(f"[yellow]→ a person is asked for ({reply.escalation.reason})[/yellow]")
    elif reply.escalation.level == "offer":
        console.print(f"[yellow]→ a person is offered ({reply.escalation.reason})[/yellow]")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("ask", help="answer one question from the library")
    parser.add_argument("question", help="the question, in quotes")
    parser.add_argument("--user", default="cli", help="user id the exchange is stored under (default: cli)")
    parser.add_argument("--json", action="store_true", help="print the reply as JSON")
    parser.set_defaults(func=ask)
