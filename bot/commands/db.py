"""`python -m bot db upgrade|status|purge`: look after the database (the bot also upgrades at start)."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.engine import make_url

from bot.settings import Settings
from bot.storage import StorageError, current_revision, head_revision, revisions
from bot.wiring import build_database


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("db", help="migrate the database, show its revision, purge old history")
    actions = parser.add_subparsers(dest="db_action", required=True, metavar="ACTION")
    actions.add_parser("upgrade", help="bring the database to the newest schema (safe to repeat)")
    actions.add_parser("status", help="show the database's schema revision and the packaged ones")
    purge = actions.add_parser("purge", help="delete history older than RETENTION_DAYS (or --days)")
    purge.add_argument("--days", type=_positive, default=None, help="retention period in days")
    parser.set_defaults(func=run)


def _positive(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--days takes a whole number of days, not {value!r}") from None
    if days < 1:
        raise argparse.ArgumentTypeError(f"--days must be at least 1, not {days}")
    return days


def run(args: argparse.Namespace, settings: Settings) -> int:
    url = settings.resolved_database_url
    where = make_url(url).render_as_string(hide_password=True)
    try:
        if args.db_action == "status":
            current = current_revision(url) if settings.database_url or settings.sqlite_path.exists() else None
            print(f"database: {where}")
            print(f"revision: {current or 'none (empty database)'}; newest: {head_revision()}")
            for line in revisions():
                print(f"  {line}")
            return 0 if current == head_revision() else 1
        with build_database(settings) as db:
            revision = head_revision()
            if args.db_action == "upgrade":
                print(f"database {where} is at revision {revision}")
                return 0
            days = args.days or settings.retention_days
            purged = db.purge_history(days)
            print(
                f"purged history older than {days} days: {purged.exchanges} exchanges, "
                f"{purged.ticket_messages} ticket messages blanked, {purged.rate_events} rate-limit events"
            )
            return 0
    except StorageError as exc:
        print(f"database error: {exc}", file=sys.stderr)
        return 2
