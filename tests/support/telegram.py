"""Hand-written fakes for the Telegram adapter's tests: a scripted core, an in-process rate limit,
and an in-memory Bot API transport that records every call and fails loudly on anything unexpected."""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

from bot.core.actions import decode, encode
from bot.core.messages import Button, Escalation, Incoming, Reply, Source
from bot.core.ports import Exchange, History

BOT_ID = 7000001
BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "Borrower Helper", "username": "borrower_test_bot",
            "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": False}

# A tiny valid PNG (1x1), enough for Telegram's multipart upload path.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


class FakeCore:
    """Records every Incoming (and, given a `history`, stores it as an exchange, as the Assistant does);
    answers from a script of (predicate, reply factory) rules, first match wins, else `default` (an
    echo). Thread-safe: the handlers call it from worker threads."""

    def __init__(self, history: History | None = None, default: Callable[[Incoming], Reply] | None = None) -> None:
        self.received: list[Incoming] = []
        self._rules: list[tuple[Callable[[Incoming], bool], Callable[[Incoming], Reply]]] = []
        self._lock = threading.Lock()
        self._turns = itertools.count(100)
        self.delay = 0.0
        self.history = history
        self.default = default or _echo

    @property
    def seen(self) -> list[str]:
        """What reached the core: texts, and pressed buttons as "[action]"."""
        return [incoming.text or f"[{encode(incoming.action)}]" for incoming in self.received]

    def on(self, predicate: Callable[[Incoming], bool], reply: Callable[[Incoming], Reply] | Reply) -> FakeCore:
        factory = reply if callable(reply) else (lambda _incoming, r=reply: r)
        self._rules.append((predicate, factory))
        return self

    def on_text(self, text: str, reply: Callable[[Incoming], Reply] | Reply) -> FakeCore:
        return self.on(lambda i: i.text == text, reply)

    def on_action(self, prefix: str, reply: Callable[[Incoming], Reply] | Reply) -> FakeCore:
        return self.on(lambda i: i.action is not None and encode(i.action).startswith(prefix), reply)

    def next_turn(self) -> int:
        return next(self._turns)

    def handle(self, incoming: Incoming) -> Reply:
        with self._lock:
            self.received.append(incoming)
        if self.history is not None:
            self.history.record(Exchange(incoming.user_id, incoming.text))
        if self.delay:
            time.sleep(self.delay)
        for predicate, factory in self._rules:
            if predicate(incoming):
                return factory(incoming)
        return self.default(incoming)


def _echo(incoming: Incoming) -> Reply:
    return Reply(text=f"echo: {incoming.text or encode(incoming.action)}", language=incoming.language or "zh",
                 kind="answer", answered=True)


def core_answer(core: FakeCore, text: str, language: str, sources: list[Source], followups: list[str]) -> Reply:
    """An answer shaped like the real Assistant's: sources named in the text, 👍 / 👎 and a person."""
    turn = core.next_turn()
    label = "来源：" if language == "zh" else "Sources: "
    names = "；".join(f"《{s.title}》" for s in sources) if language == "zh" else "; ".join(s.title for s in sources)
    human = "找人工" if language == "zh" else "Talk to a person"
    return Reply(text=f"{text}\n\n{label}{names}", language=language, kind="answer", answered=True, turn_id=turn,
                 sources=sources, followups=followups,
                 buttons=[Button("👍", decode(f"feedback:up:{turn}")), Button("👎", decode(f"feedback:down:{turn}")),
                          Button(human, decode("human"))])


