"""Sending plan reminders on Telegram: a JobQueue job that scans the database for due reminders.

Every bot process runs the job; the store hands each due row to one process only, so a reminder is
sent once however many processes scan. Sends go through the application's bot, so the rate limiter
paces them (Telegram's ~30 messages a second) and retries 429s and brief network failures. A user
who blocked the bot (403 Forbidden) is marked and never retried; other failures are retried later.
The buttons on a reminder come back as ordinary button presses (`remind:*`) through the core.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from telegram import Bot
from telegram.error import Forbidden, TelegramError
from telegram.ext import Application, ContextTypes

from bot.core.reminder_delivery import ReminderDelivery
from bot.telegram.delivery import send_parts
from bot.telegram.rendering import render_reply

log = logging.getLogger(__name__)


@dataclass
class ScanReport:
    sent: int = 0
    failed: int = 0
    blocked: int = 0


class ReminderSender:
    """Claims due reminders through the core and sends them; `schedule` puts it on the JobQueue."""

    def __init__(self, delivery: ReminderDelivery) -> None:
        self._reminders = delivery

    def schedule(self, application: Application, every_seconds: float, first_seconds: float = 1.0) -> None:
        if application.job_queue is None:
            raise RuntimeError("the JobQueue is missing: install python-telegram-bot[job-queue]")
        application.job_queue.run_repeating(self.scan, interval=every_seconds, first=first_seconds,
                                            name="reminders")

    async def scan(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        report = await self.send_due(context.bot)
        if report.sent or report.failed or report.blocked:
            log.info("reminders: %d sent, %d failed, %d to users who blocked the bot",
                     report.sent, report.failed, report.blocked)

    async def send_due(self, bot: Bot) -> ScanReport:
        """Send everything due now, batch after batch, until nothing is left to claim."""
        report = ScanReport()
        while True:
            batch = await asyncio.to_thread(self._reminders.due_messages)
            for outgoing in batch.messages:
                try:
                    await send_parts(bot, outgoing.chat_id, render_reply(outgoing.reply))
                except Forbidden as error:
                    log.info("user %s blocked the bot (%s): reminders stopped", outgoing.reminder.user_id, error)
                    await asyncio.to_thread(self._reminders.blocked, outgoing)
                    report.blocked += 1
                    continue
                except TelegramError as error:
                    log.warning("reminder %d not sent (%s): retried later", outgoing.reminder.id, error)
                    await asyncio.to_thread(self._reminders.failed, outgoing)
                    report.failed += 1
                    continue
                await asyncio.to_thread(self._reminders.sent, outgoing)
                report.sent += 1
            if not batch.more:
                return report
