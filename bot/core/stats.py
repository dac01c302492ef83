"""`/stats` for admins: the numbers the storage reads, said plainly."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.core.ports import Stats, StatsReader


def stats_report(reader: StatsReader, days: int, now: datetime) -> str:
    """The report of the last `days` days."""
    return format_stats(reader.stats(now - timedelta(days=days)), days)


def format_stats(stats: Stats, days: int) -> str:
    if stats.median_first_reply_seconds is None:
        wait = "no agent replies yet"
    else:
        wait = _duration(stats.median_first_reply_seconds)
    return "\n".join([
        f"📊 Last {days} days",
        f"Messages: {stats.messages}",
        f"Answered: {stats.answered} ({stats.share_answered:.0%})",
        f"Declined: {stats.declined}",
        f"Feedback: 👍 {stats.thumbs_up} / 👎 {stats.thumbs_down}",
        f"Tickets: {stats.tickets_open} open, {stats.tickets_closed} closed",
        f"Median time to first agent reply: {wait}",
    ])


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds} s"
    return f"{minutes // 60} h {minutes % 60} min"
