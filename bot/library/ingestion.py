"""Incremental sync: make the Chroma collection equal to the articles in KNOWLEDGE_DIR.

Chroma itself is the manifest. Every chunk carries its article id and the article's content hash
in its metadata, and its id is deterministic: `{article}::{hash[:12]}::{position}/{total}`. One
`collection.get(include=["metadatas"])` tells, for every article, which versions are stored and
whether each is complete (all `total` positions present). So:

- unchanged file (same hash, complete, nothing else stored): only its front matter is checked again,
  no chunking, no embedding;
- new or changed file: chunks of the new version are embedded and upserted first, and only when
  the whole version is in are the article's chunks with other hashes deleted. A reader never sees
  a half-replaced article, and the old version stays until the new one is complete;
- a run killed half-way leaves, per article, a complete old version plus some new chunks: the next
  run finds the new hash incomplete, embeds only the missing positions (ids are deterministic, so
  upserts never duplicate) and then deletes the old version;
- a rejected (broken) file is reported and its last good version stays in the store, unless it is
  outside the library, not a regular file or has an unsafe name: then it is removed;
- every file is read and checked on its own (size, location and type before reading): whatever
  goes wrong with one file is that file's rejection, never the run's;
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
from datetime import date
from pathlib import Path
from typing import Any

from bot.core.errors import BotError
from bot.library.articles import (
    DEFAULT_MAX_ARTICLE_BYTES,
    Article,
    ArticleError,
    ArticleFile,
    content_hash,
    find_article_files,
    parse_article,
    read_article_bytes,
    split_front_matter,
)
from bot.library.staleness import DEFAULT_STALE_AFTER_DAYS, stale_reason
from bot.library.frontmatter import FrontMatter
from bot.core.instructions import instruction_lines
from bot.library.chunking import Chunk, split_article
from bot.library.sentences import with_sentence_vectors
from bot.core.safety import urges_self_harm
from bot.core.ports import Embedder

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (chunks embedded so far, chunks to embed)
_PAGE = 5000


class IngestError(BotError):
    """The run cannot start or continue (missing folder, a refused operation); the message says why."""


@dataclass(frozen=True)
class Stale:
    """An article to review: not updated for STALE_AFTER_DAYS, or its `valid_until` has passed."""

    file: str
    reason: str


@dataclass
class IngestReport:
    articles: int = 0
    chunks: int = 0
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    rejected: list[ArticleError] = field(default_factory=list)
    no_summary: list[str] = field(default_factory=list)  # warnings, not rejections
    stale: list[Stale] = field(default_factory=list)
    embedded_chunks: int = 0
    seconds: float = 0.0
    dry_run: bool = False
    suspicious: list[dict[str, Any]] = field(default_factory=list)  # instruction-like lines, each {file, line, text}
    duplicate_titles: list[dict[str, Any]] = field(default_factory=list)  # {title, files}: a warning, not a rejection

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
            "no_summary": self.no_summary,
            "stale": [{"file": s.file, "reason": s.reason} for s in self.stale],
            "embedded_chunks": self.embedded_chunks,
            "seconds": round(self.seconds, 3),
            "suspicious": self.suspicious,
            "duplicate_titles": self.duplicate_titles,
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
    max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
    today: date | None = None,
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
    titles: dict[str, list[str]] = {}  # the same title on two articles: readers cannot tell them apart
    repairs: list[str] = []  # stale ids of articles whose current version is already complete
    for item in files:
        stored = manifest.get(item.id)
        try:
            digest, fields, chunks, suspicious = _examine(item, stored, knowledge_dir, max_bytes, sentence_vectors)
        except ArticleError as exc:
            report.rejected.append(exc)
            continue
        except Exception as exc:  # noqa: BLE001 - one editor's file must never stop the run for the others
            report.rejected.append(
                ArticleError(item.id, f"cannot be read as an article ({type(exc).__name__}: {str(exc)[:200]})")
            )
            continue
        _note_freshness(report, item.id, fields, today or date.today(), stale_after_days)
        titles.setdefault(" ".join(str(fields.title).split()).casefold(), []).append(item.id)
        report.suspicious += [{"file": item.id, "line": n, "text": line[:200]} for n, line in suspicious]
        if chunks is None:  # stored and complete: nothing to embed
            report.articles += 1
            report.chunks += len(stored.versions[digest])
            stale = stored.ids_except(digest)
            if stale:  # an earlier run stopped between upserting this version and dropping the old
                repairs.extend(stale)
                report.updated.append(item.id)
            else:
                report.unchanged += 1
            continue
        ids = [chunk_id(item.id, digest, c.position, len(chunks)) for c in chunks]
        have = stored.versions.get(digest, set()) - (stored.bare if sentence_vectors else set()) if stored else set()
        todo = [(c, i) for c, i in zip(chunks, ids) if i not in have]
        stale = sorted((set(stored.all_ids()) - set(ids)) if stored else set())
        pending[item.id] = _Pending([c for c, _ in todo], [i for _, i in todo], stale, len(todo))
        report.articles += 1
        report.chunks += len(chunks)
        (report.updated if stored else report.added).append(item.id)

    report.duplicate_titles = [{"title": title, "files": sorted(ids)} for title, ids in sorted(titles.items())
                               if len(ids) > 1]
    # A rejected file keeps its last good version, unless it must not be searchable at all.
    kept = {e.file for e in report.rejected if e.keep_stored}
    dropped = {e.file for e in report.rejected if not e.keep_stored}
    present = {f.id for f in files}
    removed = sorted(a for a in manifest if (a not in present and a not in kept) or a in dropped)
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


def _examine(
    item: ArticleFile, stored: _Stored | None, knowledge_dir: Path, max_bytes: int, sentence_vectors: bool = True
) -> tuple[str, FrontMatter | Article, list[Chunk] | None, list[tuple[int, str]]]:
    """Read one file: its hash, its front matter fields, when it must be embedded its chunks, and the
    lines that read like instructions to a model (warned about, never quoted)."""
    raw = read_article_bytes(item, knowledge_dir, max_bytes)
    digest = content_hash(raw)
    text = raw.decode("utf-8", errors="replace")
    harmful = next(((n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if urges_self_harm(line)), None)
    if harmful is not None:
        # never searchable: not this version, nor (when this very version was stored before) the stored one
        raise ArticleError(item.id, f"line {harmful[0]} urges the reader to harm themselves "
                                    f"({harmful[1][:80]!r}); the bot never quotes such text",
                           keep_stored=not (stored and digest in stored.versions))
    suspicious = instruction_lines(text)
    # A store ingested before sentence vectors gets them once, as if the article had changed.
    bare = bool(sentence_vectors and stored and stored.bare & stored.versions.get(digest, set()))
    if stored and stored.complete(digest) and not bare:
        meta, _ = split_front_matter(raw, item.id)  # still validated: the rules may have changed
        return digest, meta, None, suspicious
    article = parse_article(raw, item.id, item.path)
    return digest, article, split_article(article), suspicious


def _note_freshness(report: IngestReport, article: str, fields: FrontMatter | Article, today: date,
                    after_days: int) -> None:
    if not (fields.summary or "").strip():
        report.no_summary.append(article)
    reason = stale_reason(fields.updated, fields.valid_until, today, after_days)
    if reason:
        report.stale.append(Stale(article, reason))


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
