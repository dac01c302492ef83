"""`python -m bot gaps [--since DAYS] [--json]`: what borrowers asked that the library could not answer."""

from __future__ import annotations

import argparse
import json
import sys

from rich.console import Console
from rich.table import Table

from bot.search.embedders import EmbedderError, build_embedder
from bot.library.gaps import DEFAULT_THRESHOLD, GapGroup, find_gaps, since_days
from bot.search.dense import DenseSearcher
from bot.settings import Settings
from bot.search.store import StoreError, open_collection


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "gaps", help="questions the bot declined, got 👎 on or escalated, grouped by meaning"
    )
    parser.add_argument("--since", type=float, default=30.0, metavar="DAYS", help="look back this many days (default 30)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--threshold", type=float, default=DEFAULT_THRESHOLD,
        help=f"cosine similarity that joins a question to a group (default {DEFAULT_THRESHOLD})",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.since <= 0:
        print("error: --since takes a positive number of days, e.g. --since 7", file=sys.stderr)
        return 2
    from bot.storage.database import Database  # the SQL layer is only needed by this command

    with Database(settings) as database:
        database.upgrade()
        exchanges = database.history.since(since_days(args.since))
    try:
        embedder = build_embedder(settings)
        search = _article_search(settings, embedder)
        groups = find_gaps(exchanges, lambda texts: [embedder.embed_query(t) for t in texts], search, args.threshold)
    except EmbedderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({"since_days": args.since, "groups": [g.as_json() for g in groups]}, ensure_ascii=False))
    else:
        _print_table(groups, args.since)
    return 0


def _article_search(settings: Settings, embedder):
    """The nearest article for each group; without a store the list is still useful, so go on."""
    try:
        searcher = DenseSearcher(open_collection(settings, embedder), embedder)
    except StoreError as exc:
        print(f"note: no closest articles ({exc})", file=sys.stderr)
        return None
    return lambda query, k: searcher.search(query, k)


def _print_table(groups: list[GapGroup], days: float) -> None:
    console = Console()
    if not groups:
        console.print(f"No unanswered questions in the last {days:g} days.")
        return
    table = Table(title=f"Content gaps, last {days:g} days (most frequent first)", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("count", justify="right")
    table.add_column("example questions")
    table.add_column("why")
    table.add_column("closest article (score)")
    for number, group in enumerate(groups, 1):
        closest = f"{group.closest_article} ({group.closest_score:.2f})" if group.closest_article else "-"
        why = ", ".join(f"{reason} {count}" for reason, count in group.reasons.items())
        table.add_row(str(number), str(group.count), "\n".join(group.examples), why, closest)
    console.print(table)
