"""`python -m bot eval FILE`: hit@1, hit@3, MRR, answered and declined shares, and the decline decision's numbers."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bot.library.evaluation import EvalFileError, evaluate, load_questions, report
from bot.settings import Settings


def print_report(console: Console, title: str, result: dict) -> None:
    table = Table(title=title)
    for column in ("group", "n", "hit@1", "hit@3", "MRR", "answered", "to decline", "declined"):
        table.add_column(column, justify="right")
    for name, m in result["metrics"].items():
        table.add_row(name, str(m["questions"]), *(str(m[key]) for key in
                      ("hit@1", "hit@3", "mrr", "answered", "to_decline", "declined")))
    console.print(table)
    d = result["decision"]
    console.print(f"decline decision: thresholds {d['thresholds']}")
    console.print(f"  top cosine, answerable: {d['top_score_answerable']}")
    console.print(f"  top cosine, to decline: {d['top_score_decline']}")
    console.print(f"  best single cosine threshold (baseline): {d['single_threshold_baseline']}")
    console.print(f"  calibrated on this file: {d['calibrated_on_this_file']}")
    for miss in result["misses"]:
        verdict = "answered" if miss["answered"] else "declined"
        console.print(f"  miss: {miss['q']} | expected {miss['expect'] or 'decline'} | got {miss['got']} | "
                      f"{verdict} ({miss['reason']})", markup=False, highlight=False, soft_wrap=True)


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    """Evaluate retrieval and the decline decision over a JSONL file."""
    from bot.search.embedders import QueryCache, build_embedder
    from bot.wiring import build_assistant, build_searcher

    try:
        questions = load_questions(Path(args.file))
    except EvalFileError as exc:
        print(f"eval: {exc}")
        return 2
    modes = {"hybrid": [True], "dense": [False], "both": [False, True]}[args.retrieval]
    results = {}
    embedder = QueryCache(build_embedder(settings))
    for hybrid in modes:
        searcher = build_searcher(settings, embedder, hybrid=hybrid)
        assistant = build_assistant(settings, searcher=searcher, embedder=embedder)
        results["hybrid" if hybrid else "dense"] = report(evaluate(assistant, questions), assistant.thresholds)
    if args.json:
        print(json.dumps(results if len(results) > 1 else next(iter(results.values())), ensure_ascii=False, indent=2))
        return 0
    console = Console()
    for name, result in results.items():
        print_report(console, f"{args.file} · {name} retrieval", result)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("eval", help="evaluate retrieval and declining over a JSONL question file")
    parser.add_argument("file", help='JSONL of {"q": text, "expect": [article ids]} (empty expect: must decline)')
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--retrieval", choices=("hybrid", "dense", "both"), default="hybrid",
                        help="which retrieval to evaluate (both: compare dense with hybrid)")
    parser.set_defaults(func=run_eval)
