"""The Assistant's hook for plan reminders: plan replies offer them, their buttons and commands reach
them, a crisis mid-setup still reaches the crisis path, and "I can't pay" answers from the library."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.core.assistant import Assistant
from bot.core.actions import Human, Remind, decode
from bot.core.messages import Incoming, Reply
from bot.core.reminders import Reminders
from bot.storage import Database
from tests.support.core import FakeHistory, FakePrefs, FakeSearcher, hit
from tests.test_reminders import PROFILE


class PlanReplies:
    """A planner that answers /plan with a plan (the real one is tested in test_plan_conversation.py)."""

    def claims(self, incoming: Incoming, reading=None) -> bool:
        return incoming.text.startswith("/plan")

    def waiting(self, user_id: str) -> bool:
        return False

    def handle(self, incoming: Incoming, language: str) -> Reply:
        return Reply("📋 你的还款计划", language, kind="plan", answered=True)


@pytest.fixture
def database(sqlite_url, clock):
    clock.now = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
    db = Database.from_url(sqlite_url, clock=clock)
    db.upgrade()
    db.profiles.save("7", PROFILE)
    yield db
    db.dispose()


@pytest.fixture
def assistant(database, clock):
    searcher = FakeSearcher({"协商": [hit("repayment/negotiate-zh.md", "主动联系银行说明困难，申请延期或分期还款。",
                                          title="如何协商还款")]})
    reminders = Reminders(database.reminders, database.profiles, database.wizards, clock=clock)
    return Assistant(searcher, FakeHistory(), FakePrefs(), database.forgetter, crisis_line_zh="12356",
                     crisis_line_other="911", plan=PlanReplies(), reminders=reminders)


def ask(assistant: Assistant, text: str = "", action: str | None = None) -> Reply:
    return assistant.handle(Incoming("7", text=text, action=action and decode(action), channel="telegram"))


def test_plan_replies_offer_reminders_and_nothing_starts_by_itself(assistant, database):
    plan = ask(assistant, "/plan")
    assert plan.buttons[-1].action == Remind("offer")
    assert database.reminders.plan("7") is None
    assert "每月几号还款" in ask(assistant, action="remind:offer").text
    assert "提前几天" in ask(assistant, "15").text, "the setup's answer is not taken for a question"
    assert assistant.history.exchanges[-1].question == "15"


def test_a_crisis_mid_setup_reaches_the_crisis_path(assistant, database):
    ask(assistant, action="remind:offer")
    reply = ask(assistant, "还不上了，我不想活了，15号就是最后一天")
    assert reply.kind == "crisis" and reply.escalation.urgent
    assert database.wizards.load("7") is not None, "the setup waits"


def test_commands_and_the_cant_pay_answer_from_the_library(assistant, database, clock):
    assert "你还没有开启还款提醒" in ask(assistant, "/reminders").text
    assert "按计划还剩 2 个月还清" in ask(assistant, "/progress").text
    ask(assistant, action="remind:offer")
    ask(assistant, "15")
    ask(assistant, action="remind:before:3")
    assert "已开启还款提醒" in ask(assistant, action="remind:quiet:keep").text
    clock.now = datetime(2026, 3, 12, 2, 0, tzinfo=timezone.utc)
    [reminder] = assistant.reminders.delivery.due_messages().messages
    reply = ask(assistant, action=f"remind:cant:{reminder.reminder.id}")
    assert "主动联系银行说明困难" in reply.text and "《如何协商还款》" in reply.text
    assert reply.kind == "answer" and reply.buttons[-1].action == Human()
    assert [b.action for b in reply.buttons[:2]] == [decode(f"feedback:up:{reply.turn_id}"), decode(f"feedback:down:{reply.turn_id}")]


def test_someone_elses_reminder_button_does_nothing(assistant, database, clock):
    ask(assistant, action="remind:offer")
    ask(assistant, "15")
    ask(assistant, action="remind:before:3")
    ask(assistant, action="remind:quiet:keep")
    [row, _] = database.reminders.pending("7")
    other = assistant.handle(Incoming("8", action=decode(f"remind:paid:{row.id}"), channel="telegram"))
    assert other.text == "这个提醒已经失效了。" and database.reminders.payments("7") == []


def test_help_lists_the_reminder_commands_where_reminders_run(assistant):
    reply = ask(assistant, "/help")
    assert "/reminders" in reply.text and "/progress" in reply.text and "/plan" in reply.text
