"""Stale articles: content an editor should check because its date says it may no longer be true.

An article is stale when its `updated:` is more than STALE_AFTER_DAYS old, or when the rule it
states has an expiry (`valid_until:`) that has passed. An article without `updated:` is not judged
by age (nothing says how old it is); `python ingest.py` already asks editors to date their articles.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from bot.library.articles import Article

DEFAULT_STALE_AFTER_DAYS = 365


@dataclass(frozen=True)
class StaleArticle:
    id: str
    title: str
    reason: str  # in words an editor reads: "updated 2024-01-05 (697 days ago)"
    updated: date | None = None
    valid_until: date | None = None


def stale_reason(updated: date | None, valid_until: date | None, today: date, days: int) -> str | None:
    """Why an article dated so is stale on `today`, or None when it is not."""
    reasons = []
    if valid_until is not None and valid_until < today:
        reasons.append(f"valid_until {valid_until.isoformat()} has passed")
    if updated is not None and updated < today - timedelta(days=days):
        reasons.append(f"updated {updated.isoformat()} ({(today - updated).days} days ago, limit {days})")
    return "; ".join(reasons) or None


def stale_articles(articles: Iterable[Article], today: date, days: int) -> list[StaleArticle]:
    """The stale ones among `articles`, expired rules first, then the oldest first."""
    stale = []
    for article in articles:
        reason = stale_reason(article.updated, article.valid_until, today, days)
        if reason:
            stale.append(StaleArticle(article.id, article.title, reason, article.updated, article.valid_until))
    expired_first = lambda s: (s.valid_until is None or s.valid_until >= today, s.updated or today, s.id)  # noqa: E731
    return sorted(stale, key=expired_first)


def describe_stale(stale: list[StaleArticle]) -> list[str]:
    """One line per stale article, for ingest.py, the weekly digest and /try."""
    return [f"{s.id} ({s.title}): {s.reason}" for s in stale]
