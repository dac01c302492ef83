"""The handlers through python-telegram-bot with an in-memory Bot API (`process_update`)."""

from __future__ import annotations

import asyncio
import logging
import re
import threading
import time

import pytest
from pydantic import SecretStr
from telegram import Update

from bot.core.actions import Feedback, Human, decode
from bot.core.messages import Escalation, Incoming, Reply
from bot.telegram.app import build_application
from bot.telegram.handlers import without_mention
from tests.support.telegram import BOT_ID, BOT_USER, MemoryRateLimit, RecordingRequest, scripted_core

USER = {"id": 501, "is_bot": False, "first_name": "Lin", "language_code": "zh-hans"}
EN_USER = {"id": 502, "is_bot": False, "first_name": "Sam", "language_code": "en-GB"}
PRIVATE = {"id": 501, "type": "private", "first_name": "Lin"}
GROUP = {"id": -1001, "type": "supergroup", "title": "Borrowers"}
SUPPORT = {"id": -1009, "type": "supergroup", "title": "Support"}


class RecordingDesk:
    """A support desk that records what the handlers asked of it; `open_for` users have a ticket."""

    def __init__(self, open_for: set[str] = frozenset()):
        self.open_for = set(open_for)
        self.intercepted: list[Incoming] = []
        self.escalated: list[tuple[Incoming, Reply]] = []
        self.registered = False

    def register(self, application):
        self.registered = True

    async def intercept(self, update, context, incoming):
        if incoming.user_id in self.open_for:
            self.intercepted.append(incoming)
            return True
        return False

    async def escalate(self, update, context, incoming, reply):
        self.escalated.append((incoming, reply))

    def speaks_for(self, reply):
        return False


class Harness:
    def __init__(self, app, core, request, desk):
        self.app, self.core, self.request, self.desk = app, core, request, desk
        self._ids = iter(range(1, 10_000))

    async def feed(self, kind: str, payload: dict) -> None:
        await self.app.process_update(Update.de_json({"update_id": next(self._ids), kind: payload}, self.app.bot))

    async def say(self, text: str, user=USER, chat=PRIVATE, **extra) -> dict:
        message = {"message_id": next(self._ids), "date": int(time.time()), "chat": chat, "from": user,
                   "text": text, **extra}
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        await self.feed("message", message)
        return message

    async def press(self, data: str, message: dict | None = None, user=USER) -> None:
        message = message or {"message_id": 77, "date": int(time.time()), "chat": PRIVATE, "from": BOT_USER,
                              "text": "..."}
        await self.feed("callback_query", {"id": str(next(self._ids)), "from": user, "chat_instance": "1",
                                           "message": message, "data": data})

    def sent(self, method: str = "sendMessage") -> list:
        return self.request.to(method)


def _data_rows(params: dict) -> list[list[str]]:
    return [[b["callback_data"] for b in row] for row in params["reply_markup"]["inline_keyboard"]]


@pytest.fixture
def tg_settings(settings):
    return settings.model_copy(update={"telegram_bot_token": SecretStr(f"{BOT_ID}:TEST"),
                                       "support_chat_id": SUPPORT["id"], "user_rate_limit_per_minute": 3})


@pytest.fixture
async def harness(tg_settings):
    core, request, desk = scripted_core(), RecordingRequest(), RecordingDesk(open_for={"999"})
    app = build_application(tg_settings, core, rate_limit=MemoryRateLimit(), support_desk=desk,
                            request=request, get_updates_request=RecordingRequest(), typing_grace=0)
    async with app:
        yield Harness(app, core, request, desk)


