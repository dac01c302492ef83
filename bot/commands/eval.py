"""`python -m bot eval [FILE] [--tuning DIR] [--blind DIR]`: retrieval, declining, offline answers and
crisis on the dev set, the tuning set and the blind set, side by side.

The dev set (FILE, default tests/data/questions.jsonl) and the tuning set (tests/data/tuning: a second
library with its questions and crisis phrasings, written blind by a helper who saw only FACTS.md,
articles without summaries) are what weights and thresholds are chosen on; the blind set (DIR with
library/, questions.jsonl, crisis.jsonl; also written without sight of the code) only measures, and its
texts stay hidden. Each folder's library is ingested into its own store under DATA_DIR/<folder name>,
so the dev store is never touched.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bot.library.evaluation import EvalFileError, evaluate, evaluate_crisis, load_crisis, load_questions, report
from bot.settings import Settings

DEV_QUESTIONS = Path("tests/data/questions.jsonl")
# The targets for the blind set (issue 10, "Done when").
TARGETS = {"hit@1": ">= 0.90", "hit@3": ">= 0.98", "answered": ">= 0.95", "declined": ">= 0.9", "keys": ">= 0.9",
           "median_zh_chars": "<= 300", "median_en_words": "<= 80", "recall": ">= 0.95", "false_alarms_per_20": "<= 1"}
ROWS = (("questions", "questions"), ("hit@1", "hit@1"), ("hit@3", "hit@3"), ("mrr", "MRR"),
        ("answered", "in-scope answered"), ("declined", "off-topic declined"), ("keys", "key facts in answer"),
        ("median_zh_chars", "median answer, zh chars"), ("median_en_words", "median answer, en words"))


def _cell(value: Any) -> str:
    return "—" if value is None else str(value)


def print_side_by_side(console: Console, results: dict[str, dict]) -> None:
    """One table, a column per side (dev, blind) and the blind targets."""
    table = Table(title="evaluation · hybrid retrieval · offline answers")
    table.add_column("metric")
    for side in results:
        table.add_column(side, justify="right")
    table.add_column("target (blind)", justify="right")
    for key, label in ROWS:
        table.add_row(label, *(_cell(r["metrics"]["total"].get(key)) for r in results.values()), TARGETS.get(key, ""))
    for key, label in (("recall", "crisis recall"), ("false_alarms_per_20", "crisis false alarms per 20")):
        table.add_row(label, *(_cell((r.get("crisis") or {}).get(key)) for r in results.values()),
                      TARGETS.get(key, ""))
    console.print(table)


def print_report(console: Console, title: str, result: dict) -> None:
    table = Table(title=title)
    for column in ("group", "n", "hit@1", "hit@3", "MRR", "answered", "to decline", "declined", "keys",
                   "zh chars", "en words"):
        table.add_column(column, justify="right")
    for name, m in result["metrics"].items():
        table.add_row(name, str(m["questions"]), *(_cell(m.get(key)) for key in
                      ("hit@1", "hit@3", "mrr", "answered", "to_decline", "declined", "keys", "median_zh_chars",
                       "median_en_words")))
    console.print(table)
    d = result["decision"]
    say = lambda text: console.print(text, markup=False, highlight=False, soft_wrap=True)  # noqa: E731
    say(f"decline decision · features: {d['features']}")
    say(f"  rule: {d['rule']}")
    say(f"  thresholds: {d['thresholds']}")
    say(f"  gap, answerable: {d['gap_answerable']}   gap, to decline: {d['gap_decline']}")
    say(f"  top cosine, answerable: {d['top_score_answerable']}   to decline: {d['top_score_decline']}")
    say(f"  best single cosine threshold (baseline): {d['single_threshold_baseline']}")
    say(f"  calibrated on this file: {d['calibrated_on_this_file']}")
    if isinstance(result["misses"], int):  # the blind set: numbers only (--show-blind lists them)
        say(f"  {result['misses']} retrieval/decision misses and {result['key_misses']} answers without their keys "
            "(texts hidden: the blind set is never read for tuning)")
    for miss in result["misses"] if isinstance(result["misses"], list) else []:
        verdict = "answered" if miss["answered"] else "declined"
        say(f"  miss: {miss['q']} | expected {miss['expect'] or 'decline'} | got {miss['got']} | "
            f"{verdict} ({miss['reason']})")
    for miss in result["key_misses"] if isinstance(result.get("key_misses"), list) else []:
        say(f"  key missing: {miss['q']} | keys {miss['keys']} | answer: {' '.join(miss['answer'].split())[:160]}")
    crisis = result.get("crisis")
    if crisis:
        say(f"  crisis: recall {crisis['recall']} of {crisis['crisis_messages']}, false alarms "
            f"{crisis['false_alarms']} of {crisis['other_messages']}")
        for text in crisis["missed"] if isinstance(crisis["missed"], list) else []:
            say(f"  crisis missed: {text}")
        for text in crisis["false_alarm_texts"] if isinstance(crisis["false_alarm_texts"], list) else []:
            say(f"  crisis false alarm: {text}")


def _without_texts(result: dict) -> dict:
    """The blind side's numbers without its questions and messages: nobody tunes on what they never read."""
    out = dict(result)
    out["misses"] = len(result["misses"])
    out["key_misses"] = len(result.get("key_misses", []))
    # Thresholds that would suit the blind set best are exactly what must not leak into the code.
    out["decision"] = {**result["decision"], "calibrated_on_this_file": "hidden for the blind set"}
    if "crisis" in result:
        out["crisis"] = {k: (len(v) if isinstance(v, list) else v) for k, v in result["crisis"].items()}
    return out


