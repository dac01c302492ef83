"""Load test: many borrowers writing at once to the real Telegram application, over HTTP, through the
Bot API stand-in. Checks every message is answered exactly once and in order per user; prints
messages per second, p50/p95 latency (message pushed -> answer received by the stand-in) and peak memory.

    python bench/bench_load.py [--users 100] [--messages 20] [--core fake|real] [--mode closed|burst]
                               [--flood-limit 0]

--mode closed: each user waits for the answer before writing again (a person on a phone);
--mode burst: every user sends all messages at once (the worst case for per-user ordering).
--flood-limit 30 applies Telegram's own limit (30 messages a second in all, as in production); the
default 0 lifts it, so the figures measure the bot, not Telegram's cap.
--core real: the real Assistant from `bot.wiring.build_assistant` over the configured store and database
(ingest first), with the database's rate limit.
Not run in CI.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pydantic import SecretStr  # noqa: E402

from bot.settings import Settings  # noqa: E402
from bot.telegram.app import build_application, serve  # noqa: E402
from bot.telegram.resilience import PatientRateLimiter  # noqa: E402
from tests.support.botapi_standin import TOKEN, ApiCall, BotApiStandIn  # noqa: E402
from bot.core.messages import Incoming, Reply  # noqa: E402
from tests.support.telegram import FakeCore, MemoryRateLimit  # noqa: E402

_TAG = re.compile(r"\bu(\d+) m(\d+)\b")


class TaggedCore:
    """Wraps the real core: strips the bench's "u<id> m<n>" tag before the core reads the message
    and puts it at the start of the reply, so every answer can be matched to its message."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self._inner = inner

    def handle(self, incoming: Incoming) -> Reply:
        tag = _TAG.search(incoming.text)
        reply = self._inner.handle(replace(incoming, text=_TAG.sub("", incoming.text).strip()))
        if tag:
            reply.text = f"[{tag.group(0)}] {reply.text}"
        return reply


def _core_and_rate_limit(kind: str, settings: Settings):  # type: ignore[no-untyped-def]
    if kind == "fake":
        return FakeCore(), MemoryRateLimit()  # the fake echoes "echo: <text>", tag included
    try:
        from bot.wiring import build_assistant, build_database  # type: ignore[attr-defined]
    except ImportError as error:
        raise SystemExit(f"--core real needs the lead's bot.wiring (build_assistant, build_database): {error}") from None
    database = build_database(settings)
    return TaggedCore(build_assistant(settings, database=database)), database.rate_events


async def run(args: argparse.Namespace) -> int:
    async with BotApiStandIn() as standin:
        overrides = {"telegram_bot_token": SecretStr(TOKEN), "telegram_api_base_url": standin.base_url,
                     "user_rate_limit_per_minute": args.messages + 1, "webhook_url": None}
        if args.core == "fake":
            settings = Settings(_env_file=None, data_dir=Path(tempfile.mkdtemp(prefix="bench-load-")), **overrides)
        else:  # the real store and database, as configured in .env / the environment
            settings = Settings().model_copy(update=overrides)
        core, rate_limit = _core_and_rate_limit(args.core, settings)
        if isinstance(core, FakeCore):
            core.delay = args.core_delay
        application = build_application(settings, core, rate_limit=rate_limit,
                                         rate_limiter=PatientRateLimiter(overall_max_rate=args.flood_limit,
                                                                         group_max_rate=0),
                                         core_threads=args.core_threads)
        sent_at: dict[tuple[int, int], float] = {}
        answers: dict[int, list[int]] = defaultdict(list)  # user -> message numbers answered, in order
        latencies: list[float] = []
        arrived: dict[int, asyncio.Event] = defaultdict(asyncio.Event)

        def on_call(call: ApiCall) -> None:
            if call.method != "sendMessage" or not (tag := _TAG.search(call.params.get("text", ""))):
                return
            user, number = int(tag.group(1)), int(tag.group(2))
            answers[user].append(number)
            latencies.append(call.at - sent_at[(user, number)])
            arrived[user].set()

        standin.listeners.append(on_call)
        users = [standin.private_chat(100_000 + n, f"user{n}", "zh" if n % 2 else "en") for n in range(args.users)]

        async def borrower(chat) -> None:
            for number in range(args.messages):
                arrived[chat.id].clear()
                sent_at[(chat.id, number)] = time.monotonic()
                chat.say(f"u{chat.id} m{number} 我的信用卡逾期了怎么办？")
                if args.mode == "closed":
                    await arrived[chat.id].wait()

        stop, started = asyncio.Event(), asyncio.Event()
        server = asyncio.create_task(serve(application, settings, stop=stop, started=started, poll_timeout=5))
        await asyncio.wait_for(started.wait(), 30)
        total = args.users * args.messages
        began = time.monotonic()
        await asyncio.gather(*(borrower(chat) for chat in users))
        while sum(len(a) for a in answers.values()) < total and time.monotonic() - began < args.timeout:
            await asyncio.sleep(0.05)
        elapsed = time.monotonic() - began
        await asyncio.sleep(0.5)  # let any duplicate arrive before counting
        stop.set()
        await server

    expected = list(range(args.messages))
    once = all(sorted(answers[c.id]) == expected for c in users)
    ordered = all(answers[c.id] == expected for c in users)
    answered = sum(len(a) for a in answers.values())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    print(f"users {args.users} x messages {args.messages} = {total} ({args.mode}, core {args.core}"
          f"{f' taking {args.core_delay}s' if args.core_delay else ''}, {args.core_threads} core threads, "
          f"flood limit {args.flood_limit or 'off'})")
    print(f"answered {answered}/{total}; exactly once: {once}; in order per user: {ordered}")
    print(f"elapsed {elapsed:.2f} s; {answered / elapsed:.1f} messages/s")
    print(f"latency p50 {cuts[49] * 1000:.0f} ms, p95 {cuts[94] * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms")
    print(f"peak memory (RSS, bot + stand-in in one process) {peak_mb:.0f} MB; Bot API calls {len(standin.calls)}")
    return 0 if once and ordered and answered == total else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--core", choices=("fake", "real"), default="fake")
    parser.add_argument("--mode", choices=("closed", "burst"), default="closed")
    parser.add_argument("--flood-limit", type=float, default=0, help="Bot API calls per second in all; 0 = off")
    parser.add_argument("--core-delay", type=float, default=0.0,
                        help="seconds the fake core takes per message (an LLM's latency)")
    parser.add_argument("--core-threads", type=int, default=32)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    return asyncio.run(run(args))


if __name__ == "__main__":
    raise SystemExit(main())
