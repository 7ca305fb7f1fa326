"""Each delegate's and each counterpart's own meeting schedule: when, at which table, with
whom, and who interprets. A delegate's meetings are those asked for them by name and those
asked for every delegate of their organization. A counterpart's document holds only its own
schedule (the receiver "counterpart"); a delegate's workbook and PDF handout hold theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from documents.workbook.lang import display_name
from documents.workbook.meetings import (
    MeetingsData,
    counterpart_text,
    name_text,
    side_text,
    slot_text,
)
from documents.workbook.page import Column, SheetData, band_flags, sheet_name
from i18n import N_, _, pick
from i18n.formatting import format_date
from models.times import local_date

COUNTERPART_PERSONAL = N_("Names of the delegates met and of their interpreters")


@dataclass(frozen=True)
class ScheduleLine:
    """One meeting as a schedule prints it, in the current language."""

    start: datetime
    day: str
    time: str
    session: str
    table: int
    other: str          # the counterpart (with its contact) or the delegate side
    interpreter: str


def _contact(meetings: MeetingsData, cp_id: int) -> str:
    cp = meetings.counterparts.get(cp_id)
    if cp is None:
        return ""
    name = counterpart_text(meetings, cp_id)
    contact = pick(cp.contact_en, cp.contact_ja)[0]
    return f"{name}\n{contact}" if contact else name


def schedule_lines(meetings: MeetingsData, *, participant: int | None = None,
                   counterpart: int | None = None) -> list[ScheduleLine]:
    """The meetings of one delegate (`participant`) or of one counterpart, by time."""
    org = meetings.person_orgs.get(participant) if participant is not None else None
    lines = []
    for row, slots, requests, placed in meetings.sessions:
        title = pick(row.title_en, row.title_ja)[0]
        by_id = {r.id: r for r in requests}
        for m in placed.values():
            r = by_id[m.request_id]
            if participant is not None:
                mine = r.participant_id == participant or (
                    r.participant_id is None and org is not None and r.organization_id == org)
                other = _contact(meetings, r.counterpart_id)
            else:
                mine = r.counterpart_id == counterpart
                other = side_text(meetings, r)
                org = meetings.organizations.get(meetings.person_orgs.get(r.participant_id))
                if r.participant_id is not None and org:
                    other += "\n" + pick(*org)[0]      # whom they meet, and from where
            if not mine:
                continue
            interpreter = name_text(meetings, m.interpreter) or (
                _("Needed, none assigned") if r.interpreter else "")
            lines.append(ScheduleLine(slots[m.slot][0],
                                      format_date(local_date(row.start, row.tz), "day"),
                                      slot_text(slots, m.slot, row.tz), title, m.table, other,
                                      interpreter))
    return sorted(lines, key=lambda line: (line.start, line.table))


def has_meetings(meetings: MeetingsData, counterpart: int) -> bool:
    return any(r.counterpart_id == counterpart and r.id in placed
               for _row, _slots, requests, placed in meetings.sessions for r in requests)


def schedule_sheet(meetings: MeetingsData, used: set[str], *, title: str,
                   participant: int | None = None, counterpart: int | None = None) -> SheetData:
    """The sheet of one delegate's or counterpart's meetings."""
    lines = schedule_lines(meetings, participant=participant, counterpart=counterpart)
    with_whom = _("Counterpart") if participant is not None else _("Delegate side")
    rows = [[line.day, line.time, line.table, line.other, line.interpreter, line.session]
            for line in lines]
    return SheetData(sheet_name(_("Meeting schedule"), used), title,
                     [Column(_("Day"), 14), Column(_("Time"), 20), Column(_("Table"), 8),
                      Column(with_whom, 36), Column(_("Interpreter"), 22),
                      Column(_("Session"), 30)], rows, band_flags([r[0] for r in rows]))


def delegate_schedule(data, person, used: set[str]) -> list[SheetData]:
    """The delegate's own meeting schedule sheet (data: a MissionData read with its
    meetings), when they have a meeting."""
    if data.meetings is None or not schedule_lines(data.meetings, participant=person.pid):
        return []
    title = _("Meeting schedule: {name}").format(name=display_name(person))
    return [schedule_sheet(data.meetings, used, title=title, participant=person.pid)]
