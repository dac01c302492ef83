"""Stale content: the boundaries of STALE_AFTER_DAYS and valid_until."""

from __future__ import annotations

from datetime import date

import pytest

from bot.library.staleness import stale_reason

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("updated", "valid_until", "expected"),
    [
        (None, None, None),
        (date(2025, 12, 1), None, None),  # exactly 365 days: still fresh
        (date(2025, 11, 30), None, "updated 2025-11-30 (366 days ago, limit 365)"),
        (date(2026, 11, 1), date(2026, 12, 1), None),  # valid through its last day
        (date(2026, 11, 1), date(2026, 11, 30), "valid_until 2026-11-30 has passed"),
        (date(2020, 1, 1), date(2026, 11, 30), "valid_until 2026-11-30 has passed; updated 2020-01-01 (2526 days ago, limit 365)"),
    ],
)
def test_stale_reason(updated, valid_until, expected):
    assert stale_reason(updated, valid_until, TODAY, 365) == expected
