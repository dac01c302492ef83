"""/stats and /reindex for admins, over the Bot API stand-in, with statistics read from the database."""

from __future__ import annotations

import threading
from datetime import datetime, timezone
from types import SimpleNamespace

import pytest
from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot.core.ports import Exchange
from bot.core.stats import stats_report
from bot.telegram.admin import AdminCommands, summarize_ingest
from tests.support.botapi_standin import BotApiStandIn

ADMIN_ID = 4242
BORROWER_ID = 1001


def seed(db) -> None:
    """Three exchanges (two answered, one declined, one 👍, one 👎) and two tickets, one answered after 90 s."""
    history = db.history
    first = history.record(Exchange("u1", "逾期会怎样", "...", kind="answer", answered=True))
    history.record(Exchange("u1", "征信怎么查", "...", kind="answer", answered=True))
    third = history.record(Exchange("u2", "火星上能借钱吗", "", kind="decline"))
    history.set_feedback(first, "u1", 1)
    history.set_feedback(third, "u2", -1)
    ticket = db.tickets.open("u1", "user request", False, "zh", 1)
    db.clock.advance(seconds=90)
    db.tickets.claim(ticket.id, 900, "Alice")
    db.tickets.mark_first_reply(ticket.id)
    db.tickets.close(ticket.id)
    db.tickets.open("u2", "crisis", True, "zh", 2)


class Reindexer:
    """Stands in for the ingest sync: records that it ran, and where (never on the event loop)."""

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.threads: list[str] = []

    def __call__(self) -> str:
        self.threads.append(threading.current_thread().name)
        if self.fail:
            raise RuntimeError("the knowledge folder /nowhere does not exist")
        report = SimpleNamespace(articles=12, chunks=140, added=["debt/new.md"], updated=[], removed=[],
                                 unchanged=11, rejected=[SimpleNamespace(file="bad.md", reason="no title")],
                                 embedded_chunks=9, seconds=2.345)
        return summarize_ingest(report)


@pytest.fixture
async def admin_bot(clocked_database):
    seed(clocked_database)
    now = clocked_database.clock()
    reindexer = Reindexer()
    core_saw: list[str] = []
    admin = AdminCommands([ADMIN_ID], lambda days: stats_report(clocked_database.stats, days, now), reindexer)

    async def core(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        core_saw.append(update.effective_message.text)
        await update.effective_message.reply_text("core answered")

    async with BotApiStandIn() as api:
        app = Application.builder().token(api.token).base_url(api.base_url).build()
        admin.register(app)
        app.add_handler(MessageHandler(filters.TEXT, core))
        await app.initialize()
        await app.start()
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            yield SimpleNamespace(api=api, admin=admin, reindexer=reindexer, core_saw=core_saw,
                                  chat=api.private_chat(ADMIN_ID, "Root", "en"),
                                  borrower=api.private_chat(BORROWER_ID, "Wang", "zh"))
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()


async def _last_text(api: BotApiStandIn, chat_id: int, count: int) -> str:
    sent = await api.wait_for_sent(chat_id, count)
    return sent[count - 1].params["text"]


async def test_stats_for_an_admin(admin_bot):
    admin_bot.chat.say("/stats 7")
    text = await _last_text(admin_bot.api, ADMIN_ID, 1)
    assert text.splitlines() == [
        "📊 Last 7 days", "Messages: 3", "Answered: 2 (67%)", "Declined: 1", "Feedback: 👍 1 / 👎 1",
        "Tickets: 1 open, 1 closed", "Median time to first agent reply: 1 min 30 s"]
    assert admin_bot.core_saw == []


async def test_stats_with_bad_days_says_how_to_use_it(admin_bot):
    admin_bot.chat.say("/stats lots")
    assert (await _last_text(admin_bot.api, ADMIN_ID, 1)).startswith("Usage: /stats [DAYS]")


async def test_reindex_runs_in_a_thread_and_posts_its_summary(admin_bot):
    admin_bot.chat.say("/reindex")
    assert await _last_text(admin_bot.api, ADMIN_ID, 1) == "Reindexing the knowledge library…"
    summary = await _last_text(admin_bot.api, ADMIN_ID, 2)
    assert summary.startswith("✅ Reindex done in 2.3 s: 12 articles, 140 chunks.")
    assert "Added: debt/new.md" in summary and "• bad.md: no title" in summary
    assert admin_bot.reindexer.threads and admin_bot.reindexer.threads[0] != threading.main_thread().name


async def test_a_failing_reindex_tells_the_admin_why(admin_bot):
    admin_bot.reindexer.fail = True
    admin_bot.chat.say("/reindex")
    failure = await _last_text(admin_bot.api, ADMIN_ID, 2)
    assert failure == "Reindex failed: RuntimeError: the knowledge folder /nowhere does not exist"


async def test_non_admins_are_refused(admin_bot):
    admin_bot.borrower.say("/stats")
    admin_bot.borrower.say("/reindex")
    await admin_bot.api.wait_for_sent(BORROWER_ID, 2)
    assert {c.params["text"] for c in admin_bot.api.sent_to(BORROWER_ID)} == {
        "This command is for administrators only. / 此命令仅供管理员使用。"}
    assert admin_bot.reindexer.threads == [] and admin_bot.core_saw == []


def test_summary_of_a_quiet_run():
    report = SimpleNamespace(articles=3, chunks=20, added=[], updated=[], removed=[], unchanged=3, rejected=[],
                             embedded_chunks=0, seconds=0.04)
    assert summarize_ingest(report) == ("✅ Reindex done in 0.0 s: 3 articles, 20 chunks.\n"
                                        "Added 0, updated 0, removed 0, unchanged 3; 0 chunks embedded.")


def test_stats_report_reads_the_period(clocked_database):
    seed(clocked_database)
    later = datetime(2027, 1, 1, tzinfo=timezone.utc)
    text = stats_report(clocked_database.stats, 7, later)
    assert "Messages: 0" in text and "Tickets: 1 open" in text  # open tickets count whenever opened
