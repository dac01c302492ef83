"""The editors' chat with two real `python -m bot run` processes: an editor sends a new article, a broken
one and an update to process A; process B, which never saw the files, answers a borrower from the new
article (shared Chroma server, shared KNOWLEDGE_DIR, BM25 and vocabulary refreshed through the version
stamp in PostgreSQL). The conversation is written to docs/editors-transcript.txt.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.storage import Database
from tests.support.botapi_standin import ApiCall, BotApiStandIn, StandInChat
from tests.conftest import free_port
from tests.test_two_bot_processes import (LIBRARY, ROOT, SECRET, START_TIMEOUT, BotProcess, Conversation, _clean_environment,
                                          library, standin, text_in)

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
__all__ = ["library", "standin"]  # fixtures, imported for use here

EDITORS_ID = -100900
EDITOR_ID = 4200
BORROWER_ID = 1002
TRANSCRIPT = ROOT / "docs" / "editors-transcript.txt"
ARTICLE = """---
title: 提前还款要付违约金吗？
lang: zh
tags: [repayment, early-repayment]
sources: ["《民法典》第六百七十七条"]
updated: 2026-11-30
path: repayment/early-repayment.md
---

## 提前还款要不要付违约金

看借款合同。合同约定了提前还款违约金的，按约定支付，一般是剩余本金的1%到3%；合同没有约定的，出借人不能另收违约金。

## 提前还款的利息怎么算

根据《民法典》第六百七十七条，借款人提前返还借款的，除当事人另有约定外，应当按照实际借款的期间计算利息。
"""


@pytest.fixture
async def editor_bots(standin, library, postgres_url, tmp_path):
    """Processes A and B with the editors' chat, on one database, Chroma server and KNOWLEDGE_DIR."""
    knowledge = tmp_path / "knowledge"
    shutil.copytree(LIBRARY, knowledge)
    bots = [BotProcess(name, free_port(), tmp_path / f"bot-{name}.log") for name in ("A", "B")]
    logs = []
    try:
        for bot in bots:
            env = {**_clean_environment(), **library,
                   "TELEGRAM_BOT_TOKEN": standin.token, "TELEGRAM_API_BASE_URL": standin.base_url,
                   "WEBHOOK_URL": f"http://127.0.0.1:{bot.port}/telegram", "WEBHOOK_SECRET": SECRET,
                   "WEBHOOK_LISTEN": "127.0.0.1", "WEBHOOK_PORT": str(bot.port),
                   "EDITORS_CHAT_ID": str(EDITORS_ID), "EDITOR_USER_IDS": str(EDITOR_ID),
                   "LIBRARY_CHECK_SECONDS": "0", "DATABASE_URL": postgres_url,
                   "DATA_DIR": str(tmp_path / f"data-{bot.name}"), "KNOWLEDGE_DIR": str(knowledge),
                   "LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1"}
            log = bot.log_path.open("w")
            logs.append(log)
            bot.proc = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env,
                                        stdout=log, stderr=subprocess.STDOUT)
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
            await asyncio.gather(*(bot.wait_healthy(session, START_TIMEOUT) for bot in bots))
            yield session, bots[0], bots[1], knowledge
        codes = await asyncio.to_thread(lambda: [bot.stop() for bot in bots])
        assert codes == [0, 0], "\n".join(bot.log_tail() for bot in bots)
    finally:
        await asyncio.to_thread(lambda: [bot.stop() for bot in bots])
        for log in logs:
            log.close()


class EditorsConversation(Conversation):
    async def send(self, bot: BotProcess, chat: StandInChat, name: str, data: bytes, *expect: Any) -> list[ApiCall]:
        mark = len(self.standin.calls)
        chat.send_document(name, data)
        return await self._play(bot, chat, f"{chat.user['first_name']} sends the file {name}", mark, expect)

    def full_transcript(self) -> str:
        """Every step: which process got it, then each message the bot sent, in full."""
        lines = []
        ends = [mark for _, mark in self.steps[1:]] + [len(self.standin.calls)]
        for (header, start), end in zip(self.steps, ends):
            lines.append(header)
            for call in self.standin.calls[start:end]:
                if call.method in ("sendChatAction", "answerCallbackQuery", "getFile") or not call.ok:
                    continue
                text = call.params.get("text") or call.params.get("caption") or ""
                lines.append(f"    bot {call.method} -> [{call.chat_id}]")
                lines += [f"      {line}" for line in text.splitlines()]
        return "\n".join(lines)


