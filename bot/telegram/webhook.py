"""The webhook's HTTP server: checks Telegram's secret on every request, answers /healthz.

Why our own (aiohttp) server and not `Application.run_webhook`: PTB 22's tornado server routes one
path to its own handler and has no public way to add another route, and a load balancer needs
`/healthz`. PTB documents this pattern (examples/customwebhookbot): a server of your choice puts
`Update`s on `application.update_queue`, and the Application processes them as usual.
"""

from __future__ import annotations

import hmac
import json
import logging
from urllib.parse import urlparse

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.telegram.operations import OperationsRoutes

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookServer:
    """POST <path of WEBHOOK_URL>: an update from Telegram; GET /healthz: 200 while the bot and what it
    depends on run; GET /metrics when `operations` has metrics."""

    def __init__(self, application: Application, *, secret: str, url: str, listen: str, port: int,
                 operations: OperationsRoutes | None = None):
        self._application = application
        self._operations = operations or OperationsRoutes(lambda: application.running)
        self._secret = secret.encode("utf-8")
        self.path = urlparse(url).path or "/"
        self._listen = listen
        self.port = port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application(client_max_size=1024 * 1024)
        app.router.add_post(self.path, self._update)
        self._operations.add_to(app)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._listen, self.port)
        await site.start()
        if self.port == 0:  # an ephemeral port (tests): report the one the system chose
            self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _update(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8")
        if not hmac.compare_digest(given, self._secret):
            log.warning("webhook request from %s refused: wrong or missing secret token", request.remote)
            return web.json_response({"ok": False, "description": "wrong secret token"}, status=403)
        try:
            update = Update.de_json(json.loads(await request.read()), self._application.bot)
        except (ValueError, TypeError, KeyError) as error:
            log.warning("webhook request refused: not an update (%s)", error)
            return web.json_response({"ok": False, "description": "not a Telegram update"}, status=400)
        await self._application.update_queue.put(update)
        return web.json_response({"ok": True})
