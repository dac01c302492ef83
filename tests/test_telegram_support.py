"""The support desk end to end over HTTP: a borrower's chat and the support group on the Bot API stand-in."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from pydantic import SecretStr
from telegram.ext import Application

from bot.core.actions import Human
from bot.core.escalation import SupportDesk
from bot.core.messages import Button, Escalation, Reply
from bot.core.ports import History
from bot.telegram.app import build_application
from bot.telegram.support import TelegramSupport
from tests.support.botapi_standin import BotApiStandIn, StandInChat
from tests.support.core import FakeHistory
from tests.support.plan import FakeProfiles
from tests.support.telegram import FakeCore
from tests.support.tickets import FakeTickets

BORROWER_ID = 1001
GROUP_ID = -100500
ALICE_ID = 900


class SupportStandIn(BotApiStandIn):
    """The shared stand-in plus what the support desk needs besides: the support group, agents' media replies."""

    def support_group(self, forum: bool, member: dict[str, Any]) -> StandInChat:
        return self.group_chat(GROUP_ID, "Support", member, forum=forum)

    def reply_with(self, chat: StandInChat, kind: str, payload: Any, reply_to: dict[str, Any],
                   user: dict[str, Any], caption: str = "") -> None:
        message = self._user_message(chat.chat, user, reply_to=reply_to)
        message[kind] = payload
        if caption:
            message["caption"] = caption
        self._log(chat.id, f"{user['first_name']}> [{kind}] {caption}")
        self.push_update({"message": message})


def support_core(history: History) -> FakeCore:
    """Stands in for the Assistant: escalates on /human and crisis words, offers on collectors, else answers."""
    core = FakeCore(history, default=lambda incoming: Reply(f"（机器人回答）{incoming.text}", "zh", answered=True))
    core.on(lambda i: i.text == "/human" or isinstance(i.action, Human), lambda _: Reply(
        "好的，正在为你联系工作人员。", "zh", kind="handoff", escalation=Escalation.now("user request")))
    core.on(lambda i: "不想活" in i.text, lambda _: Reply(
        "你并不孤单。全国心理援助热线 12356。", "zh", kind="crisis", escalation=Escalation.now("crisis", urgent=True),
        buttons=[Button("找人工", Human())]))
    core.on(lambda i: "催收" in i.text, lambda _: Reply(
        "催收不得骚扰你的家人和同事。", "zh", escalation=Escalation.offer("harassment"),
        buttons=[Button("找人工", Human())]))
    return core


class NoLimit:
    """The per-user rate limit, never reached here (bot/telegram tests cover it)."""

    def hit(self, user_id: str) -> int:
        return 1


def support_app(settings, api: BotApiStandIn, core, support: TelegramSupport) -> Application:
    """The real Telegram application (bot/telegram/app.py) with the support desk plugged in."""
    settings = settings.model_copy(update={
        "telegram_bot_token": SecretStr(api.token), "telegram_api_base_url": api.base_url,
        "support_chat_id": GROUP_ID, "support_agent_ids": list(support.agent_ids)})
    return build_application(settings, core, rate_limit=NoLimit(), support_desk=support)


class Rig:
    def __init__(self, api: SupportStandIn, desk: SupportDesk, core: FakeCore, forum: bool) -> None:
        self.api, self.desk, self.core = api, desk, core
        self.alice = api.user(ALICE_ID, "Alice", "zh")
        self.mallory = api.user(777, "Mallory", "en")
        self.borrower = api.private_chat(BORROWER_ID, "Wang", "zh")
        self.group = api.support_group(forum, self.alice)

    def texts_to(self, chat_id: int) -> list[str]:
        return [c.params.get("text") or c.params.get("caption") or c.method for c in self.api.sent_to(chat_id)]

    async def borrower_gets(self, fragment: str) -> dict:
        return await self._message_with(BORROWER_ID, fragment)

    async def group_gets(self, fragment: str) -> dict:
        return await self._message_with(GROUP_ID, fragment)

    async def _message_with(self, chat_id: int, fragment: str) -> dict:
        def found(api: BotApiStandIn) -> dict | None:
            for (chat, _), message in api.messages.items():
                if chat == chat_id and message["from"]["is_bot"] and fragment in (
                        message.get("text") or message.get("caption") or ""):
                    return message
            return None
        return await self.api.wait_for(found)


