"""A local OpenAI-compatible server (aiohttp on 127.0.0.1) that records requests and plays scripted replies."""

from __future__ import annotations

import argparse
import asyncio
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import web


@dataclass
class Script:
    """What the next request gets: a reply text, an HTTP status, a delay or a broken body."""

    content: str = "ok [1]"
    status: int = 200
    delay: float = 0.0
    raw: str | None = None  # sent verbatim instead of a completion (garbled replies)
    hang: bool = False  # never answer (until the server stops)
    obey: Callable[[list[dict]], str] | None = None  # a model that follows the prompt: messages in, reply out


@dataclass
class OpenAIStandIn:
    script: Script = field(default_factory=Script)
    requests: list[dict] = field(default_factory=list)
    port: int = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    async def _completions(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append({"body": body, "headers": dict(request.headers)})
        script = self.script
        if script.hang:
            await self._stopping.wait()
            return web.Response(status=503)
        if script.delay:
            await asyncio.sleep(script.delay)
        if script.status != 200:
            return web.json_response({"error": {"message": "scripted failure", "type": "server_error"}},
                                     status=script.status)
        if script.raw is not None:
            return web.Response(text=script.raw, content_type="application/json")
        content = script.obey(body["messages"]) if script.obey else script.content
        return web.json_response({
            "id": "chatcmpl-standin", "object": "chat.completion", "created": int(time.time()),
            "model": body.get("model", "standin"),
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        })

    def start(self) -> None:
        ready = threading.Event()

        def serve() -> None:
            self._loop = asyncio.new_event_loop()
            self._stopping = asyncio.Event()
            app = web.Application()
            app.router.add_post("/v1/chat/completions", self._completions)
            self._runner = web.AppRunner(app)
            self._loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, "127.0.0.1", self.port)
            self._loop.run_until_complete(site.start())
            self.port = site._server.sockets[0].getsockname()[1]
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=serve, daemon=True)
        self._thread.start()
        ready.wait(10)

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._stopping.set)
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    def last_prompt(self) -> str:
        return "\n".join(m["content"] for m in self.requests[-1]["body"]["messages"])


def main() -> None:
    """Serve on a fixed port for manual runs: `python -m tests.support.openai_standin --hang --port 8765`."""
    parser = argparse.ArgumentParser(description="a local OpenAI-compatible stand-in server")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--hang", action="store_true", help="never answer")
    parser.add_argument("--content", default="ok [1]", help="the reply's text")
    args = parser.parse_args()
    server = OpenAIStandIn(script=Script(content=args.content, hang=args.hang), port=args.port)
    server.start()
    print(f"serving {server.base_url} ({'never answering' if args.hang else repr(args.content)})", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
