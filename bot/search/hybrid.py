"""Hybrid retrieval: BM25 over jieba tokens of every stored chunk, fused with dense search by RRF.

The index reads every chunk once (text, words, vector) and answers both halves from memory: BM25 and
exact cosine over the vectors the store holds, so a message costs one query embedding and no store
round trip (`refresh` after an ingest; a store without vectors falls back to the store's own search)."""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

import numpy as np
from rank_bm25 import BM25Okapi
from scipy.sparse import csr_matrix

from bot.core.messages import Hit
from bot.core.ports import ChunkSource
from bot.core.terms import tokens
from bot.search.vectors import unit_rows


def _key(hit: Hit) -> tuple[str, int]:
    return hit.article, hit.position


class BM25Index:
    """Okapi BM25 over the title, heading and text of each chunk, tokenised like questions are."""

    def __init__(self, chunks: list[Hit]):
        corpus = [tokens(f"{c.title} {c.heading} {c.text}") or ["∅"] for c in chunks]
        # Hits carry their words, so the decline decision never tokenises a chunk at query time.
        self.chunks = [replace(c, tokens=tuple(words)) for c, words in zip(chunks, corpus)]
        self._by_key = {_key(c): c for c in self.chunks}
        self._bm25 = _TermWeights(BM25Okapi(corpus)) if chunks else None
        # The chunks' vectors in memory: the dense half of a search is one matrix product, no store round trip.
        vectors = [c.vector for c in chunks]
        self._matrix = unit_rows(vectors) if chunks and all(v is not None for v in vectors) else None
        self.chunks = [replace(c, vector=None) for c in self.chunks]
        self._langs = np.array([c.lang for c in self.chunks])
        self._allowed_by_lang: dict[str | None, np.ndarray] = {}
        # Each (article, position) names one chunk: a search can know a chunk by its place in `chunks`.
        self.unique_keys = len(self._by_key) == len(self.chunks)

    @property
    def has_vectors(self) -> bool:
        return self._matrix is not None

    def nearest(self, vector: Any, k: int, lang: str | None = None) -> list[tuple[Hit, float]]:
        """The k chunks (in `lang` only, when given) with the highest cosine to the vector, best first."""
        ranked, scores = self.ranked_by_vector(vector, k, lang)
        chunks = self.chunks
        return [(chunks[i], round(score, 6)) for i, score in zip(ranked, scores)]

    def ranked_by_vector(self, vector: Any, k: int, lang: str | None = None) -> tuple[list[int], list[float]]:
        """`nearest` as chunk positions in `chunks` and unrounded cosines, best first."""
        assert self._matrix is not None
        query = unit_rows([vector])[0]
        scores = self._matrix @ query
        allowed = self._allowed(lang)
        ranked = allowed[np.argsort(-scores[allowed], kind="stable")][:k]
        return ranked.tolist(), scores[ranked].tolist()

    def with_tokens(self, hit: Hit) -> Hit:
        """The hit with the words the index holds for its chunk (as it is when the index lacks it)."""
        indexed = self._by_key.get(_key(hit))
        return replace(hit, tokens=indexed.tokens) if indexed is not None and not hit.tokens else hit

    def search(self, query: str, k: int, lang: str | None = None) -> list[tuple[Hit, float]]:
        """The k chunks (in `lang` only, when given) with the highest positive BM25 score, best first."""
        ranked, scores = self.ranked_by_words(query, k, lang)
        chunks = self.chunks
        return [(chunks[i], score) for i, score in zip(ranked, scores)]

    def ranked_by_words(self, query: str, k: int, lang: str | None = None) -> tuple[list[int], list[float]]:
        """`search` as chunk positions in `chunks` and BM25 scores (all positive), best first."""
        words = tokens(query)
        if self._bm25 is None or not words:
            return [], []
        scores = self._bm25.scores(words)
        allowed = self._allowed(lang)
        # a stable sort of the negated scores keeps equal scores in chunk order, as sorted(reverse=True) did
        ranked = allowed[np.argsort(-scores[allowed], kind="stable")][:k]
        top = scores[ranked]
        positive = top > 0
        if not positive.all():
            ranked, top = ranked[positive], top[positive]
        return ranked.tolist(), top.tolist()

    def _allowed(self, lang: str | None) -> np.ndarray:
        """The positions of the chunks in `lang` (all chunks for None), computed once per language."""
        allowed = self._allowed_by_lang.get(lang)
        if allowed is None:
            allowed = np.arange(len(self.chunks)) if lang is None else np.flatnonzero(self._langs == lang)
            self._allowed_by_lang[lang] = allowed
        return allowed


