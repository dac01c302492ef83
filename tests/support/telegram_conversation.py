"""Running the real bot against the stand-in, and the borrower conversation the end-to-end test and
`bench/telegram_transcript.py` play against `telegram_fakes.scripted_core()`: /start, a sourced
answer, 👎, the /plan wizard to its chart, /forget."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.settings import Settings
from bot.telegram.app import build_application, serve
from bot.core.ports import Core, RateLimit
from bot.telegram.ports import SupportDesk
from bot.telegram.resilience import PatientRateLimiter
from bot.telegram.webhook import WebhookServer
from tests.support.botapi_standin import BotApiStandIn, StandInChat
from tests.support.telegram import MemoryRateLimit


class RunningBot:
    """The real application: `serve()` in a background task, as `python -m bot run` runs it, polling
    the stand-in (or behind a webhook on an ephemeral port when WEBHOOK_URL is set); stopped at the end.

        async with RunningBot(settings, core, support_desk=desk) as bot: ...
    """

    def __init__(self, settings: Settings, core: Core, *, rate_limit: RateLimit | None = None,
                 support_desk: SupportDesk | None = None, **serve_kwargs: Any):
        self.core = core
        self.application = build_application(settings, core, rate_limit=rate_limit or MemoryRateLimit(),
                                             support_desk=support_desk,
                                             rate_limiter=PatientRateLimiter(backoff=0.05), typing_grace=0)
        self._settings, self._kwargs = settings, serve_kwargs
        self.webhook = None
        if settings.webhook_url:  # an ephemeral port, read back once listening
            self.webhook = WebhookServer(self.application, secret=settings.webhook_secret.get_secret_value(),
                                         url=settings.webhook_url, listen="127.0.0.1", port=0)
            self._kwargs["webhook_server"] = self.webhook
        self._stop, self._started = asyncio.Event(), asyncio.Event()

    async def __aenter__(self) -> RunningBot:
        self._task = asyncio.create_task(serve(self.application, self._settings, stop=self._stop,
                                               started=self._started, poll_timeout=1, **self._kwargs))
        done, _ = await asyncio.wait([self._task, asyncio.create_task(self._started.wait())], timeout=15,
                                     return_when=asyncio.FIRST_COMPLETED)
        if self._task in done:
            self._task.result()  # raise the start-up error
        assert self._started.is_set(), "the bot did not start"
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self._stop.set()
        await asyncio.wait_for(self._task, 15)



async def borrower_conversation(standin: BotApiStandIn, chat: StandInChat) -> None:
    """Play the conversation, each step waiting for the bot's answer before the next."""
    steps = [
        (lambda: chat.say("/start"), 1),
        (lambda: chat.say("信用卡逾期三个月会怎样？"), 2),
        (lambda: chat.press("feedback:down:100"), None),
        (lambda: chat.say("/plan"), 3),
        (lambda: chat.press("plan:kind:card"), 4),
        (lambda: chat.say("20000 18%"), 6),  # the plan text, then the chart photo
        (lambda: chat.say("/forget"), 7),
        (lambda: chat.press("forget:yes"), 8),
    ]
    for act, sent_in_all in steps:
        act()
        if sent_in_all is None:  # a vote: a notification and the vote buttons removed, no message
            await standin.wait_for(lambda s: s.calls_to("editMessageReplyMarkup", chat.id))
        else:
            await standin.wait_for_sent(chat.id, sent_in_all)
