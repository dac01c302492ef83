"""The real application over real HTTP against the Bot API stand-in: polling, webhook, resilience."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

import aiohttp
import pytest
from pydantic import SecretStr

from bot.core.actions import decode, encode
from bot.telegram.app import TelegramConfigError, build_application, serve
from tests.support.botapi_standin import TOKEN, BotApiStandIn
from tests.support.telegram_conversation import RunningBot, borrower_conversation
from tests.support.telegram import PNG, MemoryRateLimit, scripted_core

TRANSCRIPT = Path(__file__).resolve().parent.parent / "docs" / "telegram-transcript.txt"


@pytest.fixture
async def standin():
    async with BotApiStandIn() as server:
        yield server


@pytest.fixture
def tg_settings(settings, standin):
    return settings.model_copy(update={"telegram_bot_token": SecretStr(TOKEN),
                                       "telegram_api_base_url": standin.base_url})


async def test_a_borrower_conversation_end_to_end_over_http(standin, tg_settings):
    chat = standin.private_chat(501, "Lin", "zh")
    async with RunningBot(tg_settings, scripted_core()) as bot:
        assert [c["command"] for c in standin.commands["en"]][:3] == ["start", "help", "plan"]
        assert standin.calls_to("deleteWebhook"), "polling starts by removing any webhook"
        await borrower_conversation(standin, chat)
        assert standin.polls >= 1
    transcript = standin.transcript(chat.id)
    print("\n--- transcript ---\n" + transcript)

    assert [(i.text or encode(i.action)) for i in bot.core.received] == [
        "/start", "信用卡逾期三个月会怎样？", "feedback:down:100", "/plan", "plan:kind:card", "20000 18%",
        "/forget", "forget:yes"]
    assert {(i.channel, i.user_id, i.language) for i in bot.core.received} == {("telegram", "501", "zh")}
    welcome, answer, _wizard1, _wizard2, plan_text, chart, _confirm, done = standin.sent_to(chat.id)
    assert "隐私" in welcome.params["text"] and "/forget" in welcome.params["text"]
    assert [b["text"] for b in welcome.buttons] == ["逾期后果", "征信", "协商还款", "制定还款计划", "找人工"]
    assert answer.params["parse_mode"] == "HTML" and "&lt;注意&gt;" in answer.params["text"]
    assert answer.params["text"].endswith("来源：《信用卡逾期的后果》；《如何与银行协商》")
    typing = standin.calls_to("sendChatAction", chat.id)
    assert len(typing) == 7 and all(c.params["action"] == "typing" for c in typing)  # all but the vote
    assert typing[1].at < answer.at
    [toast] = [c for c in standin.calls_to("answerCallbackQuery") if c.params.get("text")]
    assert toast.params["text"] == "抱歉没帮上忙，我们会改进这篇回答。"
    [edit] = standin.calls_to("editMessageReplyMarkup", chat.id)
    assert [b["callback_data"] for b in edit.buttons] == ["fu:0:100", "fu:1:100", "human"]
    assert plan_text.method == "sendMessage" and "每月还 1,834 元" in plan_text.params["text"]
    assert chart.method == "sendPhoto" and chart.files["photo"] == PNG
    assert chart.params["caption"] == "📉 你的还款计划图"
    assert done.params["text"] == "已删除你的全部数据（12 条记录）。"
    assert len(standin.calls_to("answerCallbackQuery")) == 3  # every press answered
    assert transcript == TRANSCRIPT.read_text(encoding="utf-8").rstrip("\n"), \
        "the conversation changed: run `python bench/telegram_transcript.py` and review the diff"


async def test_each_user_is_answered_in_order_while_users_run_concurrently(standin, tg_settings):
    core = scripted_core()
    core.delay = 0.02
    chats = [standin.private_chat(600 + n, f"U{n}", "en") for n in range(5)]
    async with RunningBot(tg_settings, core):
        for round_ in range(4):
            for chat in chats:
                chat.say(f"q{round_}")
        for chat in chats:
            sent = await standin.wait_for_sent(chat.id, 4)
            assert [c.params["text"] for c in sent] == [f"echo: q{n}" for n in range(4)]
    per_user = {}
    for incoming in core.received:
        per_user.setdefault(incoming.user_id, []).append(incoming.text)
    assert per_user == {str(c.id): ["q0", "q1", "q2", "q3"] for c in chats}


async def test_retry_after_and_network_errors_do_not_lose_the_reply(standin, tg_settings):
    chat = standin.private_chat(700, "Ann", "en")
    async with RunningBot(tg_settings, scripted_core()):
        standin.fail_next("sendMessage", "retry_after", retry_after=1)
        chat.say("first")
        [first] = await standin.wait_for_sent(chat.id, 1)
        assert first.params["text"] == "echo: first"
        standin.fail_next("sendMessage", "network", times=2)
        chat.say("second")
        sent = await standin.wait_for_sent(chat.id, 2)
        assert sent[-1].params["text"] == "echo: second"
    attempts = [c.result for c in standin.calls_to("sendMessage", chat.id)]
    assert attempts[0] == "failed: retry_after" and attempts[2:4] == ["failed: network"] * 2
    assert len(attempts) == 5


async def test_webhook_answers_updates_with_the_right_secret_and_refuses_the_rest(standin, tg_settings):
    settings = tg_settings.model_copy(update={"webhook_url": "https://bot.example.org/tg/hook",
                                              "webhook_secret": SecretStr("s3cret-token"),
                                              "webhook_listen": "127.0.0.1"})
    chat = standin.private_chat(800, "Wei", "zh")
    async with RunningBot(settings, scripted_core()) as bot, aiohttp.ClientSession() as http:
        assert standin.webhook == {"url": "https://bot.example.org/tg/hook", "secret_token": "s3cret-token"}
        port = bot.webhook.port
        base = f"http://127.0.0.1:{port}"
        message = chat.say("/start")  # built by the stand-in; posted here as Telegram would
        update = json.dumps({"update_id": 1, "message": message})
        headers = {"Content-Type": "application/json"}

        wrong = await http.post(f"{base}/tg/hook", data=update,
                                headers=headers | {"X-Telegram-Bot-Api-Secret-Token": "guess"})
        missing = await http.post(f"{base}/tg/hook", data=update, headers=headers)
        assert (wrong.status, missing.status) == (403, 403)

        right = await http.post(f"{base}/tg/hook", data=update,
                                headers=headers | {"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"})
        assert right.status == 200
        [welcome] = await standin.wait_for_sent(chat.id, 1)
        assert "隐私" in welcome.params["text"]
        assert [i.text for i in bot.core.received] == ["/start"]

        health = await http.get(f"{base}/healthz")
        assert (health.status, await health.json()) == (200, {"ok": True, "bot": "ok"})
        junk = await http.post(f"{base}/tg/hook", data="not json",
                               headers=headers | {"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"})
        assert junk.status == 400
    assert standin.polls == 0, "webhook mode never polls"


async def test_webhook_mode_without_a_secret_refuses_to_start(tg_settings):
    settings = tg_settings.model_copy(update={"webhook_url": "https://bot.example.org/hook", "webhook_secret": None})
    application = build_application(settings, scripted_core(), rate_limit=MemoryRateLimit())
    with pytest.raises(TelegramConfigError, match="WEBHOOK_SECRET"):
        await serve(application, settings, stop=asyncio.Event())


def test_no_token_is_a_clear_configuration_error(settings):
    with pytest.raises(TelegramConfigError, match="TELEGRAM_BOT_TOKEN"):
        build_application(settings, scripted_core(), rate_limit=MemoryRateLimit())


RUN_BOT = """
import sys
from bot.settings import Settings
from bot.telegram import run_telegram
from tests.support.telegram import MemoryRateLimit, scripted_core
sys.exit(run_telegram(Settings(_env_file=None), scripted_core(), rate_limit=MemoryRateLimit()))
"""


async def test_run_telegram_serves_from_the_environment_until_sigterm(standin, tmp_path):
    root = Path(__file__).resolve().parent.parent
    env = {"PATH": os.environ.get("PATH", ""), "TELEGRAM_BOT_TOKEN": TOKEN,
           "TELEGRAM_API_BASE_URL": standin.base_url, "DATA_DIR": str(tmp_path), "PYTHONPATH": str(root)}
    process = await asyncio.create_subprocess_exec(sys.executable, "-c", RUN_BOT, cwd=root, env=env,
                                                   stderr=asyncio.subprocess.PIPE)
    try:
        await standin.wait_for(lambda s: s.calls_to("deleteWebhook"), timeout=60)  # polling starts next
        chat = standin.private_chat(501)
        chat.say("/start")
        [welcome] = await standin.wait_for_sent(chat.id, 1, timeout=30)
        assert "隐私" in welcome.params["text"]
        assert set(standin.commands) == {"zh", "en", ""}
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, stderr.decode()[-2000:]
