"""DenseSearcher: cosine scores, Hit contents, all_chunks for BM25."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.core.messages import Hit
from bot.library.ingestion import sync
from bot.search.dense import DenseSearcher
from bot.search.store import EmbedderMismatch, open_collection
from tests.support.embedders import FakeEmbedder

LIBRARY = Path(__file__).parent / "data" / "library"


@pytest.fixture
def searcher(settings):
    shutil.copytree(LIBRARY, settings.knowledge_dir)
    embedder = FakeEmbedder()
    collection = open_collection(settings, embedder)
    sync(collection, embedder, settings.knowledge_dir)
    return DenseSearcher(collection, embedder)


def test_search_returns_hits_best_first_with_cosine_scores(searcher):
    hits = searcher.search("Debt collectors may not call you before 8 a.m. or after 9 p.m.", k=3)
    assert len(hits) == 3
    assert hits[0].article == "us/debt-collectors.md"
    assert hits[0].title == "What debt collectors may not do (US)"
    assert hits[0].heading == "Calls and threats"
    assert hits[0].text.startswith("Under US law, debt collectors may not call you")
    assert hits[0].lang == "en" and hits[0].tags == ("debt-collection", "harassment") and hits[0].position == 0
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True) and all(-1.0 <= s <= 1.0 for s in scores)
    assert scores[0] > 0.5


def test_k_larger_than_the_store_and_empty_questions(searcher):
    assert len(searcher.search("逾期", k=100)) == searcher.count()
    assert searcher.search("   ", k=5) == []
    assert searcher.search("逾期", k=0) == []


def test_empty_store_finds_nothing(settings):
    embedder = FakeEmbedder()
    assert DenseSearcher(open_collection(settings, embedder), embedder).search("逾期") == []


def test_all_chunks_returns_every_chunk_in_reading_order(searcher):
    chunks = searcher.all_chunks()
    assert len(chunks) == searcher.count()
    assert all(isinstance(c, Hit) and c.score == 0.0 and c.text for c in chunks)
    keys = [(c.article, c.position) for c in chunks]
    assert keys == sorted(keys)
    credit = [c for c in chunks if c.article == "credit/overdue-credit-report.md"]
    assert [c.heading for c in credit] == ["逾期会不会上征信", "不良记录保留多久", "我能做什么"]


def test_searcher_refuses_a_store_built_by_another_embedder(searcher, settings):
    collection = open_collection(settings, FakeEmbedder())
    with pytest.raises(EmbedderMismatch, match="--rebuild"):
        DenseSearcher(collection, FakeEmbedder(name="other/model"))


def test_a_failing_store_raises_search_unavailable_naming_the_cause(searcher, monkeypatch):
    import httpx

    from bot.core.ports import SearchUnavailable

    def refuse(**kwargs):
        raise httpx.ConnectError("All connection attempts failed")

    monkeypatch.setattr(searcher._collection, "query", refuse)
    with pytest.raises(SearchUnavailable, match="ConnectError: All connection attempts failed"):
        searcher.search("逾期", k=3)
