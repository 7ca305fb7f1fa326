"""The organizers' sheets on meetings and protocol: for each 商談会 its grid of slots by tables
and its meeting schedule (a line per meeting: filter it by delegate or counterpart for each
one's own schedule), the interpreters' assignments, each seating plan by table and seat, and
the gifts (手土産). Each delegate's and counterpart's own schedule: schedules.py."""

from __future__ import annotations

from dataclasses import dataclass, field

from documents.workbook.page import Column, SheetData, band_flags, sheet_name
from i18n import _, pick
from i18n.formatting import format_date, format_time, person_name
from models import counterparts as cps
from models import gifts, interpreting, seating
from models import meetings as mt
from models import repository as repo
from models.entities import ItemKind
from models.store.db import Engine, read_session
from models.times import local_date


@dataclass
class MeetingsData:
    sessions: list[tuple[mt.SessionRow, list, list[mt.RequestData], dict]] = field(
        default_factory=list)          # session, slots, requests, request id -> meeting
    counterparts: dict[int, cps.CounterpartData] = field(default_factory=dict)
    names: dict[int, dict] = field(default_factory=dict)     # participant -> name parts
    hosts: set[int] = field(default_factory=set)             # participants of the host side
    organizations: dict[int, tuple[str, str]] = field(default_factory=dict)
    interpreting: list[tuple[repo.ItemRow, tuple[int, ...]]] = field(default_factory=list)
    seating: list[tuple[repo.ItemRow, seating.PlanSettings, dict]] = field(default_factory=list)
    gifts: list[tuple[repo.ItemRow, gifts.GiftData]] = field(default_factory=list)
    person_orgs: dict[int, int] = field(default_factory=dict)  # participant -> organization


def load_meetings(engine: Engine, *, mission_id: int) -> MeetingsData:
    with read_session(engine) as session:
        return read_meetings(session, mission_id=mission_id)


def read_meetings(session, *, mission_id: int) -> MeetingsData:
    data = MeetingsData()
    for a in repo.list_attendees(session, mission_id=mission_id):
        data.names[a.participant_id] = {"family": a.family_name, "given": a.given_name,
                                        "family_ja": a.family_name_ja,
                                        "given_ja": a.given_name_ja}
        if a.role == "host":
            data.hosts.add(a.participant_id)
        if a.organization_id is not None:
            data.organizations[a.organization_id] = (a.organization_en, a.organization_ja)
            data.person_orgs[a.participant_id] = a.organization_id
    _read_sessions(session, data, mission_id)
    items = {i.id: i for i in repo.list_items(session, mission_id=mission_id)}
    data.gifts = [(items[g.item_id], g) for g in gifts.list_gifts(session,
                                                                  mission_id=mission_id)]
    # Two queries for the mission, not two per item (5,000 items at scale).
    interpreters = interpreting.interpreters_by_item(session, mission_id=mission_id)
    all_seats = seating.seats_by_item(session, mission_id=mission_id)
    for item in items.values():
        if item.kind == ItemKind.MATCHMAKING.value:
            continue
        who = interpreters.get(item.id)
        if who:
            data.interpreting.append((item, who))
        seats = all_seats.get(item.id)
        if seats:
            data.seating.append((item, seating.get_settings(session, item_id=item.id),
                                 seats))
    return data


def _read_sessions(session, data: MeetingsData, mission_id: int) -> None:
    """The 商談会 sessions with their requests and meetings, and the counterparts."""
    data.counterparts = {c.id: c for c in cps.list_counterparts(session,
                                                                mission_id=mission_id)}
    for row in mt.list_sessions(session, mission_id=mission_id):
        data.sessions.append((row, mt.slot_times(row.start, row.end, row.settings),
                              mt.list_requests(session, item_id=row.item_id),
                              {m.request_id: m for m in mt.get_meetings(
                                  session, item_id=row.item_id)}))


