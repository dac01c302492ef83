"""Composition root helpers: build the Assistant and its adapters from Settings."""

from __future__ import annotations

from bot.chart import render_payoff_chart
from bot.core.assistant import Assistant
from bot.core.plan_conversation import PlanConversation as Planner
from bot.core.safety import is_crisis
from bot.core.ports import Embedder, PlanConversation, Searcher
from bot.core.retrieval import Retriever
from bot.search.embedders import QueryCache, build_embedder
from bot.llm_writer import LLMWriter
from bot.search.hybrid import HybridSearcher
from bot.search.reference import OffTopicReference
from bot.search.dense import DenseSearcher
from bot.settings import Settings
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
    if not isinstance(embedder, QueryCache):
        # One embedding a message: the search, the decline decision and the offline writer share it.
        embedder = QueryCache(embedder)
    dense = DenseSearcher(open_collection(settings, embedder), embedder)
    return HybridSearcher(dense) if hybrid else dense


def _question_parts(settings: Settings, searcher: Searcher) -> tuple[Embedder | None, OffTopicReference | None]:
    """The searcher's (caching) embedder and the off-topic reference set over it, for the decline decision."""
    chunks = searcher.dense if isinstance(searcher, HybridSearcher) else searcher
    embedder = chunks.embedder if isinstance(chunks, DenseSearcher) else None
    offtopic = OffTopicReference(embedder, settings.data_dir / "cache") if embedder is not None else None
    return embedder, offtopic


def build_retriever(settings: Settings, searcher: Searcher | None = None) -> Retriever:
    """The retrieval `ask` answers from (what `python -m bot search` shows)."""
    searcher = searcher or build_searcher(settings)
    embedder, offtopic = _question_parts(settings, searcher)
    return Retriever(searcher, embedder=embedder, offtopic=offtopic)


def build_database(settings: Settings) -> Database:
    """The SQL storage with its schema brought up to date."""
    database = Database(settings)
    database.upgrade()
    return database


def build_plan_conversation(settings: Settings, database: Database) -> Planner:
    """The repayment planner's conversation over the database; crisis messages are never claimed."""
    return Planner(database.wizards, database.profiles, render_payoff_chart, lpr=settings.lpr_one_year,
                   lpr_as_of=settings.lpr_as_of, release=is_crisis)


def build_assistant(
    settings: Settings,
    *,
    searcher: Searcher | None = None,
    database: Database | None = None,
    plan: PlanConversation | None = None,
) -> Assistant:
    """The Assistant with SQL history, the store's search, the planner, and the LLM writer when configured."""
    database = database or build_database(settings)
    plan = plan or build_plan_conversation(settings, database)
    llm = LLMWriter.from_settings(settings) if settings.llm_enabled else None
    searcher = searcher or build_searcher(settings)
    embedder, offtopic = _question_parts(settings, searcher)
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
        embedder=embedder,
        offtopic=offtopic,
        default_language=settings.default_language,
    )
