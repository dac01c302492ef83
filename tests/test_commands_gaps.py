"""`python -m bot gaps` on seeded exchanges in the database, over the real library and embedder."""

from __future__ import annotations

import json

import pytest

from bot.cli import main
from bot.core.ports import Exchange
from bot.storage.database import Database
from tests.support.library import library_env, library_settings  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow

SEEDED = [
    ("房贷提前还款怎么算", "decline", 0, False),
    ("提前还房贷划算吗", "decline", 0, False),
    ("房贷能不能提前还", "decline", 0, False),
    ("车险理赔要多久", "decline", 0, False),
    ("车子出险了保险怎么赔", "decline", 0, False),
    ("网贷逾期了会不会被起诉", "answer", -1, False),
    ("逾期会上征信吗", "answer", 1, False),  # answered and liked: not a gap
]


@pytest.fixture
def seeded(library_env):
    database = Database(library_env)
    database.upgrade()
    for number, (question, kind, feedback, escalated) in enumerate(SEEDED):
        exchange_id = database.history.record(Exchange(
            user_id=f"gap-user-{number}", question=question, kind=kind, answered=kind == "answer",
            escalated=escalated, language="zh"))
        if feedback:
            database.history.set_feedback(exchange_id, f"gap-user-{number}", feedback)
    yield database
    for number in range(len(SEEDED)):
        database.forgetter.forget(f"gap-user-{number}")
    database.dispose()


def test_gaps_groups_seeded_questions_most_frequent_first(seeded, capsys):
    assert main(["gaps", "--since", "1", "--json"]) == 0
    groups = json.loads(capsys.readouterr().out)["groups"]
    mine = [g for g in groups if any(q in dict.fromkeys(q for q, *_ in SEEDED) for q in g["examples"])]
    assert [sorted(g["examples"]) for g in mine] == [
        sorted(["房贷提前还款怎么算", "提前还房贷划算吗", "房贷能不能提前还"]),
        sorted(["车险理赔要多久", "车子出险了保险怎么赔"]),
        ["网贷逾期了会不会被起诉"],
    ]
    assert [g["count"] for g in mine] == [3, 2, 1]
    assert mine[2]["reasons"] == {"thumbs_down": 1}
    assert mine[2]["closest_article"] == "overdue/can-i-be-sued-or-arrested-zh.md"
    assert all("逾期会上征信吗" not in g["examples"] for g in groups)


def test_gaps_table_and_bad_since(seeded, capsys):
    assert main(["gaps", "--since", "1"]) == 0
    out = capsys.readouterr().out
    assert "Content gaps" in out and "房贷提前还款怎么算" in out
    assert main(["gaps", "--since", "0"]) == 2
    assert "--since takes a positive number" in capsys.readouterr().err