def read_delegate_meetings(session, *, mission_id: int, participant_id: int,
                           people: dict) -> MeetingsData:
    """What one delegate's own schedule reads (schedules.schedule_lines): the sessions and
    counterparts, the names of the people (interpreters among them) and the delegate's
    organization; not the mission's interpreting, seating or gifts, which only the organizers'
    sheets show. `people`: participant id -> readiness_data.PlanPerson, already read."""
    data = MeetingsData()
    data.names = {pid: p.name() for pid, p in people.items()}
    me = people.get(participant_id)
    if me is not None and me.organization_id is not None:
        data.person_orgs[participant_id] = me.organization_id
    _read_sessions(session, data, mission_id)
    return data


def name_text(data: MeetingsData, pid: int | None) -> str:
    return person_name(**data.names[pid]) if pid in data.names else ""


def side_text(data: MeetingsData, r: mt.RequestData) -> str:
    if r.participant_id is not None:
        return name_text(data, r.participant_id)
    org = data.organizations.get(r.organization_id, ("", ""))
    return _("{organization} (all delegates)").format(organization=pick(*org)[0])


def counterpart_text(data: MeetingsData, cp_id: int) -> str:
    cp = data.counterparts.get(cp_id)
    return pick(cp.name_en, cp.name_ja)[0] if cp else ""


def slot_text(slots, n: int, tz: str) -> str:
    start, end = slots[n]
    return f"{format_time(start, tz, with_zone=False)}–{format_time(end, tz)}"


def meeting_sheets(meetings: MeetingsData, used: set[str]) -> list[SheetData]:
    sheets = []
    for row, slots, requests, placed in meetings.sessions:
        title = pick(row.title_en, row.title_ja)[0]
        when = format_date(local_date(row.start, row.tz), "day")
        by_id = {r.id: r for r in requests}
        at = {(m.slot, m.table): m for m in placed.values()}
        grid_rows = []
        for n in range(len(slots)):
            line = [slot_text(slots, n, row.tz)]
            for table in range(1, row.settings.tables + 1):
                m = at.get((n, table))
                if m is None:
                    line.append(None)
                    continue
                r = by_id[m.request_id]
                text = f"{side_text(meetings, r)}\n{counterpart_text(meetings, r.counterpart_id)}"
                if m.interpreter is not None:
                    text += "\n" + _("Interpreter: {name}").format(
                        name=name_text(meetings, m.interpreter))
                line.append(text)
            grid_rows.append(line)
        columns = [Column(_("Time"), 18)] + [
            Column(_("Table {n}").format(n=t), 28) for t in range(1, row.settings.tables + 1)]
        sheets.append(SheetData(sheet_name(_("Slots {session}").format(session=title), used),
                                f"{title} ({when}): " + _("meeting slots by table"), columns,
                                grid_rows, filter=False))
        lines = []
        for m in sorted(placed.values(), key=lambda m: (m.slot, m.table)):
            r = by_id[m.request_id]
            lines.append([slot_text(slots, m.slot, row.tz), m.table, side_text(meetings, r),
                          counterpart_text(meetings, r.counterpart_id),
                          name_text(meetings, m.interpreter)
                          or (_("Needed, none assigned") if r.interpreter else "")])
        unmet = [r for r in requests if r.id not in placed]
        for r in unmet:
            lines.append([_("Not scheduled"), None, side_text(meetings, r),
                          counterpart_text(meetings, r.counterpart_id),
                          _("Needed") if r.interpreter else ""])
        sheets.append(SheetData(
            sheet_name(_("Meetings {session}").format(session=title), used),
            f"{title} ({when}): " + _("meeting schedule (filter by delegate or counterpart)"),
            [Column(_("Time"), 18), Column(_("Table"), 8), Column(_("Delegate side"), 30),
             Column(_("Counterpart"), 34), Column(_("Interpreter"), 24)],
            lines, band_flags([line[0] for line in lines])))
    if meetings.interpreting or any(m.interpreter for *_r, placed in meetings.sessions
                                    for m in placed.values()):
        sheets.append(_interpreter_sheet(meetings, used))
    for item, settings, seats in meetings.seating:
        sheets.append(_seating_sheet(meetings, item, settings, seats, used))
    if meetings.gifts:
        sheets.append(gift_sheet(meetings, used))
    return sheets


