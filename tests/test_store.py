"""The Chroma store: embedded in DATA_DIR and through a real `chroma run` server on loopback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.library.ingestion import sync
from bot.search import store
from bot.search.dense import DenseSearcher
from bot.search.store import EmbedderMismatch, StoreUnavailable, open_collection
from tests.conftest import free_port
from tests.support.embedders import FakeEmbedder

LIBRARY = Path(__file__).parent / "data" / "library"


def test_embedded_store_records_embedder_and_uses_cosine(settings):
    collection = open_collection(settings, FakeEmbedder(dim=8))
    assert collection.metadata["embedder"] == "fake/bigrams" and collection.metadata["dim"] == 8
    assert collection.configuration["hnsw"]["space"] == "cosine"
    assert (settings.chroma_path / "chroma.sqlite3").exists()
    collection.upsert(ids=["a"], embeddings=[[1.0] + [0.0] * 7], documents=["x"], metadatas=[{"article": "a.md"}])
    again = open_collection(settings, FakeEmbedder(dim=8))
    assert again.count() == 1


@pytest.mark.parametrize("other", [FakeEmbedder(name="other/model", dim=8), FakeEmbedder(dim=16)], ids=["name", "dim"])
def test_another_embedder_is_refused_with_the_rebuild_hint(settings, other):
    open_collection(settings, FakeEmbedder(dim=8))
    with pytest.raises(EmbedderMismatch) as caught:
        open_collection(settings, other)
    message = str(caught.value)
    assert "fake/bigrams (8 dimensions)" in message
    assert f"{other.name} ({other.dim} dimensions)" in message
    assert "python ingest.py --rebuild" in message


def test_rebuild_drops_the_old_collection(settings):
    collection = open_collection(settings, FakeEmbedder(dim=8))
    collection.upsert(ids=["a"], embeddings=[[1.0] * 8], documents=["x"], metadatas=[{"article": "a.md"}])
    rebuilt = open_collection(settings, FakeEmbedder(name="other/model", dim=4), rebuild=True)
    assert rebuilt.count() == 0 and rebuilt.metadata["embedder"] == "other/model"


class CannotDrop:
    """A client whose store refuses the drop (a read-only directory, a server that went away)."""

    def delete_collection(self, name: str) -> None:
        raise PermissionError(f"read-only file system: {name}")


def test_a_rebuild_that_cannot_drop_the_collection_fails_loudly(settings, monkeypatch):
    monkeypatch.setattr(store, "_client", lambda _: CannotDrop())
    with pytest.raises(StoreUnavailable, match=r"cannot drop collection 'borrower_articles' for the rebuild .*PermissionError"):
        open_collection(settings, FakeEmbedder(dim=8), rebuild=True)


def test_a_rebuild_without_a_collection_creates_it(settings):
    rebuilt = open_collection(settings, FakeEmbedder(dim=8), rebuild=True)
    assert rebuilt.count() == 0 and rebuilt.metadata["embedder"] == "fake/bigrams"


def test_unreachable_server_is_a_clear_error(settings):
    down = settings.model_copy(update={"chroma_host": "127.0.0.1", "chroma_port": free_port()})
    with pytest.raises(StoreUnavailable, match=r"cannot reach the Chroma server at 127\.0\.0\.1:\d+.*unset CHROMA_HOST"):
        open_collection(down, FakeEmbedder())


def test_ingest_and_search_through_a_chroma_server(settings, chroma_server, tmp_path):
    server = settings.model_copy(update={"chroma_host": "127.0.0.1", "chroma_port": chroma_server})
    library = tmp_path / "knowledge"
    shutil.copytree(LIBRARY, library)
    embedder = FakeEmbedder()
    collection = open_collection(server, embedder)
    report = sync(collection, embedder, library)
    assert sorted(report.added) == sorted(p.relative_to(library).as_posix() for p in library.rglob("*.md"))
    assert collection.count() == report.chunks == report.embedded_chunks
    assert not settings.chroma_path.exists()  # nothing was written locally

    second = sync(open_collection(server, embedder), embedder, library)
    assert (second.embedded_chunks, second.unchanged) == (0, report.articles)

    hits = DenseSearcher(collection, embedder).search("What debt collectors may not do (US)", k=2)
    assert hits[0].article == "us/debt-collectors.md" and -1.0 <= hits[0].score <= 1.0

    with pytest.raises(EmbedderMismatch, match="--rebuild"):
        open_collection(server, FakeEmbedder(name="other/model"))
