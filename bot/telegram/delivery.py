"""Putting rendered parts on Telegram: HTML messages, the chart photo, the "typing…" indicator."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message
from telegram.constants import ChatAction, ParseMode
from telegram.error import TelegramError

from bot.telegram.rendering import Keyboard, Part, PhotoPart

log = logging.getLogger(__name__)

TYPING_RENEWAL_SECONDS = 4.0  # Telegram shows a chat action for 5 seconds


def to_markup(keyboard: Keyboard) -> InlineKeyboardMarkup | None:
    if not keyboard:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(key.label, callback_data=key.data) for key in row]
                                 for row in keyboard])


async def send_parts(bot: Bot, chat_id: int, parts: list[Part], *, thread_id: int | None = None) -> list[Message]:
    """Send the parts in order; the rate limiter in front of the bot paces them and retries failures."""
    sent = []
    for part in parts:
        markup = to_markup(part.keyboard)
        if isinstance(part, PhotoPart):
            sent.append(await bot.send_photo(chat_id, photo=part.png, caption=part.caption_html,
                                             parse_mode=ParseMode.HTML, reply_markup=markup,
                                             message_thread_id=thread_id))
        else:
            sent.append(await bot.send_message(chat_id, part.html, parse_mode=ParseMode.HTML, reply_markup=markup,
                                               link_preview_options=LinkPreviewOptions(is_disabled=True),
                                               message_thread_id=thread_id))
    return sent


@contextlib.asynccontextmanager
async def typing(bot: Bot, chat_id: int, *, thread_id: int | None = None, grace: float = 0.0) -> AsyncIterator[None]:
    """Show "typing…" in the chat while the block runs, once it has run `grace` seconds.

    An answer quicker than the grace needs no indicator, and skipping it saves half of the bot's
    Telegram flood budget (every call with a chat_id counts against the 30 a second).
    """
    async def show() -> None:
        try:
            await bot.send_chat_action(chat_id, ChatAction.TYPING, message_thread_id=thread_id)
        except TelegramError as error:  # the indicator is a courtesy; the answer still goes out
            log.info("could not show typing in chat %s: %s", chat_id, error)

    async def keep_showing() -> None:
        await asyncio.sleep(grace)
        while True:
            await show()
            await asyncio.sleep(TYPING_RENEWAL_SECONDS)

    if grace <= 0:  # at once, and before the answer can overtake it
        await show()
        grace = TYPING_RENEWAL_SECONDS
    task = asyncio.create_task(keep_showing())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