@pytest.fixture
async def rig_factory(settings):
    started: list[tuple[SupportStandIn, Application]] = []

    async def build(*, forum: bool = False, timeout: timedelta = timedelta(minutes=30), scan: float = 60.0,
                    sees_personal_data: bool = False) -> Rig:
        api = SupportStandIn()
        await api.start()
        history = FakeHistory()
        profiles = FakeProfiles({str(BORROWER_ID): {"loans": [{"name": "花呗", "balance": "8000", "days_overdue": 20}]}})
        desk = SupportDesk(FakeTickets(), history, profiles, timeout=timeout,
                           agents_see_personal_data=sees_personal_data)
        support = TelegramSupport(desk, GROUP_ID, [ALICE_ID], scan_interval=scan)
        core = support_core(history)
        rig = Rig(api, desk, core, forum)
        app = support_app(settings, api, core, support)
        await app.initialize()
        await app.start()
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        started.append((api, app))
        return rig

    yield build
    for api, app in started:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        await api.stop()


async def test_human_to_agent_and_back(rig_factory):
    rig = await rig_factory()
    borrower, group, api = rig.borrower, rig.group, rig.api
    borrower.say("逾期了会怎样")
    await rig.borrower_gets("（机器人回答）逾期了会怎样")

    borrower.say("/human")
    await rig.borrower_gets("已为你转接人工（工单 #1）")
    card = await rig.group_gets("Ticket #1")
    # Told once: the desk's notice (ticket number, keep writing) stands in for the core's hand-over text.
    assert not [m for (chat, _), m in api.messages.items()
                if chat == BORROWER_ID and m["from"]["is_bot"] and "正在为你联系工作人员" in m.get("text", "")]
    assert "asked for a person" in card["text"] and "逾期了会怎样" in card["text"] and "花呗" in card["text"]
    assert [b["text"] for b in card["reply_markup"]["inline_keyboard"][0]] == ["认领 Claim", "关闭 Close"]

    borrower.say("我的电话是13812345678，能帮我吗")
    copy = await rig.group_gets("👤 #1: 我的电话是[手机号]，能帮我吗")  # SUPPORT_SEES_PERSONAL_DATA is off
    assert copy["reply_to_message"]["message_id"] == card["message_id"]
    assert not [m for m in rig.texts_to(GROUP_ID) if "13812345678" in m]

    group.press("claim:1", card)
    await rig.group_gets("claimed by Alice")
    await api.wait_for(lambda a: "Status: claimed by Alice" in a.messages[(GROUP_ID, card["message_id"])]["text"])

    group.say("你好，我是小李，我来帮你看看。", reply_to=copy)
    await rig.borrower_gets("你好，我是小李")
    api.reply_with(group, "document", {"file_id": "doc-1", "file_unique_id": "d1"}, card, rig.alice, "协商模板")
    await api.wait_for(lambda a: any("document" in m for (chat, _), m in a.messages.items() if chat == BORROWER_ID
                                     and m["from"]["is_bot"]))

    borrower.say("谢谢，我想和平台协商")
    await rig.group_gets("👤 #1: 谢谢，我想和平台协商")
    borrower.send("photo", [{"file_id": "p1", "file_unique_id": "p1", "width": 90, "height": 90}])
    await api.wait_for(lambda a: any("photo" in m for (chat, _), m in a.messages.items() if chat == GROUP_ID
                                     and m["from"]["is_bot"]))

    group.say("/close 1", user=rig.mallory)
    await rig.group_gets("Only support agents can do that")
    assert rig.desk.tickets.get(1).status == "active"

    group.say("/close 1")
    closing = await rig.borrower_gets("已结束本次人工服务")
    assert [b["callback_data"] for b in closing["reply_markup"]["inline_keyboard"][0]] == [
        f"rate:1:{n}" for n in range(1, 6)]
    await rig.group_gets("✅ Ticket #1 closed by Alice")

    borrower.press("rate:1:5", closing)
    await rig.borrower_gets("谢谢你的评分（⭐⭐⭐⭐⭐）")
    await rig.group_gets("⭐ Ticket #1 rated 5/5")
    assert rig.desk.tickets.get(1).rating == 5

    borrower.say("征信多久能恢复")
    await rig.borrower_gets("（机器人回答）征信多久能恢复")

    assert not any("机器人回答" in text for text in rig.texts_to(GROUP_ID))  # no bot answers in the group
    assert rig.core.seen == ["逾期了会怎样", "/human", "征信多久能恢复"]  # people's turn never reached the bot
    print("\n=== escalation transcript (borrower chat 1001, support group -100500) ===\n" + api.transcript())


