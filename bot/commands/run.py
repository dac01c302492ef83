"""`python -m bot run`: the bot on Telegram when TELEGRAM_BOT_TOKEN is set, else the console chat."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from datetime import timedelta

from bot.settings import Settings

log = logging.getLogger(__name__)
PURGE_EVERY = timedelta(days=1)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("run", help="start the bot (Telegram with a token, else the console chat)")
    parser.add_argument("--user", default="console", help="console only: the user id the chat is stored under")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if settings.telegram_bot_token is None:
        from bot.commands.chat import chat

        print("TELEGRAM_BOT_TOKEN is not set: starting the console chat over the same core (/quit to leave).")
        return chat(args, settings)
    return run_telegram_bot(settings)


def run_telegram_bot(settings: Settings) -> int:
    """Wire the Telegram application: core, storage, support desk, admin commands, daily purge."""
    from bot.core.escalation import utcnow
    from bot.core.stats import stats_report
    from bot.library.ingestion import sync
    from bot.telegram.admin import AdminCommands, summarize_ingest
    from bot.telegram.app import TelegramConfigError, build_application, serve
    from bot.telegram.support import support_from_settings
    from bot.wiring import build_assistant, build_database, build_searcher, open_store

    database = build_database(settings)
    embedder, collection = open_store(settings)
    searcher = build_searcher(settings, embedder)
    assistant = build_assistant(settings, database=database, searcher=searcher)

    def reindex() -> str:
        report = sync(collection, embedder, settings.knowledge_dir)
        # BM25 reads the store once; read it again after a change.
        if hasattr(searcher, "refresh"):
            searcher.refresh()
        return summarize_ingest(report)

    admin = AdminCommands(
        settings.admin_user_ids, stats=lambda days: stats_report(database.stats, days, utcnow()), reindex=reindex
    )
    desk = support_from_settings(settings, database.tickets, database.history, database.profiles, admin=admin)
    try:
        application = build_application(settings, assistant, rate_limit=database.rate_events, support_desk=desk)
        application.job_queue.run_repeating(
            _purge, interval=PURGE_EVERY, first=timedelta(seconds=30), name="purge", data=database
        )
        asyncio.run(serve(application, settings))
    except TelegramConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    return 0


async def _purge(context) -> None:
    """RETENTION_DAYS: old conversation history is deleted once a day."""
    purged = await asyncio.to_thread(context.job.data.purge_history)
    log.info("retention purge: %s", purged)
