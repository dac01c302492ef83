"""Operators' numbers in Prometheus' format: what the bot answered, how fast, what failed.

Every metric is named `borrower_*` and lives in the process's own registry (not the library's global
one), so a test or a second bot in one process gets clean counts. Wrappers count at the ports, so
the core and the Telegram handlers stay unaware of metrics: `MeteredCore` (replies by kind, answer
latency), `MeteredWriter` (LLM fallbacks by reason), `MeteredRateLimit` (refusals). Ticket numbers
are read from the database when Prometheus scrapes, so every process reports the shared truth.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, disable_created_metrics, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from bot.core.drafting import AnswerUnavailable
from bot.core.messages import Incoming, Reply
from bot.core.ports import Core, RateLimit, Tickets

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
ANSWER_KINDS = ("answer", "decline")
# Seconds; an offline answer takes ~0.1-0.5 s, one written by an LLM 2-20 s (OPENAI_TIMEOUT).
LATENCY_BUCKETS = (0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60)
_EXCEPTION = re.compile(r"^([A-Za-z]*(?:Error|Exception|Timeout)[A-Za-z]*):")
_REASONS = (("timed out", "timeout"), ("deadline", "timeout"), ("timeout", "timeout"), ("empty", "empty_reply"),
            ("garbled", "wrong_language"), ("figures", "ungrounded_figures"), ("promised", "promised_outcome"),
            ("no passages", "no_passages"))


class Metrics:
    """The process's metrics; `exposition()` is the body of GET /metrics."""

    def __init__(self) -> None:
        disable_created_metrics()  # the *_created series double every line and no alert reads them
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.messages = Counter("borrower_messages", "Replies the bot gave, by kind "
                                "(answer, decline, plan, wizard, crisis, handoff, info, error).", ["kind"], registry=r)
        self.answer_seconds = Histogram("borrower_answer_seconds", "Seconds from a question to its answer or decline.",
                                        buckets=LATENCY_BUCKETS, registry=r)
        self.llm_fallbacks = Counter("borrower_llm_fallbacks", "LLM calls that failed and fell back to the offline "
                                     "writer (or the keyword rewriter), by reason.", ["reason"], registry=r)
        self.rate_limited = Counter("borrower_rate_limit_refusals", "Messages refused because a user sent more "
                                    "than USER_RATE_LIMIT_PER_MINUTE.", registry=r)
        self.ingest_runs = Counter("borrower_ingest_runs", "Ingest runs in this process (editors' uploads, "
                                   "/retire, /reindex).", ["trigger"], registry=r)
        self.ingest_rejected = Counter("borrower_ingest_rejected_files", "Files refused by those runs.", registry=r)
        for kind in ("answer", "decline", "plan", "crisis", "handoff"):
            self.messages.labels(kind)  # present at 0 from the start, so rate() and alerts work at once

    def watch_tickets(self, tickets: Tickets, now: Callable[[], datetime] | None = None) -> None:
        """Report open tickets and the oldest waiting one's age at every scrape."""
        self.registry.register(_TicketCollector(tickets, now or (lambda: datetime.now(timezone.utc))))

    def record_ingest(self, report: Any, trigger: str) -> None:
        self.ingest_runs.labels(trigger).inc()
        self.ingest_rejected.inc(len(report.rejected))

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


class _TicketCollector(Collector):
    def __init__(self, tickets: Tickets, now: Callable[[], datetime]):
        self.tickets = tickets
        self.now = now

    def describe(self) -> list:
        return []  # collected at scrape time only: describing must not query the database

    def collect(self):
        open_tickets = self.tickets.list_open()
        by_status = GaugeMetricFamily("borrower_open_tickets", "Tickets not closed, by status (waiting, active).",
                                      labels=["status"])
        for status in ("waiting", "active"):
            by_status.add_metric([status], sum(1 for t in open_tickets if t.status == status))
        yield by_status
        waiting = [t.created_at for t in open_tickets if t.status == "waiting"]
        age = (self.now() - min(waiting)).total_seconds() if waiting else 0.0
        yield GaugeMetricFamily("borrower_oldest_waiting_ticket_seconds",
                                "Age of the oldest ticket no agent has claimed (0: none waiting).", value=age)


def fallback_reason(message: str) -> str:
    """A short, bounded label for why the LLM failed: the exception's name or the kind of bad reply."""
    found = _EXCEPTION.match(message)
    if found:
        return found.group(1)
    lowered = message.lower()
    return next((label for word, label in _REASONS if word in lowered), "other")


class MeteredCore:
    """The core, counted: every reply by kind, and how long questions took."""

    def __init__(self, core: Core, metrics: Metrics, clock: Callable[[], float] = time.perf_counter):
        self.core = core
        self.metrics = metrics
        self.clock = clock

    def handle(self, incoming: Incoming) -> Reply:
        started = self.clock()
        reply = self.core.handle(incoming)
        self.metrics.messages.labels(reply.kind).inc()
        if reply.kind in ANSWER_KINDS:
            self.metrics.answer_seconds.observe(self.clock() - started)
        return reply

    def __getattr__(self, name: str) -> Any:  # language_for, preview, ...: the core's own
        return getattr(self.core, name)


class MeteredWriter:
    """An LLM writer/rewriter whose failures (the assistant falls back on) are counted by reason."""

    def __init__(self, writer: Any, metrics: Metrics):
        self.writer = writer
        self.metrics = metrics

    def write(self, question: str, passages: list, language: str) -> Any:
        return self._counted(self.writer.write, question, passages, language)

    def rewrite(self, question: str, previous: list[str], language: str) -> str:
        return self._counted(self.writer.rewrite, question, previous, language)

    def _counted(self, call: Callable[..., Any], *args: Any) -> Any:
        try:
            return call(*args)
        except AnswerUnavailable as exc:
            if type(exc) is AnswerUnavailable:  # NoGroundedAnswer and kin are declines, not fallbacks
                self.metrics.llm_fallbacks.labels(fallback_reason(str(getattr(exc, "reason", exc)))).inc()
            raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self.writer, name)


class MeteredRateLimit:
    """Counts the messages the handlers refuse: a hit whose count is past `per_minute`."""

    def __init__(self, rate_limit: RateLimit, metrics: Metrics, per_minute: int):
        self.rate_limit = rate_limit
        self.metrics = metrics
        self.per_minute = per_minute

    def hit(self, user_id: str) -> int:
        count = self.rate_limit.hit(user_id)
        if count > self.per_minute:
            self.metrics.rate_limited.inc()
        return count