async def test_text_goes_to_the_core_and_the_answer_comes_back_as_escaped_html_with_buttons(harness):
    await harness.say("信用卡逾期三个月会怎样？")
    assert harness.core.received == [Incoming(user_id="501", text="信用卡逾期三个月会怎样？", language="zh",
                                              action=None, channel="telegram")]
    assert [c.params["action"] for c in harness.sent("sendChatAction")] == ["typing"]
    [message] = harness.sent()
    assert message.params["parse_mode"] == "HTML"
    assert message.params["text"] == (
        "逾期超过90天通常会被银行列为不良记录，并可能产生罚息和催收。&lt;注意&gt;：年化超过24%的部分可以协商。\n\n"
        "来源：《信用卡逾期的后果》；《如何与银行协商》")
    rows = [[(b["text"], b["callback_data"]) for b in row] for row in message.params["reply_markup"]["inline_keyboard"]]
    assert rows == [[("逾期记录多久能消除？", "fu:0:100")], [("可以申请停息挂账吗？", "fu:1:100")],
                    [("👍", "feedback:up:100"), ("👎", "feedback:down:100")], [("找人工", "human")]]


async def test_a_button_press_goes_to_the_core_as_an_action_and_is_answered(harness):
    await harness.press("plan:start")
    assert harness.core.received[-1] == Incoming(user_id="501", action=decode("plan:start"), language="zh",
                                                 channel="telegram")
    assert len(harness.sent("answerCallbackQuery")) == 1
    assert harness.sent()[-1].params["text"].startswith("我们来做一个还款计划")


async def test_a_followup_button_asks_the_question_on_its_label(harness):
    await harness.say("信用卡逾期三个月会怎样？")
    answer = harness.sent()[-1].params
    message = {"message_id": 900, "date": 0, "chat": PRIVATE, "from": BOT_USER, "text": "...",
               "reply_markup": answer["reply_markup"]}
    await harness.press("fu:1:100", message)
    assert harness.core.received[-1] == Incoming(user_id="501", text="可以申请停息挂账吗？", language="zh",
                                                 channel="telegram")
    assert len(harness.sent("answerCallbackQuery")) == 1


async def test_a_followup_button_on_a_message_telegram_no_longer_sends_asks_to_type(harness):
    inaccessible = {"message_id": 900, "date": 0, "chat": PRIVATE}  # date 0: InaccessibleMessage
    await harness.press("fu:0:100", inaccessible)
    assert harness.core.received == []
    [answer] = harness.sent("answerCallbackQuery")
    assert answer.params["text"] == "这个按钮已经失效了，请直接把问题打字发给我。"


async def test_thumbs_down_is_a_toast_and_the_vote_buttons_go(harness):
    markup = {"inline_keyboard": [[{"text": "逾期记录多久能消除？", "callback_data": "fu:0:100"}],
                                  [{"text": "👍", "callback_data": "feedback:up:100"},
                                   {"text": "👎", "callback_data": "feedback:down:100"},
                                   {"text": "🙋 找人工", "callback_data": "human"}]]}
    message = {"message_id": 900, "date": int(time.time()), "chat": PRIVATE, "from": BOT_USER, "text": "答",
               "reply_markup": markup}
    await harness.press("feedback:down:100", message)
    assert harness.core.received[-1].action == Feedback(100, up=False)
    [answer] = harness.sent("answerCallbackQuery")
    assert answer.params["text"] == "抱歉没帮上忙，我们会改进这篇回答。"
    [edit] = harness.sent("editMessageReplyMarkup")
    kept = _data_rows(edit.params)
    assert kept == [["fu:0:100"], ["human"]]
    assert harness.sent() == []


async def test_english_language_code_reaches_the_core_and_long_answers_are_split(harness):
    await harness.say("long please", user=EN_USER, chat={"id": 502, "type": "private"})
    assert harness.core.received[-1].language == "en"
    messages = harness.sent()
    assert len(messages) == 3
    assert all(len(m.params["text"]) <= 4096 for m in messages)
    assert [("reply_markup" in m.params) for m in messages] == [False, False, True]
    assert messages[-1].params["text"].endswith("Sources: Negotiating with lenders")


