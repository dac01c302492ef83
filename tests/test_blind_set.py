"""The blind evaluation set (tests/data/blind) is well formed: it is measured against, never tuned on."""

import json
from pathlib import Path

import pytest

from bot.library.articles import load_articles

BLIND = Path(__file__).resolve().parent / "data" / "blind"


def _rows(name: str) -> list[dict]:
    lines = (BLIND / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_the_blind_library_parses_without_rejections():
    articles, rejected = load_articles(BLIND / "library")
    assert rejected == []
    assert 10 <= len(articles) <= 15
    assert {a.lang for a in articles} == {"zh", "en"}


def test_every_question_expects_existing_articles_and_its_keys_are_in_the_first():
    ids = {a.id: a for a in load_articles(BLIND / "library")[0]}
    rows = _rows("questions.jsonl")
    in_scope = [r for r in rows if r["expect"]]
    assert len(in_scope) >= 60 and len(rows) - len(in_scope) >= 10
    for row in in_scope:
        assert all(article in ids for article in row["expect"]), row
        first = ids[row["expect"][0]]
        for key in row.get("keys", []):
            assert key in first.title + first.body, (key, row["q"])


@pytest.mark.parametrize("crisis, at_least", [(True, 40), (False, 20)])
def test_crisis_phrasings_are_labelled_both_ways(crisis, at_least):
    rows = _rows("crisis.jsonl")
    assert len([r for r in rows if r["crisis"] is crisis and r["text"].strip()]) >= at_least
