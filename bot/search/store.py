"""The Chroma collection of article chunks: embedded in DATA_DIR, or a server when CHROMA_HOST is set.

We always pass vectors we computed ourselves (`embedding_function=None`): Chroma's default
embedding function downloads a model, which fails here and would mix vector spaces anyway. The
collection's metadata records which embedder built it; opening it with another one is refused,
because mixed vectors silently ruin search.
"""

from __future__ import annotations

import logging
from typing import Any

import chromadb
import chromadb.errors
from chromadb.config import Settings as ChromaSettings

from bot.core.errors import BotError
from bot.core.ports import Embedder
from bot.settings import Settings

log = logging.getLogger(__name__)

REBUILD_HINT = "run `python ingest.py --rebuild` to rebuild the store with the current embedder"


class StoreError(BotError):
    """The chunk store cannot be used; the message says what to do."""


class StoreUnavailable(StoreError):
    """The Chroma server does not answer, or the local store cannot be opened."""


class EmbedderMismatch(StoreError):
    """The store was built with another embedder (or dimension) than the one configured now."""


def _client(settings: Settings) -> Any:
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        try:
            client = chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
            client.heartbeat()
        except Exception as exc:  # connection errors come from httpx, chromadb or the OS
            raise StoreUnavailable(
                f"cannot reach the Chroma server at {settings.chroma_host}:{settings.chroma_port} "
                f"({type(exc).__name__}: {exc}); start it or unset CHROMA_HOST to use the local store"
            ) from exc
        return client
    try:
        settings.chroma_path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)
    except Exception as exc:
        raise StoreUnavailable(f"cannot open the local Chroma store in {settings.chroma_path}: {exc}") from exc


def describe(settings: Settings) -> str:
    """Where the store lives, for messages."""
    if settings.chroma_host:
        return f"Chroma server {settings.chroma_host}:{settings.chroma_port}, collection {settings.chroma_collection}"
    return f"{settings.chroma_path}, collection {settings.chroma_collection}"


def open_collection(settings: Settings, embedder: Embedder, *, rebuild: bool = False) -> Any:
    """The chunk collection for this embedder; `rebuild` drops whatever was there first."""
    client = _client(settings)
    name = settings.chroma_collection
    if rebuild:
        drop_collection(client, name, settings)
    try:
        collection = client.get_or_create_collection(
            name,
            configuration={"hnsw": {"space": "cosine"}},
            metadata={"embedder": embedder.name, "dim": embedder.dim},
            embedding_function=None,
        )
    except Exception as exc:
        raise StoreUnavailable(f"cannot open collection {name!r} ({describe(settings)}): {exc}") from exc
    check_embedder(collection, embedder)
    return collection


def drop_collection(client: Any, name: str, settings: Settings) -> None:
    """Drop the collection for a rebuild; absent is fine, any other failure stops the rebuild loudly
    (a rebuild that silently kept the old vectors would look done and search the old library)."""
    try:
        client.delete_collection(name)
    except chromadb.errors.NotFoundError:
        log.info("collection %s absent: nothing to drop for the rebuild", name)
        return
    except Exception as exc:  # the server went away, the directory is read-only, ...
        raise StoreUnavailable(
            f"cannot drop collection {name!r} for the rebuild ({describe(settings)}): {type(exc).__name__}: {exc}"
        ) from exc
    log.info("dropped collection %s for a rebuild", name)


def check_embedder(collection: Any, embedder: Embedder) -> None:
    """Refuse a collection built with another embedder."""
    meta = collection.metadata or {}
    stored_name, stored_dim = meta.get("embedder"), meta.get("dim")
    if stored_name == embedder.name and stored_dim == embedder.dim:
        return
    if stored_name is None and collection.count() == 0:
        collection.modify(metadata={"embedder": embedder.name, "dim": embedder.dim})
        return
    raise EmbedderMismatch(
        f"the store was built with embedder {stored_name or 'unknown'} ({stored_dim or '?'} dimensions) "
        f"but the configured embedder is {embedder.name} ({embedder.dim} dimensions); {REBUILD_HINT}"
    )