async def test_a_plan_arrives_as_text_then_the_chart_photo(harness):
    await harness.say("20000 18%")
    [text] = harness.sent()
    [photo] = harness.sent("sendPhoto")
    assert text.params["text"].startswith("你的还款计划：每月还 1,834 元")
    assert photo.params["caption"] == "📉 你的还款计划图"
    assert _data_rows(photo.params) == [["plan:new"]]
    assert harness.request.calls.index(text) < harness.request.calls.index(photo)


@pytest.mark.parametrize("kind,payload", [
    ("sticker", {"file_id": "s", "file_unique_id": "s", "type": "regular", "width": 1, "height": 1,
                 "is_animated": False, "is_video": False}),
    ("voice", {"file_id": "v", "file_unique_id": "v", "duration": 3}),
    ("location", {"latitude": 31.2, "longitude": 121.5}),
    ("photo", [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]),
])
async def test_what_the_bot_cannot_read_gets_a_friendly_reply_in_the_users_language(harness, kind, payload):
    await harness.feed("message", {"message_id": 5, "date": 0, "chat": PRIVATE, "from": USER, kind: payload})
    await harness.feed("message", {"message_id": 6, "date": 0, "chat": {"id": 502, "type": "private"},
                                   "from": EN_USER, kind: payload})
    assert harness.core.received == []
    zh, en = harness.sent()
    assert zh.params["text"].startswith("我现在只能读文字消息")
    assert en.params["text"].startswith("I can only read text messages")


async def test_an_edited_message_is_not_answered_again(harness):
    message = await harness.say("信用卡逾期三个月会怎样？")
    await harness.feed("edited_message", dict(message, text="信用卡逾期四个月会怎样？", edit_date=int(time.time())))
    assert [i.text for i in harness.core.received] == ["信用卡逾期三个月会怎样？"]
    assert len(harness.sent()) == 1


async def test_in_a_group_only_mentions_and_replies_to_the_bot_are_answered(harness):
    await harness.say("大家好", chat=GROUP)
    await harness.say("/start", chat=GROUP)  # a bare command may be for another bot
    await harness.say("@borrower_test_bot 信用卡逾期三个月会怎样？", chat=GROUP)
    await harness.say("/plan@borrower_test_bot", chat=GROUP)
    await harness.say("20000 18%", chat=GROUP,
                      reply_to_message={"message_id": 1, "date": 0, "chat": GROUP, "from": BOT_USER, "text": "?"})
    assert [i.text for i in harness.core.received] == ["信用卡逾期三个月会怎样？", "/plan", "20000 18%"]
    assert {c.params["chat_id"] for c in harness.sent()} == {GROUP["id"]}


async def test_the_support_chat_is_left_to_the_support_desk(harness):
    await harness.say("@borrower_test_bot 信用卡逾期三个月会怎样？", chat=SUPPORT)
    await harness.press("human", {"message_id": 3, "date": int(time.time()), "chat": SUPPORT, "from": BOT_USER,
                                  "text": "card"})
    assert harness.core.received == []
    assert [c.method for c in harness.request.calls] == ["getMe"]  # from initialize(), nothing since
    assert harness.desk.registered


async def test_an_open_ticket_lets_the_desk_take_the_message_and_escalation_calls_it(harness):
    ticket_user = dict(USER, id=999)
    await harness.say("还在吗？", user=ticket_user, chat={"id": 999, "type": "private"})
    assert [i.text for i in harness.desk.intercepted] == ["还在吗？"]
    assert harness.core.received == []
    await harness.say("/human")
    [(incoming, reply)] = harness.desk.escalated
    assert incoming.text == "/human" and reply.escalation.reason == "user asked"
    assert harness.sent()[-1].params["text"] == "好的，正在为你转接人工客服。"
    assert "reply_markup" not in harness.sent()[-1].params  # no second "talk to a person" button


