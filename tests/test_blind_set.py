"""The blind evaluation set (tests/data/blind; measured against, never tuned on) and the tuning set
(tests/data/tuning; written blind too, tuned on) and the held-out questions on the tuning library
(tests/data/heldout: questions and crisis messages) are well formed."""

import json
from pathlib import Path

import pytest

from bot.library.articles import load_articles

DATA = Path(__file__).resolve().parent / "data"
SETS = pytest.mark.parametrize("folder", [DATA / "blind", DATA / "tuning"], ids=["blind", "tuning"])
# with the second and third tuning libraries (tests/data/tuning2, tuning3: questions only, no crisis set)
LIBRARIES = pytest.mark.parametrize("folder", [DATA / "blind", DATA / "tuning", DATA / "tuning2", DATA / "tuning3"],
                                    ids=["blind", "tuning", "tuning2", "tuning3"])


def _rows(folder: Path, name: str) -> list[dict]:
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@LIBRARIES
def test_the_library_parses_without_rejections(folder):
    articles, rejected = load_articles(folder / "library")
    assert rejected == []
    assert 10 <= len(articles) <= 15
    assert {a.lang for a in articles} == {"zh", "en"}


@LIBRARIES
def test_every_question_expects_existing_articles_and_its_keys_are_in_the_first(folder):
    ids = {a.id: a for a in load_articles(folder / "library")[0]}
    rows = _rows(folder, "questions.jsonl")
    in_scope = [r for r in rows if r["expect"]]
    assert len(in_scope) >= 60 and len(rows) - len(in_scope) >= 10
    for row in in_scope:
        assert all(article in ids for article in row["expect"]), row
        first = ids[row["expect"][0]]
        for key in row.get("keys", []):
            assert key in first.title + first.body, (key, row["q"])


@SETS
@pytest.mark.parametrize("crisis, at_least", [(True, 40), (False, 20)])
def test_crisis_phrasings_are_labelled_both_ways(folder, crisis, at_least):
    rows = _rows(folder, "crisis.jsonl")
    assert len([r for r in rows if r["crisis"] is crisis and r["text"].strip()]) >= at_least


def test_the_held_out_questions_ask_the_tuning_library():
    ids = {a.id: a for a in load_articles(DATA / "tuning" / "library")[0]}
    rows = _rows(DATA / "heldout", "questions.jsonl")
    in_scope = [r for r in rows if r["expect"]]
    assert len(in_scope) >= 60 and len(rows) - len(in_scope) >= 20
    assert {r["lang"] for r in rows} == {"zh", "en"}
    for row in in_scope:
        assert all(article in ids for article in row["expect"]), row
        first = ids[row["expect"][0]]
        for key in row.get("keys", []):
            assert key in first.title + first.body, (key, row["q"])


def test_the_held_out_crisis_messages_are_balanced_and_not_in_the_exemplars():
    from bot.understanding import load_exemplars

    rows = _rows(DATA / "heldout", "crisis.jsonl")
    assert len([r for r in rows if r["crisis"] is True]) == 80 and len([r for r in rows if r["crisis"] is False]) == 79
    assert {r["lang"] for r in rows} == {"zh", "en"}
    assert not {r["text"] for r in rows} & {e.text for e in load_exemplars()}


def test_the_second_dev_questions_ask_the_dev_library_with_keys_from_its_articles():
    """tests/data/dev2: written 2026-12-07 by a helper who read only knowledge/ and FACTS.md."""
    ids = {a.id: a for a in load_articles(DATA.parent.parent / "knowledge")[0]}
    rows = _rows(DATA / "dev2", "questions.jsonl")
    assert len(rows) >= 100 and {r["lang"] for r in rows} == {"zh", "en"}
    assert len({r["expect"][0] for r in rows}) >= 40
    for row in rows:
        assert row["expect"] and all(article in ids for article in row["expect"]), row
        first = ids[row["expect"][0]]
        assert row["keys"] and all(key in first.title + first.body for key in row["keys"]), (row["keys"], row["q"])
