"""The Telegram application, built in one place, and the blocking entry point `python -m bot run` calls."""

from __future__ import annotations

import asyncio
import functools
import logging
import signal

from telegram import BotCommand, Update
from telegram.ext import Application, BaseRateLimiter
from telegram.request import BaseRequest

from bot.settings import Settings
from bot.telegram import texts
from bot.telegram.handlers import BorrowerHandlers
from bot.telegram.ordering import PerUserUpdateProcessor
from bot.core.ports import Core, RateLimit
from bot.telegram.ports import NoSupportDesk, SupportDesk
from bot.telegram.resilience import PatientRateLimiter
from bot.telegram.operations import OperationsRoutes, OperationsServer
from bot.telegram.webhook import WebhookServer

log = logging.getLogger(__name__)

ALLOWED_UPDATES = Update.ALL_TYPES


class TelegramConfigError(Exception):
    """The settings cannot start the Telegram bot; the message names the setting to fix."""


def build_application(settings: Settings, core: Core, *, rate_limit: RateLimit,
                      support_desk: SupportDesk | None = None, request: BaseRequest | None = None,
                      get_updates_request: BaseRequest | None = None,
                      rate_limiter: BaseRateLimiter | None = None,
                      max_concurrent_updates: int = 256, typing_grace: float = 0.3,
                      core_threads: int = 32) -> Application:
    """The bot's Application: the core behind thin handlers, per-user ordering, flood control.

    `request`/`get_updates_request` replace PTB's HTTPX transport (tests use an in-memory one);
    `rate_limiter` replaces the PatientRateLimiter (the load bench lifts Telegram's limits);
    `typing_grace`: seconds the core may take before "typing…" is shown (0: always, at once);
    `core_threads`: how many messages the core may work on at once.
    """
    if settings.telegram_bot_token is None:
        raise TelegramConfigError("TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather")
    desk = support_desk or NoSupportDesk()
    handlers = BorrowerHandlers(core, rate_limit, desk,
                                per_minute=settings.user_rate_limit_per_minute,
                                default_language=settings.default_language, support_chat_id=settings.support_chat_id,
                                typing_grace=typing_grace, core_threads=core_threads)
    builder = (Application.builder()
               .token(settings.telegram_bot_token.get_secret_value())
               .rate_limiter(rate_limiter or PatientRateLimiter())
               .concurrent_updates(PerUserUpdateProcessor(max_concurrent_updates))
               .post_init(functools.partial(register_commands, default_language=settings.default_language))
               .post_shutdown(handlers.close))
    if settings.telegram_api_base_url:
        base_url = settings.telegram_api_base_url.rstrip("/")
        builder = builder.base_url(base_url).base_file_url(_file_url(base_url))
    if request is not None:
        builder = builder.request(request)
    if get_updates_request is not None:
        builder = builder.get_updates_request(get_updates_request)
    application = builder.build()
    desk.register(application)  # first, so the desk's handlers see its updates before ours
    handlers.register(application)
    return application


def _file_url(base_url: str) -> str:
    """A self-hosted Bot API server serves files under /file/bot<token> beside /bot<token>."""
    if base_url.endswith("/bot"):
        return base_url[: -len("/bot")] + "/file/bot"
    return base_url + "/file/bot"


async def register_commands(application: Application, default_language: str = "zh") -> None:
    """Publish the command menu in Chinese and English, and in DEFAULT_LANGUAGE for everyone else."""
    for language_code, column in (("zh", 1), ("en", 2), (None, 1 if default_language == "zh" else 2)):
        commands = [BotCommand(row[0], row[column]) for row in texts.COMMANDS]
        await application.bot.set_my_commands(commands, language_code=language_code)


def run_telegram(settings: Settings, core: Core, *, rate_limit: RateLimit,
                 support_desk: SupportDesk | None = None) -> int:
    """Serve the bot until SIGINT/SIGTERM: long polling, or a webhook when WEBHOOK_URL is set."""
    application = build_application(settings, core, rate_limit=rate_limit, support_desk=support_desk)
    asyncio.run(serve(application, settings))
    return 0


async def serve(application: Application, settings: Settings, *, stop: asyncio.Event | None = None,
                started: asyncio.Event | None = None, webhook_server: WebhookServer | None = None,
                poll_timeout: int = 10, operations: OperationsRoutes | None = None) -> None:
    """Run the application until `stop` is set (by default: on SIGINT/SIGTERM).

    One coroutine for both modes (rather than PTB's run_polling/run_webhook) so tests, the load
    bench and production run exactly the same start-up: commands published, then updates flow.
    `operations`: /healthz and /metrics, on the webhook's port or, when polling, on METRICS_PORT.
    """
    server = None
    ops_server = None
    if settings.webhook_url:
        if not settings.webhook_secret:
            raise TelegramConfigError("WEBHOOK_SECRET is not set: webhook mode needs it to refuse forged updates")
        secret = settings.webhook_secret.get_secret_value()
        server = webhook_server or WebhookServer(application, secret=secret, url=settings.webhook_url,
                                                 listen=settings.webhook_listen, port=settings.webhook_port,
                                                 operations=operations)
    elif settings.metrics_port is not None and operations is not None:
        ops_server = OperationsServer(operations, listen=settings.webhook_listen, port=settings.metrics_port)
    stop = stop or _stop_on_signals()
    async with application:  # initialize ... shutdown
        if application.post_init is not None:
            await application.post_init(application)
        if server is not None:
            await application.bot.set_webhook(settings.webhook_url or "", secret_token=secret,
                                              allowed_updates=ALLOWED_UPDATES)
            await server.start()
            log.info("Telegram webhook listening on %s:%d%s", settings.webhook_listen, server.port, server.path)
        else:
            await application.updater.start_polling(timeout=poll_timeout, allowed_updates=ALLOWED_UPDATES)
            log.info("Telegram bot polling %s", settings.telegram_api_base_url or "api.telegram.org")
            if ops_server is not None:
                await ops_server.start()
                log.info("/healthz and /metrics on %s:%d", settings.webhook_listen, ops_server.port)
        await application.start()
        if started is not None:
            started.set()
        try:
            await stop.wait()
        finally:
            if ops_server is not None:
                await ops_server.stop()
            if server is not None:
                await server.stop()
            elif application.updater.running:
                await application.updater.stop()
            await application.stop()
    if application.post_shutdown is not None:
        await application.post_shutdown(application)


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    return stop
