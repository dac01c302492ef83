"""The real /plan conversation (planner, SQL storage, matplotlib chart) through the real Telegram
application over HTTP: every button fits Telegram, the plan ends in a real chart photo."""

from __future__ import annotations

import logging

import pytest
from pydantic import SecretStr

from bot.chart import render_payoff_chart
from bot.core.messages import Incoming, Reply
from bot.core.plan_conversation import PlanConversation
from bot.storage.database import Database
from tests.support.botapi_standin import TOKEN, BotApiStandIn
from tests.support.telegram_conversation import RunningBot


class PlannerOnlyCore:
    """The part of the Assistant this test needs: plan messages to the PlanConversation."""

    def __init__(self, plan: PlanConversation):
        self.plan = plan

    def handle(self, incoming: Incoming) -> Reply:
        assert self.plan.claims(incoming), incoming
        return self.plan.handle(incoming, incoming.language or "zh")


@pytest.fixture
async def standin():
    async with BotApiStandIn() as server:
        yield server


async def test_the_plan_wizard_to_its_chart_photo_with_the_real_planner(standin, settings, caplog):
    settings = settings.model_copy(update={"telegram_bot_token": SecretStr(TOKEN),
                                           "telegram_api_base_url": standin.base_url})
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    chat = standin.private_chat(501, "Lin", "zh")
    with Database(settings) as database, caplog.at_level(logging.ERROR):
        database.upgrade()
        core = PlannerOnlyCore(PlanConversation(database.wizards, database.profiles, render_payoff_chart))
        async with RunningBot(settings, core):
            steps = [("say", "/plan"), ("press", "plan:kind:credit_card"), ("say", "招行信用卡"), ("say", "2万"),
                     ("say", "年化18%"), ("say", "1000"), ("say", "15天"), ("say", "1000"), ("press", "plan:skip"),
                     ("press", "plan:done"), ("say", "1万"), ("say", "4500")]
            for how, what in steps:
                before = len(standin.sent_to(chat.id))
                chat.say(what) if how == "say" else chat.press(what)
                await standin.wait_for(lambda s: len(s.sent_to(chat.id)) > before, timeout=30)
            [photo] = await standin.wait_for(lambda s: s.calls_to("sendPhoto", chat.id), timeout=60)
        print("\n" + standin.transcript(chat.id))

    plan_text = standin.sent_to(chat.id)[-2]
    assert "先还利率最高（雪崩法）" in plan_text.params["text"]
    assert photo.files["photo"].startswith(b"\x89PNG") and len(photo.files["photo"]) > 10_000
    assert photo.params["caption"] == "📉 你的还款计划图"
    assert all(len(b["callback_data"].encode()) <= 64 for c in standin.sent_to(chat.id) for b in c.buttons)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "no button dropped, no failure"
    assert database.profiles.load("501")["monthly_income"] == "10000"
