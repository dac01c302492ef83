"""Operators' numbers: replies by kind, latency, LLM fallbacks, rate-limit refusals, tickets, ingests;
served at /metrics with /healthz naming the part that is down."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import aiohttp
import pytest
from pydantic import SecretStr

from bot.core.drafting import AnswerUnavailable, NoGroundedAnswer
from bot.core.messages import Incoming, Reply
from bot.metrics import Metrics, MeteredCore, MeteredRateLimit, MeteredWriter, fallback_reason
from bot.telegram.operations import OperationsRoutes
from tests.support.botapi_standin import TOKEN, BotApiStandIn
from tests.conftest import free_port
from tests.support.telegram_conversation import RunningBot
from tests.support.telegram import MemoryRateLimit, scripted_core

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


@dataclass
class T:
    status: str
    created_at: datetime


class Tickets:
    def list_open(self):
        return [T("waiting", NOW - timedelta(minutes=7)), T("waiting", NOW - timedelta(minutes=2)),
                T("active", NOW - timedelta(hours=1))]


def _lines(metrics: Metrics) -> list[str]:
    return [line for line in metrics.exposition().decode().splitlines() if line.startswith("borrower_")]


class Core:
    def __init__(self, kinds):
        self.kinds = list(kinds)

    def handle(self, incoming: Incoming) -> Reply:
        return Reply("x", kind=self.kinds.pop(0))


def test_replies_are_counted_by_kind_and_questions_timed():
    metrics, ticks = Metrics(), iter([0.0, 0.3, 1.0, 4.5, 5.0, 5.0])
    core = MeteredCore(Core(["answer", "decline", "plan"]), metrics, clock=lambda: next(ticks))
    for _ in range(3):
        core.handle(Incoming("1", "q"))
    lines = _lines(metrics)
    assert 'borrower_messages_total{kind="answer"} 1.0' in lines
    assert 'borrower_messages_total{kind="decline"} 1.0' in lines
    assert 'borrower_messages_total{kind="crisis"} 0.0' in lines, "every kind is there from the start"
    assert "borrower_answer_seconds_count 2.0" in lines, "plan steps are not answers"
    assert 'borrower_answer_seconds_bucket{le="0.5"} 1.0' in lines
    assert 'borrower_answer_seconds_bucket{le="4.0"} 2.0' in lines


@pytest.mark.parametrize("reason, label", [
    ("APITimeoutError: Request timed out.", "APITimeoutError"),
    ("empty reply", "empty_reply"),
    ("garbled reply (not zh): 'abc'", "wrong_language"),
    ("figures not in the passages: ['24%']", "ungrounded_figures"),
    ("the LLM deadline of 20 s passed", "timeout"),
    ("something new", "other"),
])
def test_fallback_reasons_are_short_bounded_labels(reason, label):
    assert fallback_reason(reason) == label


def test_llm_fallbacks_are_counted_but_grounded_declines_are_not():
    class Writer:
        def __init__(self):
            self.errors = [AnswerUnavailable("RateLimitError: 429"), NoGroundedAnswer("not in the passages")]

        def write(self, question, passages, language):
            raise self.errors.pop(0)

    metrics = Metrics()
    writer = MeteredWriter(Writer(), metrics)
    for error in (AnswerUnavailable, NoGroundedAnswer):
        with pytest.raises(error):
            writer.write("q", [], "zh")
    assert [l for l in _lines(metrics) if l.startswith("borrower_llm_fallbacks_total")] == [
        'borrower_llm_fallbacks_total{reason="RateLimitError"} 1.0']


def test_tickets_rate_limit_and_ingests():
    metrics = Metrics()
    metrics.watch_tickets(Tickets(), now=lambda: NOW)
    limited = MeteredRateLimit(MemoryRateLimit(), metrics, per_minute=2)
    counts = [limited.hit("5") for _ in range(4)]

    class Report:
        rejected = ["a.md", "b.md"]

    metrics.record_ingest(Report(), "upload")
    lines = _lines(metrics)
    assert counts == [1, 2, 3, 4] and "borrower_rate_limit_refusals_total 2.0" in lines
    assert 'borrower_open_tickets{status="waiting"} 2.0' in lines
    assert 'borrower_open_tickets{status="active"} 1.0' in lines
    assert "borrower_oldest_waiting_ticket_seconds 420.0" in lines
    assert 'borrower_ingest_runs_total{trigger="upload"} 1.0' in lines
    assert "borrower_ingest_rejected_files_total 2.0" in lines


@pytest.fixture
async def standin():
    async with BotApiStandIn() as server:
        yield server


async def test_polling_mode_serves_metrics_and_health_on_metrics_port(standin, settings):
    port = free_port()
    settings = settings.model_copy(update={"telegram_bot_token": SecretStr(TOKEN), "metrics_port": port,
                                           "telegram_api_base_url": standin.base_url, "webhook_listen": "127.0.0.1"})
    metrics = Metrics()

    def store_down():
        raise ConnectionError("Could not connect to a Chroma server at 127.0.0.1:8000")

    routes = OperationsRoutes(lambda: True, {"database": lambda: None, "store": store_down}, metrics)
    chat = standin.private_chat(501, "Lin", "zh")
    async with RunningBot(settings, MeteredCore(scripted_core(), metrics), operations=routes), \
            aiohttp.ClientSession() as http:
        chat.say("/start")
        await standin.wait_for_sent(chat.id, 1)
        chat.say("信用卡逾期三个月会怎样？")
        await standin.wait_for_sent(chat.id, 2)
        scraped = await (await http.get(f"http://127.0.0.1:{port}/metrics")).text()
        health = await http.get(f"http://127.0.0.1:{port}/healthz")
        assert health.status == 503
        assert await health.json() == {"ok": False, "bot": "ok", "database": "ok",
                                       "store": "down: ConnectionError: Could not connect to a Chroma server "
                                                "at 127.0.0.1:8000"}
    assert 'borrower_messages_total{kind="answer"} 1.0' in scraped
    assert 'borrower_messages_total{kind="info"} 1.0' in scraped
    assert "borrower_answer_seconds_count 1.0" in scraped
