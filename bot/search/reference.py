"""The off-topic reference set: questions the library is not for, embedded once and cached on disk.

The decline decision (bot.core.answerability) compares a question's similarity to the library with
its similarity to these phrases, so it needs no word list and behaves alike for 10 or 1,000 articles.
The vectors are computed on first use (never at import) and kept in `cache_dir`, keyed by a hash of
the phrase file and the embedder's name: editing the file or changing the embedder re-embeds it.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bot.core.ports import Embedder
from bot.search.vectors import unit_rows

log = logging.getLogger(__name__)

DEFAULT_PHRASES = Path(__file__).with_name("offtopic_reference.txt")


def read_phrases(path: Path) -> list[str]:
    """The phrases of a reference file: one a line, `#` comments and blank lines skipped."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


class OffTopicReference:
    """Similarity of a question's vector to the nearest off-topic reference phrases."""

    def __init__(self, embedder: Embedder, cache_dir: Path, path: Path = DEFAULT_PHRASES, nearest: int = 3):
        self.embedder = embedder
        self.cache_dir = Path(cache_dir)
        self.path = Path(path)
        self.nearest = nearest
        self._matrix: np.ndarray | None = None
        self._lock = threading.Lock()

    @property
    def cache_file(self) -> Path:
        digest = hashlib.sha256(self.path.read_bytes() + b"\0" + self.embedder.name.encode()).hexdigest()[:16]
        return self.cache_dir / f"offtopic-{digest}.npy"

    def matrix(self) -> np.ndarray:
        """The phrases' unit vectors, from the cache or embedded now (as passages, like chunks are)."""
        with self._lock:
            if self._matrix is None:
                self._matrix = self._load()
            return self._matrix

    def _load(self) -> np.ndarray:
        cache = self.cache_file
        if cache.is_file():
            try:
                return np.load(cache)
            except (OSError, ValueError) as exc:
                log.warning("off-topic reference cache %s unreadable (%s); embedding again", cache, exc)
        phrases = read_phrases(self.path)
        matrix = unit_rows(self.embedder.embed_passages(phrases))
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(".tmp.npy")
        np.save(partial, matrix)
        partial.replace(cache)  # whole or absent: a concurrent reader never sees half a file
        return matrix

    def closeness(self, vector: Sequence[float]) -> tuple[float, float]:
        """(similarity, background) from one matrix product: the mean cosine of the `nearest` closest
        phrases (one stray phrase should not decide alone), and the mean cosine to every phrase: how alike
        the question is to questions in general, whatever their topic (a short colloquial Chinese
        question sits near all of them)."""
        scores = self.matrix() @ unit_rows([vector])[0]
        nearest = np.partition(scores, len(scores) - self.nearest)[-self.nearest:] if len(scores) > self.nearest else scores
        return float(nearest.mean()), float(scores.mean())

    def similarity(self, vector: Sequence[float]) -> float:
        return self.closeness(vector)[0]

    def background(self, vector: Sequence[float]) -> float:
        return self.closeness(vector)[1]
