"""The Assistant over the real SQL storage (SQLite, and PostgreSQL where it runs): history, feedback, prefs, /forget."""

from __future__ import annotations

from bot.core.actions import decode
from bot.core.assistant import Assistant
from bot.core.messages import Incoming
from tests.support.core import FakeSearcher, hit

PENALTY = hit("repayment/p-zh.md", "银行逾期罚息一般在合同利率基础上加收30%-50%。", 0.91, title="罚息怎么算")


def make(database) -> Assistant:
    return Assistant(FakeSearcher(default=[PENALTY]), database.history, database.prefs, database.forgetter,
                     crisis_line_zh="12356", crisis_line_other="988")


def test_exchanges_are_stored_masked_with_feedback_and_language(database):
    assistant = make(database)
    reply = assistant.handle(Incoming("u1", "我电话13812345678，罚息怎么算"))
    stored = database.history.recent("u1")
    assert [e.kind for e in stored] == ["answer"] and stored[0].id == reply.turn_id
    assert "13812345678" not in stored[0].question and "13812345678" not in stored[0].answer
    assert stored[0].sources == ["repayment/p-zh.md"] and stored[0].answered

    assistant.handle(Incoming("u1", action=decode(f"feedback:down:{reply.turn_id}")))
    assert [e.feedback for e in database.history.recent("u1") if e.kind == "answer"] == [-1]

    assistant.handle(Incoming("u1", action=decode("lang:en")))
    assert database.prefs.language("u1") == "en"
    assert assistant.handle(Incoming("u1", "罚息怎么算")).language == "en"


def test_declines_are_content_gaps_in_history(database):
    assistant = Assistant(FakeSearcher(default=[hit("a.md", "x", 0.75)]), database.history, database.prefs,
                          database.forgetter, crisis_line_zh="12356", crisis_line_other="988")
    assistant.handle(Incoming("u2", "明天天气怎么样"))
    gap = database.history.recent("u2")[-1]
    assert gap.kind == "decline" and not gap.answered and gap.question == "明天天气怎么样"


def test_forget_removes_the_users_history(database):
    assistant = make(database)
    assistant.handle(Incoming("u3", "罚息怎么算"))
    assistant.handle(Incoming("u3", "/forget"))
    done = assistant.handle(Incoming("u3", action=decode("forget:yes")))
    assert database.history.recent("u3") == [] and "已删除" in done.text
