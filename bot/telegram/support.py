"""The support desk on Telegram: ticket cards and threads in the support group, agents' replies to users.

Handlers here run in group -1, before the borrower handlers: every update from the support group
ends here (so bot answers never leak into it), and a borrower with an open ticket is answered by
people, not the bot, until the ticket closes or times out.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Collection

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
    Update,
    User,
)
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.core.escalation import RATE_PREFIX, SupportDesk
from bot.core.messages import Incoming, Reply
from bot.core.ports import Ticket, TicketError
from bot.core.support_texts import group_text
from bot.settings import Settings

log = logging.getLogger(__name__)

AGENT_COMMANDS = ("tickets", "claim", "close", "note", "transcript")
# Commands a borrower may still use while a person is helping them.
PASS_THROUGH_COMMANDS = ("/forget",)
PASS_THROUGH_ACTIONS = ("forget:",)
FORGET_CONFIRMED = "forget:yes"
SUPPORT_GROUP = -1  # PTB handler group: before the borrower handlers in group 0


def default_user_key(user: User) -> str:
    return str(user.id)


class TelegramSupport:
    """Connects a `SupportDesk` to one Telegram support group (implements bot.telegram.ports.SupportDesk)."""

    def __init__(
        self,
        desk: SupportDesk,
        support_chat_id: int | None,
        agent_ids: Collection[int],
        *,
        scan_interval: float = 60.0,
        user_key: Callable[[User], str] = default_user_key,
    ) -> None:
        self.desk = desk
        self.chat_id = support_chat_id
        self.agent_ids = frozenset(agent_ids)
        self.scan_interval = scan_interval
        self.user_key = user_key
        self._is_forum: bool | None = None

    @classmethod
    def from_settings(cls, desk: SupportDesk, settings: Settings, **kwargs) -> TelegramSupport:
        interval = min(60.0, settings.support_timeout_minutes * 60 / 4)
        return cls(desk, settings.support_chat_id, settings.support_agent_ids, scan_interval=interval, **kwargs)

    # --- wiring ----------------------------------------------------------------------------------
    def register(self, application: Application) -> None:
        """Add the support handlers (group -1) and the timeout scan to an application."""
        if self.chat_id is not None:
            group_chat = filters.Chat(chat_id=self.chat_id)
            for name in AGENT_COMMANDS:
                application.add_handler(
                    CommandHandler(name, self._agent_command, filters=group_chat), group=SUPPORT_GROUP)
            application.add_handler(
                CallbackQueryHandler(self._card_button, pattern=r"^(claim|close):\d+$"), group=SUPPORT_GROUP)
            application.add_handler(MessageHandler(group_chat, self._group_message), group=SUPPORT_GROUP)
            application.add_handler(TypeHandler(Update, self._group_other), group=SUPPORT_GROUP - 1)
        private = filters.ChatType.PRIVATE
        application.add_handler(
            CallbackQueryHandler(self._rate_button, pattern=rf"^{RATE_PREFIX}"), group=SUPPORT_GROUP)
        # Text reaches the desk through `intercept` (called by the borrower handlers); the rest here.
        application.add_handler(
            MessageHandler(private & ~filters.UpdateType.EDITED & ~filters.TEXT, self._private_media),
            group=SUPPORT_GROUP)
        if application.job_queue is None:
            raise RuntimeError("the support desk needs PTB's JobQueue (python-telegram-bot[job-queue])")
        application.job_queue.run_repeating(
            self._scan_timeouts, interval=self.scan_interval, first=self.scan_interval, name="support-timeouts")

    async def escalate(self, update: Update, context: ContextTypes.DEFAULT_TYPE, incoming: Incoming,
                       reply: Reply) -> None:
        """After the core's reply was sent: open a ticket when it asks for a person now (not an offer)."""
        if not self.desk.should_open(reply) or update.effective_chat is None:
            return
        await self.open_ticket(context.bot, incoming.user_id, update.effective_chat.id,
                               reply.escalation_reason, reply.urgent, reply.language)

    async def intercept(self, update: Update, context: ContextTypes.DEFAULT_TYPE, incoming: Incoming) -> bool:
        """Before the core: copy a message of a user with an open ticket to its thread; True = bot stays quiet."""
        if _command_of(incoming.text) in PASS_THROUGH_COMMANDS or (incoming.action or "").startswith(
                PASS_THROUGH_ACTIONS):
            if incoming.action == FORGET_CONFIRMED:
                await self._tell_team_user_forgotten(context.bot, incoming.user_id)
            return False  # /forget works whatever happens (forgetting closes the ticket)
        interception = await asyncio.to_thread(self.desk.intercept, incoming.user_id)
        if interception is None:
            return False
        if update.callback_query is not None or update.effective_message is None:
            # A button: its message is the bot's, so tell the team what was asked or pressed instead.
            shown = incoming.text or f"[pressed {incoming.action}]"
            await self._post_user_text(context.bot, interception.ticket, shown, None)
        else:
            await self._copy_to_thread(context.bot, interception.ticket, update.effective_message)
        return not interception.bot_may_answer

    async def open_ticket(self, bot, user_id: str, chat_id: int, reason: str | None, urgent: bool,
                          language: str) -> Ticket | None:
        """Open (or point to) the user's ticket, post its card to the group and tell the user once."""
        result = await asyncio.to_thread(self.desk.escalate, user_id, reason, urgent, language, chat_id)
        if result.ticket is not None and self.chat_id is not None:
            if result.created:
                await self._post_card(bot, result.ticket)
            elif result.group_note:
                await self._post_in_thread(bot, result.ticket, result.group_note)
        await self._send_reply(bot, chat_id, result.user_reply)
        return result.ticket

    # --- the borrower's side -------------------------------------------------------------------
    async def _private_media(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Photos, documents, voice... of a user with an open ticket go to the team, nowhere else."""
        message = update.effective_message
        if message is None or update.effective_user is None:
            return
        interception = await asyncio.to_thread(self.desk.intercept, self.user_key(update.effective_user))
        if interception is None:
            return
        await self._copy_to_thread(context.bot, interception.ticket, message)
        raise ApplicationHandlerStop

    async def _rate_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        user_id = self.user_key(query.from_user)
        language = "en" if (query.from_user.language_code or "").startswith("en") else "zh"
        reply, note = await asyncio.to_thread(self.desk.rate, user_id, query.data or "", language)
        await query.answer()
        if note is not None and query.message is not None:
            await _quietly(query.edit_message_reply_markup(reply_markup=None))
        await self._send_reply(context.bot, query.message.chat.id if query.message else query.from_user.id, reply)
        if note is not None:
            ticket_id = int((query.data or "").split(":")[1])
            ticket = await asyncio.to_thread(self.desk.tickets.get, ticket_id)
            if ticket is not None:
                await self._post_in_thread(context.bot, ticket, note)
        raise ApplicationHandlerStop

    # --- the support group ---------------------------------------------------------------------
    async def _group_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Runs first for every update: anything from the support group no support handler took stops here."""
        chat = update.effective_chat
        if chat is None or chat.id != self.chat_id:
            return
        query = update.callback_query
        if query is not None and (query.data or "").startswith(("claim:", "close:")):
            return
        if update.message is not None:
            return  # new messages: commands and agents' replies, handled in SUPPORT_GROUP
        if query is not None:
            await query.answer()
        raise ApplicationHandlerStop  # edits, member changes, stray buttons: nothing else may answer

    async def _agent_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        command = (message.text or "").split(maxsplit=1)[0].lstrip("/").split("@")[0]
        if not await self._is_agent(update):
            raise ApplicationHandlerStop
        try:
            text = await self._run_command(context, command, list(context.args or []), message)
        except TicketError as exc:
            text = str(exc)
        await self._answer_in_group(message, text)
        raise ApplicationHandlerStop

    async def _run_command(self, context, command: str, args: list[str], message: Message) -> str:
        bot, agent = context.bot, message.from_user
        if command == "tickets":
            return await asyncio.to_thread(self.desk.open_list)
        ticket_id = _ticket_number(args) or await self._ticket_of(message)
        if ticket_id is None:
            return group_text("usage_note" if command == "note" else "usage_id", command=command)
        if command == "claim":
            note = await asyncio.to_thread(self.desk.claim, ticket_id, agent.id, agent.full_name)
            await self._refresh_card(bot, ticket_id)
            return note
        if command == "close":
            return await self._close(bot, ticket_id, agent.full_name)
        if command == "note":
            body = " ".join(args[1:]) if _ticket_number(args) else " ".join(args)
            if not body.strip():
                return group_text("usage_note")
            return await asyncio.to_thread(self.desk.note, ticket_id, agent.full_name, body)
        return await asyncio.to_thread(self.desk.transcript, ticket_id)

    async def _card_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query.message is None or query.message.chat.id != self.chat_id:
            return
        if query.from_user.id not in self.agent_ids:
            await query.answer(group_text("refused"), show_alert=True)
            raise ApplicationHandlerStop
        action, number = (query.data or "").split(":")
        try:
            if action == "claim":
                text = await asyncio.to_thread(self.desk.claim, int(number), query.from_user.id,
                                               query.from_user.full_name)
                await self._refresh_card(context.bot, int(number))
            else:
                text = await self._close(context.bot, int(number), query.from_user.full_name)
        except TicketError as exc:
            await query.answer(str(exc), show_alert=True)
            raise ApplicationHandlerStop
        await query.answer(text)
        ticket = await asyncio.to_thread(self.desk.tickets.get, int(number))
        await self._post_in_thread(context.bot, ticket, text)
        raise ApplicationHandlerStop

    async def _group_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An agent's message in a ticket's thread goes to the user; anything else stays in the group."""
        message = update.effective_message
        if message is None or message.from_user is None or message.from_user.is_bot:
            raise ApplicationHandlerStop
        ticket_id = await self._ticket_of(message)
        if ticket_id is None:
            raise ApplicationHandlerStop
        if not await self._is_agent(update):
            raise ApplicationHandlerStop
        agent = message.from_user
        shown = message.text or message.caption or f"[{_kind_of(message)}]"
        try:
            ticket = await asyncio.to_thread(self.desk.agent_reply, ticket_id, agent.id, agent.full_name, shown,
                                             message.message_id)
        except TicketError as exc:
            await self._answer_in_group(message, str(exc))
            raise ApplicationHandlerStop
        if ticket.chat_id is None:
            await self._answer_in_group(message, group_text("delivery_failed", n=ticket_id, error="the user is gone"))
            raise ApplicationHandlerStop
        try:
            await context.bot.copy_message(ticket.chat_id, self.chat_id, message.message_id)
        except TelegramError as exc:
            await self._answer_in_group(message, group_text("delivery_failed", n=ticket_id, error=exc.message))
        raise ApplicationHandlerStop

    # --- helpers -------------------------------------------------------------------------------
    async def _is_agent(self, update: Update) -> bool:
        user = update.effective_user
        if user is not None and user.id in self.agent_ids:
            return True
        if update.effective_message is not None:
            await self._answer_in_group(update.effective_message, group_text("refused"))
        return False

    async def _close(self, bot, ticket_id: int, agent_name: str) -> str:
        closing = await asyncio.to_thread(self.desk.close, ticket_id, agent_name)
        if closing.ticket.chat_id is not None:
            await self._send_reply(bot, closing.ticket.chat_id, closing.user_reply)
        await self._refresh_card(bot, ticket_id)
        return closing.group_note

    async def _ticket_of(self, message: Message) -> int | None:
        """The ticket a group message belongs to: its forum topic, or the card / copy it replies to."""
        ticket = None
        if message.is_topic_message and message.message_thread_id:
            ticket = await asyncio.to_thread(self.desk.tickets.find_by_thread, message.message_thread_id)
        if ticket is None and message.reply_to_message is not None:
            replied = message.reply_to_message.message_id
            ticket = await asyncio.to_thread(self.desk.tickets.find_by_group_message, replied)
        return ticket.id if ticket is not None else None

    async def _forum(self, bot) -> bool:
        """Whether the support group is a forum (a topic per ticket); asked once, it does not change."""
        if self._is_forum is None:
            chat = await bot.get_chat(self.chat_id)
            self._is_forum = bool(chat.is_forum)
        return self._is_forum

    async def _post_card(self, bot, ticket: Ticket) -> None:
        thread_id = None
        if await self._forum(bot):
            icon = "🚨" if ticket.urgent else "🆘"
            topic = await bot.create_forum_topic(self.chat_id, f"{icon} #{ticket.id} {self.desk.reason_label(ticket.reason)}"[:128])
            thread_id = topic.message_thread_id
        text = await asyncio.to_thread(self.desk.card_text, ticket)
        card = await bot.send_message(self.chat_id, text, message_thread_id=thread_id,
                                      reply_markup=_card_buttons(ticket))
        await asyncio.to_thread(self.desk.tickets.set_card, ticket.id, card.message_id, thread_id)

    async def _refresh_card(self, bot, ticket_id: int) -> None:
        ticket = await asyncio.to_thread(self.desk.ticket, ticket_id)
        if ticket.card_message_id is None:
            return
        text = await asyncio.to_thread(self.desk.card_text, ticket)
        await _quietly(bot.edit_message_text(text, chat_id=self.chat_id, message_id=ticket.card_message_id,
                                             reply_markup=_card_buttons(ticket)))

    def _thread_target(self, ticket: Ticket) -> dict:
        if ticket.thread_id is not None:
            return {"message_thread_id": ticket.thread_id}
        if ticket.card_message_id is not None:
            return {"reply_parameters": ReplyParameters(ticket.card_message_id, allow_sending_without_reply=True)}
        return {}

    async def _post_in_thread(self, bot, ticket: Ticket, text: str) -> None:
        sent = await bot.send_message(self.chat_id, text, **self._thread_target(ticket))
        await asyncio.to_thread(self.desk.link_copy, ticket.id, sent.message_id, text)

    async def _copy_to_thread(self, bot, ticket: Ticket, message: Message) -> None:
        """Put the user's message in the ticket's thread and in its transcript."""
        if message.text or self.chat_id is None:
            await self._post_user_text(bot, ticket, message.text or f"[{_kind_of(message)}]", message.message_id)
            return
        await self._post_in_thread(bot, ticket, group_text("user_sent_media", n=ticket.id))
        copied = await bot.copy_message(self.chat_id, message.chat.id, message.message_id, **self._thread_target(ticket))
        shown = message.caption or f"[{_kind_of(message)}]"
        await asyncio.to_thread(self.desk.record_user_message, ticket.id, shown, copied.message_id, message.message_id)

    async def _tell_team_user_forgotten(self, bot, user_id: str) -> None:
        """The core is about to delete the user's data, which closes their ticket: say so in its thread."""
        ticket = await asyncio.to_thread(self.desk.current, user_id)
        if ticket is None or self.chat_id is None:
            return
        await self._post_in_thread(bot, ticket, group_text("forgotten", n=ticket.id))
        if ticket.card_message_id is not None:
            await _quietly(bot.edit_message_reply_markup(self.chat_id, ticket.card_message_id, reply_markup=None))

    async def _post_user_text(self, bot, ticket: Ticket, text: str, user_message_id: int | None) -> None:
        if self.chat_id is None:
            await asyncio.to_thread(self.desk.record_user_message, ticket.id, text, None, user_message_id)
            return
        sent = await bot.send_message(self.chat_id, group_text("user_wrote", n=ticket.id, text=text)[:4096],
                                      **self._thread_target(ticket))
        await asyncio.to_thread(self.desk.record_user_message, ticket.id, text, sent.message_id, user_message_id)

    async def _answer_in_group(self, message: Message, text: str) -> None:
        target = {"message_thread_id": message.message_thread_id} if message.is_topic_message else {}
        await message.get_bot().send_message(self.chat_id, text[:4096], reply_parameters=ReplyParameters(
            message.message_id, allow_sending_without_reply=True), **target)

    async def _send_reply(self, bot, chat_id: int, reply: Reply) -> None:
        markup = None
        if reply.buttons:
            markup = InlineKeyboardMarkup([[InlineKeyboardButton(b.label, callback_data=b.action)
                                            for b in reply.buttons]])
        await bot.send_message(chat_id, reply.text, reply_markup=markup)

    async def _scan_timeouts(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        """JobQueue callback: tell users whose ticket nobody claimed in time (state is in the database)."""
        for timeout in await asyncio.to_thread(self.desk.due_timeouts):
            try:
                if timeout.ticket.chat_id is not None:
                    await self._send_reply(context.bot, timeout.ticket.chat_id, timeout.user_reply)
                if self.chat_id is not None:
                    await self._post_in_thread(context.bot, timeout.ticket, timeout.group_note)
            except TelegramError:
                log.exception("could not deliver the timeout notice of ticket %s", timeout.ticket.id)


def _card_buttons(ticket: Ticket) -> InlineKeyboardMarkup | None:
    if not ticket.is_open:
        return None
    row = [InlineKeyboardButton("关闭 Close", callback_data=f"close:{ticket.id}")]
    if ticket.status == "waiting":
        row.insert(0, InlineKeyboardButton("认领 Claim", callback_data=f"claim:{ticket.id}"))
    return InlineKeyboardMarkup([row])


def _command_of(text: str) -> str | None:
    """"/forget@borrower_bot now" -> "/forget"; None for text that is not a command."""
    if not text.startswith("/"):
        return None
    return text.split(maxsplit=1)[0].split("@")[0]


def _ticket_number(args: list[str]) -> int | None:
    if args and args[0].lstrip("#").isdigit():
        return int(args[0].lstrip("#"))
    return None


def _kind_of(message: Message) -> str:
    for kind in ("photo", "document", "voice", "video", "sticker", "audio", "location", "contact"):
        if getattr(message, kind, None):
            return kind
    return "message"


async def _quietly(call) -> None:
    """Cosmetic edits (a card's buttons) may fail when nothing changed; that must not stop the flow."""
    try:
        await call
    except TelegramError as exc:
        log.debug("cosmetic edit failed: %s", exc)
