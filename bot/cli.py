"""`python -m bot COMMAND`: the command line over the same core the bot uses."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from pydantic import ValidationError

from bot.core.errors import BotError
from bot.settings import Settings, describe_errors

# Each module registers one sub-command and sets `func(args, settings) -> exit status`.
COMMAND_MODULES: tuple[str, ...] = (
    "bot.commands.db",
    "bot.commands.ask",
    "bot.commands.chat",
    "bot.commands.eval",
    "bot.commands.plan",
    "bot.commands.ingest",
    "bot.commands.search",
    "bot.commands.gaps",
    "bot.commands.run",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        print("\n".join(describe_errors(exc)), file=sys.stderr)
        return 2
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for chatty in ("alembic", "httpx", "chromadb", "apscheduler"):  # their INFO lines would drown the console chat
        logging.getLogger(chatty).setLevel(max(logging.WARNING, logging.getLogger().level))
    try:
        return int(args.func(args, settings) or 0)
    except BotError as exc:  # a store, database, search or embedding server that is down; a bad file
        print(f"error: {one_line(exc)}", file=sys.stderr)
        return 2


def one_line(error: BaseException) -> str:
    """The error's message on one line (some list several problems on separate lines)."""
    return " ".join(str(error).split()) or type(error).__name__
