"""Composition root helpers: build the Assistant and its adapters from Settings."""

from __future__ import annotations

from bot.chart import render_payoff_chart
from bot.core.assistant import Assistant
from bot.core.plan_conversation import PlanConversation as Planner
from bot.core.reminders import Reminders
from bot.core.safety import is_crisis
from bot.core.simplified import opencc_converter
from bot.core.ports import Embedder, PlanConversation, Searcher
from bot.search.embedders import build_embedder
from bot.llm_writer import LLMWriter
from bot.search.hybrid import HybridSearcher, LibraryVocabulary
from bot.search.dense import DenseSearcher
from bot.settings import Settings
from bot.storage.clock import Clock, utc_now
from bot.storage.database import Database
from bot.search.store import open_collection

# Hybrid retrieval is kept because it measured better on tests/data/questions.jsonl (see `python -m bot eval`).
HYBRID = True


def open_store(settings: Settings) -> tuple[Embedder, object]:
    """The embedder (loaded once per process) and the Chroma collection built with it."""
    embedder = build_embedder(settings)
    return embedder, open_collection(settings, embedder)


def build_searcher(settings: Settings, embedder: Embedder | None = None, *, hybrid: bool = HYBRID) -> Searcher:
    """Dense search over the Chroma store, fused with BM25 when `hybrid`."""
    embedder = embedder or build_embedder(settings)
    dense = DenseSearcher(open_collection(settings, embedder), embedder)
    return HybridSearcher(dense) if hybrid else dense


def build_database(settings: Settings) -> Database:
    """The SQL storage with its schema brought up to date."""
    database = Database(settings)
    database.upgrade()
    return database


def build_plan_conversation(settings: Settings, database: Database) -> Planner:
    """The repayment planner's conversation over the database; crisis messages are never claimed."""
    return Planner(database.wizards, database.profiles, render_payoff_chart, lpr=settings.lpr_one_year,
                   lpr_as_of=settings.lpr_as_of, release=is_crisis)


def build_reminders(settings: Settings, database: Database, clock: Clock = utc_now) -> Reminders:
    """Plan reminders over the database, in DEFAULT_TIMEZONE, with the payoff chart for /progress."""
    return Reminders(database.reminders, database.profiles, database.wizards, clock=clock,
                     chart=render_payoff_chart, default_timezone=settings.default_timezone)


def build_assistant(
    settings: Settings,
    *,
    searcher: Searcher | None = None,
    database: Database | None = None,
    plan: PlanConversation | None = None,
    reminders: Reminders | None = None,
) -> Assistant:
    """The Assistant with SQL history, the store's search, the planner, and the LLM writer when configured."""
    database = database or build_database(settings)
    plan = plan or build_plan_conversation(settings, database)
    simplify = opencc_converter()
    llm = LLMWriter.from_settings(settings, simplify=simplify) if settings.llm_enabled else None
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
        reminders=reminders or build_reminders(settings, database),
        llm_timeout=settings.openai_timeout,
        simplify=simplify,
    )
