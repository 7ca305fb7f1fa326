"""Importing a roster into a mission: read the file, match the rows with the attendees already
there, and write them all in one transaction, or nothing when any row has an error.

The command line (`import-attendees`) and the import window share this; the messages it builds
are translated when built, in the language chosen at that moment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from documents.roster.match import classify
from documents.roster.reader import DEFAULT_LIMIT, RosterError, RosterPreview, read_roster
from documents.roster.rows import ImportRow
from i18n import _


def row_message(row: int, column: str, reason: str) -> str:
    """One problem of one row, the way the user finds it in Excel."""
    if column:
        return _("row {row}, column {column}: {reason}").format(row=row, column=column,
                                                                 reason=reason)
    return _("row {row}: {reason}").format(row=row, reason=reason)


def summary_text(rows: Sequence[ImportRow]) -> str:
    new = sum(r.status == "new" for r in rows)
    updated = sum(r.status == "update" for r in rows)
    return _("{new} new, {updated} updated").format(new=new, updated=updated)


@dataclass
class ImportReport:
    preview: RosterPreview
    written: bool

    @property
    def error_rows(self) -> list[ImportRow]:
        return [r for r in self.preview.rows if r.errors]

    def error_lines(self) -> list[str]:
        return [row_message(r.number, column, reason)
                for r in self.preview.rows for column, reason in r.errors]

    def warning_lines(self) -> list[str]:
        return [row_message(r.number, column, reason)
                for r in self.preview.rows for column, reason in r.warnings]

    def summary(self) -> str:
        return summary_text(self.preview.rows)


def find_mission_id(session, code: str) -> int | None:
    """The mission with this code, ignoring case and width, as every verb finds it."""
    from models import repository as repo

    mission = repo.find_mission_by_code(session, code=code)
    return mission.id if mission else None


def import_roster(engine, *, code: str, path: str | Path, dry_run: bool = False,
                  limit: int = DEFAULT_LIMIT) -> ImportReport:
    """Import `path` into the mission `code`; raise RosterError when the mission or the file
    can't be used. Nothing is written on a dry run or when any row has an error."""
    from models import repository as repo
    from models.attendees import import_attendees
    from models.store.db import read_session, write_session

    with read_session(engine) as session:
        mission_id = find_mission_id(session, code)
    if mission_id is None:
        raise RosterError("unknown_mission", code=code)
    preview = read_roster(path, limit=limit)  # outside any transaction: the slow part
    # Matching and writing in the same write transaction, so no attendee added meanwhile in
    # the window can be added a second time from the file.
    with (read_session if dry_run else write_session)(engine) as session:
        classify(preview.rows, repo.list_attendees(session, mission_id=mission_id))
        if dry_run or any(r.errors for r in preview.rows):
            return ImportReport(preview, written=False)
        import_attendees(session, mission_id=mission_id,
                         rows=[r.to_import() for r in preview.rows])
    return ImportReport(preview, written=True)