async def test_over_the_rate_limit_the_user_is_told_once_and_the_core_is_spared(harness):
    for n in range(6):
        await harness.say(f"问题{n}")
    assert [i.text for i in harness.core.received] == ["问题0", "问题1", "问题2"]
    texts = [c.params["text"] for c in harness.sent()]
    assert texts.count("你发得有点快 🙏 请稍等一分钟再发，我会继续帮你。") == 1
    assert len(texts) == 4


async def test_a_failing_core_gives_a_kind_message_with_a_person_button_and_logs_the_update(harness, caplog):
    harness.core.on_text("boom", lambda i: (_ for _ in ()).throw(RuntimeError("db password=hunter2 leaked")))
    with caplog.at_level(logging.ERROR, logger="bot.telegram.handlers"):
        await harness.say("boom")
    [message] = harness.sent()
    assert message.params["text"].startswith("抱歉，刚才出了点问题")
    assert "hunter2" not in message.params["text"]
    assert _data_rows(message.params) == [["human"]]
    assert any(re.search(r"update \d+ failed", r.getMessage()) and "hunter2" in r.getMessage() for r in caplog.records)


async def test_commands_are_registered_in_chinese_and_english(harness):
    await harness.app.post_init(harness.app)
    by_language = {c.params.get("language_code"): c.params["commands"] for c in harness.sent("setMyCommands")}
    assert set(by_language) == {"zh", "en", None}
    names = ["start", "help", "plan", "reminders", "progress", "human", "lang", "forget", "cancel"]
    assert [c["command"] for c in by_language["en"]] == names
    assert [c["command"] for c in by_language["zh"]] == names
    assert by_language["zh"][2]["description"] == "制定还款计划"
    assert by_language["en"][7]["description"] == "Delete everything stored about me"
    assert by_language["zh"][3]["description"] == "还款提醒：查看、暂停、停止"


async def test_an_empty_reply_is_never_silence(harness):
    harness.core.on_text("nothing", Reply(text="  ", kind="answer"))
    await harness.say("nothing")
    [message] = harness.sent()
    assert message.params["text"].startswith("抱歉，刚才出了点问题")


