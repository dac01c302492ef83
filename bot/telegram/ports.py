"""The support desk the Telegram handlers talk to (a Telegram-shaped port: it sees Updates).

The channel-agnostic ports (`Core`, `RateLimit`, ...) live in `bot.core.ports`."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

from bot.core.messages import Incoming, Reply

if TYPE_CHECKING:
    from telegram import Update
    from telegram.ext import Application, ContextTypes


class SupportDesk(Protocol):
    """Human support inside Telegram (the escalation issue). The handlers call it; it may add its
    own handlers (support group commands, agents' replies) in `register`."""

    def register(self, application: Application) -> None:
        """Add the desk's handlers to the application (called once by `build_application`)."""

    async def intercept(self, update: Update, context: ContextTypes.DEFAULT_TYPE, incoming: Incoming) -> bool:
        """True when a ticket is open for this user: the desk took the message (copied it to the
        ticket's thread, told the user once) and the core must not answer it."""

    async def escalate(self, update: Update, context: ContextTypes.DEFAULT_TYPE, incoming: Incoming,
                       reply: Reply) -> None:
        """The core offered or asked for a person (`reply.escalation`; after the reply was sent): open a
        ticket when it asks for one now."""

    def speaks_for(self, reply: Reply) -> bool:
        """True when `escalate` itself tells the user what happens next, so the core's hand-over
        text would say it a second time (a crisis reply, with its hotline, is always sent)."""


class NoSupportDesk:
    """The desk when SUPPORT_CHAT_ID is not set: no tickets; escalation requests are logged as such
    (the core's reply has already told the user how to reach help)."""

    def register(self, application: Application) -> None:
        return None

    async def intercept(self, update: Update, context: ContextTypes.DEFAULT_TYPE, incoming: Incoming) -> bool:
        return False

    def speaks_for(self, reply: Reply) -> bool:
        return False

    async def escalate(self, update: Update, context: ContextTypes.DEFAULT_TYPE, incoming: Incoming,
                       reply: Reply) -> None:
        logging.getLogger(__name__).warning(
            "user %s asked for a person (%s) but no support desk is configured (SUPPORT_CHAT_ID)",
            incoming.user_id, reply.escalation.reason or reply.kind)