async def test_an_article_an_editor_sends_to_a_is_answered_from_by_b(standin, editor_bots, postgres_url):
    session, a, b, knowledge = editor_bots
    talk = EditorsConversation(standin, session)
    editors = standin.group_chat(EDITORS_ID, "Editors", standin.user(EDITOR_ID, "Mei", "zh"))
    borrower = standin.private_chat(BORROWER_ID, "Zhang", "zh")
    question = "提前还款要付违约金吗？"

    before = await talk.say(b, borrower, question, text_in(BORROWER_ID, method="sendMessage"))
    assert "repayment/early-repayment.md" not in before[-1].params["text"]

    added = await talk.send(a, editors, "early-repayment.md", ARTICLE.encode(), text_in(EDITORS_ID, "added 1"))
    assert "added 1: repayment/early-repayment.md" in added[-1].params["text"]
    good = (knowledge / "repayment/early-repayment.md").read_bytes()

    broken = ARTICLE.replace("title: 提前还款要付违约金吗？\n", "").encode()
    rejected = await talk.send(a, editors, "early-repayment.md", broken, text_in(EDITORS_ID, "rejected 1"))
    assert "✗ repayment/early-repayment.md: missing title in front matter" in rejected[-1].params["text"]
    assert (knowledge / "repayment/early-repayment.md").read_bytes() == good, "the last good version stays"

    update = ARTICLE.replace("一般是剩余本金的1%到3%", "常见的是剩余本金的1%到3%，也有按剩余期数收取的").encode()
    updated = await talk.send(a, editors, "early-repayment.md", update, text_in(EDITORS_ID, "updated 1"))
    assert "updated 1: repayment/early-repayment.md" in updated[-1].params["text"]

    answer = await talk.say(b, borrower, question, text_in(BORROWER_ID, "repayment/early-repayment.md",
                                                           method="sendMessage"))
    reply = next(c for c in answer if text_in(BORROWER_ID, "repayment/early-repayment.md")(c)).params["text"]
    assert "违约金" in reply and "《提前还款要付违约金吗？》" in reply
    tried = await talk.say(b, editors, f"/try {question}", text_in(EDITORS_ID, "Decision: ANSWER"))
    report = tried[-1].params["text"]
    assert "1. " in report and "repayment/early-repayment.md — 提前还款要付违约金吗？" in report.split("2. ")[0]
    assert "top " in report and "off-topic similarity " in report
    assert "stale" not in report, "the new article is fresh"
    old = await talk.say(a, editors, "/try 逾期多久会上征信？", text_in(EDITORS_ID, "🔎 /try"))
    assert "⚠️ The answer relies on stale content:" in old[-1].params["text"]
    assert "⏳ credit/overdue-credit-report.md: updated 2025-06-20" in old[-1].params["text"]

    TRANSCRIPT.write_text(
        "Editors' chat and two bot processes (tests/test_editors_two_processes.py): the editor sends a new\n"
        "article, a broken one and an update to process A; process B answers a borrower from the new article.\n"
        "Each step names the process that got the update, then what the bot sent, in full.\n\n"
        + talk.full_transcript() + "\n", encoding="utf-8")
    print("\n" + TRANSCRIPT.read_text(encoding="utf-8"))
    with Database.from_url(postgres_url) as database:
        assert database.library_stamps.library_version() == 2, "A bumped the stamp once per ingest that changed"
    for bot in (a, b):
        assert "Traceback" not in bot.log_tail(), bot.log_tail()
