"""Two scanners, as two bot processes would run them (each its own engine, its own thread, its own
event loop), on one PostgreSQL database with 1,000 users due at the same minute: every reminder is
sent exactly once, and none lands in its user's quiet hours."""

from __future__ import annotations

import asyncio
import threading
from datetime import date, datetime, time, timezone
from typing import Any

import pytest
from sqlalchemy import insert

from bot.core.reminder_schedule import is_quiet
from bot.core.reminders import Reminders
from bot.storage import Database
from bot.storage.models import ReminderPlanRow, ReminderRow
from bot.telegram.reminders import ReminderSender
from tests.test_reminders import PROFILE

pytestmark = pytest.mark.postgres

USERS = 1000
DUE_AT = datetime(2026, 3, 12, 2, 0, tzinfo=timezone.utc)  # 10:00 in Shanghai, 02:00 in London
ZONES = ("Asia/Shanghai", "Europe/London")


class RecordingBot:
    """Stands in for PTB's Bot in `send_parts`: records each message with the scanner's clock."""

    def __init__(self, name: str, clock: Any) -> None:
        self.name = name
        self.clock = clock
        self.sent: list[tuple[int, str, datetime]] = []

    async def send_message(self, chat_id: int, text: str, **kwargs: Any) -> None:
        self.sent.append((chat_id, text, self.clock()))
        await asyncio.sleep(0)  # let the other scanner's thread in, as a network call would


def _users(database: Database) -> None:
    """1,000 opted-in users, half in Shanghai, half in London, each with a reminder due at DUE_AT."""
    now = DUE_AT.replace(day=1)
    plans, rows = [], []
    for n in range(USERS):
        user = str(10_000 + n)
        plans.append({"user_id": user, "chat_id": int(user), "language": "zh", "timezone": ZONES[n % 2],
                      "days_before": 3, "quiet_start": "21:00", "quiet_end": "09:00",
                      "loans": [{"name": "招行信用卡", "due_day": 15}], "profile": PROFILE, "status": "active",
                      "started_on": date(2026, 3, 1), "created_at": now, "updated_at": now})
        rows.append({"user_id": user, "chat_id": int(user), "loan": "招行信用卡", "month": 1,
                     "due_date": date(2026, 3, 15), "send_at": DUE_AT, "kind": "reminder", "status": "due",
                     "attempts": 0, "created_at": now})
    with database.sessions.begin() as session:
        session.execute(insert(ReminderPlanRow), plans)
        session.execute(insert(ReminderRow), rows)


def _scan_in_two_threads(postgres_url: str, clock: Any) -> list[RecordingBot]:
    bots = [RecordingBot(name, clock) for name in ("A", "B")]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def process(bot: RecordingBot) -> None:
        with Database.from_url(postgres_url, clock=clock) as database:  # its own engine and pool
            reminders = Reminders(database.reminders, database.profiles, database.wizards, clock=clock, batch=50)
            sender = ReminderSender(reminders.delivery)
            start.wait()
            try:
                asyncio.run(sender.send_due(bot))  # type: ignore[arg-type]
            except BaseException as error:  # reported below, in the test's thread
                errors.append(error)

    threads = [threading.Thread(target=process, args=(bot,)) for bot in bots]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    return bots


def test_a_thousand_users_due_at_once_are_each_reminded_once_outside_quiet_hours(postgres_url, clock):
    with Database.from_url(postgres_url) as database:
        database.upgrade()
        _users(database)
    zones = {10_000 + n: ZONES[n % 2] for n in range(USERS)}

    clock.now = DUE_AT
    morning = _scan_in_two_threads(postgres_url, clock)
    first = [chat for bot in morning for chat, _, _ in bot.sent]
    assert sorted(first) == sorted(chat for chat, zone in zones.items() if zone == "Asia/Shanghai"), \
        "Shanghai users (10:00) are reminded once each; London users (02:00) wait"
    assert all(len(bot.sent) > 0 for bot in morning), "both scanners took a share"

    clock.now = datetime(2026, 3, 12, 9, 0, tzinfo=timezone.utc)  # 09:00 in London: quiet hours over
    later = _scan_in_two_threads(postgres_url, clock)
    second = [chat for bot in later for chat, _, _ in bot.sent]
    assert sorted(second) == sorted(chat for chat, zone in zones.items() if zone == "Europe/London")

    everything = [(chat, text, at) for bot in morning + later for chat, text, at in bot.sent]
    assert len(everything) == USERS == len({chat for chat, _, _ in everything}), "each reminder exactly once"
    assert not [chat for chat, _, at in everything if is_quiet(at, zones[chat], time(21), time(9))]
    assert all("这个月（第 1 个月）应还 ¥6,000.00" in text for _, text, _ in everything)
    with Database.from_url(postgres_url) as database, database.sessions() as session:
        statuses = {row.status for row in session.query(ReminderRow)}
    assert statuses == {"sent"}
    print(f"\nscanner A sent {len(morning[0].sent)} + {len(later[0].sent)}, "
          f"scanner B sent {len(morning[1].sent)} + {len(later[1].sent)}: {len(everything)} reminders to {USERS} users")
