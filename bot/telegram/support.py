"""The support desk on Telegram: ticket cards and threads in the support group, agents' replies to users.

Handlers here run in group -1, before the borrower handlers: every update from the support group
ends here (so bot answers never leak into it), and a borrower with an open ticket is answered by
people, not the bot, until the ticket closes or times out.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Collection
from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update, User
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

from bot.core.actions import ActionError, Claim, Close, Forget, Rate, decode, describe, encode
from bot.core.escalation import SupportDesk
from bot.core.messages import Incoming, Reply
from bot.core.ports import History, Profiles, Ticket, TicketError, Tickets
from bot.core.support_texts import group_text
from bot.settings import Settings
from bot.telegram.admin import AdminCommands
from bot.telegram.support_threads import SupportThreads, kind_of, quietly

log = logging.getLogger(__name__)

AGENT_COMMANDS = ("tickets", "claim", "close", "note", "transcript")
# Commands a borrower may still use while a person is helping them.
PASS_THROUGH_COMMANDS = ("/forget",)
SUPPORT_GROUP = -1  # PTB handler group: before the borrower handlers in group 0


def default_user_key(user: User) -> str:
    return str(user.id)


def support_from_settings(settings: Settings, tickets: Tickets, history: History, profiles: Profiles, *,
                          admin: AdminCommands | None = None) -> TelegramSupport:
    """The desk as configured: SUPPORT_CHAT_ID, SUPPORT_AGENT_IDS, SUPPORT_TIMEOUT_MINUTES."""
    timeout = timedelta(minutes=settings.support_timeout_minutes)
    desk = SupportDesk(tickets, history, profiles, enabled=settings.support_chat_id is not None, timeout=timeout,
                       agents_see_personal_data=settings.support_sees_personal_data)
    # Scan often enough that nobody waits much past the timeout, and at most once a minute.
    interval = min(60.0, max(1.0, timeout.total_seconds() / 4))
    return TelegramSupport(desk, settings.support_chat_id, settings.support_agent_ids, scan_interval=interval,
                           admin=admin)


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
        admin: AdminCommands | None = None,
    ) -> None:
        self.desk = desk
        self.chat_id = support_chat_id
        self.agent_ids = frozenset(agent_ids)
        self.scan_interval = scan_interval
        self.user_key = user_key
        self.admin = admin
        self.threads = SupportThreads(desk, support_chat_id)

    # --- wiring ----------------------------------------------------------------------------------
    def register(self, application: Application) -> None:
        """Add the support handlers (group -1), the admin commands and the timeout scan to an application."""
        if self.admin is not None:
            self.admin.register(application)  # first: /stats also works in the support group
        if self.chat_id is not None:
            group_chat = filters.Chat(chat_id=self.chat_id)
            for name in AGENT_COMMANDS:
                application.add_handler(
                    CommandHandler(name, self._agent_command, filters=group_chat), group=SUPPORT_GROUP)
            application.add_handler(
                CallbackQueryHandler(self._card_button, pattern=_is_card_action), group=SUPPORT_GROUP)
            application.add_handler(MessageHandler(group_chat, self._group_message), group=SUPPORT_GROUP)
            application.add_handler(TypeHandler(Update, self._group_other), group=SUPPORT_GROUP - 1)
        # Borrowers' messages reach the desk through `intercept` and `escalate` (the borrower handlers
        # call them); only the rating buttons are the desk's own.
        application.add_handler(
            CallbackQueryHandler(self._rate_button, pattern=_is_rating), group=SUPPORT_GROUP)
        if application.job_queue is None:
            raise RuntimeError("the support desk needs PTB's JobQueue (python-telegram-bot[job-queue])")
        application.job_queue.run_repeating(
            self._scan_timeouts, interval=self.scan_interval, first=self.scan_interval, name="support-timeouts")

    async def escalate(self, update: Update, context: ContextTypes.DEFAULT_TYPE, incoming: Incoming,
                       reply: Reply) -> None:
        """After the core's reply was sent: open a ticket when it asks for a person now (not an offer)."""
        chat, user = update.effective_chat, update.effective_user
        if not self.desk.should_open(reply) or chat is None or user is None:
            return
        # People answer in private: from a group, the ticket's replies go to the user's own chat with the bot.
        chat_id = chat.id if chat.type == chat.PRIVATE else user.id
        await self.open_ticket(context.bot, incoming.user_id, chat_id, reply.escalation.reason,
                               reply.escalation.urgent, reply.language)

    def speaks_for(self, reply: Reply) -> bool:
        """A hand-over now: `open_ticket` tells the user (ticket number, keep writing) or that no one
        can be reached; an urgent reply (a crisis) keeps its own text, which carries the hotline."""
        return self.desk.should_open(reply) and not reply.escalation.urgent

    async def intercept(self, update: Update, context: ContextTypes.DEFAULT_TYPE, incoming: Incoming) -> bool:
        """Before the core: copy a message of a user with an open ticket to its thread; True = bot stays quiet."""
        if _command_of(incoming.text) in PASS_THROUGH_COMMANDS or isinstance(incoming.action, Forget):
            if incoming.action == Forget(confirmed=True):
                await self._tell_team_user_forgotten(context.bot, incoming.user_id)
            return False  # /forget works whatever happens (forgetting closes the ticket)
        interception = await asyncio.to_thread(self.desk.intercept, incoming.user_id)
        if interception is None:
            return False
        if update.callback_query is not None or update.effective_message is None:
            # A button: its message is the bot's, so tell the team what was asked or pressed instead.
            shown = incoming.text or f"[pressed {describe(incoming.action) if incoming.action else '?'}]"
            await self.threads.post_user_text(context.bot, interception.ticket, shown, None)
        else:
            await self.threads.copy_user_message(context.bot, interception.ticket, update.effective_message)
        return not interception.bot_may_answer

    async def open_ticket(self, bot, user_id: str, chat_id: int, reason: str | None, urgent: bool,
                          language: str) -> Ticket | None:
        """Open (or point to) the user's ticket, post its card to the group and tell the user once."""
        result = await asyncio.to_thread(self.desk.escalate, user_id, reason, urgent, language, chat_id)
        if result.ticket is not None and self.chat_id is not None:
            if result.created:
                await self.threads.post_card(bot, result.ticket)
            elif result.group_note:
                await self.threads.post(bot, result.ticket, result.group_note)
        await self._send_reply(bot, chat_id, result.user_reply)
        return result.ticket

    # --- the borrower's side -------------------------------------------------------------------
    async def _rate_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        user_id = self.user_key(query.from_user)
        language = "en" if (query.from_user.language_code or "").startswith("en") else "zh"
        action = decode(query.data or "")
        reply, note = await asyncio.to_thread(self.desk.rate, user_id, action, language)
        await query.answer()
        if note is not None and query.message is not None:
            await quietly(query.edit_message_reply_markup(reply_markup=None))
        await self._send_reply(context.bot, query.message.chat.id if query.message else query.from_user.id, reply)
        if note is not None:
            ticket = await asyncio.to_thread(self.desk.tickets.get, action.ticket_id)
            if ticket is not None:
                await self.threads.post(context.bot, ticket, note)
        raise ApplicationHandlerStop

    # --- the support group ---------------------------------------------------------------------
    async def _group_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Runs first for every update: anything from the support group no support handler took stops here."""
        chat = update.effective_chat
        if chat is None or chat.id != self.chat_id:
            return
        query = update.callback_query
        if query is not None and _is_card_action(query.data):
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
        await self.threads.answer(message, text)
        raise ApplicationHandlerStop

    async def _run_command(self, context, command: str, args: list[str], message: Message) -> str:
        bot, agent = context.bot, message.from_user
        if command == "tickets":
            return await asyncio.to_thread(self.desk.open_list)
        ticket_id = _ticket_number(args) or await self.threads.ticket_of(message)
        if ticket_id is None:
            return group_text("usage_note" if command == "note" else "usage_id", command=command)
        if command == "claim":
            note = await asyncio.to_thread(self.desk.claim, ticket_id, agent.id, agent.full_name)
            await self.threads.refresh_card(bot, ticket_id)
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
        action = decode(query.data or "")
        number = action.ticket_id
        try:
            if isinstance(action, Claim):
                text = await asyncio.to_thread(self.desk.claim, number, query.from_user.id,
                                               query.from_user.full_name)
                await self.threads.refresh_card(context.bot, number)
            else:
                text = await self._close(context.bot, number, query.from_user.full_name)
        except TicketError as exc:
            await query.answer(str(exc), show_alert=True)
            raise ApplicationHandlerStop
        await query.answer(text)
        ticket = await asyncio.to_thread(self.desk.tickets.get, number)
        await self.threads.post(context.bot, ticket, text)
        raise ApplicationHandlerStop

    async def _group_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """An agent's message in a ticket's thread goes to the user; anything else stays in the group."""
        message = update.effective_message
        if message is None or message.from_user is None or message.from_user.is_bot:
            raise ApplicationHandlerStop
        ticket_id = await self.threads.ticket_of(message)
        if ticket_id is None:
            raise ApplicationHandlerStop
        if not await self._is_agent(update):
            raise ApplicationHandlerStop
        agent = message.from_user
        shown = message.text or message.caption or f"[{kind_of(message)}]"
        try:
            ticket, claimed = await asyncio.to_thread(self.desk.agent_reply, ticket_id, agent.id, agent.full_name,
                                                      shown, message.message_id)
        except TicketError as exc:
            await self.threads.answer(message, str(exc))
            raise ApplicationHandlerStop
        if ticket.chat_id is None:
            await self.threads.answer(message, group_text("delivery_failed", n=ticket_id, error="the user is gone"))
            raise ApplicationHandlerStop
        try:
            await context.bot.copy_message(ticket.chat_id, self.chat_id, message.message_id)
        except TelegramError as exc:
            await self.threads.answer(message, group_text("delivery_failed", n=ticket_id, error=exc.message))
        if claimed:
            await self.threads.refresh_card(context.bot, ticket_id)
        raise ApplicationHandlerStop

    # --- helpers -------------------------------------------------------------------------------
    async def _is_agent(self, update: Update) -> bool:
        user = update.effective_user
        if user is not None and user.id in self.agent_ids:
            return True
        if update.effective_message is not None:
            await self.threads.answer(update.effective_message, group_text("refused"))
        return False

    async def _close(self, bot, ticket_id: int, agent_name: str) -> str:
        closing = await asyncio.to_thread(self.desk.close, ticket_id, agent_name)
        if closing.ticket.chat_id is not None:
            await self._send_reply(bot, closing.ticket.chat_id, closing.user_reply)
        await self.threads.refresh_card(bot, ticket_id)
        return closing.group_note

    async def _tell_team_user_forgotten(self, bot, user_id: str) -> None:
        """The core is about to delete the user's data, which closes their ticket: say so in its thread."""
        ticket = await asyncio.to_thread(self.desk.current, user_id)
        if ticket is None or self.chat_id is None:
            return
        await self.threads.post(bot, ticket, group_text("forgotten", n=ticket.id))
        if ticket.card_message_id is not None:
            await quietly(bot.edit_message_reply_markup(self.chat_id, ticket.card_message_id, reply_markup=None))

    async def _send_reply(self, bot, chat_id: int, reply: Reply) -> None:
        markup = None
        if reply.buttons:
            markup = InlineKeyboardMarkup([[InlineKeyboardButton(b.label, callback_data=encode(b.action))
                                            for b in reply.buttons]])
        await bot.send_message(chat_id, reply.text, reply_markup=markup)

    async def _scan_timeouts(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        """JobQueue callback: tell users whose ticket nobody claimed in time (state is in the database)."""
        for timeout in await asyncio.to_thread(self.desk.due_timeouts):
            try:
                if timeout.ticket.chat_id is not None:
                    await self._send_reply(context.bot, timeout.ticket.chat_id, timeout.user_reply)
            except TelegramError as error:
                log.warning("timeout notice of ticket %s not delivered (%s); the next scan tries again",
                            timeout.ticket.id, error)
                await asyncio.to_thread(self.desk.timeout_failed, timeout)
                continue
            ticket = await asyncio.to_thread(self.desk.timeout_sent, timeout)
            if self.chat_id is not None:
                try:
                    await self.threads.post(context.bot, ticket, timeout.group_note)
                except TelegramError:
                    log.exception("could not tell the team that ticket %s timed out", ticket.id)




def _decoded(data: object):
    try:
        return decode(data) if isinstance(data, str) else None
    except ActionError:
        return None


def _is_card_action(data: object) -> bool:
    """Claim / close buttons on a ticket's card."""
    return isinstance(_decoded(data), (Claim, Close))


def _is_rating(data: object) -> bool:
    return isinstance(_decoded(data), Rate)


def _command_of(text: str) -> str | None:
    """"/forget@borrower_bot now" -> "/forget"; None for text that is not a command."""
    if not text.startswith("/"):
        return None
    return text.split(maxsplit=1)[0].split("@")[0]


def _ticket_number(args: list[str]) -> int | None:
    if args and args[0].lstrip("#").isdigit():
        return int(args[0].lstrip("#"))
    return None
