"""`python ingest.py` / `python -m bot ingest`: bring the chunk store in line with KNOWLEDGE_DIR.

Exit status: 0 every article ingested, 1 some files were rejected (each reported with its path and
reason; the others are ingested), 2 a wrong command line or configuration, or the store is unusable.
Articles without a `summary:` and stale ones (STALE_AFTER_DAYS, `valid_until`) are warnings only.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

import chromadb.errors
import httpx
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from bot.core.ports import Embedder
from bot.search.embedders import EmbedderError
from bot.library.ingestion import IngestError, IngestReport, sync
from bot.settings import Settings, describe_errors
from bot.search.store import StoreError, describe
from bot.wiring import open_store

# Failures of the store that are not the editor's fault and not a bug: say so, without a traceback.
_STORE_FAILURES = (OSError, httpx.TransportError, chromadb.errors.ChromaError)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--knowledge", metavar="DIR", type=Path, help="folder of articles (default: KNOWLEDGE_DIR)")
    parser.add_argument("--dry-run", action="store_true", help="report what would change; embed and write nothing")
    parser.add_argument("--rebuild", action="store_true", help="drop the store and embed every article again")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python ingest.py",
        description="Ingest the Markdown articles of KNOWLEDGE_DIR into the search store (only what changed).",
        epilog="Exit status: 0 all articles ingested, 1 some files rejected, 2 wrong command line or configuration.",
    )
    add_arguments(parser)
    return parser


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("ingest", help="ingest KNOWLEDGE_DIR into the search store")
    add_arguments(parser)
    parser.set_defaults(func=run)


def main(argv: list[str] | None = None, *, settings: Settings | None = None, embedder: Embedder | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.dry_run and args.rebuild:
        parser.error("--dry-run and --rebuild cannot be combined")
    if settings is None:
        try:
            settings = Settings()
        except ValidationError as exc:
            print("\n".join(describe_errors(exc)), file=sys.stderr)
            return 2
    logging.basicConfig(level=logging.DEBUG if settings.log_level.upper() == "DEBUG" else logging.WARNING)
    return run(args, settings, embedder=embedder)


def run(args: argparse.Namespace, settings: Settings, *, embedder: Embedder | None = None,
        out: TextIO | None = None) -> int:
    out = out or sys.stdout
    if getattr(args, "dry_run", False) and getattr(args, "rebuild", False):
        print("error: --dry-run and --rebuild cannot be combined", file=sys.stderr)
        return 2
    if args.knowledge is not None:
        settings = settings.model_copy(update={"knowledge_dir": args.knowledge})
    interactive = not args.json and out.isatty()
    try:
        embedder, collection = open_store(settings, embedder, rebuild=args.rebuild)
        if interactive:
            report = _sync_with_progress(collection, embedder, settings, args.dry_run, out)
        else:
            report = sync(collection, embedder, settings.knowledge_dir, dry_run=args.dry_run, **_limits(settings))
    except (StoreError, IngestError, EmbedderError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted: nothing is lost; run `python ingest.py` again to finish", file=sys.stderr)
        return 130
    except _STORE_FAILURES as exc:
        logging.getLogger(__name__).debug("store failure", exc_info=True)
        print(
            f"error: the store failed ({describe(settings)}): {type(exc).__name__}: {exc}\n"
            "Nothing is lost: run `python ingest.py` again when the store is back; it repairs an interrupted run.",
            file=sys.stderr,
        )
        return 2
    if not report.dry_run and (report.added or report.updated or report.removed):
        _tell_running_bots(settings)
    for found in report.suspicious:  # people read stderr; the JSON lists them too
        print(f"warning: {found['file']}:{found['line']}: reads like an instruction to a model or a "
              f"pay-to-delete claim: {found['text'][:80]}", file=sys.stderr)
    if args.json:
        for rejection in report.rejected:  # stdout holds only the JSON; people read stderr
            print(f"rejected: {rejection.file}: {rejection.reason}", file=sys.stderr)
        for line in _warnings(report):
            print(line, file=sys.stderr)
        print(json.dumps(report.to_json(), ensure_ascii=False), file=out)
    else:
        _print_summary(report, settings, Console(file=out, highlight=False))
    return 1 if report.rejected else 0


def _sync_with_progress(collection, embedder: Embedder, settings: Settings, dry_run: bool, out: TextIO) -> IngestReport:
    console = Console(file=out)
    with Progress(
        TextColumn("embedding"), BarColumn(), MofNCompleteColumn(), TextColumn("chunks"), TimeRemainingColumn(),
        console=console, transient=True,
    ) as bar:
        task = bar.add_task("embedding", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return sync(collection, embedder, settings.knowledge_dir, dry_run=dry_run, progress=progress,
                    **_limits(settings))


def _limits(settings: Settings) -> dict:
    return {"max_bytes": settings.max_article_bytes, "stale_after_days": settings.stale_after_days}


def _print_summary(report: IngestReport, settings: Settings, console: Console) -> None:
    title = f"{'Dry run: ' if report.dry_run else ''}{settings.knowledge_dir} -> {describe(settings)}"
    table = Table(title=title, show_header=True, header_style="bold")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_column("articles")
    rows = [
        ("added", report.added), ("updated", report.updated), ("removed", report.removed),
        ("rejected", [e.file for e in report.rejected]),
    ]
    table.add_row("good articles", str(report.articles), "")
    table.add_row("their chunks", str(report.chunks), "")
    for name, ids in rows:
        table.add_row(name, str(len(ids)), _shorten(ids))
    table.add_row("unchanged", str(report.unchanged), "")
    table.add_row("chunks embedded", str(report.embedded_chunks), "")
    table.add_row("seconds", f"{report.seconds:.2f}", "")
    console.print(table)
    for rejection in report.rejected:
        console.print(f"[red]rejected[/red] {rejection.file}: {rejection.reason}", markup=True)
    if report.rejected:
        console.print("Rejected files keep their last good version in the store; fix them and run again.")
    for line in _warnings(report):
        console.print(line, markup=False)


def _warnings(report: IngestReport) -> list[str]:
    """Things to review that do not stop an article from being ingested."""
    lines = [f"warning: {article}: no summary: in front matter (the offline answer has no short answer to quote)"
             for article in report.no_summary]
    lines += [f"stale: {item.file}: {item.reason}; review it" for item in report.stale]
    lines += [f"warning: {', '.join(item['files'])} have the same title ({item['title'][:80]!r}): readers see two "
              "identical titles in sources and buttons; give each its own" for item in report.duplicate_titles]
    return lines


def _tell_running_bots(settings: Settings) -> None:
    """Bump the library version in the bots' database: every running process rebuilds BM25 and its vocabulary."""
    from bot.storage.database import Database  # only needed after a change

    try:
        with Database(settings) as database:
            database.upgrade()
            database.library_stamps.bump_library()
    except Exception as exc:  # the articles are ingested all the same; only the bots' refresh waits
        print(f"note: running bots were not told of the change ({type(exc).__name__}: {exc}); "
              "send /reindex in Telegram or restart them so their keyword index catches up", file=sys.stderr)


def _shorten(ids: list[str], limit: int = 5) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" (+{len(ids) - limit} more)" if len(ids) > limit else "")
