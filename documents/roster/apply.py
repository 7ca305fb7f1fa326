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
    skipped_errors: bool = False     # rows with errors were left out, the rest imported

    @property
    def error_rows(self) -> list[ImportRow]:
        return [] if self.skipped_errors else self.left_out

    @property
    def left_out(self) -> list[ImportRow]:
        return [r for r in self.preview.rows if r.errors]

    def left_out_lines(self) -> list[str]:
        """What was left out and why, when the user chose to import the rest."""
        if not self.skipped_errors:
            return []
        return [row_message(r.number, column, reason) + " " + _("(left out)")
                for r in self.left_out for column, reason in r.errors]

    def note_lines(self) -> list[str]:
        return note_lines(self.preview)

    def sheet_line(self) -> str | None:
        """Which sheet was read, when more than one visible sheet has headers."""
        others = [s for s in self.preview.sheets if s != self.preview.sheet]
        if not others:
            return None
        from i18n.formatting import format_list

        return _("Read the sheet “{sheet}” (the active one); these sheets also have column "
                 "headers: {others}.").format(sheet=self.preview.sheet,
                                             others=format_list(others))

    def error_lines(self) -> list[str]:
        return [row_message(r.number, column, reason)
                for r in self.preview.rows for column, reason in r.errors]

    def warning_lines(self) -> list[str]:
        return [row_message(r.number, column, reason)
                for r in self.preview.rows for column, reason in r.warnings]

    def summary(self) -> str:
        rows = [r for r in self.preview.rows if not r.errors] if self.skipped_errors \
            else self.preview.rows
        return summary_text(rows)


def note_lines(preview: RosterPreview) -> list[str]:
    """The note rows below the data (※, *, Note), left out of the import."""
    from documents.roster.values import text_of

    lines = []
    for row in preview.notes:
        text = next(text_of(c) for c in row.cells if text_of(c))
        short = text if len(text) <= 60 else text[:59] + "…"
        lines.append(row_message(row.number, "", _("a note, left out: {text}").format(
            text=short)))
    return lines


def find_mission_id(session, code: str) -> int | None:
    """The mission with this code, ignoring case and width, as every verb finds it."""
    from models import repository as repo

    mission = repo.find_mission_by_code(session, code=code)
    return mission.id if mission else None


def import_roster(engine, *, code: str, path: str | Path, dry_run: bool = False,
                  limit: int = DEFAULT_LIMIT, skip_errors: bool = False,
                  sheet: str | None = None) -> ImportReport:
    """Import `path` into the mission `code`; raise RosterError when the mission or the file
    can't be used. Nothing is written on a dry run or when any row has an error, unless
    `skip_errors`: then the rows with errors are left out (listed in the report) and the rest
    imported."""
    from models import repository as repo
    from models.attendees import import_attendees
    from models.store.db import read_session, write_session

    with read_session(engine) as session:
        mission_id = find_mission_id(session, code)
    if mission_id is None:
        raise RosterError("unknown_mission", code=code)
    preview = read_roster(path, limit=limit, sheet=sheet)  # outside any transaction: slow
    # Matching and writing in the same write transaction, so no attendee added meanwhile in
    # the window can be added a second time from the file.
    with (read_session if dry_run else write_session)(engine) as session:
        classify(preview.rows, repo.list_attendees(session, mission_id=mission_id))
        report = ImportReport(preview, written=False, skipped_errors=skip_errors)
        rows = [r for r in preview.rows if not r.errors]
        if dry_run or report.error_rows or not rows:
            return report
        import_attendees(session, mission_id=mission_id, rows=[r.to_import() for r in rows])
    report.written = True
    return report
