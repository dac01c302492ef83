"""Where a ticket lives in the support group: its card, its thread (a forum topic or replies to the card),
and the bot's posts there. Every post is recorded so that replies to it can be routed to the user."""

from __future__ import annotations

import asyncio
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, ReplyParameters
from telegram.error import TelegramError

from bot.core.actions import Claim, Close, encode
from bot.core.escalation import SupportDesk
from bot.core.ports import Ticket
from bot.core.support_texts import group_text

log = logging.getLogger(__name__)


class SupportThreads:
    """Posts in one support group on behalf of a `SupportDesk`."""

    def __init__(self, desk: SupportDesk, chat_id: int | None) -> None:
        self.desk = desk
        self.chat_id = chat_id
        self._is_forum: bool | None = None

    async def ticket_of(self, message: Message) -> int | None:
        """The ticket a group message belongs to: its forum topic, or the card / copy it replies to."""
        ticket = None
        if message.is_topic_message and message.message_thread_id:
            ticket = await asyncio.to_thread(self.desk.tickets.find_by_thread, message.message_thread_id)
        if ticket is None and message.reply_to_message is not None:
            replied = message.reply_to_message.message_id
            ticket = await asyncio.to_thread(self.desk.tickets.find_by_group_message, replied)
        return ticket.id if ticket is not None else None

    async def is_forum(self, bot) -> bool:
        """Whether the support group is a forum (a topic per ticket); asked once, it does not change."""
        if self._is_forum is None:
            chat = await bot.get_chat(self.chat_id)
            self._is_forum = bool(chat.is_forum)
        return self._is_forum

    async def post_card(self, bot, ticket: Ticket) -> None:
        """The card with Claim/Close, in a new forum topic when the group is a forum."""
        thread_id = None
        if await self.is_forum(bot):
            icon = "🚨" if ticket.urgent else "🆘"
            name = f"{icon} #{ticket.id} {self.desk.reason_label(ticket.reason)}"[:128]
            topic = await bot.create_forum_topic(self.chat_id, name)
            thread_id = topic.message_thread_id
        text = await asyncio.to_thread(self.desk.card_text, ticket)
        card = await bot.send_message(self.chat_id, text, message_thread_id=thread_id,
                                      reply_markup=card_buttons(ticket))
        await asyncio.to_thread(self.desk.tickets.set_card, ticket.id, card.message_id, thread_id)

    async def refresh_card(self, bot, ticket_id: int) -> None:
        ticket = await asyncio.to_thread(self.desk.ticket, ticket_id)
        if ticket.card_message_id is None:
            return
        text = await asyncio.to_thread(self.desk.card_text, ticket)
        await quietly(bot.edit_message_text(text, chat_id=self.chat_id, message_id=ticket.card_message_id,
                                            reply_markup=card_buttons(ticket)))

    def target(self, ticket: Ticket) -> dict:
        """Where a post about the ticket goes: its topic, or a reply to its card."""
        if ticket.thread_id is not None:
            return {"message_thread_id": ticket.thread_id}
        if ticket.card_message_id is not None:
            return {"reply_parameters": ReplyParameters(ticket.card_message_id, allow_sending_without_reply=True)}
        return {}

    async def post(self, bot, ticket: Ticket, text: str) -> None:
        """A bot note in the ticket's thread (claimed, closed, rated...)."""
        sent = await bot.send_message(self.chat_id, text, **self.target(ticket))
        await asyncio.to_thread(self.desk.link_copy, ticket.id, sent.message_id, text)

    async def copy_user_message(self, bot, ticket: Ticket, message: Message) -> None:
        """Put the user's message in the ticket's thread and in its transcript."""
        if message.text or self.chat_id is None:
            await self.post_user_text(bot, ticket, message.text or f"[{kind_of(message)}]", message.message_id)
            return
        await self.post(bot, ticket, group_text("user_sent_media", n=ticket.id))
        # The copy keeps the file; its caption is shown as the desk allows (masked by default).
        caption = {"caption": self.desk.for_agents(message.caption)} if message.caption else {}
        copied = await bot.copy_message(self.chat_id, message.chat.id, message.message_id, **caption,
                                        **self.target(ticket))
        shown = message.caption or f"[{kind_of(message)}]"
        await asyncio.to_thread(self.desk.record_user_message, ticket.id, shown, copied.message_id, message.message_id)

    async def post_user_text(self, bot, ticket: Ticket, text: str, user_message_id: int | None) -> None:
        if self.chat_id is None:
            await asyncio.to_thread(self.desk.record_user_message, ticket.id, text, None, user_message_id)
            return
        shown = self.desk.for_agents(text)
        sent = await bot.send_message(self.chat_id, group_text("user_wrote", n=ticket.id, text=shown)[:4096],
                                      **self.target(ticket))
        await asyncio.to_thread(self.desk.record_user_message, ticket.id, text, sent.message_id, user_message_id)

    async def answer(self, message: Message, text: str) -> None:
        """Answer an agent's command or message where they wrote it."""
        target = {"message_thread_id": message.message_thread_id} if message.is_topic_message else {}
        await message.get_bot().send_message(self.chat_id, text[:4096], reply_parameters=ReplyParameters(
            message.message_id, allow_sending_without_reply=True), **target)


def card_buttons(ticket: Ticket) -> InlineKeyboardMarkup | None:
    if not ticket.is_open:
        return None
    row = [InlineKeyboardButton("关闭 Close", callback_data=encode(Close(ticket.id)))]
    if ticket.status == "waiting":
        row.insert(0, InlineKeyboardButton("认领 Claim", callback_data=encode(Claim(ticket.id))))
    return InlineKeyboardMarkup([row])


def kind_of(message: Message) -> str:
    for kind in ("photo", "document", "voice", "video", "sticker", "audio", "location", "contact"):
        if getattr(message, kind, None):
            return kind
    return "message"


async def quietly(call) -> None:
    """Cosmetic edits (a card's buttons) may fail when nothing changed; that must not stop the flow."""
    try:
        await call
    except TelegramError as exc:
        log.debug("cosmetic edit failed: %s", exc)
