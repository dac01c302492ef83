"""Traditional Chinese is read as Simplified: search, patterns, the planner and the language decision see Simplified,
and the answer says it is written in Simplified."""

from __future__ import annotations

import json

import pytest

from bot.core.assistant import Assistant
from bot.core.messages import Incoming
from bot.core.simplified import opencc_converter, to_simplified
from tests.support.core import FakeForgetter, FakeHistory, FakePlan, FakePrefs, FakeSearcher, hit
from tests.support.library import library_env, library_settings  # noqa: F401  (fixtures)

convert = opencc_converter()


@pytest.mark.parametrize("text,simplified,traditional", [
    ("逾期會影響徵信嗎", "逾期会影响征信吗", True),
    ("信用卡還不上，銀行會起訴我嗎？", "信用卡还不上，银行会起诉我吗？", True),
    ("逾期会影响征信吗", "逾期会影响征信吗", False),
    ("how long does a late payment stay", "how long does a late payment stay", False),
    ("我欠招行信用卡2萬", "我欠招行信用卡2万", True),
])
def test_to_simplified(text, simplified, traditional):
    assert to_simplified(text, convert) == (simplified, traditional)


def test_without_a_converter_nothing_changes():
    assert to_simplified("逾期會影響徵信嗎", None) == ("逾期會影響徵信嗎", False)


def _assistant(**kw):
    history = FakeHistory()
    searcher = FakeSearcher({"征信": [hit("credit/overdue-credit-report-zh.md", "逾期会被报送征信，不良信息保存5年。",
                                          0.92, title="逾期多久会上征信")]})
    return Assistant(searcher, history, FakePrefs(), FakeForgetter(history), crisis_line_zh="12356",
                     crisis_line_other="988", simplify=convert, **kw), searcher, history


def test_a_traditional_question_is_searched_in_simplified_and_answered_with_the_notice():
    assistant, searcher, history = _assistant()
    reply = assistant.handle(Incoming("u1", "逾期會影響徵信嗎"))
    assert searcher.queries[0][0] == "逾期会影响征信吗"
    assert reply.answered and reply.language == "zh"
    assert reply.text.startswith("（以下用简体中文回答）\n") and "不良信息保存5年" in reply.text
    assert history.exchanges[-1].question == "逾期会影响征信吗"


def test_a_simplified_question_gets_no_notice():
    assistant, _, _ = _assistant()
    assert "简体中文" not in assistant.handle(Incoming("u1", "逾期会影响征信吗")).text


def test_crisis_words_in_traditional_are_recognised():
    assistant, _, _ = _assistant()
    reply = assistant.handle(Incoming("u1", "欠太多錢了，我想自殺"))
    assert reply.kind == "crisis" and reply.escalation.level == "now"


def test_the_planner_reads_simplified_amounts():
    plan = FakePlan()
    assistant, _, _ = _assistant(plan=plan)
    assistant.handle(Incoming("u1", "我欠招行信用卡2萬，年化18%"))
    assert plan.handled and plan.handled[0][0].text == "我欠招行信用卡2万，年化18%"


@pytest.mark.slow
def test_traditional_question_is_answered_from_the_credit_report_article(library_env, capsys):
    from bot.cli import main

    assert main(["ask", "逾期會影響徵信嗎", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["answered"] and out["language"] == "zh"
    assert out["sources"][0]["article"] == "credit/overdue-credit-report-zh.md"
    assert out["answer"].startswith("（以下用简体中文回答）") and "征信" in out["answer"]
