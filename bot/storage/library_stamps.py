"""`LibraryStamps`: counters in the database that tell every bot process what another one changed.

`library` is bumped by whichever process ingested articles; the others compare it with the value
they last refreshed at. `digest` holds the last week whose editors' digest was posted, claimed with
one conditional UPDATE so that of several processes exactly one posts it.
"""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.clock import Clock, utc_now
from bot.storage.models import LibraryStampRow

LIBRARY = "library"
DIGEST = "digest"


class SqlLibraryStamps:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock = utc_now) -> None:
        self._sessions = sessions
        self._clock = clock

    def library_version(self) -> int:
        """The library's version: 0 until the first ingest through a bot process."""
        return self._get(LIBRARY)

    def bump_library(self) -> int:
        """Record that the store changed; returns the new version."""
        self._ensure(LIBRARY)
        with self._sessions.begin() as session:
            session.execute(update(LibraryStampRow).where(LibraryStampRow.name == LIBRARY)
                            .values(value=LibraryStampRow.value + 1, changed_at=self._clock()))
            return int(session.scalar(select(LibraryStampRow.value).where(LibraryStampRow.name == LIBRARY)))

    def claim_digest(self, week: int) -> bool:
        """True for the one process that gets to post the digest of `week` (e.g. 202649)."""
        self._ensure(DIGEST)
        with self._sessions.begin() as session:
            done = session.execute(update(LibraryStampRow)
                                   .where(LibraryStampRow.name == DIGEST, LibraryStampRow.value < week)
                                   .values(value=week, changed_at=self._clock()))
            return done.rowcount == 1

    def _get(self, name: str) -> int:
        with self._sessions() as session:
            return int(session.scalar(select(LibraryStampRow.value).where(LibraryStampRow.name == name)) or 0)

    def _ensure(self, name: str) -> None:
        with self._sessions() as session:
            if session.get(LibraryStampRow, name) is not None:
                return
        try:
            with self._sessions.begin() as session:
                session.add(LibraryStampRow(name=name, value=0, changed_at=self._clock()))
        except IntegrityError:  # another process created it first: fine
            pass
