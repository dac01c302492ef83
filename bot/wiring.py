"""Composition root helpers: build the Assistant and its adapters from Settings."""

from __future__ import annotations

from bot.chart import render_payoff_chart
from bot.core.assistant import Assistant
from bot.core.plan_conversation import PlanConversation as Planner
from bot.core.safety import is_crisis
from bot.core.ports import Embedder, PlanConversation, Searcher, Understanding
from bot.search.embedders import QueryCache, build_embedder
from bot.llm_writer import LLMWriter
from bot.search.hybrid import HybridSearcher, LibraryVocabulary
from bot.search.dense import DenseSearcher
from bot.settings import Settings
from bot.storage.database import Database
from bot.search.store import open_collection

# Hybrid retrieval is kept because it measured better on tests/data/questions.jsonl (see `python -m bot eval`).
HYBRID = True


def open_store(settings: Settings) -> tuple[Embedder, object]:
    """The embedder (loaded once per process, its query vectors cached) and the Chroma collection."""
    embedder = QueryCache(build_embedder(settings))
    return embedder, open_collection(settings, embedder)


def build_searcher(settings: Settings, embedder: Embedder | None = None, *, hybrid: bool = HYBRID) -> Searcher:
    """Dense search over the Chroma store, fused with BM25 when `hybrid`."""
    embedder = embedder or QueryCache(build_embedder(settings))
    dense = DenseSearcher(open_collection(settings, embedder), embedder)
    return HybridSearcher(dense) if hybrid else dense


def build_database(settings: Settings) -> Database:
    """The SQL storage with its schema brought up to date."""
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
    return Planner(database.wizards, database.profiles, render_payoff_chart, lpr=settings.lpr_one_year,
                   lpr_as_of=settings.lpr_as_of, release=is_crisis)


def build_assistant(
    settings: Settings,
    *,
    searcher: Searcher | None = None,
    database: Database | None = None,
    plan: PlanConversation | None = None,
    embedder: Embedder | None = None,
) -> Assistant:
    """The Assistant with SQL history, the store's search, the planner, intent by meaning, and the
    LLM writer when configured. Pass the searcher's embedder along with a searcher, so that the
    classifier and the search share one query vector per message."""
    database = database or build_database(settings)
    plan = plan or build_plan_conversation(settings, database)
    llm = LLMWriter.from_settings(settings) if settings.llm_enabled else None
    embedder = embedder or QueryCache(build_embedder(settings))
    searcher = searcher or build_searcher(settings, embedder)
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
        understanding=build_understanding(settings, embedder),
        vocabulary=LibraryVocabulary(chunks) if hasattr(chunks, "all_chunks") else None,
        default_language=settings.default_language,
    )
