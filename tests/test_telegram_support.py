"""The support desk end to end over HTTP: a borrower's chat and the support group on a Bot API stand-in."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.core.escalation import SupportDesk
from bot.core.messages import Button, Incoming, Reply
from bot.core.ports import Exchange
from bot.telegram.support import TelegramSupport
from tests.support_botapi import BOT_USER, TOKEN, BotApiStandIn
from tests.support_fakes import FakeHistory, FakeProfiles, FakeTickets

BORROWER = {"id": 1001, "is_bot": False, "first_name": "Wang", "language_code": "zh-hans"}
ALICE = {"id": 900, "is_bot": False, "first_name": "Alice", "last_name": "Agent"}
MALLORY = {"id": 777, "is_bot": False, "first_name": "Mallory"}
GROUP = -100500


class FakeCore:
    """Stands in for the Assistant: escalates on /human and crisis words, else answers "bot: ..."."""

    def __init__(self, history: FakeHistory) -> None:
        self.history = history
        self.seen: list[str] = []

    def handle(self, incoming: Incoming) -> Reply:
        self.seen.append(incoming.text)
        self.history.record(Exchange(incoming.user_id, incoming.text))
        if incoming.text == "/human" or incoming.action == "human":
            return Reply("好的，正在为你联系工作人员。", "zh", kind="handoff", escalate=True,
                         escalation_reason="user_request")
        if "不想活" in incoming.text:
            return Reply("你并不孤单。全国心理援助热线 12356。", "zh", kind="crisis", escalate=True, urgent=True,
                         escalation_reason="crisis")
        if "催收" in incoming.text:
            return Reply("bot: 催收不得骚扰第三方。", "zh", escalate=True, escalation_reason="harassment",
                         buttons=[Button("talk to a person", "human")])
        return Reply(f"bot: {incoming.text}", "zh", answered=True)


def borrower_handler(core: FakeCore, support: TelegramSupport):
    """A thin borrower handler like bot/telegram's: the desk's intercept, the core in a thread, render,
    then the desk's escalate when the reply asks for a person."""

    async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        incoming = Incoming(str(update.effective_user.id), update.effective_message.text or "", channel="telegram")
        if await support.intercept(update, context, incoming):
            return
        reply = await asyncio.to_thread(core.handle, incoming)
        markup = InlineKeyboardMarkup([[InlineKeyboardButton(b.label, callback_data=b.action)
                                        for b in reply.buttons]]) if reply.buttons else None
        await update.effective_message.reply_text(reply.text, reply_markup=markup)
        if reply.escalate:
            await support.escalate(update, context, incoming, reply)

    async def press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer()
        incoming = Incoming(str(update.effective_user.id), action=update.callback_query.data, channel="telegram")
        if await support.intercept(update, context, incoming):
            return
        reply = await asyncio.to_thread(core.handle, incoming)
        await context.bot.send_message(update.effective_chat.id, reply.text)
        if reply.escalate:
            await support.escalate(update, context, incoming, reply)

    return [MessageHandler(filters.TEXT, ask), CallbackQueryHandler(press)]