async def test_crisis_opens_an_urgent_ticket_at_once_in_a_forum_topic(rig_factory):
    rig = await rig_factory(forum=True)
    rig.borrower.say("我真的不想活了")
    await rig.borrower_gets("12356")
    await rig.borrower_gets("已为你紧急转接人工（工单 #1）")
    card = await rig.group_gets("🚨 Ticket #1")
    assert "URGENT" in card["text"] and "crisis language" in card["text"]
    [topic] = rig.api.calls_to("createForumTopic")
    assert topic.params["name"].startswith("🚨 #1")
    thread = card["message_thread_id"]

    rig.borrower.say("没人理我")
    copy = await rig.group_gets("👤 #1: 没人理我")
    assert copy["message_thread_id"] == thread

    rig.group.say("我在，我们聊聊好吗？", thread_id=thread)  # any message in the topic reaches the user
    await rig.borrower_gets("我在，我们聊聊好吗？")
    assert rig.desk.tickets.get(1).status == "active"  # replying claimed it, and the card says so
    await rig.api.wait_for(lambda a: "Status: claimed by Alice" in a.messages[(GROUP_ID, card["message_id"])]["text"])
    photo = [{"file_id": "agent-photo", "file_unique_id": "ap", "width": 90, "height": 90}]
    rig.api.reply_with(rig.group, "photo", photo, card, rig.alice, "热线的二维码")
    await rig.borrower_gets("热线的二维码")

    rig.group.press("close:1", rig.api.messages[(GROUP_ID, card["message_id"])])  # Close by button
    await rig.borrower_gets("已结束本次人工服务")
    await rig.group_gets("✅ Ticket #1 closed by Alice")
    assert "reply_markup" not in rig.api.messages[(GROUP_ID, card["message_id"])]  # no buttons on a closed card


async def test_an_offer_opens_no_ticket_until_the_user_accepts(rig_factory):
    rig = await rig_factory()
    rig.borrower.say("催收天天打电话给我家人")
    await rig.borrower_gets("催收不得骚扰")
    rig.borrower.say("好的")  # one user's updates are handled in order: once this is answered, the offer was done
    await rig.borrower_gets("（机器人回答）好的")
    assert rig.desk.tickets.active_for(str(BORROWER_ID)) is None and rig.api.sent_to(GROUP_ID) == []
    rig.borrower.press("human")
    await rig.borrower_gets("已为你转接人工（工单 #1）")
    await rig.group_gets("🆘 Ticket #1")