class _TermWeights:
    """rank_bm25's Okapi scores from a term-by-chunk matrix of per-term weights computed once per index.

    `BM25Okapi.get_scores` loops in Python over every chunk for every query word (about 0.5 ms a
    message on a few hundred chunks, most of the search's cost); here the weights are computed at
    index time with the very expression, parameters (k1, b, epsilon) and idf of the BM25Okapi object,
    and a query adds one sparse row per word, in query order, so the scores are the same floats and the
    rankings identical (checked on every dev question)."""

    def __init__(self, bm25: BM25Okapi):
        self.size = bm25.corpus_size
        vocabulary = sorted(bm25.idf)
        self._row = {word: row for row, word in enumerate(vocabulary)}
        doc_len = np.array(bm25.doc_len)
        norm = bm25.k1 * (1 - bm25.b + bm25.b * doc_len / bm25.avgdl)
        rows, cols, freqs = [], [], []
        for doc, frequencies in enumerate(bm25.doc_freqs):
            for word, freq in frequencies.items():
                rows.append(self._row[word])
                cols.append(doc)
                freqs.append(freq)
        cols_array, q_freq = np.array(cols, dtype=np.int64), np.array(freqs)
        idf = np.array([bm25.idf[vocabulary[row]] for row in rows])
        weights = idf * (q_freq * (bm25.k1 + 1) / (q_freq + norm[cols_array]))
        self._matrix = csr_matrix((weights, (np.array(rows, dtype=np.int64), cols_array)),
                                  shape=(len(vocabulary), self.size))
        self._matrix.sort_indices()

    def scores(self, words: list[str]) -> np.ndarray:
        """What `BM25Okapi.get_scores(words)` returns."""
        score = np.zeros(self.size)
        indptr, indices, data = self._matrix.indptr, self._matrix.indices, self._matrix.data
        for word in words:
            row = self._row.get(word)
            if row is not None:
                start, end = indptr[row], indptr[row + 1]
                score[indices[start:end]] += data[start:end]
        return score


class HybridSearcher:
    """Dense and BM25 rankings fused by reciprocal rank; hits keep their dense cosine as score.

    The score stays the cosine similarity so the decline decision's thresholds mean the same thing
    with or without BM25; a chunk only BM25 found gets the lowest cosine of the dense results."""

    def __init__(self, dense: ChunkSource, *, depth: int = 30, rrf_k: int = 60, bm25_weight: float = 1.0):
        self.dense = dense
        self.depth = depth
        self.rrf_k = rrf_k
        self.bm25_weight = bm25_weight
        self._index: BM25Index | None = None
        self._lock = threading.Lock()

    def refresh(self) -> None:
        """Rebuild the BM25 index from the store (after an ingest)."""
        with self._lock:
            self._index = BM25Index(self.dense.all_chunks())

    @property
    def index(self) -> BM25Index:
        if self._index is None:
            self.refresh()
        assert self._index is not None
        return self._index

    def search(self, query: str, k: int = 5, *, lang: str | None = None, terms: str | None = None) -> list[Hit]:
        """The fused ranking; `lang` keeps chunks in that language, `terms` replaces the query for BM25
        (the question's terms translated) while dense search reuses the question's own vector."""
        embedder = getattr(self.dense, "embedder", None)
        index = self.index
        if embedder is not None and index.has_vectors and index.unique_keys:
            return self._search_in_memory(index, embedder.embed_query(query), terms or query, k, lang)
        if embedder is not None and index.has_vectors:
            dense = index.nearest(embedder.embed_query(query), self.depth, lang)  # exact, in memory
        else:
            dense = [(hit, hit.score) for hit in self.dense.search(query, self.depth, lang=lang)]
        lexical = index.search(terms or query, self.depth, lang)
        fused: dict[tuple[str, int], float] = {}
        chunks: dict[tuple[str, int], tuple[Hit, float]] = {}
        for rank, (hit, score) in enumerate(dense):
            key = _key(hit)
            fused[key] = fused.get(key, 0.0) + 1.0 / (self.rrf_k + rank + 1)
            chunks[key] = (hit, score)
        floor = min((score for _, score in dense), default=0.0)
        for rank, (hit, _score) in enumerate(lexical):
            key = _key(hit)
            fused[key] = fused.get(key, 0.0) + self.bm25_weight / (self.rrf_k + rank + 1)
            if key not in chunks:
                chunks[key] = (hit, floor)
        order = sorted(fused, key=lambda key: fused[key], reverse=True)[:k]
        # Only the hits returned are copied (with their score and the index's words for the chunk).
        return [index.with_tokens(replace(chunks[key][0], score=chunks[key][1])) for key in order]

    def _search_in_memory(self, index: BM25Index, vector: Any, words: str, k: int, lang: str | None) -> list[Hit]:
        """`search` when both rankings come from the index: the same fusion over chunk positions, with
        the cosines rounded only for the hits returned (rounding keeps order, so the floor is the same)."""
        dense, cosines = index.ranked_by_vector(vector, self.depth, lang)
        lexical, _ = index.ranked_by_words(words, self.depth, lang)
        rrf_k, weight = self.rrf_k, self.bm25_weight
        fused: dict[int, float] = {}
        for rank, position in enumerate(dense):
            fused[position] = fused.get(position, 0.0) + 1.0 / (rrf_k + rank + 1)
        for rank, position in enumerate(lexical):
            fused[position] = fused.get(position, 0.0) + weight / (rrf_k + rank + 1)
        score = dict(zip(dense, cosines))
        floor = min(cosines, default=0.0)
        order = sorted(fused, key=fused.__getitem__, reverse=True)[:k]
        chunks = index.chunks
        return [_rescored(chunks[position], round(score.get(position, floor), 6)) for position in order]


def _rescored(hit: Hit, score: float) -> Hit:
    """`replace(hit, score=score)` for the index's chunks (a frozen dataclass with no __post_init__),
    without re-running __init__ over its sixteen fields: a search returns several every message."""
    copy = object.__new__(Hit)
    copy.__dict__.update(hit.__dict__)
    copy.__dict__["score"] = score
    return copy
