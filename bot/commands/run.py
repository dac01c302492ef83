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
    """Wire the Telegram application: core, storage, support desk, admin and editors' commands, metrics, jobs."""
    from bot.core.escalation import utcnow
    from bot.core.stats import stats_report
    from bot.library.ingestion import sync
    from bot.metrics import MeteredCore, MeteredRateLimit, MeteredWriter, Metrics
    from bot.search.freshness import FreshSearcher
    from bot.telegram.admin import AdminCommands, summarize_ingest
    from bot.telegram.app import TelegramConfigError, build_application, serve
    from bot.telegram.operations import OperationsRoutes
    from bot.telegram.reminders import ReminderSender
    from bot.telegram.support import support_from_settings
    from bot.wiring import build_assistant, build_database, build_reminders, build_searcher, open_store

    database = build_database(settings)
    embedder, collection = open_store(settings)
    searcher = build_searcher(settings, embedder)
    reminders = build_reminders(settings, database)
    assistant = build_assistant(settings, database=database, searcher=searcher, reminders=reminders)
    metrics = Metrics()
    metrics.watch_tickets(database.tickets)
    # BM25 and the library's vocabulary are built in memory: rebuilt when any process bumps the stamp.
    fresh = FreshSearcher(searcher, [searcher, assistant.vocabulary], database.library_stamps.library_version,
                          interval=settings.library_check_seconds)
    assistant.searcher = fresh
    if assistant.llm is not None:
        assistant.llm = MeteredWriter(assistant.llm, metrics)
    if assistant.rewriter is not None:
        assistant.rewriter = MeteredWriter(assistant.rewriter, metrics)

    def library_changed(report) -> None:
        try:
            version = database.library_stamps.bump_library()
        except Exception as exc:  # the store changed all the same: this process refreshes; others on the next bump
            log.error("library version not bumped (%s: %s); other processes refresh BM25 later", type(exc).__name__, exc)
            version = -1
        fresh.changed_here(version)

    def reindex() -> str:
        report = sync(collection, embedder, settings.knowledge_dir, max_bytes=settings.max_article_bytes,
                      stale_after_days=settings.stale_after_days)
        library_changed(report)
        metrics.record_ingest(report, "reindex")
        return summarize_ingest(report)

    admin = AdminCommands(
        settings.admin_user_ids, stats=lambda days: stats_report(database.stats, days, utcnow()), reindex=reindex
    )
    desk = support_from_settings(settings, database.tickets, database.history, database.profiles, admin=admin)
    try:
        application = build_application(settings, MeteredCore(assistant, metrics), support_desk=desk,
                                        rate_limit=MeteredRateLimit(database.rate_events, metrics,
                                                                    settings.user_rate_limit_per_minute))
        if settings.editors_chat_id is not None:
            _editors_chat(settings, collection, embedder, assistant, database, metrics, library_changed) \
                .register(application)
        application.job_queue.run_repeating(
            _purge, interval=PURGE_EVERY, first=timedelta(seconds=30), name="purge", data=database
        )
        # Every process scans; each due reminder row is claimed by one of them and sent once.
        ReminderSender(reminders.delivery).schedule(application, settings.reminder_scan_seconds)
        operations = OperationsRoutes(lambda: application.running,
                                      {"database": database.ping, "store": collection.count}, metrics)
        asyncio.run(serve(application, settings, operations=operations))
    except TelegramConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    return 0


def _editors_chat(settings: Settings, collection, embedder, assistant, database, metrics, library_changed):
    from bot.editing import EditorsTexts, build_desk
    from bot.telegram.editors import EditorsChat

    desk = build_desk(settings, collection, embedder, on_change=library_changed)
    texts = EditorsTexts(settings, desk, assistant, database.history, embedder)
    return EditorsChat(settings.editors_chat_id, settings.editor_user_ids, desk, try_question=texts.try_question,
                       gaps=texts.gaps, digest=texts.digest, claim_digest=database.library_stamps.claim_digest,
                       on_report=metrics.record_ingest)


async def _purge(context) -> None:
    """RETENTION_DAYS: old conversation history is deleted once a day."""
    purged = await asyncio.to_thread(context.job.data.purge_history)
    log.info("retention purge: %s", purged)
