"""The one clock tests move by hand."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone


class MovableClock:
    """`clock()` is now (aware UTC); `clock.advance(minutes=31)` moves it."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)
