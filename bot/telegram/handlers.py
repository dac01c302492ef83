"""Thin handlers: read the update, ask the core (in a thread), show its Reply."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from telegram import InlineKeyboardMarkup, MaybeInaccessibleMessage, Message, Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot.core.actions import ActionError, Feedback, Followup, Human, decode, describe, encode
from bot.core.messages import Incoming, Language, Reply
from bot.telegram import texts
from bot.telegram.delivery import send_parts, to_markup, typing
from bot.core.ports import Core, RateLimit
from bot.telegram.ports import SupportDesk
from bot.telegram.rendering import Key, followup_question, render_reply

log = logging.getLogger(__name__)
A = TypeVar("A")
R = TypeVar("R")

TOAST_LIMIT = 200  # characters Telegram shows in a callback query's notification
UNREADABLE = (filters.Sticker.ALL | filters.PHOTO | filters.VOICE | filters.AUDIO | filters.Document.ALL
              | filters.LOCATION | filters.VENUE | filters.VIDEO | filters.VIDEO_NOTE | filters.ANIMATION
              | filters.CONTACT | filters.POLL | filters.Dice.ALL)


class EmptyReply(Exception):
    """The core's reply had nothing to show (no text, no chart): a bug upstream, never silence."""


class AddressedToBot(filters.MessageFilter):
    """Private chats always; groups only when the bot is mentioned or replied to; never the support
    chat (its messages are the support desk's)."""

    def __init__(self, support_chat_id: int | None):
        super().__init__(name="AddressedToBot")
        self._support_chat_id = support_chat_id

    def filter(self, message: Message) -> bool:
        if message.chat.id == self._support_chat_id:
            return False
        if message.chat.type == "private":
            return True
        bot = message.get_bot()
        replied = message.reply_to_message
        if replied is not None and replied.from_user is not None and replied.from_user.id == bot.id:
            return True
        return _mentions(message.text or message.caption or "", bot.username)


def _mention(username: str) -> re.Pattern[str]:
    return re.compile(rf"@{re.escape(username)}\b", re.IGNORECASE)


def _mentions(text: str, username: str | None) -> bool:
    return bool(username and _mention(username).search(text))


def without_mention(text: str, username: str | None) -> str:
    """The text without "@bot" (in "/start@bot" or "@bot how do I ..."), as the core should read it."""
    if username:
        text = _mention(username).sub("", text)
    return re.sub(r"[ \t]{2,}", " ", text).strip()


