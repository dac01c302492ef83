"""`python -m bot COMMAND`: the command line over the same core the bot uses."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

from pydantic import ValidationError

from bot.core.errors import BotError
from bot.settings import Settings, describe_errors

# Each module registers one sub-command and sets `func(args, settings) -> exit status`. Only the module of
# the command being run is imported (its libraries can take seconds to load); `--help` lists the others
# from this table, whose one-line help a test keeps equal to each module's own.
COMMANDS: dict[str, tuple[str, str]] = {
    "db": ("bot.commands.db", "migrate the database, show its revision, purge old history"),
    "ask": ("bot.commands.ask", "answer one question from the library"),
    "chat": ("bot.commands.chat", "chat with the bot in the console"),
    "eval": ("bot.commands.eval", "evaluate retrieval, declining, answers and crisis (dev and blind)"),
    "plan": ("bot.commands.plan", "repayment plan from a JSON file of loans (see README.md, 'Repayment planner')"),
    "ingest": ("bot.commands.ingest", "ingest KNOWLEDGE_DIR into the search store"),
    "search": ("bot.commands.search", "show what `ask` retrieves for a question (hybrid), or --dense"),
    "gaps": ("bot.commands.gaps", "questions the bot declined, got 👎 on or escalated, grouped by meaning"),
    "run": ("bot.commands.run", "start the bot (Telegram with a token, else the console chat)"),
}
COMMAND_MODULES: tuple[str, ...] = tuple(module for module, _ in COMMANDS.values())


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; the full sub-parser only for the command named in `argv` (every one without `argv`)."""
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    chosen = None if argv is None else _command_in(argv)
    for name, (module, help_line) in COMMANDS.items():
        if argv is None or name == chosen:
            importlib.import_module(module).register(subparsers)
        else:
            subparsers.add_parser(name, help=help_line)
    return parser


def _command_in(argv: list[str]) -> str | None:
    """The sub-command's name: the first argument that is not an option."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
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