async def test_non_agents_are_refused_and_borrowers_cannot_reach_agent_commands(rig_factory):
    rig = await rig_factory()
    rig.borrower.say("/tickets")  # no ticket: a borrower's /tickets goes to the core, never the desk
    await rig.borrower_gets("（机器人回答）/tickets")
    rig.borrower.say("/human")
    card = await rig.group_gets("Ticket #1")
    rig.group.press("claim:1", card, user=rig.mallory)
    await rig.api.wait_for(lambda a: [c for c in a.calls_to("answerCallbackQuery")
                                      if "Only support agents" in str(c.params.get("text"))])
    rig.group.say("/note 1 hello", user=rig.mallory)
    await rig.group_gets("Only support agents can do that here.")
    assert rig.desk.tickets.get(1).status == "waiting" and not rig.desk.tickets.messages(1)[1:]

    rig.borrower.say("/close 1")  # a borrower with a ticket: forwarded to people like anything else
    await rig.group_gets("👤 #1: /close 1")
    assert rig.desk.tickets.get(1).is_open
    assert not any("Open tickets" in text for text in rig.texts_to(BORROWER_ID))


async def test_agent_commands_list_note_transcript(rig_factory):
    rig = await rig_factory()
    rig.borrower.say("/human")
    await rig.group_gets("Ticket #1")
    rig.borrower.say("网贷逾期三个月了")
    copy = await rig.group_gets("👤 #1: 网贷逾期三个月了")

    rig.group.say("/tickets")
    listing = await rig.group_gets("Open tickets")
    assert "#1 waiting · asked for a person · zh" in listing["text"]
    rig.group.say("/claim 1")
    await rig.group_gets("🙋 Ticket #1 claimed by Alice")
    rig.group.say("/note 1 用户情绪稳定，先了解平台")
    await rig.group_gets("Note saved on ticket #1")
    rig.group.say("/claim")
    await rig.group_gets("Usage: /claim N")
    rig.group.say("/close 42")
    await rig.group_gets("There is no ticket #42")
    rig.group.say("/transcript", reply_to=copy)  # N can be left out when replying in the ticket's thread
    transcript = await rig.group_gets("Transcript of ticket #1")
    assert "user: 网贷逾期三个月了" in transcript["text"]
    assert "note by Alice (internal): 用户情绪稳定" in transcript["text"]
    # The /note handler answered "Note saved" after all it did: had it sent the note on, it would show here.
    assert not any("用户情绪稳定" in text for text in rig.texts_to(BORROWER_ID))


async def test_timeout_tells_the_user_once_and_lets_the_bot_answer_while_the_ticket_stays_open(rig_factory):
    rig = await rig_factory(timeout=timedelta(seconds=0.3), scan=0.1)
    rig.borrower.say("/human")
    await rig.borrower_gets("工单 #1")
    rig.borrower.say("有人吗")
    await rig.group_gets("👤 #1: 有人吗")
    await rig.borrower_gets("还没有人接手你的工单 #1")
    await rig.group_gets("⏰ Ticket #1")
    rig.borrower.say("逾期利息怎么算")
    await rig.borrower_gets("（机器人回答）逾期利息怎么算")  # the bot answers meanwhile
    await rig.group_gets("👤 #1: 逾期利息怎么算")  # and the team still sees it
    assert rig.desk.tickets.get(1).is_open
    assert rig.desk.due_timeouts() == []  # what every later scan finds: the notice is marked sent
    assert sum("还没有人接手" in text for text in rig.texts_to(BORROWER_ID)) == 1


async def test_a_timeout_notice_telegram_refused_is_sent_on_the_next_scan(rig_factory):
    rig = await rig_factory(timeout=timedelta(seconds=0.3), scan=0.1)
    rig.borrower.say("/human")
    await rig.group_gets("Ticket #1")
    await rig.borrower_gets("工单 #1")
    rig.api.fail_next("sendMessage", "bad_request")  # the next message the bot sends is the notice
    await rig.borrower_gets("还没有人接手你的工单 #1")
    failed = [c for c in rig.api.calls_to("sendMessage", BORROWER_ID) if not c.ok]
    assert len(failed) == 1 and "还没有人接手" in failed[0].params["text"]
    await rig.group_gets("⏰ Ticket #1")
    assert rig.desk.tickets.get(1).timeout_notified
    assert sum("还没有人接手" in text for text in rig.texts_to(BORROWER_ID)) == 1


