"""`python -m bot search "QUESTION" [--k 8] [--dense] [--json]`: what `ask` retrieves, and why.

By default it runs the Assistant's own retrieval (hybrid search, grouped by article, the user's
language lifted, the other language's best article, the decline decision), built by bot.wiring, so
an editor who asks "why did it answer that" sees the list the bot answered from. `--dense` shows the
dense-only chunk ranking beside nothing else, for comparison.
"""

from __future__ import annotations

import argparse
import json
import sys

import chromadb.errors
import httpx

from bot.core.ports import Embedder
from bot.core.terms import script_language
from bot.search.embedders import EmbedderError
from bot.settings import Settings
from bot.search.store import StoreError, describe


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("search", help="show what `ask` retrieves for a question (hybrid), or --dense")
    parser.add_argument("question", help="the question, in Chinese or English")
    parser.add_argument("--k", type=int, default=8, help="how many chunks to search (default 8, as `ask`)")
    parser.add_argument("--dense", action="store_true", help="dense search only: the chunks by cosine")
    parser.add_argument("--lang", choices=("zh", "en"), help="the user's language (default: the question's script)")
    parser.add_argument("--json", action="store_true", help='print {"hits": [...]} (and the decision) as JSON')
    parser.set_defaults(func=run)


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return f"{flat[:160]}{'…' if len(flat) > 160 else ''}"


def run(args: argparse.Namespace, settings: Settings, *, embedder: Embedder | None = None) -> int:
    from bot.wiring import build_retriever, build_searcher

    if args.k < 1:
        print("error: --k must be at least 1", file=sys.stderr)
        return 2
    if not args.question.strip():
        print("error: the question is empty", file=sys.stderr)
        return 2
    language = args.lang or script_language(args.question) or settings.default_language
    try:
        searcher = build_searcher(settings, embedder, hybrid=not args.dense)
        dense = getattr(searcher, "dense", searcher)
        if dense.count() == 0:
            print(f"the store is empty ({describe(settings)}): run `python ingest.py` first", file=sys.stderr)
            return 1
        if args.dense:
            hits = searcher.search(args.question, k=args.k)
            found = None
        else:
            retriever = build_retriever(settings, searcher)
            retriever.k = args.k
            found = retriever.retrieve(args.question, language)
            hits = [h for m in found.matches for h in m.hits]
    except (StoreError, EmbedderError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (OSError, httpx.TransportError, chromadb.errors.ChromaError) as exc:
        print(f"error: the store failed ({describe(settings)}): {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    if args.json:
        payload: dict = {"retrieval": "dense" if args.dense else "hybrid", "hits": [
            {"article": h.article, "title": h.title, "heading": h.heading, "score": h.score, "text": h.text}
            for h in hits
        ]}
        if found is not None:
            payload["articles"] = [m.article for m in found.matches]
            payload["decision"] = {"answer": found.decision.answer, "reason": found.decision.reason,
                                   "features": found.decision.features.as_dict()}
        print(json.dumps(payload, ensure_ascii=False))
        return 0
    if found is None:
        print("dense search only (`ask` uses hybrid: drop --dense to see its list)")
        for rank, hit in enumerate(hits, 1):
            where = f"{hit.title}" + (f" > {hit.heading}" if hit.heading else "")
            print(f"{rank}. [{hit.score:.3f}] {hit.article}  ({where})")
            print(f"   {_snippet(hit.text)}")
        return 0
    print(f"what `ask` retrieves (hybrid, {language}): "
          f"{'answers' if found.decision.answer else 'declines'} ({found.decision.reason})")
    features = found.decision.features.as_dict()
    print("   " + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in features.items()))
    for rank, match in enumerate(found.matches, 1):
        print(f"{rank}. [{match.score:.3f}] {match.article}  ({match.title}){'  · story' if match.role == 'story' else ''}")
        for hit in match.hits:
            print(f"   - [{hit.score:.3f}] {hit.heading or '(top)'}: {_snippet(hit.text)}")
    return 0
