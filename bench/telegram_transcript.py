"""Write docs/telegram-transcript.txt: the scripted borrower conversation, played over HTTP between
the real Telegram application and the Bot API stand-in (what the user sent, what the bot sent back).

    python bench/telegram_transcript.py [--out docs/telegram-transcript.txt]

The end-to-end test (tests/test_telegram_app.py) plays the same conversation and compares.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pydantic import SecretStr  # noqa: E402

from bot.settings import Settings  # noqa: E402
from bot.telegram.app import build_application, serve  # noqa: E402
from tests.support.botapi_standin import TOKEN, BotApiStandIn  # noqa: E402
from tests.support.telegram_conversation import borrower_conversation  # noqa: E402
from tests.support.telegram import MemoryRateLimit, scripted_core  # noqa: E402


async def record() -> str:
    async with BotApiStandIn() as standin:
        settings = Settings(_env_file=None, data_dir=Path(tempfile.mkdtemp(prefix="transcript-")),
                            telegram_bot_token=SecretStr(TOKEN), telegram_api_base_url=standin.base_url)
        application = build_application(settings, scripted_core(), rate_limit=MemoryRateLimit(), typing_grace=0)
        stop, started = asyncio.Event(), asyncio.Event()
        server = asyncio.create_task(serve(application, settings, stop=stop, started=started, poll_timeout=1))
        await asyncio.wait_for(started.wait(), 30)
        chat = standin.private_chat(501, "Lin", "zh")
        await borrower_conversation(standin, chat)
        stop.set()
        await server
        return standin.transcript(chat.id)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "telegram-transcript.txt")
    args = parser.parse_args()
    transcript = asyncio.run(record())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(transcript + "\n", encoding="utf-8")
    print(transcript)
    print(f"\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