async def test_the_real_assistant_and_sql_store_crisis_then_forget(settings, tmp_path):
    """The answering core (Assistant) and the SQL store behind the real application: a crisis message
    opens an urgent ticket; /forget still works while a person helps, closes the ticket and wipes its text."""
    from bot.core.assistant import Assistant
    from bot.storage import Database
    from tests.support.core import FakeSearcher, hit

    db = Database.from_url(f"sqlite:///{tmp_path / 'support.db'}")
    db.upgrade()
    searcher = FakeSearcher(default=[hit("overdue/consequences.md", "逾期后会产生罚息，并可能影响征信记录。", 0.92,
                                         title="逾期的后果")])
    core = Assistant(searcher, db.history, db.prefs, db.forgetter, crisis_line_zh=settings.crisis_line_zh,
                     crisis_line_other=settings.crisis_line_other)
    desk = SupportDesk(db.tickets, db.history, db.profiles)
    support = TelegramSupport(desk, GROUP_ID, [ALICE_ID])
    async with SupportStandIn() as api:
        rig = Rig(api, desk, core, forum=False)  # type: ignore[arg-type]
        app = support_app(settings, api, core, support)
        async with app:
            await app.start()
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
            try:
                rig.borrower.say("欠了好多网贷，我真的不想活了")
                await rig.borrower_gets("12356")
                card = await rig.group_gets("🚨 Ticket #1")
                assert "URGENT" in card["text"] and "crisis language" in card["text"]
                await rig.borrower_gets("已为你紧急转接人工（工单 #1）")  # sent once the card is on file
                rig.group.say("我在这里陪你，能说说发生了什么吗？", reply_to=card)
                await rig.borrower_gets("我在这里陪你")

                rig.borrower.say("/forget")
                confirm = await rig.borrower_gets("删除")
                rig.borrower.press("forget:yes", confirm)
                await rig.borrower_gets("已删除关于你的")
                await rig.group_gets("🗑 #1: the user asked to delete their data")
                assert db.tickets.get(1).status == "closed" and db.tickets.get(1).chat_id is None
                assert {m.text for m in db.tickets.messages(1)} == {""}

                rig.borrower.say("逾期会怎样")
                await rig.borrower_gets("罚息")  # the bot answers again
            finally:
                await app.updater.stop()
                await app.stop()
    db.dispose()
    print("\n=== the real Assistant: crisis, a person, then /forget ===\n" + api.transcript())


def test_support_from_settings(settings):
    from bot.telegram.admin import AdminCommands
    from bot.telegram.support import support_from_settings

    configured = settings.model_copy(update={"support_chat_id": GROUP_ID, "support_agent_ids": [ALICE_ID, 902],
                                             "support_timeout_minutes": 2})
    admin = AdminCommands([1], lambda days: "", lambda: "")
    support = support_from_settings(configured, FakeTickets(), FakeHistory(), FakeProfiles(), admin=admin)
    assert support.chat_id == GROUP_ID and support.agent_ids == {ALICE_ID, 902} and support.admin is admin
    assert support.desk.enabled and support.desk.timeout == timedelta(minutes=2) and support.scan_interval == 30
    assert support_from_settings(settings, FakeTickets(), FakeHistory(), FakeProfiles()).desk.enabled is False


async def test_agents_see_personal_data_live_only_when_the_setting_says_so(rig_factory):
    rig = await rig_factory(sees_personal_data=True)
    rig.borrower.say("/human")
    await rig.group_gets("Ticket #1")
    rig.borrower.say("我的电话是13812345678")
    await rig.group_gets("👤 #1: 我的电话是13812345678")
    stored = await rig.api.wait_for(lambda _: [m.text for m in rig.desk.tickets.messages(1) if m.author == "user"])
    assert stored == ["我的电话是[手机号]"]
