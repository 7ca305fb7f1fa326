"""A 商談会's slots, its meeting requests and meetings: reading them, scheduling them with
models.matchmaking, and the moves, swaps and pins the window makes.

A session is an itinerary item of kind "matchmaking"; its window is the item's start and end,
cut into slots of `slot_minutes` with `break_minutes` between them. Meetings are stored as a
whole per session (`set_meetings`), which is what undo puts back.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, select

from models import matchmaking as mm
from models.entities import (
    AttendanceStatus,
    Counterpart,
    InterpreterAssignment,
    ItemKind,
    ItemParticipant,
    ItineraryItem,
    MatchmakingSession,
    Meeting,
    MeetingRequest,
    Participant,
    Person,
    Role,
)

_NO_OVERLAP = (ItemKind.HOTEL.value, ItemKind.FREE_TIME.value)
# Who may stand for an organization at its meetings: not hosts, not interpreters.
_DELEGATION = (Role.HEAD.value, Role.DELEGATE.value, Role.SPEAKER.value, Role.STAFF.value)


@dataclass(frozen=True)
class SessionData:
    item_id: int
    slot_minutes: int = 25
    break_minutes: int = 5
    tables: int = 10


@dataclass(frozen=True)
class SessionRow:
    item_id: int
    title_en: str
    title_ja: str
    start: datetime
    end: datetime
    tz: str
    settings: SessionData


@dataclass(frozen=True)
class RequestData:
    id: int | None
    item_id: int
    counterpart_id: int
    participant_id: int | None = None
    organization_id: int | None = None
    priority: int = 2
    interpreter: bool = False
    uuid: str | None = None        # kept by a delete, so that undo brings the same row back


def settings_problem(data: SessionData) -> str | None:
    if not 5 <= data.slot_minutes <= 240:
        return "slot_length"
    if not 0 <= data.break_minutes <= 120:
        return "break_length"
    if not 1 <= data.tables <= 500:
        return "tables"
    return None


def slot_times(start: datetime, end: datetime, data: SessionData) -> list[tuple[datetime,
                                                                                datetime]]:
    """The slots that fit whole in the window, each (start, end)."""
    step, length = (timedelta(minutes=data.slot_minutes + data.break_minutes),
                    timedelta(minutes=data.slot_minutes))
    out, at = [], start
    while at + length <= end:
        out.append((at, at + length))
        at += step
    return out


def list_sessions(session: Session, *, mission_id: int) -> list[SessionRow]:
    rows = session.exec(select(ItineraryItem, MatchmakingSession).join(
        MatchmakingSession, MatchmakingSession.item_id == ItineraryItem.id, isouter=True)
        .where(ItineraryItem.mission_id == mission_id,
               ItineraryItem.kind == ItemKind.MATCHMAKING.value)
        .order_by(ItineraryItem.start_utc, ItineraryItem.id)).all()
    out = []
    for item, settings in rows:
        data = (SessionData(item.id, settings.slot_minutes, settings.break_minutes,
                            settings.tables) if settings else SessionData(item.id))
        out.append(SessionRow(item.id, item.title_en, item.title_ja, item.start_utc,
                              item.end_utc, item.start_tz, data))
    return out


def get_settings(session: Session, *, item_id: int) -> SessionData:
    row = session.get(MatchmakingSession, item_id)
    return (SessionData(item_id, row.slot_minutes, row.break_minutes, row.tables) if row
            else SessionData(item_id))


def set_settings(session: Session, *, data: SessionData) -> SessionData:
    """Store the slot length, break and tables; returns what was there before. Meetings no
    longer inside the grid are taken out (set_meetings can put them back on undo)."""
    if settings_problem(data):
        raise ValueError(f"session settings not valid: {settings_problem(data)}")
    item = session.get(ItineraryItem, data.item_id)
    if item is None or item.kind != ItemKind.MATCHMAKING.value:
        raise ValueError(f"item {data.item_id} is not a matchmaking session")
    before = get_settings(session, item_id=data.item_id)
    row = session.get(MatchmakingSession, data.item_id) or MatchmakingSession(
        item_id=data.item_id)
    row.slot_minutes, row.break_minutes, row.tables = (data.slot_minutes, data.break_minutes,
                                                       data.tables)
    session.add(row)
    session.flush()
    slots = len(slot_times(item.start_utc, item.end_utc, data))
    kept = [m for m in get_meetings(session, item_id=data.item_id)
            if m.slot < slots and m.table <= data.tables]
    set_meetings(session, item_id=data.item_id, meetings=kept)
    return before


# requests ------------------------------------------------------------------------------------
def _request_check(session: Session, data: RequestData) -> None:
    if (data.participant_id is None) == (data.organization_id is None):
        raise ValueError("a request is for a delegate or for an organization, one of them")
    if data.priority not in (1, 2, 3):
        raise ValueError(f"not a priority: {data.priority}")
    item = session.get(ItineraryItem, data.item_id)
    cp = session.get(Counterpart, data.counterpart_id)
    if item is None or cp is None or cp.mission_id != item.mission_id:
        raise ValueError("the counterpart is not of the session's mission")
    if data.participant_id is not None:
        part = session.get(Participant, data.participant_id)
        if part is None or part.mission_id != item.mission_id:
            raise ValueError("the delegate is not of the session's mission")


def list_requests(session: Session, *, item_id: int) -> list[RequestData]:
    # Columns, not ORM objects: a 商談会 of 400 requests is read on every change of the tab.
    rows = session.connection().execute(select(
        MeetingRequest.id, MeetingRequest.item_id, MeetingRequest.counterpart_id,
        MeetingRequest.participant_id, MeetingRequest.organization_id, MeetingRequest.priority,
        MeetingRequest.interpreter).where(MeetingRequest.item_id == item_id)
        .order_by(MeetingRequest.priority, MeetingRequest.id)).all()
    return [RequestData(a, b, c, d, e, f, bool(g)) for a, b, c, d, e, f, g in rows]


def create_request(session: Session, *, data: RequestData) -> int:
    _request_check(session, data)
    row = MeetingRequest(id=data.id, item_id=data.item_id, counterpart_id=data.counterpart_id,
                         participant_id=data.participant_id,
                         organization_id=data.organization_id, priority=data.priority,
                         interpreter=data.interpreter)
    if data.uuid is not None:
        row.uuid = data.uuid
    session.add(row)
    session.flush()
    return row.id


def update_request(session: Session, *, data: RequestData) -> RequestData:
    _request_check(session, data)
    row = session.get(MeetingRequest, data.id)
    if row is None:
        raise LookupError(f"request {data.id} not found")
    before = RequestData(row.id, row.item_id, row.counterpart_id, row.participant_id,
                         row.organization_id, row.priority, row.interpreter)
    for key in ("counterpart_id", "participant_id", "organization_id", "priority",
                "interpreter"):
        setattr(row, key, getattr(data, key))
    session.add(row)
    session.flush()
    return before


def delete_request(session: Session, *, request_id: int) -> tuple[RequestData, mm.Placed | None]:
    """Delete a request and its meeting; both returned, for restore_request."""
    row = session.get(MeetingRequest, request_id)
    if row is None:
        raise LookupError(f"request {request_id} not found")
    data = RequestData(row.id, row.item_id, row.counterpart_id, row.participant_id,
                       row.organization_id, row.priority, row.interpreter, row.uuid)
    meeting = next((m for m in get_meetings(session, item_id=row.item_id)
                    if m.request_id == request_id), None)
    session.delete(row)
    session.flush()
    return data, meeting


def restore_request(session: Session, data: RequestData, meeting: mm.Placed | None) -> None:
    create_request(session, data=data)
    if meeting is not None:
        session.add(Meeting(request_id=meeting.request_id, slot=meeting.slot,
                            table_no=meeting.table, interpreter_id=meeting.interpreter,
                            pinned=meeting.pinned))
        session.flush()


# meetings ------------------------------------------------------------------------------------
def get_meetings(session: Session, *, item_id: int) -> list[mm.Placed]:
    # Core rows through the session's connection: no ORM row layer for 400 meetings.
    rows = session.connection().execute(
        select(Meeting.request_id, Meeting.slot, Meeting.table_no, Meeting.interpreter_id,
               Meeting.pinned).join(MeetingRequest, MeetingRequest.id == Meeting.request_id)
        .where(MeetingRequest.item_id == item_id)
        .order_by(Meeting.slot, Meeting.table_no)).all()
    return [mm.Placed(rid, slot, table, interp, bool(pin))
            for rid, slot, table, interp, pin in rows]


def set_meetings(session: Session, *, item_id: int, meetings: list[mm.Placed]) -> None:
    """Make the session's meetings these (the scheduler's result, a move, an undo's): only the
    rows that differ are written, so a move touches one or two rows, not the session."""
    current = {m.request_id: m for m in get_meetings(session, item_id=item_id)}
    wanted = {m.request_id: m for m in meetings}
    gone = [rid for rid in current if current[rid] != wanted.get(rid)]
    if gone:
        session.exec(delete(Meeting).where(col(Meeting.request_id).in_(gone)))
        session.flush()
    session.add_all([Meeting(request_id=m.request_id, slot=m.slot, table_no=m.table,
                             interpreter_id=m.interpreter, pinned=m.pinned)
                     for rid, m in wanted.items() if current.get(rid) != m])
    session.flush()


@dataclass(frozen=True)
class ProblemBase:
    """What a session's problem takes from outside its requests and meetings: its grid, who
    is on the mission, each organization's delegates, the interpreters, who is busy when.
    The Meetings tab keeps it while only requests and meetings change."""

    slots: int
    tables: int
    active: frozenset[int]
    by_org: dict[int, frozenset[int]]
    interpreters: tuple[int, ...]
    busy: dict[int, frozenset[int]]

    def problem(self, requests: list[RequestData], meetings: list[mm.Placed]) -> mm.Problem:
        placed = []
        for r in requests:
            who = ({r.participant_id} & self.active if r.participant_id is not None
                   else self.by_org.get(r.organization_id, frozenset()))
            if who:
                placed.append(mm.Request(r.id, frozenset(who), r.counterpart_id, r.priority,
                                         r.interpreter))
        return mm.Problem(self.slots, self.tables, tuple(placed), self.interpreters,
                          self.busy, pinned=tuple(m for m in meetings if m.pinned))


def problem_base(session: Session, *, item_id: int) -> ProblemBase:
    item = session.get(ItineraryItem, item_id)
    if item is None:
        raise LookupError(f"item {item_id} not found")
    settings = get_settings(session, item_id=item_id)
    slots = slot_times(item.start_utc, item.end_utc, settings)
    people = session.exec(select(Participant.id, Participant.role, Person.organization_id)
                          .join(Person, Person.id == Participant.person_id)
                          .where(Participant.mission_id == item.mission_id,
                                 Participant.status != AttendanceStatus.CANCELLED.value)).all()
    active = frozenset(pid for pid, _r, _o in people)
    by_org: dict[int, set[int]] = {}
    for pid, role, org in people:
        if org is not None and role in _DELEGATION:
            by_org.setdefault(org, set()).add(pid)
    interpreters = tuple(sorted(pid for pid, role, _o in people
                                if role == Role.INTERPRETER.value))
    return ProblemBase(len(slots), settings.tables, active,
                       {org: frozenset(p) for org, p in by_org.items()}, interpreters,
                       _busy_slots(session, item, slots, set(active)))


def build_problem(session: Session, *, item_id: int,
                  requests: list[RequestData] | None = None,
                  meetings: list[mm.Placed] | None = None) -> mm.Problem:
    """The session as the scheduler sees it: requests with their people, the interpreters,
    who is busy elsewhere in which slot, and the pinned meetings (`requests` and `meetings`
    when the caller has read them already)."""
    base = problem_base(session, item_id=item_id)
    requests = list_requests(session, item_id=item_id) if requests is None else requests
    meetings = get_meetings(session, item_id=item_id) if meetings is None else meetings
    return base.problem(requests, meetings)


def _busy_slots(session: Session, item: ItineraryItem, slots, active: set[int]
                ) -> dict[int, frozenset[int]]:
    """Participant -> the slots in which another item (or an interpreting job) holds them."""
    if not slots:
        return {}
    others = session.exec(select(ItineraryItem.id, ItineraryItem.start_utc,
                                 ItineraryItem.end_utc, ItineraryItem.everyone).where(
        ItineraryItem.mission_id == item.mission_id, ItineraryItem.id != item.id,
        col(ItineraryItem.kind).not_in(_NO_OVERLAP), ItineraryItem.start_utc < item.end_utc,
        ItineraryItem.end_utc > item.start_utc)).all()
    ids = [o[0] for o in others]
    links: dict[int, set[int]] = {}
    for item_id, pid in session.exec(select(ItemParticipant.item_id,
                                            ItemParticipant.participant_id)
                                     .where(col(ItemParticipant.item_id).in_(ids))).all():
        links.setdefault(item_id, set()).add(pid)
    for item_id, pid in session.exec(select(InterpreterAssignment.item_id,
                                            InterpreterAssignment.participant_id)
                                     .where(col(InterpreterAssignment.item_id).in_(ids))).all():
        links.setdefault(item_id, set()).add(pid)
    busy: dict[int, set[int]] = {}
    for other_id, start, end, everyone in others:
        hit = [n for n, (s, e) in enumerate(slots) if s < end and e > start]
        if not hit:
            continue
        who = active if everyone else links.get(other_id, set())
        for pid in who:
            busy.setdefault(pid, set()).update(hit)
    return {pid: frozenset(s) for pid, s in busy.items()}


def run_schedule(session: Session, *, item_id: int) -> tuple[list[mm.Placed], mm.Schedule]:
    """Schedule the session again around its pinned meetings; (meetings before, result)."""
    before = get_meetings(session, item_id=item_id)
    result = mm.schedule(build_problem(session, item_id=item_id))
    set_meetings(session, item_id=item_id, meetings=list(result.meetings.values()))
    return before, result


def unmet_reasons(session: Session, *, item_id: int) -> dict[int, str]:
    """Request id -> why it has no meeting, for the meetings as they are stored now."""
    return reasons_for(problem_base(session, item_id=item_id),
                       list_requests(session, item_id=item_id),
                       get_meetings(session, item_id=item_id))


def reasons_for(base: ProblemBase, requests: list[RequestData],
                meetings: list[mm.Placed], problem: mm.Problem | None = None) -> dict[int, str]:
    """Request id -> why it has no meeting. `problem`: base.problem(requests, ...) made
    already for these requests (the reasons do not depend on which meetings are pinned)."""
    problem = problem or base.problem(requests, meetings)
    board = mm.Board(problem)
    for m in meetings:
        if m.request_id in board.requests:
            board.put(m)
    out = {r.id: mm.reason(board, r) for r in problem.requests if r.id not in board.where}
    out.update({r.id: mm.NO_PEOPLE for r in requests if r.id not in board.requests})
    return out


def moved(meetings: list[mm.Placed], request_id: int, slot: int, table: int) -> list[mm.Placed]:
    """The meetings with one moved to (slot, table); a meeting already there swaps places.
    The interpreter stays with the meeting."""
    current = next(m for m in meetings if m.request_id == request_id)
    out = []
    for m in meetings:
        if m.request_id == request_id:
            out.append(replace(m, slot=slot, table=table))
        elif m.slot == slot and m.table == table:
            out.append(replace(m, slot=current.slot, table=current.table))
        else:
            out.append(m)
    return out


def pinned(meetings: list[mm.Placed], request_ids: set[int], pin: bool) -> list[mm.Placed]:
    return [replace(m, pinned=pin) if m.request_id in request_ids else m for m in meetings]


def rule_problems(session: Session, *, item_id: int, meetings: list[mm.Placed]) -> list[str]:
    """What a proposed set of meetings breaks (people, tables, interpreters, busy times)."""
    problem = build_problem(session, item_id=item_id)
    known = {r.id for r in problem.requests}
    return mm.check(problem, [m for m in meetings if m.request_id in known])