class Rig:
    def __init__(self, api: BotApiStandIn, app: Application, desk: SupportDesk, core: FakeCore) -> None:
        self.api, self.app, self.desk, self.core = api, app, desk, core

    def to_borrower(self) -> list[dict]:
        return self.api.bot_messages(BORROWER["id"])

    def in_group(self) -> list[dict]:
        return self.api.bot_messages(GROUP)

    async def borrower_gets(self, fragment: str) -> dict:
        return await self.api.wait_for(lambda: next(
            (m for m in self.to_borrower() if fragment in (m.get("text") or m.get("caption") or "")), None))

    async def group_gets(self, fragment: str) -> dict:
        return await self.api.wait_for(lambda: next(
            (m for m in self.in_group() if fragment in (m.get("text") or "")), None))

    def transcript(self) -> str:
        """Both chats interleaved in the order things happened."""
        events = [(m["message_id"], chat_id, m) for chat_id in (BORROWER["id"], GROUP)
                  for m in self.api.chats[chat_id].log]
        lines = []
        for _, chat_id, m in sorted(events, key=lambda e: e[0]):
            where = "borrower chat" if chat_id == BORROWER["id"] else "support group"
            who = "bot" if m["from"]["id"] == BOT_USER["id"] else m["from"]["first_name"]
            body = m.get("text") or m.get("caption") or ("[photo]" if "photo" in m else "[document]"
                                                         if "document" in m else "[topic created]")
            buttons = [b["text"] for row in (m.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]
            suffix = f"   [buttons: {' | '.join(buttons)}]" if buttons else ""
            lines.append(f"[{where}] {who}: " + body.replace("\n", "\n    ") + suffix)
        return "\n".join(lines)


@pytest.fixture
async def rig_factory():
    started: list[tuple[BotApiStandIn, Application]] = []

    async def build(*, forum: bool = False, timeout: timedelta = timedelta(minutes=30), scan: float = 60.0) -> Rig:
        api = BotApiStandIn()
        await api.start()
        api.add_chat(BORROWER["id"], "private", "Wang")
        api.add_chat(GROUP, "supergroup", "Support", is_forum=forum)
        history = FakeHistory()
        desk = SupportDesk(FakeTickets(), history, FakeProfiles(
            {"1001": {"loans": [{"name": "花呗", "balance": "8000", "overdue_days": 20}]}}), timeout=timeout)
        support = TelegramSupport(desk, GROUP, [ALICE["id"]], scan_interval=scan)
        core = FakeCore(history)
        app = Application.builder().token(TOKEN).base_url(api.base_url).build()
        support.register(app)
        app.add_handlers(borrower_handler(core, support))
        await app.initialize()
        await app.start()
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        started.append((api, app))
        return Rig(api, app, desk, core)

    yield build
    for api, app in started:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        await api.stop()


async def test_human_to_agent_and_back(rig_factory):
    rig = await rig_factory()
    api = rig.api
    api.send(BORROWER["id"], BORROWER, "逾期了会怎样")
    await rig.borrower_gets("bot: 逾期了会怎样")

    api.send(BORROWER["id"], BORROWER, "/human")
    await rig.borrower_gets("已为你转接人工（工单 #1）")
    card = await rig.group_gets("Ticket #1")
    assert "asked for a person" in card["text"] and "逾期了会怎样" in card["text"] and "花呗" in card["text"]
    assert [b["text"] for b in card["reply_markup"]["inline_keyboard"][0]] == ["认领 Claim", "关闭 Close"]

    api.send(BORROWER["id"], BORROWER, "我的电话是13812345678，能帮我吗")
    copy = await rig.group_gets("👤 #1: 我的电话是13812345678")
    assert copy["reply_to_message"]["message_id"] == card["message_id"]
    assert not any("bot: 我的电话" in (m.get("text") or "") for m in rig.to_borrower())

    api.press(GROUP, ALICE, card["message_id"], "claim:1")
    await rig.group_gets("claimed by Alice Agent")
    await api.wait_for(lambda: "claimed by Alice Agent" in api.message(GROUP, card["message_id"])["text"])

    api.send(GROUP, ALICE, "你好，我是小李，我来帮你看看。", reply_to=copy["message_id"])
    await rig.borrower_gets("你好，我是小李")
    api.send(GROUP, ALICE, "这是协商模板", reply_to=card["message_id"], document=True)
    delivered = await api.wait_for(lambda: [m for m in rig.to_borrower() if "document" in m])
    assert delivered[0]["caption"] == "这是协商模板"

    api.send(BORROWER["id"], BORROWER, "谢谢，我想和平台协商")
    await rig.group_gets("👤 #1: 谢谢，我想和平台协商")
    api.send(BORROWER["id"], BORROWER, "", photo=True)
    await api.wait_for(lambda: [m for m in rig.in_group() if "photo" in m])

    api.send(GROUP, MALLORY, "/close 1")
    await rig.group_gets("Only support agents can do that")
    assert rig.desk.tickets.get(1).status == "active"

    api.send(GROUP, ALICE, "/close 1")
    closing = await rig.borrower_gets("已结束本次人工服务")
    assert [b["callback_data"] for b in closing["reply_markup"]["inline_keyboard"][0]] == [
        f"rate:1:{n}" for n in range(1, 6)]
    await rig.group_gets("✅ Ticket #1 closed by Alice Agent")

    api.press(BORROWER["id"], BORROWER, closing["message_id"], "rate:1:5")
    await rig.borrower_gets("谢谢你的评分（⭐⭐⭐⭐⭐）")
    await rig.group_gets("⭐ Ticket #1 rated 5/5")
    assert rig.desk.tickets.get(1).rating == 5

    api.send(BORROWER["id"], BORROWER, "征信多久能恢复")
    await rig.borrower_gets("bot: 征信多久能恢复")

    assert not any((m.get("text") or "").startswith("bot:") for m in rig.in_group())  # no leaks
    assert "我的电话是13812345678" not in rig.core.seen  # the bot never saw messages meant for people
    print("\n=== escalation transcript ===\n" + rig.transcript())


async def test_crisis_opens_an_urgent_ticket_at_once_in_a_forum_topic(rig_factory):
    rig = await rig_factory(forum=True)
    api = rig.api
    api.send(BORROWER["id"], BORROWER, "我真的不想活了")
    await rig.borrower_gets("12356")
    await rig.borrower_gets("已为你紧急转接人工（工单 #1）")
    card = await rig.group_gets("🚨 Ticket #1")
    assert "URGENT" in card["text"] and "crisis language" in card["text"]
    [(_, topic)] = [c for c in api.calls if c[0] == "createForumTopic"]
    assert topic["name"].startswith("🚨 #1")
    thread = card["message_thread_id"]

    api.send(BORROWER["id"], BORROWER, "没人理我")
    copy = await rig.group_gets("👤 #1: 没人理我")
    assert copy["message_thread_id"] == thread

    api.send(GROUP, ALICE, "我在，我们聊聊好吗？", thread_id=thread)  # any message in the topic reaches the user
    await rig.borrower_gets("我在，我们聊聊好吗？")
    assert rig.desk.tickets.get(1).status == "active"


async def test_offer_does_not_open_a_ticket_until_the_user_asks(rig_factory):
    rig = await rig_factory()
    rig.api.send(BORROWER["id"], BORROWER, "催收天天打电话给我家人")
    await rig.borrower_gets("bot: 催收不得骚扰第三方")
    await rig.api.settle()
    assert rig.desk.tickets.active_for("1001") is None and rig.in_group() == []
    offer = rig.to_borrower()[-1]
    rig.api.press(BORROWER["id"], BORROWER, offer["message_id"], "human")  # the user accepts the offer
    await rig.borrower_gets("已为你转接人工（工单 #1）")
    await rig.group_gets("🆘 Ticket #1")


async def test_non_agents_are_refused_and_borrowers_cannot_reach_agent_commands(rig_factory):
    rig = await rig_factory()
    api = rig.api
    api.send(BORROWER["id"], BORROWER, "/human")
    card = await rig.group_gets("Ticket #1")
    api.press(GROUP, MALLORY, card["message_id"], "claim:1")
    await api.wait_for(lambda: [c for c in api.calls if c[0] == "answerCallbackQuery"
                                and "Only support agents" in str(c[1].get("text"))])
    assert rig.desk.tickets.get(1).status == "waiting"

    api.send(BORROWER["id"], BORROWER, "/tickets")  # a borrower with a ticket: forwarded to people
    await rig.group_gets("👤 #1: /tickets")
    assert not any("Open tickets" in (m.get("text") or "") for m in rig.to_borrower())


async def test_agent_commands_list_note_transcript(rig_factory):
    rig = await rig_factory()
    api = rig.api
    api.send(BORROWER["id"], BORROWER, "/human")
    await rig.group_gets("Ticket #1")
    api.send(BORROWER["id"], BORROWER, "网贷逾期三个月了")
    await rig.group_gets("👤 #1: 网贷逾期三个月了")

    api.send(GROUP, ALICE, "/tickets")
    listing = await rig.group_gets("Open tickets")
    assert "#1 waiting · asked for a person · zh" in listing["text"]
    api.send(GROUP, ALICE, "/claim 1")
    await rig.group_gets("🙋 Ticket #1 claimed by Alice Agent")
    api.send(GROUP, ALICE, "/note 1 用户情绪稳定，先了解平台")
    await rig.group_gets("Note saved on ticket #1")
    api.send(GROUP, ALICE, "/claim")
    await rig.group_gets("Usage: /claim N")
    api.send(GROUP, ALICE, "/close 42")
    await rig.group_gets("There is no ticket #42")
    api.send(GROUP, ALICE, "/transcript 1")
    transcript = await rig.group_gets("Transcript of ticket #1")
    assert "user: 网贷逾期三个月了" in transcript["text"]
    assert "note by Alice Agent (internal): 用户情绪稳定" in transcript["text"]
    await api.settle()
    assert not any("用户情绪稳定" in (m.get("text") or "") for m in rig.to_borrower())


async def test_timeout_tells_the_user_and_lets_the_bot_answer_while_the_ticket_stays_open(rig_factory):
    rig = await rig_factory(timeout=timedelta(seconds=0.3), scan=0.1)
    api = rig.api
    api.send(BORROWER["id"], BORROWER, "/human")
    await rig.borrower_gets("工单 #1")
    api.send(BORROWER["id"], BORROWER, "有人吗")
    await rig.group_gets("👤 #1: 有人吗")
    await rig.borrower_gets("还没有人接手你的工单 #1")
    await rig.group_gets("⏰ Ticket #1")
    api.send(BORROWER["id"], BORROWER, "逾期利息怎么算")
    await rig.borrower_gets("bot: 逾期利息怎么算")  # the bot answers meanwhile
    await rig.group_gets("👤 #1: 逾期利息怎么算")  # and the team still sees it
    assert rig.desk.tickets.get(1).is_open
    await api.settle(0.4)
    assert len([m for m in rig.to_borrower() if "还没有人接手" in (m.get("text") or "")]) == 1
