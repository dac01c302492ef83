"""Hand-written fakes shared by the ingestion tests: embedders that record what they were asked."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence


class FakeEmbedder:
    """Deterministic bag-of-character-bigrams vectors; records every call (no model, instant)."""

    def __init__(self, name: str = "fake/bigrams", dim: int = 64):
        self.name = name
        self.dim = dim
        self.passage_calls: list[list[str]] = []
        self.query_calls: list[str] = []

    @property
    def embedded(self) -> list[str]:
        """Every passage embedded so far, in order."""
        return [text for call in self.passage_calls for text in call]

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        chars = "".join(text.lower().split())
        for a, b in zip(chars, chars[1:] + " "):
            slot = int.from_bytes(hashlib.blake2b((a + b).encode(), digest_size=4).digest(), "big") % self.dim
            vec[slot] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        self.passage_calls.append(list(texts))
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        self.query_calls.append(text)
        return self._vector(text)


class Interrupted(Exception):
    """Stands for the process being killed half-way."""


class FailingEmbedder(FakeEmbedder):
    """Embeds `allowed` passages, then fails like a killed process would stop."""

    def __init__(self, allowed: int, **kwargs):
        super().__init__(**kwargs)
        self.allowed = allowed

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        if len(self.embedded) + len(texts) > self.allowed:
            raise Interrupted(f"killed after {len(self.embedded)} passages")
        return super().embed_passages(texts)
