"""Dense search over the chunk collection: the `Searcher` the core asks for knowledge."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import chromadb.errors
import httpx

from bot.core.messages import Hit
from bot.core.ports import SearchUnavailable
from bot.core.ports import Embedder
from bot.search.store import check_embedder
from bot.search.vectors import unpack


def _sentences(meta: dict[str, Any]) -> tuple[str, ...]:
    try:
        value = json.loads(str(meta.get("sentences") or "[]"))
    except json.JSONDecodeError:
        return ()
    return tuple(str(s) for s in value) if isinstance(value, list) else ()


def _hit(text: str, meta: dict[str, Any] | None, score: float, dim: int = 0) -> Hit:
    meta = meta or {}
    tags = tuple(t for t in str(meta.get("tags", "")).split(",") if t)
    sentences = _sentences(meta)
    vectors = unpack(str(meta.get("sentence_vectors") or ""), dim)
    if vectors is None or len(vectors) != len(sentences):
        sentences, vectors = (), None  # a store ingested before sentence vectors: the writer falls back
    lead = unpack(str(meta.get("lead_vector") or ""), dim)
    return Hit(
        article=str(meta.get("article", "")),
        title=str(meta.get("title", "")),
        heading=str(meta.get("heading", "")),
        text=text or "",
        score=score,
        lang=str(meta.get("lang", "")),
        tags=tags,
        position=int(meta.get("position", 0)),
        summary=str(meta.get("summary") or ""),
        role=str(meta.get("role") or "article"),
        jurisdiction=str(meta.get("jurisdiction") or "general"),
        sentences=sentences,
        sentence_vectors=vectors,
        lead_vector=lead[0] if lead is not None else None,
    )


# What a failing embedded store or an unreachable Chroma server raises while searching.
STORE_FAILURES = (chromadb.errors.ChromaError, httpx.HTTPError, OSError, ValueError)


class DenseSearcher:
    """Cosine similarity between the question's vector and every chunk's (scores in [-1, 1])."""

    def __init__(self, collection: Any, embedder: Embedder):
        check_embedder(collection, embedder)
        self._collection = collection
        self._embedder = embedder

    @property
    def embedder(self) -> Embedder:
        return self._embedder

    def count(self) -> int:
        return self._collection.count()

    def search(self, query: str, k: int = 5, *, lang: str | None = None, terms: str | None = None) -> list[Hit]:
        """The k nearest chunks (in `lang` only, when given); `terms` is for BM25 and unused here."""
        if not query.strip() or k <= 0:
            return []
        try:
            available = self._collection.count()
            if available == 0:
                return []
            result = self._collection.query(
                query_embeddings=[self._embedder.embed_query(query)],
                n_results=min(k, available),
                where={"lang": lang} if lang else None,
                include=["documents", "metadatas", "distances"],
            )
        except STORE_FAILURES as exc:
            raise SearchUnavailable(f"{type(exc).__name__}: {exc}") from exc
        hits = [
            # the collection uses cosine distance = 1 - cosine similarity
            _hit(doc, meta, round(1.0 - float(dist), 6), self._embedder.dim)
            for doc, meta, dist in zip(result["documents"][0], result["metadatas"][0], result["distances"][0])
        ]
        hits.sort(key=lambda h: h.score, reverse=True)
        return hits

    def all_chunks(self) -> list[Hit]:
        """Every stored chunk (text, metadata and vector, score 0), by article and position: input for the
        in-memory index (BM25 and exact cosine) of the hybrid searcher."""
        hits: list[Hit] = []
        offset, page = 0, 5000
        while True:
            got = self._collection.get(include=["documents", "metadatas", "embeddings"], limit=page, offset=offset)
            vectors = got.get("embeddings")
            vectors = [None] * len(got["ids"]) if vectors is None else list(vectors)
            hits.extend(replace(_hit(doc, meta, 0.0, self._embedder.dim), vector=vector)
                        for doc, meta, vector in zip(got["documents"], got["metadatas"], vectors))
            if len(got["ids"]) < page:
                break
            offset += page
        hits.sort(key=lambda h: (h.article, h.position))
        return hits
