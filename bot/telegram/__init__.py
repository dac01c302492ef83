"""The Telegram channel: python-telegram-bot over the channel-agnostic core."""

from bot.telegram.app import TelegramConfigError, build_application, run_telegram
from bot.core.ports import Core, RateLimit
from bot.telegram.ports import NoSupportDesk, SupportDesk

__all__ = ["Core", "NoSupportDesk", "RateLimit", "SupportDesk", "TelegramConfigError", "build_application",
           "run_telegram"]
