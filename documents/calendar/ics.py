"""Writing the itinerary as iCalendar with the icalendar library.

Each item is one VEVENT whatever midnights or date lines it crosses: DTSTART in its start zone,
DTEND in its end zone (a flight HND -> JFK starts in Asia/Tokyo and ends in America/New_York),
with a VTIMEZONE for every zone used. The UID names the mission and the item, so a second
export replaces the events of the first in a calendar; SEQUENCE is the item's revision, raised
by every edit, so the calendar takes the newer one. LOCATION holds the place and its address,
DESCRIPTION the transport, what to wear and bring, and the notes, in the chosen language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from icalendar import Calendar, Event

from documents.handouts.content import Builder
from documents.handouts.export import load, participant
from documents.handouts.html import labelled
from documents.workbook.save import ExportError, check_target, save_atomically
from i18n import _, pick, temporary_language
from models import repository as repo
from models.entities import ItemKind
from models.items import item_revisions
from models.store.db import Engine, read_session
from models.times import to_local

_IN_LOCATION = 2        # the first details of an entry: the place and its address


@dataclass(frozen=True)
class CalendarResult:
    path: Path
    events: int


def event_uid(code: str, item_id: int) -> str:
    """Stable across exports of the same mission: the calendar updates the event it has."""
    return f"item-{item_id}.{repo.mission_code_key(code)}@kakehashi"


def build_calendar(engine: Engine, *, code: str, language: str,
                   participant_id: int | None = None, now: datetime | None = None) -> Calendar:
    loaded = load(engine, code=code, person_id=participant_id)
    data = loaded.data
    person = data.people.get(participant_id) if participant_id is not None else None
    if participant_id is not None and person is None:
        raise ExportError("unknown_person", code=code, email="")
    with read_session(engine) as session:
        revisions = item_revisions(session, mission_id=data.mission.id)
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    cal = Calendar()
    cal.add("prodid", "-//Kakehashi//Mission planner//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    with temporary_language(language):
        builder = Builder(data, loaded.sites, person)
        name = pick(data.mission.title_en, data.mission.title_ja)[0]
        cal.add("x-wr-calname", f"{data.mission.code} {name}")
        for item in builder.items():
            entry = builder.entry(item)
            event = Event()
            event.add("uid", event_uid(data.mission.code, item.id))
            event.add("dtstamp", stamp)
            event.add("sequence", revisions.get(item.id, 0))
            event.add("dtstart", to_local(item.start, item.start_tz))
            event.add("dtend", to_local(item.end, item.end_tz))
            event.add("summary", entry.title)
            places = [text for heading, text in entry.details[:_IN_LOCATION]
                      if heading in (_("Place"), _("Address"))]
            if places:
                event.add("location", ", ".join(places))
            rest = [labelled(heading) + text for heading, text in entry.details
                    if text not in places]
            event.add("description", "\n".join([entry.kind, *rest]))
            event.add("categories", [entry.kind])
            if item.kind == ItemKind.HOTEL.value:
                event.add("transp", "TRANSPARENT")     # a stay does not make one busy
            cal.add_component(event)
    # The zones' rules for the years around the mission: enough for any calendar to place
    # the events, without fifty years of daylight-saving dates per zone.
    first = min([data.mission.start_date, *(i.start.date() for i in data.items)])
    last = max([data.mission.end_date, *(i.end.date() for i in data.items)])
    cal.add_missing_timezones(first_date=date(first.year - 1, 1, 1),
                              last_date=date(last.year + 2, 1, 1))
    return cal


def export_calendar(engine: Engine, *, code: str, path: str | Path, language: str,
                    email: str = "", participant_id: int | None = None) -> CalendarResult:
    """The .ics at `path`: one attendee's items (by e-mail or participant id) or every item.
    ExportError (nothing written) for an unknown mission or person or an unwritable target."""
    path = Path(path)
    check_target(path, ".ics")
    pid = participant(engine, code=code, email=email, participant_id=participant_id) \
        if (email or participant_id is not None) else None
    cal = build_calendar(engine, code=code, language=language, participant_id=pid)
    events = len(cal.walk("VEVENT"))
    save_atomically(lambda out: out.write(cal.to_ical()), path, private=False, suffix=".ics")
    return CalendarResult(path, events)
