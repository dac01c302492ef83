"""`python -m bot run`: the bot on Telegram when TELEGRAM_BOT_TOKEN is set, else the console chat."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("run", help="start the bot (Telegram with a token, else the console chat)")
    parser.add_argument("--user", default="console", help="console only: the user id the chat is stored under")
    parser.add_argument("--lang", choices=["zh", "en"], default=None,
                        help="console only: language of replies to /plan and /start (default: from the locale, else Chinese)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if settings.telegram_bot_token is None:
        from bot.commands.chat import chat

        print("TELEGRAM_BOT_TOKEN is not set: starting the console chat over the same core (/quit to leave).")
        return chat(args, settings)
    return run_telegram_bot(settings)


def run_telegram_bot(settings: Settings) -> int:
    """The Telegram bot as bot/wiring.py builds it, until it is stopped."""
    from bot.telegram.app import TelegramConfigError, serve
    from bot.wiring import build_telegram_bot

    try:
        application, operations = build_telegram_bot(settings)
        asyncio.run(serve(application, settings, operations=operations))
    except TelegramConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    return 0
