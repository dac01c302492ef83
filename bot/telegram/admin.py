"""Admin commands on Telegram: `/stats [DAYS]` and `/reindex`, for ADMIN_USER_IDS only."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Collection
from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, CommandHandler, ContextTypes

log = logging.getLogger(__name__)

ADMIN_GROUP = -1  # before the borrower handlers, so the core never sees these commands from admins
DEFAULT_DAYS = 30
MAX_DAYS = 3650

REFUSED = "This command is for administrators only. / 此命令仅供管理员使用。"
STATS_USAGE = "Usage: /stats [DAYS]  (DAYS is a whole number from 1 to 3650; default 30)"


class AdminCommands:
    """`stats(days)` returns the report text; `reindex()` runs the incremental ingest and returns its summary."""

    def __init__(self, admin_ids: Collection[int], stats: Callable[[int], str], reindex: Callable[[], str]) -> None:
        self.admin_ids = frozenset(admin_ids)
        self.stats = stats
        self.reindex = reindex
        self._reindexing = asyncio.Lock()

    def register(self, application: Application) -> None:
        """Add /stats and /reindex before the borrower handlers."""
        application.add_handler(CommandHandler("stats", self.show_stats), group=ADMIN_GROUP)
        application.add_handler(CommandHandler("reindex", self.run_reindex), group=ADMIN_GROUP)

    async def show_stats(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Post the numbers of the last DAYS days."""
        message = update.effective_message
        if not await self._allowed(update):
            raise ApplicationHandlerStop
        args = list(context.args or [])
        if len(args) > 1 or (args and not (args[0].isdigit() and 1 <= int(args[0]) <= MAX_DAYS)):
            await message.reply_text(STATS_USAGE)
            raise ApplicationHandlerStop
        days = int(args[0]) if args else DEFAULT_DAYS
        await message.reply_text(await asyncio.to_thread(self.stats, days))
        raise ApplicationHandlerStop

    async def run_reindex(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Run the incremental ingest in a thread and post its summary."""
        message = update.effective_message
        if not await self._allowed(update):
            raise ApplicationHandlerStop
        if self._reindexing.locked():
            await message.reply_text("A reindex is already running; its summary will follow.")
            raise ApplicationHandlerStop
        async with self._reindexing:
            await message.reply_text("Reindexing the knowledge library…")
            try:
                summary = await asyncio.to_thread(self.reindex)
            except Exception as exc:  # the admin must hear why, whatever the ingest raised
                log.exception("reindex failed")
                summary = f"Reindex failed: {type(exc).__name__}: {exc}"
        await message.reply_text(summary[:4096])
        raise ApplicationHandlerStop

    async def _allowed(self, update: Update) -> bool:
        user = update.effective_user
        if user is not None and user.id in self.admin_ids:
            return True
        if update.effective_message is not None:
            await update.effective_message.reply_text(REFUSED)
        return False


def summarize_ingest(report: Any) -> str:
    """The admin's view of a `bot.library.ingestion.IngestReport`: what changed, what was refused and why."""
    lines = [
        f"✅ Reindex done in {report.seconds:.1f} s: {report.articles} articles, {report.chunks} chunks.",
        f"Added {len(report.added)}, updated {len(report.updated)}, removed {len(report.removed)}, "
        f"unchanged {report.unchanged}; {report.embedded_chunks} chunks embedded.",
    ]
    for label, names in (("Added", report.added), ("Updated", report.updated), ("Removed", report.removed)):
        if names:
            lines.append(f"{label}: " + ", ".join(names[:10]) + (" …" if len(names) > 10 else ""))
    if report.rejected:
        lines.append(f"⚠️ Rejected {len(report.rejected)} (their last good version stays):")
        lines += [f"• {error.file}: {error.reason}" for error in report.rejected[:10]]
    return "\n".join(lines)
