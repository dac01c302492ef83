"""The Bot API stand-in itself, driven by a plain python-telegram-bot `Bot` over HTTP: what the
escalation tests will rely on (two chats, forum topics, copies, documents, scripted failures)."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Bot
from telegram.error import BadRequest, NetworkError, RetryAfter

from tests.support.botapi_standin import TOKEN, BotApiStandIn


@pytest.fixture
async def standin():
    async with BotApiStandIn() as server:
        yield server


@pytest.fixture
async def bot(standin):
    async with Bot(TOKEN, base_url=standin.base_url) as client:
        yield client


async def test_get_updates_honours_offset_and_long_polls(standin, bot):
    assert await bot.get_updates(timeout=0) == ()
    chat = standin.private_chat(501)
    chat.say("第一条")
    chat.say("第二条")
    first = await bot.get_updates(timeout=5)
    assert [u.message.text for u in first] == ["第一条", "第二条"]
    assert [u.message.text for u in await bot.get_updates(offset=first[0].update_id + 1)] == ["第二条"]
    assert await bot.get_updates(offset=first[1].update_id + 1, timeout=0) == ()

    polls = standin.polls
    waiting = asyncio.create_task(bot.get_updates(offset=first[1].update_id + 1, timeout=10))
    async def poll_arrived() -> None:
        while standin.polls == polls:
            await asyncio.sleep(0.005)

    await asyncio.wait_for(poll_arrived(), 5)  # the stand-in holds the poll: nothing to return yet
    assert not waiting.done()  # a long poll: held open until something arrives
    chat.say("第三条")
    assert [u.message.text for u in await asyncio.wait_for(waiting, 5)] == ["第三条"]


async def test_commands_mentions_edits_and_button_presses_arrive_as_telegram_sends_them(standin, bot):
    chat = standin.private_chat(501, language_code="en")
    group = standin.group_chat(-1001, "Borrowers", standin.user(502, "Sam"))
    chat.say("/start")
    group.say("@borrower_test_bot help")
    sent = await bot.send_message(501, "pick one", reply_markup={"inline_keyboard": [
        [{"text": "Yes", "callback_data": "forget:yes"}]]})
    chat.press("forget:yes")
    chat.edit(standin.messages[(501, 1)], "/start again")
    start, mention, press, edit = await bot.get_updates()
    assert start.message.text == "/start" and start.message.entities[0].type == "bot_command"
    assert start.effective_user.language_code == "en"
    assert mention.message.chat.type == "supergroup" and mention.message.entities[0].type == "mention"
    assert press.callback_query.data == "forget:yes"
    assert press.callback_query.message.message_id == sent.message_id
    assert edit.edited_message.text == "/start again"


async def test_two_chats_a_borrower_and_a_forum_support_group(standin, bot):
    borrower = standin.private_chat(501, "Lin")
    agent = standin.user(9001, "Agent Zhao")
    support = standin.group_chat(-100500, "Support", agent, forum=True)
    question = borrower.say("催收天天打电话骂我")

    topic = await bot.create_forum_topic(support.id, "#1 Lin (urgent)")
    card = await bot.send_message(support.id, "<b>Ticket #1</b>", parse_mode="HTML",
                                  message_thread_id=topic.message_thread_id)
    copy = await bot.copy_message(support.id, borrower.id, question["message_id"],
                                  message_thread_id=topic.message_thread_id)
    reply = support.say("您好，我是客服小赵", reply_to=standin.messages[(support.id, card.message_id)],
                        thread_id=topic.message_thread_id)
    await bot.send_message(borrower.id, "客服：您好，我是客服小赵")
    document = await bot.send_document(borrower.id, b"%PDF-1.4 guide", filename="guide.pdf", caption="指南")

    assert copy.message_id != question["message_id"]
    assert reply["reply_to_message"]["message_id"] == card.message_id
    assert document.document is not None
    [doc_call] = standin.calls_to("sendDocument")
    assert doc_call.files["document"] == b"%PDF-1.4 guide"
    assert [c.method for c in standin.sent_to(support.id)] == ["sendMessage", "copyMessage"]
    assert standin.sent_to(support.id)[0].params["message_thread_id"] == topic.message_thread_id
    assert standin.transcript(borrower.id).splitlines() == [
        "Lin> 催收天天打电话骂我", "bot> 客服：您好，我是客服小赵", "bot (document)> 指南"]
    assert "Agent Zhao> 您好，我是客服小赵" in standin.transcript(support.id)


async def test_scripted_failures_look_like_telegrams(standin, bot):
    standin.fail_next("sendMessage", "retry_after", retry_after=3)
    with pytest.raises(RetryAfter) as retry:
        await bot.send_message(501, "hi")
    assert retry.value.retry_after == 3
    standin.fail_next("sendMessage", "network")
    with pytest.raises(NetworkError):
        await bot.send_message(501, "hi")
    with pytest.raises(BadRequest, match="too long"):
        await bot.send_message(501, "x" * 4097)
    assert (await bot.send_message(501, "hi")).text == "hi"
    assert [c.ok for c in standin.calls_to("sendMessage")] == [False, False, False, True]


async def test_webhook_settings_are_kept(standin, bot):
    await bot.set_webhook("https://example.org/hook", secret_token="abc")
    assert (await bot.get_webhook_info()).url == "https://example.org/hook"
    assert standin.webhook["secret_token"] == "abc"
    await bot.delete_webhook()
    assert (await bot.get_webhook_info()).url == ""
