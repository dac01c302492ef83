"""`python -m bot search "QUESTION" [--k 5] [--json]`: the chunks dense search ranks first."""

from __future__ import annotations

import argparse
import json
import sys

import chromadb.errors
import httpx

from bot.core.ports import Embedder
from bot.search.embedders import EmbedderError
from bot.settings import Settings
from bot.search.store import StoreError, describe
from bot.wiring import build_dense_searcher


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("search", help="show the article chunks that best match a question")
    parser.add_argument("question", help="the question, in Chinese or English")
    parser.add_argument("--k", type=int, default=5, help="how many hits (default 5)")
    parser.add_argument("--json", action="store_true", help='print {"hits": [...]} as JSON')
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings, *, embedder: Embedder | None = None) -> int:
    if args.k < 1:
        print("error: --k must be at least 1", file=sys.stderr)
        return 2
    try:
        searcher = build_dense_searcher(settings, embedder)
        if searcher.count() == 0:
            print(f"the store is empty ({describe(settings)}): run `python ingest.py` first", file=sys.stderr)
            return 1
        hits = searcher.search(args.question, k=args.k)
    except (StoreError, EmbedderError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (OSError, httpx.TransportError, chromadb.errors.ChromaError) as exc:
        print(f"error: the store failed ({describe(settings)}): {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    if args.json:
        payload = {"hits": [
            {"article": h.article, "title": h.title, "heading": h.heading, "score": h.score, "text": h.text}
            for h in hits
        ]}
        print(json.dumps(payload, ensure_ascii=False))
        return 0
    for rank, hit in enumerate(hits, 1):
        where = f"{hit.title}" + (f" > {hit.heading}" if hit.heading else "")
        print(f"{rank}. [{hit.score:.3f}] {hit.article}  ({where})")
        snippet = " ".join(hit.text.split())
        print(f"   {snippet[:160]}{'…' if len(snippet) > 160 else ''}")
    return 0
