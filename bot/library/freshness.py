"""Stale content: an article not reviewed for too long, or one whose rule has expired."""

from __future__ import annotations

from datetime import date

DEFAULT_STALE_AFTER_DAYS = 365


def stale_reason(updated: date | None, valid_until: date | None, *, today: date, after_days: int) -> str | None:
    """Why an article needs review, or None while it is fresh; an article without dates is never stale."""
    if valid_until is not None and valid_until < today:
        return f"valid_until {valid_until.isoformat()} has passed"
    if updated is not None and (today - updated).days > after_days:
        return f"updated {updated.isoformat()}, {(today - updated).days} days ago (more than {after_days})"
    return None