class BorrowerHandlers:
    """The borrower-facing handlers over the core; the support desk is consulted around each turn."""

    def __init__(self, core: Core, rate_limit: RateLimit, desk: SupportDesk, *, per_minute: int,
                 default_language: Language, support_chat_id: int | None, typing_grace: float = 0.0,
                 core_threads: int = 32):
        self._core = core
        self._rate_limit = rate_limit
        self._desk = desk
        self._per_minute = per_minute
        self._default_language = default_language
        self._support_chat_id = support_chat_id
        self._typing_grace = typing_grace
        # The core waits on the LLM and the database far more than it computes, so it gets more
        # threads than asyncio's default pool (cores + 4): one slow answer must not queue the rest.
        self._threads = ThreadPoolExecutor(max_workers=core_threads, thread_name_prefix="core")

    async def close(self, application: Application) -> None:
        """Let the core's threads go (the Application's post_shutdown)."""
        self._threads.shutdown(wait=False, cancel_futures=True)

    def register(self, application: Application) -> None:
        addressed = AddressedToBot(self._support_chat_id)
        # UpdateType.MESSAGE leaves out edited messages: an edit is never answered a second time.
        application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & addressed, self.ask))
        application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & UNREADABLE & addressed, self.unreadable))
        application.add_handler(CallbackQueryHandler(self.press))
        application.add_error_handler(self.on_error)

    async def ask(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Send what the user wrote (a question, a command) to the core and show its reply."""
        message, user = update.effective_message, update.effective_user
        text = without_mention(message.text or "", context.bot.username)
        incoming = Incoming(user_id=str(user.id), text=text, language=texts.language_of(user.language_code),
                            channel="telegram")
        if await self._allowed(update, context, incoming):
            await self._converse(update, context, incoming)

    async def press(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Pass a pressed button to the core; a follow-up button counts as asking its question."""
        query = update.callback_query
        if update.effective_chat is not None and update.effective_chat.id == self._support_chat_id:
            return  # the support desk's buttons; its handlers come first and answer them
        incoming = self._pressed(update)
        if incoming is None:
            await query.answer(texts.BUTTON_GONE[self._language(update)], show_alert=True)
        elif not await self._allowed(update, context, incoming):
            await query.answer()
        elif isinstance(incoming.action, Feedback):
            await self._feedback(update, context, incoming)
        else:
            await query.answer()  # stop the button's spinner at once; the answer follows as messages
            await self._converse(update, context, incoming)

    async def unreadable(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Say kindly what the bot can read when it gets a sticker, photo, voice, file or location."""
        user, message = update.effective_user, update.effective_message
        incoming = Incoming(user_id=str(user.id), text=message.caption or "",
                            language=texts.language_of(user.language_code), channel="telegram")
        if await self._desk.intercept(update, context, incoming):
            return  # a person is helping: the desk passes the photo or file on to them
        await context.bot.send_message(update.effective_chat.id, texts.UNSUPPORTED[self._language(update)],
                                       message_thread_id=_thread_of(update))

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log the update id and the error; tell the user, without internals, and offer a person."""
        update_id = update.update_id if isinstance(update, Update) else None
        log.error("update %s failed: %r", update_id, context.error, exc_info=context.error)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        if update.effective_chat.id == self._support_chat_id:
            return
        if isinstance(context.error, Forbidden):
            return  # the user blocked the bot: nobody to tell
        if update.callback_query is not None:  # stop the button's spinner if nothing did yet
            with contextlib.suppress(TelegramError):
                await update.callback_query.answer()
        language = self._language(update)
        markup = to_markup(((Key(texts.HUMAN_BUTTON[language], encode(Human())),),))
        try:
            await context.bot.send_message(update.effective_chat.id, texts.ERROR[language], reply_markup=markup,
                                           message_thread_id=_thread_of(update))
        except TelegramError as error:
            log.error("could not tell chat %s about the failure of update %s: %s",
                      update.effective_chat.id, update_id, error)

    async def _converse(self, update: Update, context: ContextTypes.DEFAULT_TYPE, incoming: Incoming) -> None:
        if await self._desk.intercept(update, context, incoming):
            return
        chat_id, thread_id = update.effective_chat.id, _thread_of(update)
        async with typing(context.bot, chat_id, thread_id=thread_id, grace=self._typing_grace):
            reply = await self._in_thread(self._core.handle, incoming)
        if not self._desk.speaks_for(reply):
            parts = render_reply(reply)
            if not parts:
                shown = incoming.text or (describe(incoming.action) if incoming.action else "")
                raise EmptyReply(f"the core returned nothing to show for {shown!r}")
            await send_parts(context.bot, chat_id, parts, thread_id=thread_id)
        if reply.escalation.requested:
            await self._desk.escalate(update, context, incoming, reply)

    async def _feedback(self, update: Update, context: ContextTypes.DEFAULT_TYPE, incoming: Incoming) -> None:
        """👍 / 👎: the core's short thanks as a notification, and the vote buttons go (one vote)."""
        query = update.callback_query
        try:
            reply = await self._in_thread(self._core.handle, incoming)
        except Exception:
            await query.answer()
            raise
        if not _fits_a_toast(reply):
            await query.answer()
            await send_parts(context.bot, update.effective_chat.id, render_reply(reply), thread_id=_thread_of(update))
        else:
            await query.answer(reply.text)
            if isinstance(query.message, Message) and query.message.reply_markup is not None:
                try:
                    await query.edit_message_reply_markup(_without_votes(query.message.reply_markup))
                except BadRequest as error:  # e.g. a second quick press: the votes are already gone
                    log.info("vote buttons not removed: %s", error)
        if reply.escalation.requested:
            await self._desk.escalate(update, context, incoming, reply)

    async def _in_thread(self, function: Callable[[A], R], argument: A) -> R:
        return await asyncio.get_running_loop().run_in_executor(self._threads, function, argument)

    def _pressed(self, update: Update) -> Incoming | None:
        """What a button press says to the core; None for a button this version does not know (from
        an older release) or a follow-up whose question is gone."""
        query, user = update.callback_query, update.effective_user
        data, language = query.data or "", texts.language_of(user.language_code)
        try:
            action = decode(data)
        except ActionError as error:
            log.info("stale button: %s", error)
            return None
        if not isinstance(action, Followup):
            return Incoming(user_id=str(user.id), action=action, language=language, channel="telegram")
        question = followup_question(data, _keyboard_of(query.message))
        if question is None:
            return None
        return Incoming(user_id=str(user.id), text=question, language=language, channel="telegram")

    def _language(self, update: Update) -> Language:
        """The language of the adapter's own words: the user's Telegram language, else the default."""
        user = update.effective_user
        return (texts.language_of(user.language_code) if user else None) or self._default_language

    async def _allowed(self, update: Update, context: ContextTypes.DEFAULT_TYPE, incoming: Incoming) -> bool:
        """Count the message; over the per-user limit, say so politely once and drop it."""
        count = await self._in_thread(self._rate_limit.hit, incoming.user_id)
        if count <= self._per_minute:
            return True
        log.info("user %s over the rate limit (%d in a minute)", incoming.user_id, count)
        if count == self._per_minute + 1:
            await context.bot.send_message(update.effective_chat.id, texts.RATE_LIMITED[self._language(update)],
                                           message_thread_id=_thread_of(update))
        return False


def _keyboard_of(message: MaybeInaccessibleMessage | None) -> list[list[tuple[str, str | None]]]:
    if not isinstance(message, Message) or message.reply_markup is None:
        return []  # too old: Telegram no longer sends the message with the button
    return [[(button.text, button.callback_data if isinstance(button.callback_data, str) else None)
             for button in row] for row in message.reply_markup.inline_keyboard]


def _without_votes(markup: InlineKeyboardMarkup) -> InlineKeyboardMarkup | None:
    rows = [[b for b in row if not _is_vote(b.callback_data)]
            for row in markup.inline_keyboard]
    rows = [row for row in rows if row]
    return InlineKeyboardMarkup(rows) if rows else None


def _is_vote(data: object) -> bool:
    try:
        return isinstance(data, str) and isinstance(decode(data), Feedback)
    except ActionError:
        return False


def _fits_a_toast(reply: Reply) -> bool:
    return (not reply.escalation.requested and not reply.buttons and not reply.followups and reply.chart_png is None
            and 0 < len(reply.text) <= TOAST_LIMIT)


def _thread_of(update: Update) -> int | None:
    message = update.effective_message
    if isinstance(message, Message) and message.is_topic_message:
        return message.message_thread_id
    return None
