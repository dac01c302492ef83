"""Incremental sync: make the Chroma collection equal to the articles in KNOWLEDGE_DIR.

Chroma itself is the manifest. Every chunk carries its article id and the article's content hash
in its metadata, and its id is deterministic: `{article}::{hash[:12]}::{position}/{total}`. One
`collection.get(include=["metadatas"])` tells, for every article, which versions are stored and
whether each is complete (all `total` positions present). So:

- unchanged file (same hash, complete, nothing else stored): no parsing, no embedding;
- new or changed file: chunks of the new version are embedded and upserted first, and only when
  the whole version is in are the article's chunks with other hashes deleted. A reader never sees
  a half-replaced article, and the old version stays until the new one is complete;
- a run killed half-way leaves, per article, a complete old version plus some new chunks: the next
  run finds the new hash incomplete, embeds only the missing positions (ids are deterministic, so
  upserts never duplicate) and then deletes the old version;
- a rejected (broken) file is reported and its last good version stays in the store;
- a deleted file's chunks are deleted.

Why not LangChain's `index()` with a record manager: its only record manager shipped with
langchain-core is in memory (the SQL one lives in langchain-community, not a dependency here), and
a second source of truth beside Chroma can drift from it (a crash between the two writes, a store
restored from backup, a Chroma server shared by two machines). Reading the truth from Chroma costs
one `get` per run and cannot drift.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.library.articles import ArticleError, content_hash, find_article_files, parse_article
from bot.library.chunking import Chunk, split_article
from bot.library.sentences import with_sentence_vectors
from bot.core.ports import Embedder

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (chunks embedded so far, chunks to embed)
_PAGE = 5000


class IngestError(Exception):
    """The run cannot start or continue (missing folder, a refused operation); the message says why."""


@dataclass
class IngestReport:
    articles: int = 0
    chunks: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    rejected: list[ArticleError] = field(default_factory=list)
    embedded_chunks: int = 0
    seconds: float = 0.0
    dry_run: bool = False

    def to_json(self) -> dict[str, Any]:
        """The `ingest.py --json` object, keys in the documented order."""
        return {
            "articles": self.articles,
            "chunks": self.chunks,
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "rejected": [{"file": e.file, "reason": e.reason} for e in self.rejected],
            "embedded_chunks": self.embedded_chunks,
            "seconds": round(self.seconds, 3),
        }


def chunk_id(article: str, article_hash: str, position: int, total: int) -> str:
    return f"{article}::{article_hash[:12]}::{position}/{total}"


def _total_of(chunk_id_: str) -> int:
    try:
        return int(chunk_id_.rsplit("/", 1)[1])
    except (IndexError, ValueError):
        return -1  # an id we did not write: never counts as complete


@dataclass
class _Stored:
    """What the store holds for one article: chunk ids per content hash."""

    versions: dict[str, set[str]] = field(default_factory=dict)
    bare: set[str] = field(default_factory=set)  # ids stored without sentence vectors (an older ingest)

    def complete(self, article_hash: str) -> bool:
        ids = self.versions.get(article_hash)
        return bool(ids) and len(ids) == _total_of(next(iter(ids)))

    def ids_except(self, article_hash: str) -> list[str]:
        return sorted(i for h, ids in self.versions.items() if h != article_hash for i in ids)

    def all_ids(self) -> list[str]:
        return sorted(i for ids in self.versions.values() for i in ids)


def read_manifest(collection: Any) -> dict[str, _Stored]:
    """Article id -> stored versions, from one paged read of every chunk's metadata."""
    manifest: dict[str, _Stored] = {}
    offset = 0
    while True:
        page = collection.get(include=["metadatas"], limit=_PAGE, offset=offset)
        ids = page["ids"]
        for cid, meta in zip(ids, page["metadatas"] or [{}] * len(ids)):
            meta = meta or {}
            article = str(meta.get("article") or cid.split("::", 1)[0])
            stored = manifest.setdefault(article, _Stored())
            stored.versions.setdefault(str(meta.get("hash", "")), set()).add(cid)
            if "sentence_vectors" not in meta:
                stored.bare.add(cid)
        if len(ids) < _PAGE:
            return manifest
        offset += _PAGE


@dataclass
class _Pending:
    chunks: list[Chunk]
    ids: list[str]
    stale: list[str]  # ids of other versions, deleted once every chunk above is stored
    remaining: int = 0


