"""Plan reminders end to end: the real application (core, SQL storage, JobQueue scanner, rate limiter)
over HTTP against the Bot API stand-in, with the reminders' clock moved by hand.

plan -> opt in -> a reminder three days before -> Paid -> next month's reminder with the new amount ->
"I can't pay" -> the negotiation article and a person offered. The conversation is written to
docs/reminders-transcript.txt.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pydantic import SecretStr

from bot.core.actions import decode
from bot.core.assistant import Assistant
from bot.core.messages import Hit, Incoming
from bot.core.plan_conversation import PlanConversation
from bot.core.reminders import Reminders
from bot.storage import Database
from bot.telegram.reminders import ReminderSender, ScanReport
from tests.support.botapi_standin import TOKEN, BotApiStandIn, StandInChat
from tests.support.core import FakeSearcher
from tests.support.telegram_conversation import RunningBot
from tests.support.telegram import PNG

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "knowledge" / "repayment" / "negotiate-extension-or-instalments-zh.md"
TRANSCRIPT = ROOT / "docs" / "reminders-transcript.txt"
SCAN_SECONDS = 0.1


def negotiation_hits() -> list[Hit]:
    """The library's negotiation article, section by section, as the search would return it."""
    raw = ARTICLE.read_text(encoding="utf-8").split("---", 2)[2]
    title = re.search(r"^# (.+)$", raw, re.M).group(1)
    sections = [part.strip() for part in re.split(r"^## ", raw, flags=re.M)[1:]]
    article = ARTICLE.relative_to(ROOT / "knowledge").as_posix()
    return [Hit(article, title, section.splitlines()[0], section, 0.9 - 0.01 * n, lang="zh", position=n)
            for n, section in enumerate(sections)]


def chart(outcome, language="zh", currency="CNY") -> bytes:  # the real chart is tested in test_chart.py
    return PNG


@pytest.fixture
async def standin():
    async with BotApiStandIn() as server:
        yield server


@pytest.fixture
def world(settings, standin, sqlite_url, clock):
    """The bot's parts over one SQLite database; the reminders' clock is `clock` (2026-03-01 17:00 Shanghai)."""
    clock.now = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
    database = Database.from_url(sqlite_url, clock=clock)
    database.upgrade()
    reminders = Reminders(database.reminders, database.profiles, database.wizards, clock=clock, chart=chart)
    assistant = Assistant(FakeSearcher({"协商": negotiation_hits()}), database.history, database.prefs,
                          database.forgetter, crisis_line_zh="12356", crisis_line_other="911",
                          plan=PlanConversation(database.wizards, database.profiles, chart), reminders=reminders)
    tg_settings = settings.model_copy(update={"telegram_bot_token": SecretStr(TOKEN),
                                              "telegram_api_base_url": standin.base_url})
    yield tg_settings, assistant, reminders, database
    database.dispose()


def running(tg_settings, assistant, reminders) -> RunningBot:
    bot = RunningBot(tg_settings, assistant)
    ReminderSender(reminders.delivery).schedule(bot.application, SCAN_SECONDS, first_seconds=SCAN_SECONDS)
    return bot


class Borrower:
    """Plays one borrower; each step waits for the bot's messages before the next."""

    def __init__(self, standin: BotApiStandIn, chat: StandInChat, clock):
        self.standin, self.chat, self.clock = standin, chat, clock

    async def expect(self, count: int, act=None) -> list:
        before = len(self.standin.sent_to(self.chat.id))
        if act is not None:
            act()
        sent = await self.standin.wait_for(lambda s: len(s.sent_to(self.chat.id)) >= before + count and s, 15)
        return sent.sent_to(self.chat.id)[before:]

    async def say(self, text: str, count: int = 1) -> list:
        return await self.expect(count, lambda: self.chat.say(text))

    async def press(self, data: str, count: int = 1) -> list:
        return await self.expect(count, lambda: self.chat.press(data))

    async def time_passes(self, to: datetime, count: int = 1) -> list:
        local = to.astimezone(ZoneInfo("Asia/Shanghai"))
        self.standin.lines.append(f"[{self.chat.id}] ⏱ the clock moves to {local:%Y-%m-%d %H:%M} (Asia/Shanghai)")

        def move() -> None:
            self.clock.now = to
        return await self.expect(count, move)


