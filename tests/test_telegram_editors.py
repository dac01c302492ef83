"""The editors' chat over HTTP against the Bot API stand-in: files in, summaries out, only editors act."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.library.desk import EditorDesk
from bot.library.uploads import MB
from bot.search.store import open_collection
from bot.telegram.editors import REFUSED, EditorsChat, button_key
from tests.support.botapi_standin import TOKEN, BotApiStandIn
from tests.support.embedders import FakeEmbedder
from tests.support.telegram_conversation import RunningBot
from tests.support.telegram import scripted_core

LIBRARY = Path(__file__).parent / "data" / "library"
EDITORS = -100777
EDITOR, STRANGER = 42, 66
NEW = ("---\ntitle: 提前还款要违约金吗？\nlang: zh\ntags: [repayment]\nupdated: 2026-11-01\npath: repayment/early.md\n"
       "---\n\n## 提前还款\n\n合同没写提前还款违约金的，可以要求免收。\n").encode()


@pytest.fixture
async def standin():
    async with BotApiStandIn() as server:
        yield server


@pytest.fixture
def desk(settings) -> EditorDesk:
    shutil.copytree(LIBRARY, settings.knowledge_dir)
    embedder = FakeEmbedder()
    desk = EditorDesk(settings.knowledge_dir, open_collection(settings, embedder), embedder, max_bytes=10 * MB)
    desk._sync()
    return desk


@pytest.fixture
def editors(desk):
    claimed: set[int] = set()

    def claim(week: int) -> bool:
        fresh = week not in claimed
        claimed.add(week)
        return fresh

    reports = []
    chat = EditorsChat(EDITORS, [EDITOR], desk, try_question=lambda q: f"would answer: {q}",
                       gaps=lambda days: f"gaps of {days} days", digest=lambda: "the digest",
                       claim_digest=claim, on_report=lambda report, trigger: reports.append(trigger))
    chat.reports = reports
    return chat


async def _reply(standin, count: int) -> str:
    sent = await standin.wait_for_sent(EDITORS, count)
    return sent[count - 1].params.get("text") or sent[count - 1].params.get("caption", "")


async def test_editors_upload_fetch_list_and_retire_while_strangers_are_refused(standin, settings, desk, editors):
    settings = settings.model_copy(update={"telegram_bot_token": SecretStr(TOKEN),
                                           "telegram_api_base_url": standin.base_url})
    editor, stranger = standin.user(EDITOR, "Mei", "zh"), standin.user(STRANGER, "Mallory", "en")
    group = standin.group_chat(EDITORS, "Editors", editor)
    core = scripted_core()
    running = RunningBot(settings, core)
    editors.register(running.application)
    async with running:
        group.send_document("early.md", NEW)
        assert "added 1: repayment/early.md" in await _reply(standin, 1)
        good = (desk.knowledge_dir / "repayment/early.md").read_bytes()

        group.send_document("early.md", NEW.replace(b"title: ", b"title: [", 1))
        broken = await _reply(standin, 2)
        assert "rejected 1:" in broken and "repayment/early.md: invalid YAML in front matter" in broken
        assert (desk.knowledge_dir / "repayment/early.md").read_bytes() == good

        group.send_document("evil.md", NEW.replace(b"repayment/early.md", b"../../evil.md"), user=stranger)
        assert await _reply(standin, 3) == REFUSED
        group.say("/try 信用卡逾期", user=stranger)
        assert await _reply(standin, 4) == REFUSED

        group.send_document("huge.md", b"x", declared_size=20 * MB)
        assert "huge.md is 20.0 MB; the limit is 10 MB" in await _reply(standin, 5)

        group.say("/try 提前还款要违约金吗")
        assert await _reply(standin, 6) == "would answer: 提前还款要违约金吗"
        group.say("/gaps 30")
        assert await _reply(standin, 7) == "gaps of 30 days"
        group.say("/gaps soon")
        assert (await _reply(standin, 8)).startswith("Usage: /gaps [DAYS]")

        group.say("/article repayment/early.md")
        sent = await standin.wait_for_sent(EDITORS, 9)
        assert sent[8].method == "sendDocument" and sent[8].files["document"] == good
        group.say("/article ../../etc/passwd")
        assert "leaves the library" in await _reply(standin, 10)

        group.say("/articles repayment")
        assert "repayment/early.md — 提前还款要违约金吗？ (updated 2026-11-01)" in await _reply(standin, 11)

        group.say("/retire repayment/early.md")
        assert (await _reply(standin, 12)).startswith("Retire repayment/early.md?")
        group.press(f"retire:yes:{button_key('repayment/early.md')}", user=stranger)
        await standin.wait_for(lambda s: s.calls_to("answerCallbackQuery"))
        assert (desk.knowledge_dir / "repayment/early.md").exists(), "a stranger's press retires nothing"
        group.press(f"retire:yes:{button_key('repayment/early.md')}")
        edited = await standin.wait_for(lambda s: s.calls_to("editMessageText", EDITORS))
        assert edited[0].params["text"].startswith("🗑 Retired repayment/early.md (file kept at _archive/")
        assert "removed 1: repayment/early.md" in edited[0].params["text"]
        assert not (desk.knowledge_dir / "repayment/early.md").exists()

        group.say("editors chatting among themselves")
        group.say("/start")
        await _reply(standin, 12)
        assert core.received == [], "nothing from the editors' chat reaches the borrower core"
        assert await editors.post_digest(running.application.bot, datetime(2026, 12, 1, tzinfo=timezone.utc))
        assert await _reply(standin, 13) == "the digest"
        assert not await editors.post_digest(running.application.bot, datetime(2026, 12, 2, tzinfo=timezone.utc))
    assert editors.reports == ["upload", "upload", "retire"]
    assert not (desk.knowledge_dir.parent / "evil.md").exists()
    print("\n--- editors' chat ---\n" + standin.transcript(EDITORS))