@contextmanager
def _quiet_unless(show: bool) -> Iterator[None]:
    """The assistant logs each declined question's text: hide them for the blind set unless it is shown."""
    if show:
        yield
        return
    logger = logging.getLogger("bot")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def _blind_settings(settings: Settings, blind: Path, name: str = "blind") -> Settings:
    """A set's library in its own store and database under DATA_DIR/<name>."""
    data_dir = settings.data_dir / name
    return settings.model_copy(update={"data_dir": data_dir, "knowledge_dir": blind / "library",
                                       "database_url": f"sqlite:///{data_dir / 'borrower.db'}"})


def _ingest(settings: Settings) -> None:
    from bot.library.ingestion import sync
    from bot.wiring import open_store

    embedder, collection = open_store(settings)
    sync(collection, embedder, settings.knowledge_dir)


def _side(settings: Settings, questions_path: Path, crisis_path: Path | None, hybrid: bool) -> dict:
    from bot.wiring import build_assistant, build_searcher

    questions = load_questions(questions_path)
    crisis = load_crisis(crisis_path) if crisis_path else None
    assistant = build_assistant(settings, searcher=build_searcher(settings, hybrid=hybrid))
    assistant.llm = None  # the offline answers are what is measured
    result = report(evaluate(assistant, questions, answers=True), assistant.thresholds)
    if crisis is not None:
        result["crisis"] = evaluate_crisis(assistant, crisis)
    return result


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    """Evaluate the dev set, and the blind set when --blind is given."""
    blind = Path(args.blind) if args.blind else None
    tuning = Path(args.tuning) if args.tuning else None
    also = [Path(folder) for folder in getattr(args, "also", None) or []]
    heldout = Path(args.heldout) if args.heldout else None
    dev2 = Path(args.dev2) if getattr(args, "dev2", None) else None
    try:
        load_questions(Path(args.file))
        if dev2 is not None:
            load_questions(dev2)
        if heldout is not None:
            if tuning is None:
                raise EvalFileError("--heldout asks its questions of the tuning library: give --tuning too")
            load_questions(heldout)
            if (heldout.parent / "crisis.jsonl").is_file():
                load_crisis(heldout.parent / "crisis.jsonl")
        for folder in (f for f in (tuning, blind) if f is not None):
            load_questions(folder / "questions.jsonl")
            load_crisis(folder / "crisis.jsonl")
            if not (folder / "library").is_dir():
                raise EvalFileError(f"{folder / 'library'}: no such folder")
        for folder in also:
            load_questions(folder / "questions.jsonl")
            if (folder / "crisis.jsonl").is_file():
                load_crisis(folder / "crisis.jsonl")
            if not (folder / "library").is_dir():
                raise EvalFileError(f"{folder / 'library'}: no such folder")
            if folder.name in ("dev", "dev2", "tuning", "held-out", "blind", "") or [f.name for f in also].count(folder.name) > 1:
                raise EvalFileError(f"{folder}: --also needs a folder name of its own (it names the column and the store)")
    except EvalFileError as exc:
        print(f"eval: {exc}")
        return 2
    modes = {"hybrid": [True], "dense": [False], "both": [False, True]}[args.retrieval]
    results: dict[str, dict] = {}
    for hybrid in modes:
        suffix = "" if len(modes) == 1 else (" hybrid" if hybrid else " dense")
        results["dev" + suffix] = _side(settings, Path(args.file), None, hybrid)
        if dev2 is not None:
            results["dev2" + suffix] = _side(settings, dev2, None, hybrid)
        if tuning is not None:
            tuning_settings = _blind_settings(settings, tuning, "tuning")
            _ingest(tuning_settings)
            results["tuning" + suffix] = _side(tuning_settings, tuning / "questions.jsonl", tuning / "crisis.jsonl",
                                               hybrid)
            if heldout is not None:
                heldout_crisis = heldout.parent / "crisis.jsonl"
                with _quiet_unless(args.show_blind):
                    result = _side(tuning_settings, heldout, heldout_crisis if heldout_crisis.is_file() else None,
                                   hybrid)
                results["held-out" + suffix] = result if args.show_blind else _without_texts(result)
        for folder in also:
            also_settings = _blind_settings(settings, folder, folder.name)
            _ingest(also_settings)
            crisis_file = folder / "crisis.jsonl"
            results[folder.name + suffix] = _side(also_settings, folder / "questions.jsonl",
                                                  crisis_file if crisis_file.is_file() else None, hybrid)
        if blind is not None:
            blind_settings = _blind_settings(settings, blind)
            _ingest(blind_settings)
            with _quiet_unless(args.show_blind):
                result = _side(blind_settings, blind / "questions.jsonl", blind / "crisis.jsonl", hybrid)
            results["blind" + suffix] = result if args.show_blind else _without_texts(result)
    if args.json:
        print(json.dumps(results if len(results) > 1 else next(iter(results.values())), ensure_ascii=False, indent=2))
        return 0
    console = Console(width=200)
    if len(results) > 1:
        print_side_by_side(console, results)
    for name, result in results.items():
        named = {folder.name: folder for folder in also}
        source = (dev2 if name.startswith("dev2") else
                  args.file if name.startswith("dev") else named[name.split(" ")[0]] if name.split(" ")[0] in named
                  else tuning if name.startswith("tuning") else heldout if name.startswith("held-out") else blind)
        print_report(console, f"{name}: {source}", result)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("eval", help="evaluate retrieval, declining, answers and crisis (dev and blind)")
    parser.add_argument("file", nargs="?", default=str(DEV_QUESTIONS),
                        help='dev JSONL of {"q", "expect": [article ids], "keys"?} (empty expect: must decline)')
    parser.add_argument("--blind", metavar="DIR",
                        help="blind set folder (library/, questions.jsonl, crisis.jsonl), e.g. tests/data/blind")
    parser.add_argument("--tuning", metavar="DIR",
                        help="tuning set folder (library/, questions.jsonl, crisis.jsonl), e.g. tests/data/tuning")
    parser.add_argument("--also", metavar="DIR", action="append", default=[],
                        help="another tuning library (library/, questions.jsonl, crisis.jsonl if any), a column named "
                             "after its folder, e.g. tests/data/tuning2; may be repeated")
    parser.add_argument("--dev2", metavar="FILE",
                        help="more questions asked of the dev library (knowledge/), a column of their own, e.g. "
                             "tests/data/dev2/questions.jsonl: written by a helper who read only the articles")
    parser.add_argument("--heldout", metavar="FILE",
                        help="held-out questions asked of the tuning library (e.g. tests/data/heldout/questions.jsonl), and "
                             "crisis.jsonl beside it when present: written blind after the tuning, measured only, "
                             "texts hidden like the blind set's")
    parser.add_argument("--show-blind", action="store_true",
                        help="also list the blind and held-out sets' misses (off by default: never read them for tuning)")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument("--retrieval", choices=("hybrid", "dense", "both"), default="hybrid",
                        help="which retrieval to evaluate (both: compare dense with hybrid)")
    parser.set_defaults(func=run_eval)
