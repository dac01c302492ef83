"""The editors' chat (EDITORS_CHAT_ID): articles sent as files, /try, /gaps, /article(s), /retire, a weekly digest.

Thin handlers over `bot.library.desk.EditorDesk` and text builders given by the composition root.
Only EDITOR_USER_IDS may act; anyone else gets a refusal, and nothing from the editors' chat ever
reaches the borrower handlers (the group runs before them and always stops the update).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Collection
from datetime import datetime, timedelta, timezone
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.error import TelegramError
from telegram.ext import (Application, ApplicationHandlerStop, CallbackQueryHandler, CommandHandler, ContextTypes,
                          MessageHandler, TypeHandler, filters)

from bot.library.desk import DeskError, EditorDesk, summarize
from bot.library.ingestion import IngestError
from bot.library.reports import articles_report
from bot.library.uploads import MB, UploadError

log = logging.getLogger(__name__)

EDITORS_GROUP = -3  # before the support desk (-2, -1) and the borrower handlers (0)
DIGEST_CHECK = timedelta(hours=1)
REFUSED = "Only editors may change or inspect the library here. / 只有编辑可以在这里管理文章。"
USAGE = {
    "try": "Usage: /try QUESTION — how the bot would answer it now",
    "gaps": "Usage: /gaps [DAYS] — unanswered questions of the last DAYS days (1-365, default 7)",
    "article": "Usage: /article ID — e.g. /article overdue/penalty-interest.md",
    "retire": "Usage: /retire ID — asks before it removes the article",
}


def button_key(article_id: str) -> str:
    """Callback data holds 64 bytes at most; an article id may be longer, so buttons carry its digest."""
    return hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:16]


class EditorsChat:
    """`try_question(text)`, `gaps(days)` and `digest()` return message text; `claim_digest(week)` is True
    for the one process that posts a week's digest; `on_report(report, trigger)` counts ingests."""

    def __init__(self, chat_id: int, editor_ids: Collection[int], desk: EditorDesk, *,
                 try_question: Callable[[str], str], gaps: Callable[[int], str], digest: Callable[[], str],
                 claim_digest: Callable[[int], bool], on_report: Callable[[Any, str], None] = lambda r, t: None):
        self.chat_id = chat_id
        self.editor_ids = frozenset(editor_ids)
        self.desk = desk
        self.try_question = try_question
        self.gaps = gaps
        self.digest = digest
        self.claim_digest = claim_digest
        self.on_report = on_report

    def register(self, application: Application) -> None:
        chat = filters.Chat(chat_id=self.chat_id)
        add = lambda handler: application.add_handler(handler, group=EDITORS_GROUP)  # noqa: E731
        add(MessageHandler(chat & filters.Document.ALL, self.upload))
        for name, callback in (("try", self.try_), ("gaps", self.show_gaps), ("article", self.send_article),
                               ("articles", self.list_articles), ("retire", self.ask_retire)):
            add(CommandHandler(name, callback, filters=chat))
        add(CallbackQueryHandler(self.retire_button, pattern=r"^retire:"))
        add(TypeHandler(Update, self.keep_out))
        if application.job_queue is not None:
            application.job_queue.run_repeating(self._digest_job, interval=DIGEST_CHECK, first=timedelta(minutes=10),
                                                name="editors-digest")

    async def upload(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Store, validate and ingest the .md or .zip an editor sent; reply with ingest.py's summary."""
        message = update.effective_message
        await self._editor_only(update)
        document = message.document
        name = document.file_name or "unnamed"
        if document.file_size and document.file_size > self.desk.max_bytes:
            await message.reply_text(f"✗ {name} is {document.file_size / MB:.1f} MB; the limit is "
                                     f"{self.desk.max_bytes / MB:.0f} MB. Nothing was changed.")
            raise ApplicationHandlerStop
        try:
            data = bytes(await (await context.bot.get_file(document.file_id)).download_as_bytearray())
            outcome = await asyncio.to_thread(self.desk.upload, name, data)
        except UploadError as exc:
            await message.reply_text(f"✗ Refused: {exc.reason}. Nothing was changed.")
            raise ApplicationHandlerStop
        except IngestError as exc:  # the folder is gone or unusable: the editor hears it, the operator fixes it
            await message.reply_text(f"✗ The library could not be ingested: {exc}")
            raise ApplicationHandlerStop
        except TelegramError as exc:
            await message.reply_text(f"✗ Could not fetch {name} from Telegram ({exc}). Nothing was changed.")
            raise ApplicationHandlerStop
        self.on_report(outcome.report, "upload")
        await message.reply_text(summarize(outcome))
        raise ApplicationHandlerStop

    async def try_(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """How the bot would answer a question now, with what it retrieved and why it answers or declines."""
        await self._editor_only(update)
        question = " ".join(context.args or []).strip()
        await update.effective_message.reply_text(
            await asyncio.to_thread(self.try_question, question) if question else USAGE["try"])
        raise ApplicationHandlerStop

    async def show_gaps(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._editor_only(update)
        args = list(context.args or [])
        if len(args) > 1 or (args and not (args[0].isdigit() and 1 <= int(args[0]) <= 365)):
            await update.effective_message.reply_text(USAGE["gaps"])
            raise ApplicationHandlerStop
        await update.effective_message.reply_text(await asyncio.to_thread(self.gaps, int(args[0]) if args else 7))
        raise ApplicationHandlerStop

    async def send_article(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The stored file of one article, as a document the editor can edit and send back."""
        await self._editor_only(update)
        message = update.effective_message
        if len(context.args or []) != 1:
            await message.reply_text(USAGE["article"])
            raise ApplicationHandlerStop
        try:
            path = self.desk.article_path(context.args[0])
        except DeskError as exc:
            await message.reply_text(f"✗ {exc}")
            raise ApplicationHandlerStop
        await message.reply_document(InputFile(path.read_bytes(), filename=path.name), caption=context.args[0])
        raise ApplicationHandlerStop

    async def list_articles(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self._editor_only(update)
        tag = (context.args or [None])[0]
        articles = await asyncio.to_thread(self.desk.articles, tag)
        await update.effective_message.reply_text(articles_report(articles, tag))
        raise ApplicationHandlerStop

    async def ask_retire(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Ask before removing: the buttons carry the article's digest, so any process can carry it out."""
        await self._editor_only(update)
        message = update.effective_message
        if len(context.args or []) != 1:
            await message.reply_text(USAGE["retire"])
            raise ApplicationHandlerStop
        article_id = context.args[0]
        try:
            self.desk.article_path(article_id)
        except DeskError as exc:
            await message.reply_text(f"✗ {exc}")
            raise ApplicationHandlerStop
        buttons = InlineKeyboardMarkup([[
            InlineKeyboardButton("🗑 Retire it", callback_data=f"retire:yes:{button_key(article_id)}"),
            InlineKeyboardButton("Keep it", callback_data="retire:no")]])
        await message.reply_text(f"Retire {article_id}? Borrowers will no longer get answers from it; the file "
                                 "is moved to _archive/.", reply_markup=buttons)
        raise ApplicationHandlerStop

    async def retire_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if update.effective_chat is None or update.effective_chat.id != self.chat_id:
            return  # not ours: the borrower handlers say the button is gone
        if update.effective_user is None or update.effective_user.id not in self.editor_ids:
            await query.answer(REFUSED, show_alert=True)
            raise ApplicationHandlerStop
        await query.answer()
        parts = (query.data or "").split(":")
        if parts[1:2] != ["yes"] or len(parts) != 3:
            await query.edit_message_text("Kept: nothing was retired.")
            raise ApplicationHandlerStop
        article_id = next((a.id for a in await asyncio.to_thread(self.desk.articles) if button_key(a.id) == parts[2]),
                          None)
        if article_id is None:
            await query.edit_message_text("✗ That article is no longer in the library (already retired?).")
            raise ApplicationHandlerStop
        try:
            archived, report = await asyncio.to_thread(self.desk.retire, article_id)
        except DeskError as exc:
            await query.edit_message_text(f"✗ {exc}")
            raise ApplicationHandlerStop
        self.on_report(report, "retire")
        await query.edit_message_text(f"🗑 Retired {article_id} (file kept at "
                                      f"{archived.relative_to(self.desk.knowledge_dir.resolve()).as_posix()}).\n"
                                      + summarize(report))
        raise ApplicationHandlerStop

    async def keep_out(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Anything else in the editors' chat (editors talking, non-editors' commands) stops here."""
        if update.effective_chat is None or update.effective_chat.id != self.chat_id:
            return
        message = update.effective_message
        sender = update.effective_user
        if message is not None and (message.text or "").startswith("/") and (
                sender is None or sender.id not in self.editor_ids):
            await message.reply_text(REFUSED)
        raise ApplicationHandlerStop

    async def post_digest(self, bot: Any, now: datetime) -> bool:
        """Post this week's digest unless another process (or an earlier run) already did."""
        year, week, _ = now.isocalendar()
        if not await asyncio.to_thread(self.claim_digest, year * 100 + week):
            return False
        text = await asyncio.to_thread(self.digest)
        await bot.send_message(self.chat_id, text)
        return True

    async def _digest_job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            await self.post_digest(context.bot, datetime.now(timezone.utc))
        except Exception:  # a failed digest must not stop the job; the next check tries the next week
            log.exception("editors' weekly digest failed")

    async def _editor_only(self, update: Update) -> None:
        user = update.effective_user
        if user is not None and user.id in self.editor_ids:
            return
        if update.effective_message is not None:
            await update.effective_message.reply_text(REFUSED)
        raise ApplicationHandlerStop
