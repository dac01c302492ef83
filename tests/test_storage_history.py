"""SqlHistory on SQLite and PostgreSQL."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy.exc import StatementError

from bot.core.ports import Exchange


def _exchange(user="u1", question="逾期了会上征信吗", **kw):
    return Exchange(user_id=user, question=question, **kw)


def test_record_and_recent_returns_the_last_exchanges_oldest_first(clocked_database, clock):
    history = clocked_database.history
    ids = []
    for n in range(8):
        ids.append(history.record(_exchange(question=f"q{n}", answer=f"a{n}", sources=[f"art/{n}.md"])))
        clock.advance(seconds=1)
    history.record(_exchange(user="other", question="not mine"))

    recent = history.recent("u1", limit=3)

    assert [e.question for e in recent] == ["q5", "q6", "q7"]
    assert [e.id for e in recent] == ids[5:]
    assert recent[-1].answer == "a7" and recent[-1].sources == ["art/7.md"]
    assert recent[0].created_at.tzinfo is not None and recent[0].created_at.utcoffset() == timedelta(0)


def test_every_field_round_trips(clocked_database, clock):
    history = clocked_database.history
    exchange = _exchange(
        question="催收一直打我妈电话，合法吗", answer="不合法……", language="zh", kind="answer",
        answered=True, escalated=True, sources=["rights/collection.md", "credit/report.md"],
    )
    exchange_id = history.record(exchange)

    stored = history.get(exchange_id)

    assert stored == Exchange(
        user_id="u1", question="催收一直打我妈电话，合法吗", answer="不合法……", language="zh", kind="answer",
        answered=True, escalated=True, sources=["rights/collection.md", "credit/report.md"], feedback=0,
        id=exchange_id, created_at=clock.now,
    )


def test_feedback_only_on_the_users_own_exchange(database):
    history = database.history
    mine = history.record(_exchange())

    assert history.set_feedback(mine, "u1", -1) is True
    assert history.set_feedback(mine, "intruder", 1) is False
    assert history.set_feedback(mine + 1000, "u1", 1) is False
    assert history.get(mine).feedback == -1


def test_feedback_outside_plus_minus_one_is_refused(database):
    exchange_id = database.history.record(_exchange())
    with pytest.raises(ValueError, match="-1, 0 or \\+1"):
        database.history.set_feedback(exchange_id, "u1", 5)


def test_since_returns_every_users_exchanges_after_a_moment(clocked_database, clock):
    history = clocked_database.history
    history.record(_exchange(question="old"))
    clock.advance(days=2)
    start = clock.now
    history.record(_exchange(user="a", question="new a"))
    clock.advance(seconds=5)
    history.record(_exchange(user="b", question="new b", kind="decline"))

    assert [(e.user_id, e.question, e.kind) for e in history.since(start)] == [
        ("a", "new a", "answer"), ("b", "new b", "decline"),
    ]


def test_record_registers_the_user_as_seen(clocked_database, clock):
    clocked_database.history.record(_exchange(user="fresh"))
    assert clocked_database.forgetter.remembers("fresh")


def test_naive_datetimes_are_refused(database):
    with pytest.raises(StatementError, match="naive datetime"):
        database.history.record(Exchange("u1", "q", created_at=datetime(2026, 1, 1)))
