"""Operators' HTTP routes: GET /healthz (the bot, the database, the store) and GET /metrics (Prometheus).

Webhook mode serves them on the webhook's port beside Telegram's path; polling mode has no server,
so `OperationsServer` serves them alone on METRICS_PORT.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping

from aiohttp import web

from bot.metrics import CONTENT_TYPE, Metrics

log = logging.getLogger(__name__)

CHECK_SECONDS = 3.0  # a check slower than this counts as down: a load balancer must not hang on us


class OperationsRoutes:
    """`checks` maps a part's name ("database", "store") to a function that raises when it is down."""

    def __init__(self, running: Callable[[], bool], checks: Mapping[str, Callable[[], object]] | None = None,
                 metrics: Metrics | None = None):
        self.running = running
        self.checks = dict(checks or {})
        self.metrics = metrics

    def add_to(self, app: web.Application) -> None:
        app.router.add_get("/healthz", self.health)
        if self.metrics is not None:
            app.router.add_get("/metrics", self.exposition)

    async def health(self, request: web.Request) -> web.Response:
        """200 with every part "ok", else 503 naming each part that is down and why."""
        parts = {"bot": "ok" if self.running() else "down: not running"}
        results = await asyncio.gather(*(self._check(check) for check in self.checks.values()))
        parts.update(zip(self.checks, results))
        ok = all(value == "ok" for value in parts.values())
        if not ok:
            log.warning("health check: %s", ", ".join(f"{k} {v}" for k, v in parts.items() if v != "ok"))
        return web.json_response({"ok": ok, **parts}, status=200 if ok else 503)

    async def exposition(self, request: web.Request) -> web.Response:
        body = await asyncio.to_thread(self.metrics.exposition)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})

    @staticmethod
    async def _check(check: Callable[[], object]) -> str:
        try:
            await asyncio.wait_for(asyncio.to_thread(check), CHECK_SECONDS)
        except TimeoutError:
            return f"down: no answer within {CHECK_SECONDS:g} s"
        except Exception as exc:  # whatever the driver raises, the operator reads it here
            return f"down: {type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}".rstrip(": ")
        return "ok"


class OperationsServer:
    """/healthz and /metrics on their own port (polling mode)."""

    def __init__(self, routes: OperationsRoutes, *, listen: str, port: int):
        self.routes = routes
        self.listen = listen
        self.port = port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        self.routes.add_to(app)
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.listen, self.port)
        await site.start()
        if self.port == 0:
            self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