def gift_sheet(meetings: MeetingsData, used: set[str]) -> SheetData:
    """Every gift by its item's start: what, by whom, to whom, bought, handed over."""
    rows = []
    for item, g in meetings.gifts:
        recipient = (name_text(meetings, g.recipient_id) if g.recipient_id is not None
                     else pick(g.recipient_en, g.recipient_ja)[0])
        rows.append([format_date(local_date(item.start_utc, item.start_tz), "day"),
                     format_time(item.start_utc, item.start_tz),
                     pick(item.title_en, item.title_ja)[0], pick(g.gift_en, g.gift_ja)[0],
                     name_text(meetings, g.giver_id), recipient,
                     _("Yes") if g.bought else _("No"), _("Yes") if g.handed else _("No"),
                     g.notes])
    return SheetData(sheet_name(_("Gifts"), used), _("Gifts (who gives what to whom, and where)"),
                     [Column(_("Day"), 14), Column(_("Time"), 12), Column(_("At"), 46),
                      Column(_("Gift"), 30), Column(_("Given by"), 22),
                      Column(_("Given to"), 24), Column(_("Bought"), 9),
                      Column(_("Handed over"), 11), Column(_("Notes"), 28)],
                     rows, band_flags([r[0] for r in rows]))


def _interpreter_sheet(meetings: MeetingsData, used: set[str]) -> SheetData:
    lines = []
    for item, who in meetings.interpreting:
        for pid in who:
            lines.append((item.start_utc, name_text(meetings, pid),
                          format_date(local_date(item.start_utc, item.start_tz), "day"),
                          f"{format_time(item.start_utc, item.start_tz, with_zone=False)}–"
                          f"{format_time(item.end_utc, item.end_tz)}",
                          pick(item.title_en, item.title_ja)[0]))
    for row, slots, requests, placed in meetings.sessions:
        by_id = {r.id: r for r in requests}
        for m in placed.values():
            if m.interpreter is None:
                continue
            r = by_id[m.request_id]
            lines.append((slots[m.slot][0], name_text(meetings, m.interpreter),
                          format_date(local_date(row.start, row.tz), "day"),
                          slot_text(slots, m.slot, row.tz),
                          _("{session}, table {table}: {side} – {counterpart}").format(
                              session=pick(row.title_en, row.title_ja)[0], table=m.table,
                              side=side_text(meetings, r),
                              counterpart=counterpart_text(meetings, r.counterpart_id))))
    lines.sort(key=lambda line: (line[1], line[0]))
    rows = [list(line[1:]) for line in lines]
    return SheetData(sheet_name(_("Interpreters"), used), _("Interpreters' assignments"),
                     [Column(_("Interpreter"), 24), Column(_("Day"), 14), Column(_("Time"), 22),
                      Column(_("Where"), 60)], rows, band_flags([r[0] for r in rows]))


def _seating_sheet(meetings: MeetingsData, item, settings: seating.PlanSettings, seats: dict,
                   used: set[str]) -> SheetData:
    spots = {(s.table, s.seat): s for s in seating.layout(settings)}
    rows = []
    for pid, (table, seat) in sorted(seats.items(), key=lambda kv: kv[1]):
        spot = spots.get((table, seat))
        side = _("Host") if pid in meetings.hosts else _("Delegation")
        mark = _("seat of honour") if (spot and spot.side == "guest" and spot.honour == 0
                                      and table == 1) else ""
        rows.append([table, seat + 1, name_text(meetings, pid), side, mark])
    title = pick(item.title_en, item.title_ja)[0]
    return SheetData(sheet_name(_("Seating {item}").format(item=title), used),
                     _("Seating plan: {item}").format(item=title),
                     [Column(_("Table"), 8), Column(_("Seat"), 8), Column(_("Name"), 30),
                      Column(_("Side"), 14), Column(_("Note"), 18)],
                     rows, band_flags([r[0] for r in rows]))