async def test_plan_opt_in_reminder_paid_next_month_then_cant_pay(standin, world, clock):
    tg_settings, assistant, reminders, database = world
    chat = standin.private_chat(501, "Lin", "zh")
    lin = Borrower(standin, chat, clock)
    async with running(tg_settings, assistant, reminders):
        await lin.say("我欠招行信用卡1万，年化18%")
        await lin.say("500")
        await lin.press("plan:skip")
        await lin.press("plan:done")
        await lin.say("1万")
        plan_text, photo = await lin.say("4000", count=2)
        assert "📋 你的还款计划" in plan_text.params["text"]
        assert ("⏰ 按时提醒我还款", "remind:offer") in [(b["text"], b["callback_data"]) for b in photo.buttons]
        assert database.reminders.plan("501") is None, "reminders are never on by default"

        [question] = await lin.press("remind:offer")
        assert "「招行信用卡」每月几号还款" in question.params["text"]
        await lin.say("15")
        [quiet] = await lin.press("remind:before:3")
        assert "21:00 到 09:00（北京时间）" in quiet.params["text"]
        [on] = await lin.press("remind:quiet:keep")
        assert "3月12日 10:00 提醒你还 ¥6,000.00（第 1 个月）" in on.params["text"]

        [march] = await lin.time_passes(datetime(2026, 3, 12, 2, 0, tzinfo=timezone.utc))
        text = march.params["text"]
        assert "「招行信用卡」3月15日到期（还有 3 天）" in text and "应还 ¥6,000.00" in text
        assert "每晚 1 天约多 ¥0.37 罚息" in text
        assert [b["text"] for b in march.buttons] == ["已还", "晚几天", "还不上"]
        paid_data = march.buttons[0]["callback_data"]
        [paid] = await lin.press(paid_data)
        assert "下一期：4月15日到期，按计划应还 ¥4,212.25（第 2 个月），4月12日 10:00 提醒你。" in paid.params["text"]

        [april] = await lin.time_passes(datetime(2026, 4, 12, 2, 0, tzinfo=timezone.utc))
        assert "这个月（第 2 个月）应还 ¥4,212.25" in april.params["text"]
        [advice] = await lin.press(april.buttons[2]["callback_data"])
        assert advice.params["text"].startswith("没关系，一个月还不上的人很多")
        assert "来源：《还不上了，怎么跟银行或平台协商延期、分期还款？》" in advice.params["text"], "the article"
        quoted = [line.removeprefix("• ")[:6] for line in advice.params["text"].splitlines() if line.startswith("• ")]
        article = ARTICLE.read_text(encoding="utf-8").replace("**", "")
        assert quoted and all(part in article for part in quoted), "its advice is quoted from the article"
        assert "human" in [b["callback_data"] for b in advice.buttons], "a person is offered"

        progress, progress_chart = await lin.say("/progress", count=2)
        assert "已还：¥6,000.00（1 笔）" in progress.params["text"]
        assert "按计划还剩 1 个月还清" in progress.params["text"] and progress_chart.method == "sendPhoto"

    march_sends = [c for c in standin.calls_to("sendMessage", chat.id) if "3月15日到期" in c.params.get("text", "")]
    assert len(march_sends) == 1, "the scanner ran many times; the reminder went out once"
    transcript = standin.transcript(chat.id)
    TRANSCRIPT.write_text("# Plan reminders over the Bot API stand-in (tests/test_telegram_reminders.py writes this)\n"
                          + transcript + "\n", encoding="utf-8")
    print("\n--- transcript ---\n" + transcript)


async def test_a_user_who_blocked_the_bot_is_marked_and_not_retried(standin, world, clock):
    tg_settings, assistant, reminders, database = world
    database.profiles.save("502", {"monthly_income": "10000", "essential_expenses": "4000", "loans": [
        {"name": "花呗", "kind": "online_lender", "balance": "8000", "annual_rate": "0.18", "min_payment": "400"}]})
    for action, text in (("remind:offer", ""), (None, "20"), ("remind:before:3", ""), ("remind:quiet:keep", "")):
        reminders.handle(Incoming("502", text=text, action=action and decode(action), channel="telegram"), "zh",
                         lambda q: None)
    standin.fail_next("sendMessage", "forbidden", times=3)
    bot = RunningBot(tg_settings, assistant)  # no JobQueue scanner: this test scans by hand
    sender = ReminderSender(reminders.delivery)
    async with bot:
        clock.now = datetime(2026, 3, 17, 2, 0, tzinfo=timezone.utc)  # 3 days before the 20th, 10:00
        report = await sender.send_due(bot.application.bot)
        assert (report.sent, report.blocked, report.failed) == (0, 1, 0)
        assert database.reminders.plan("502").status == "blocked"
        clock.now = datetime(2026, 3, 21, 2, 0, tzinfo=timezone.utc)  # the check-in's time
        assert await sender.send_due(bot.application.bot) == ScanReport()
    [refused] = standin.calls_to("sendMessage", 502)
    assert not refused.ok and "花呗" in refused.params["text"], "one attempt, never retried"
    assert database.reminders.pending("502") == []