async def test_a_photo_from_a_user_with_an_open_ticket_goes_to_the_desk(harness):
    ticket_user = dict(USER, id=999)
    await harness.feed("message", {"message_id": 5, "date": 0, "chat": {"id": 999, "type": "private"},
                                   "from": ticket_user, "caption": "催收短信截图",
                                   "photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]})
    assert [i.text for i in harness.desk.intercepted] == ["催收短信截图"]
    assert harness.sent() == []


async def test_the_talk_to_a_person_button_reaches_the_core_and_the_desk(harness):
    harness.core.on_action("human", Reply(text="好的，正在为你转接人工客服。", kind="handoff",
                                                escalation=Escalation.now("user request")))
    await harness.press("human")
    assert harness.core.received[-1].action == Human()
    assert [incoming.action for incoming, _ in harness.desk.escalated] == [Human()]


@pytest.mark.parametrize("text,expected", [
    ("/start@borrower_test_bot", "/start"),
    ("@Borrower_Test_Bot  信用卡逾期了怎么办", "信用卡逾期了怎么办"),
    ("问一下 @borrower_test_bot 征信多久恢复", "问一下 征信多久恢复"),
    ("email me at a@borrower_test_botx.com", "email me at a@borrower_test_botx.com"),
])
def test_without_mention_removes_only_the_bots_name(text, expected):
    assert without_mention(text, "borrower_test_bot") == expected


async def test_a_user_who_blocked_the_bot_is_logged_not_messaged_again(harness, caplog):
    harness.request.blocked_by.add(501)
    with caplog.at_level(logging.ERROR, logger="bot.telegram.handlers"):
        await harness.say("信用卡逾期三个月会怎样？")
    assert len(harness.sent()) == 1  # the answer was refused; no error message is attempted after it
    assert any("Forbidden" in r.getMessage() for r in caplog.records)


async def test_with_a_grace_a_quick_answer_shows_no_typing_and_a_slow_one_does(tg_settings):
    core, request = scripted_core(), RecordingRequest()
    app = build_application(tg_settings, core, rate_limit=MemoryRateLimit(), request=request,
                            get_updates_request=RecordingRequest(), typing_grace=0.05)
    release = threading.Event()
    core.on_text("slow", lambda i: Reply(text="done" if release.wait(5) else "timeout", kind="answer"))
    async with app:
        harness = Harness(app, core, request, None)
        await harness.say("quick")
        assert request.to("sendChatAction") == []
        slow = asyncio.create_task(harness.say("slow"))
        while not request.to("sendChatAction"):  # the core is still working: the indicator appears
            await asyncio.sleep(0.01)
        release.set()
        await slow
    assert [c.params["text"] for c in request.to("sendMessage")] == ["echo: quick", "done"]


async def test_the_database_rate_limit_plugs_in_and_is_shared_by_two_bot_processes(tg_settings):
    """`Database.rate_events` (bot/storage) is the production RateLimit: two Applications over one
    database (two bot processes) share the count."""
    from bot.storage.database import Database

    tg_settings.data_dir.mkdir(parents=True, exist_ok=True)
    with Database(tg_settings) as database:
        database.upgrade()
        core, requests = scripted_core(), (RecordingRequest(), RecordingRequest())
        apps = [build_application(tg_settings, core, rate_limit=database.rate_events, request=request,
                                  get_updates_request=RecordingRequest(), typing_grace=0) for request in requests]
        async with apps[0], apps[1]:
            one, two = Harness(apps[0], core, requests[0], None), Harness(apps[1], core, requests[1], None)
            for n in range(5):  # the limit is 3 a minute; the processes take turns
                await (one if n % 2 == 0 else two).say(f"问题{n}")
        assert [i.text for i in core.received] == ["问题0", "问题1", "问题2"]
        notices = [c.params["text"] for r in requests for c in r.to("sendMessage") if "稍等一分钟" in c.params["text"]]
        assert len(notices) == 1


async def test_a_second_quick_vote_on_the_same_answer_is_not_an_error(harness):
    markup = {"inline_keyboard": [[{"text": "👍", "callback_data": "feedback:up:100"},
                                   {"text": "👎", "callback_data": "feedback:down:100"}]]}
    message = {"message_id": 900, "date": int(time.time()), "chat": PRIVATE, "from": BOT_USER, "text": "答",
               "reply_markup": markup}
    harness.request.refuse("editMessageReplyMarkup", "Bad Request: message is not modified")
    await harness.press("feedback:up:100", message)
    assert [c.params.get("text") for c in harness.sent("answerCallbackQuery")] == ["谢谢你的反馈！"]
    assert harness.sent() == []  # no apology: nothing went wrong for the user


async def test_a_mention_of_another_bot_with_a_longer_name_is_not_for_us(harness):
    await harness.say("@borrower_test_bot_2 信用卡逾期三个月会怎样？", chat=GROUP)
    assert harness.core.received == []


async def test_a_press_that_fails_before_the_core_still_stops_the_spinner(tg_settings):
    class BrokenRateLimit:
        def hit(self, user_id: str) -> int:
            raise ConnectionError("database is down")

    core, request = scripted_core(), RecordingRequest()
    app = build_application(tg_settings, core, rate_limit=BrokenRateLimit(), request=request,
                            get_updates_request=RecordingRequest(), typing_grace=0)
    async with app:
        await Harness(app, core, request, None).press("plan:start")
    assert core.received == []
    assert len(request.to("answerCallbackQuery")) == 1
    [apology] = request.to("sendMessage")
    assert apology.params["text"].startswith("抱歉，刚才出了点问题") and "database" not in apology.params["text"]
