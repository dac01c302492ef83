"""The editors' desk: what the editors' chat does to the library, without Telegram.

Upload (validate, place, ingest the change), fetch one article's file, list articles, retire one.
After anything that changed the store, `on_change` runs: the composition root bumps the library's
version stamp there, so every bot process refreshes its BM25 index and vocabulary.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from bot.core.ports import Embedder
from bot.library.articles import Article, ArticleError, load_articles, parse_article
from bot.library.ingestion import IngestError, IngestReport, sync
from bot.library.staleness import StaleArticle, stale_articles
from bot.library.uploads import UploadError, safe_target, stage, unpack, write

ARCHIVE = "_archive"  # under KNOWLEDGE_DIR; find_article_files skips names starting with "_"


class DeskError(Exception):
    """A request the desk cannot carry out (unknown article, bad id); the message says why."""


@dataclass
class UploadOutcome:
    """What became of one upload: the ingest's report (with the upload's own rejections in it)."""

    report: IngestReport
    written: list[str] = field(default_factory=list)


class EditorDesk:
    def __init__(self, knowledge_dir: Path, collection: Any, embedder: Embedder, *, max_bytes: int,
                 on_change: Callable[[IngestReport], None] = lambda report: None):
        self.knowledge_dir = Path(knowledge_dir)
        self.collection = collection
        self.embedder = embedder
        self.max_bytes = max_bytes
        self.on_change = on_change
        self._lock = threading.Lock()  # one change to the folder and store at a time in this process

    def upload(self, filename: str, data: bytes) -> UploadOutcome:
        """Validate and store what an editor sent, then ingest; raises UploadError when all of it is refused."""
        uploads, refused = unpack(filename, data, self.max_bytes)
        if not uploads and not refused:
            raise UploadError(f"{filename} holds no .md file")
        with self._lock:
            staged = stage(self.knowledge_dir, uploads)
            write(staged.placements)
            report = self._sync() if staged.placements else sync(self.collection, self.embedder, self.knowledge_dir, dry_run=True)
        report.rejected = sorted(refused + staged.rejected + report.rejected, key=lambda e: e.file)
        return UploadOutcome(report, [p.id for p in staged.placements])

    def article_path(self, article_id: str) -> Path:
        """The stored file of one article; DeskError when there is none."""
        try:
            path = safe_target(self.knowledge_dir, article_id)
        except ArticleError as exc:
            raise DeskError(f"{article_id}: {exc.reason}") from None
        if not path.is_file():
            raise DeskError(f"no article {article_id}; /articles lists them")
        return path

    def articles(self, tag: str | None = None) -> list[Article]:
        """The good articles, newest first, with `tag` when given."""
        articles, _ = load_articles(self.knowledge_dir)
        if tag:
            articles = [a for a in articles if tag.casefold() in (t.casefold() for t in a.tags)]
        return sorted(articles, key=lambda a: (a.updated or date.min, a.id), reverse=True)

    def stale(self, today: date, days: int, ids: set[str] | None = None) -> list[StaleArticle]:
        """Stale articles of the library, or only those of `ids` (read from their files)."""
        if ids is None:
            articles, _ = load_articles(self.knowledge_dir)
        else:
            articles = []
            for article_id in sorted(ids):
                try:
                    path = self.article_path(article_id)
                    articles.append(parse_article(path.read_bytes(), article_id, path))
                except (DeskError, ArticleError, OSError):
                    continue  # retired or broken since it was stored: nothing to say about its date
        return stale_articles(articles, today, days)

    def retire(self, article_id: str, now: datetime | None = None) -> tuple[Path, IngestReport]:
        """Move the article's file to `_archive/<UTC time>/<id>` and drop it from the store."""
        with self._lock:
            path = self.article_path(article_id)
            stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
            relative = path.relative_to(self.knowledge_dir.resolve())
            archived = self.knowledge_dir.resolve() / ARCHIVE / stamp / relative
            archived.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(path), archived)
            try:
                report = self._sync()
            except IngestError as exc:  # e.g. the last article: the store is not emptied; put the file back
                shutil.move(str(archived), path)
                raise DeskError(f"{article_id} was not retired: {exc}") from None
        return archived, report

    def _sync(self) -> IngestReport:
        report = sync(self.collection, self.embedder, self.knowledge_dir)
        self.on_change(report)
        return report


def summarize(outcome: UploadOutcome | IngestReport, *, stale: list[StaleArticle] = ()) -> str:
    """The lines `python ingest.py` prints, as one message: added / updated / removed / rejected with reasons."""
    report = outcome.report if isinstance(outcome, UploadOutcome) else outcome
    lines = [f"Library: {report.articles} good articles, {report.chunks} chunks"
             f" ({report.embedded_chunks} embedded now, {report.unchanged} unchanged)."]
    for label, ids in (("added", report.added), ("updated", report.updated), ("removed", report.removed)):
        lines.append(f"{label} {len(ids)}" + (": " + ", ".join(ids[:15]) + (" …" if len(ids) > 15 else "") if ids else ""))
    lines.append(f"rejected {len(report.rejected)}" + (":" if report.rejected else ""))
    lines += [f"  ✗ {error.file}: {error.reason}" for error in report.rejected[:20]]
    if report.rejected:
        lines.append("Rejected files change nothing: the last good version stays. Fix them and send again.")
    if stale:
        lines.append(f"stale {len(stale)}:")
        lines += [f"  ⏳ {s.id}: {s.reason}" for s in stale[:15]]
    return "\n".join(lines)