def scripted_core() -> FakeCore:
    """The conversation the end-to-end tests and the transcript play: /start, a sourced answer,
    👎, the /plan wizard to its chart, /forget, and a very long answer."""
    core = FakeCore()
    core.on_text("/start", Reply(
        text="你好！我可以回答网贷、信用卡、银行贷款逾期的问题，并根据你的情况给出还款建议。\n\n"
             "隐私：我会保存你的提问和还款信息，用来回答你；发送 /forget 可以全部删除。",
        language="zh", kind="info",
        buttons=[Button("逾期后果", decode("topic:overdue:zh")), Button("征信", decode("topic:credit:zh")),
                 Button("协商还款", decode("topic:negotiate:zh")),
                 Button("制定还款计划", decode("plan:start")), Button("找人工", decode("human"))]))
    core.on_text("信用卡逾期三个月会怎样？", lambda i: core_answer(
        core, "逾期超过90天通常会被银行列为不良记录，并可能产生罚息和催收。<注意>：年化超过24%的部分可以协商。", "zh",
        [Source("credit/overdue.md", "信用卡逾期的后果"), Source("credit/negotiate.md", "如何与银行协商")],
        ["逾期记录多久能消除？", "可以申请停息挂账吗？"]))
    core.on_action("feedback:up:", Reply(text="谢谢你的反馈！", language="zh", kind="info"))
    core.on_action("feedback:down:", Reply(text="抱歉没帮上忙，我们会改进这篇回答。", language="zh", kind="info"))
    core.on(lambda i: i.text == "/plan" or i.action == decode("plan:start"), Reply(
        text="我们来做一个还款计划。第1步：你欠的是哪种贷款？", language="zh", kind="wizard",
        buttons=[Button("信用卡", decode("plan:kind:card")), Button("网贷", decode("plan:kind:online"))]))
    core.on_action("plan:kind:", Reply(text="第2步：欠款金额和年化利率是多少？例如：20000 18%", language="zh",
                                       kind="wizard"))
    core.on_text("20000 18%", lambda i: Reply(
        text="你的还款计划：每月还 1,834 元，12 个月还清，总利息 2,003 元。\n\n先还利率最高的招行信用卡。",
        language="zh", kind="plan", answered=True, chart_png=PNG, turn_id=core.next_turn(),
        buttons=[Button("重新计算", decode("plan:new"))]))
    core.on_text("/forget", Reply(text="确定要删除我保存的关于你的所有信息吗？", language="zh", kind="info",
                                  buttons=[Button("确定删除", decode("forget:yes")), Button("取消", decode("forget:no"))]))
    core.on_action("forget:yes", Reply(text="已删除你的全部数据（12 条记录）。", language="zh", kind="info"))
    core.on_text("/human", Reply(text="好的，正在为你转接人工客服。", language="zh", kind="handoff",
                                 escalation=Escalation.now("user asked")))
    core.on_text("long please", lambda i: core_answer(
        core, "\n\n".join(f"Part {n}: " + "Negotiating a repayment plan takes patience. " * 30 for n in range(8)),
        "en", [Source("en/negotiate.md", "Negotiating with lenders")], []))
    return core


class MemoryRateLimit:
    """In-process sliding window, for tests and the bench only: production counts in the database
    so that every bot process sees the same count."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._events: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def hit(self, user_id: str) -> int:
        now = self._clock()
        with self._lock:
            events = self._events[user_id]
            events.append(now)
            while events and events[0] <= now - 60:
                events.popleft()
            return len(events)


@dataclass
class RecordedCall:
    method: str
    params: dict[str, Any]
    files: dict[str, Any] = field(default_factory=dict)


class RecordingRequest(BaseRequest):
    """An in-memory Bot API: answers getMe and every sending method with a plausible result, records
    the calls, and raises on methods it does not know (so a test cannot silently hit the network)."""

    _TRUE = {"sendChatAction", "answerCallbackQuery", "setMyCommands", "deleteWebhook", "setWebhook"}

    def __init__(self) -> None:
        self.calls: list[RecordedCall] = []
        self.blocked_by: set[int] = set()  # chats whose user blocked the bot: sending there is Forbidden
        self._refused: dict[str, str] = {}  # method -> the Bad Request description it answers with
        self._ids = itertools.count(5000)

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    def refuse(self, method: str, description: str) -> None:
        """Answer every call to `method` with 400 and this description, as Telegram does."""
        self._refused[method] = description

    def to(self, method: str) -> list[RecordedCall]:
        return [c for c in self.calls if c.method == method]

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: Any = None, write_timeout: Any = None, connect_timeout: Any = None,
                         pool_timeout: Any = None) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        files = request_data.multipart_data if request_data and request_data.contains_files else {}
        self.calls.append(RecordedCall(endpoint, dict(params), dict(files)))
        if params.get("chat_id") in self.blocked_by:
            return 403, json.dumps({"ok": False, "error_code": 403,
                                    "description": "Forbidden: bot was blocked by the user"}).encode()
        if endpoint in self._refused:
            return 400, json.dumps({"ok": False, "error_code": 400, "description": self._refused[endpoint]}).encode()
        if endpoint == "getMe":
            result: Any = BOT_USER
        elif endpoint in self._TRUE:
            result = True
        elif endpoint in {"sendMessage", "sendPhoto", "editMessageReplyMarkup", "editMessageText"}:
            chat_id = int(params["chat_id"])
            result = {"message_id": params.get("message_id") or next(self._ids), "date": int(time.time()),
                      "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
                      "from": BOT_USER, "text": params.get("text", "")}
            if endpoint == "sendPhoto":
                result["photo"] = [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]
            if "reply_markup" in params:
                result["reply_markup"] = params["reply_markup"]
        else:
            raise AssertionError(f"unexpected Bot API call {endpoint} {params}")
        return 200, json.dumps({"ok": True, "result": result}).encode()