def sync(
    collection: Any,
    embedder: Embedder,
    knowledge_dir: Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    batch_size: int = 64,
    sentence_vectors: bool = True,
) -> IngestReport:
    """Bring the collection in line with the folder; see the module docstring for the guarantees."""
    started = time.perf_counter()
    knowledge_dir = Path(knowledge_dir)
    if not knowledge_dir.is_dir():
        raise IngestError(f"the knowledge folder {knowledge_dir} does not exist (set KNOWLEDGE_DIR or --knowledge)")
    report = IngestReport(dry_run=dry_run)
    files, rejected = find_article_files(knowledge_dir)
    report.rejected.extend(rejected)
    manifest = read_manifest(collection)
    if not files and not rejected and manifest:
        raise IngestError(
            f"no articles (*.md) found in {knowledge_dir}; refusing to empty the store. "
            "Check the folder, or run with --rebuild to start from an empty store on purpose."
        )

    pending: dict[str, _Pending] = {}
    repairs: list[str] = []  # stale ids of articles whose current version is already complete
    for item in files:
        stored = manifest.get(item.id)
        try:
            raw = item.path.read_bytes()
        except OSError as exc:
            report.rejected.append(ArticleError(item.id, f"cannot read the file: {exc.strerror or exc}"))
            continue
        digest = content_hash(raw)
        # A store ingested before sentence vectors gets them once, as if the article had changed.
        bare = bool(sentence_vectors and stored and stored.bare & stored.versions.get(digest, set()))
        if stored and stored.complete(digest) and not bare:
            report.articles += 1
            report.chunks += len(stored.versions[digest])
            stale = stored.ids_except(digest)
            if stale:  # an earlier run stopped between upserting this version and dropping the old
                repairs.extend(stale)
                report.updated.append(item.id)
            else:
                report.unchanged += 1
            continue
        try:
            article = parse_article(raw, item.id, item.path)
        except ArticleError as exc:
            report.rejected.append(exc)
            continue
        chunks = split_article(article)
        ids = [chunk_id(article.id, article.hash, c.position, len(chunks)) for c in chunks]
        have = stored.versions.get(article.hash, set()) - (stored.bare if sentence_vectors else set()) if stored else set()
        todo = [(c, i) for c, i in zip(chunks, ids) if i not in have]
        stale = sorted((set(stored.all_ids()) - set(ids)) if stored else set())
        pending[article.id] = _Pending([c for c, _ in todo], [i for _, i in todo], stale, len(todo))
        report.articles += 1
        report.chunks += len(chunks)
        (report.updated if stored else report.added).append(article.id)

    rejected_ids = {e.file for e in report.rejected}
    present = {f.id for f in files}
    removed = sorted(a for a in manifest if a not in present and a not in rejected_ids)
    report.removed = removed
    report.rejected.sort(key=lambda e: e.file)
    if dry_run:
        report.seconds = time.perf_counter() - started
        return report

    doomed = repairs + [i for a in removed for i in manifest[a].all_ids()]
    _delete(collection, doomed)
    report.embedded_chunks = _embed_and_store(collection, embedder, pending, progress, batch_size, sentence_vectors)
    report.seconds = time.perf_counter() - started
    log.info(
        "ingest: %d articles, %d added, %d updated, %d removed, %d unchanged, %d rejected, %d chunks embedded",
        report.articles, len(report.added), len(report.updated), len(report.removed), report.unchanged,
        len(report.rejected), report.embedded_chunks,
    )
    return report


def _delete(collection: Any, ids: list[str]) -> None:
    for start in range(0, len(ids), _PAGE):
        collection.delete(ids=ids[start:start + _PAGE])


def _embed_and_store(
    collection: Any, embedder: Embedder, pending: dict[str, _Pending], progress: Progress | None, batch_size: int,
    sentence_vectors: bool = True,
) -> int:
    """Embed every pending chunk in batches across articles; retire old versions as articles complete."""
    queue = [(article, chunk, cid) for article, p in pending.items() for chunk, cid in zip(p.chunks, p.ids)]
    total = len(queue)
    if progress:
        progress(0, total)
    for article, p in pending.items():  # nothing to embed: the new version is already complete
        if p.remaining == 0:
            _delete(collection, p.stale)
    done = 0
    for start in range(0, total, batch_size):
        batch = queue[start:start + batch_size]
        vectors = embedder.embed_passages([chunk.embed_text for _, chunk, _ in batch])
        if len(vectors) != len(batch):
            raise IngestError(f"the embedder returned {len(vectors)} vectors for {len(batch)} chunks")
        chunks = [chunk for _, chunk, _ in batch]
        collection.upsert(
            ids=[cid for _, _, cid in batch],
            embeddings=vectors,
            documents=[chunk.text for chunk in chunks],
            # The offline writer ranks sentences by these vectors (bot.library.sentences).
            metadatas=with_sentence_vectors(chunks, embedder) if sentence_vectors else [c.metadata for c in chunks],
        )
        finished = []
        for article, _, _ in batch:
            p = pending[article]
            p.remaining -= 1
            if p.remaining == 0:
                finished.append(article)
        for article in finished:
            _delete(collection, pending[article].stale)
        done += len(batch)
        if progress:
            progress(done, total)
    return done
