"""Exporting a mission to one .xlsx workbook, or one person's itinerary to a small one.

Both read the database in one read session, build every sheet in the chosen language, write
them in openpyxl's write-only mode and save atomically (see save.py). The caller's language is
left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from documents.workbook.book import Book, Progress
from documents.workbook.contacts import contacts_sheet
from documents.workbook.data import MissionData, find_person, load_mission
from documents.workbook.dietary import dietary_sheets
from documents.workbook.hotel import organizer_rooming_sheets
from documents.workbook.lang import display_name, list_separator, titled
from documents.workbook.meetings import load_meetings, meeting_sheets
from documents.workbook.overview import overview_sheet
from documents.workbook.page import PageSetup
from documents.workbook.people import (
    SENSITIVE_FIELDS,
    mission_title,
    roster_sheet,
    visitor_sheets,
)
from documents.workbook.save import ExportError, check_target
from documents.workbook.schedules import delegate_schedule
from documents.workbook.travel import itinerary_sheet, manifest_sheet, person_rooms
from i18n import _, pick, temporary_language
from models import repository as repo
from models.collection_pause import no_collection
from models.store.db import Engine, read_session


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sheets: list[str]


def _book(data: MissionData, language: str, document: str) -> Book:
    m = data.mission
    setup = PageSetup(language=language, mission=f"{m.code}  {mission_title(data)}",
                      page_text=_("Page &P of &N"))
    author = list_separator().join(pick(en, ja)[0] for en, ja in data.organizers) or "Kakehashi"
    return Book(language=language, setup=setup, author=author,
                title=titled(mission_title(data), document), subject=document, keywords=m.code)


def _mission_id(engine: Engine, code: str) -> int:
    with read_session(engine) as session:
        mission = repo.find_mission_by_code(session, code=code)
    if mission is None:
        raise ExportError("unknown_mission", code=code)
    return mission.id


@no_collection()        # see models/collection_pause.py
def export_mission(engine: Engine, *, code: str, path: str | Path, language: str,
                   sensitive: bool = True, progress: Progress | None = None,
                   today: date | None = None) -> ExportResult:
    """Every document of the mission in one workbook at `path`.

    ExportError (nothing written) for an unknown mission or a target that cannot be written;
    ExportCancelled when `progress` returns False (nothing written either).
    """
    path = Path(path)
    check_target(path)
    today = today or date.today()
    with temporary_language(language):
        data = load_mission(engine, code=code, sensitive=sensitive, today=today)
        if data is None:
            raise ExportError("unknown_mission", code=code)
        used: set[str] = set()
        sheets = [overview_sheet(data, used, today=today), roster_sheet(data, used),
                  itinerary_sheet(data, used), *visitor_sheets(data, used),
                  *organizer_rooming_sheets(data, used), manifest_sheet(data, used),
                  *dietary_sheets(data, used), contacts_sheet(data, used),
                  *meeting_sheets(load_meetings(engine, mission_id=data.mission.id), used)]
        book = _book(data, language, _("Delegation workbook"))
        book.write(sheets, progress)
    private = sensitive and any(
        SENSITIVE_FIELDS.intersection(site.required) for site in data.sites.values())
    book.save(path, private=private)
    return ExportResult(path, [s.name for s in sheets])


@no_collection()
def export_person(engine: Engine, *, code: str, path: str | Path, language: str,
                  email: str = "", participant_id: int | None = None,
                  progress: Progress | None = None) -> ExportResult:
    """One attendee's own itinerary (with their rooms) and the contact sheet; the attendee is
    found by e-mail address (the command line) or by participant id (the window)."""
    path = Path(path)
    check_target(path)
    mission_id = _mission_id(engine, code)
    pid = participant_id or find_person(engine, mission_id=mission_id, email=email)
    if pid is None:
        raise ExportError("unknown_person", code=code, email=email)
    with temporary_language(language):
        data = load_mission(engine, code=code, sensitive=False, today=date.today(),
                            person_id=pid)
        person = data.people.get(pid)
        if person is None:
            raise ExportError("unknown_person", code=code, email=email)
        used: set[str] = set()
        sheets = [itinerary_sheet(data, used, person=person,
                                  notes_for=person_rooms(data, pid)),
                  *delegate_schedule(data, person, used),
                  contacts_sheet(data, used, reader=person)]
        book = _book(data, language, _("Itinerary for {name}").format(
            name=display_name(person)))
        book.write(sheets, progress)
    book.save(path, private=False)
    return ExportResult(path, [s.name for s in sheets])


def default_file_name(code: str, language: str, family: str = "", given: str = "") -> str:
    """HKD-ALB-2026-ja.xlsx, or HKD-ALB-2026-Takahashi-Masayuki-en.xlsx for one person."""
    parts = [p for p in (code, family, given) if p]
    name = "-".join("".join(c if c.isalnum() or c in "-_" else "-" for c in part)
                    for part in parts)
    return f"{name}-{language}.xlsx"
