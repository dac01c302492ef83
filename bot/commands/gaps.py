"""`python -m bot gaps [--since DAYS] [--json]`: what borrowers asked that the library could not answer."""

from __future__ import annotations

import argparse
import functools
import json
import sys

from rich.console import Console
from rich.table import Table

from bot.core.messages import Hit
from bot.core.ports import Embedder
from bot.library.gaps import DEFAULT_THRESHOLD, GapGroup, find_gaps, since_days
from bot.settings import Settings


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
    from bot.wiring import build_database, build_embedder

    with build_database(settings) as database:
        exchanges = database.history.since(since_days(args.since))
    # The embedder and the store load only when there are questions to group (they take seconds).
    @functools.cache
    def embedder() -> Embedder:
        return build_embedder(settings)

    @functools.cache
    def search():  # type: ignore[no-untyped-def]
        return _article_search(settings, embedder())

    def closest(query: str, k: int) -> list[Hit]:
        return search()(query, k) if search() is not None else []

    groups = find_gaps(exchanges, lambda texts: [embedder().embed_query(t) for t in texts], closest, args.threshold)
    if args.json:
        print(json.dumps({"since_days": args.since, "groups": [g.as_json() for g in groups]}, ensure_ascii=False))
    else:
        _print_table(groups, args.since)
    return 0


def _article_search(settings: Settings, embedder: Embedder):  # type: ignore[no-untyped-def]
    """The nearest article for each group; without a store the list is still useful, so go on."""
    from bot.search.store import StoreError
    from bot.wiring import build_dense_searcher

    try:
        searcher = build_dense_searcher(settings, embedder)
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
