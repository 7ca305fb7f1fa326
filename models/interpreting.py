"""Interpreters at work: assigned to items (meals, site visits, courtesy calls) and to meetings
of a 商談会, and the readiness findings on them.

- Two places at once: an interpreter's jobs (items they are assigned to, meetings they
  interpret) overlap. A session's own meetings never clash with the session itself.
- Needed and missing: an item marked as needing an interpreter has none; a session has
  meetings that need one and have none (one finding per session, with the count).
- No break: within one local day, jobs with gaps shorter than the mission's break
  (Mission.interpreter_break_minutes, 30 unless set) between them form a stretch; a stretch
  longer than the mission's limit (Mission.interpreter_work_minutes, 3 hours) is reported.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import text
from sqlmodel import Session, col, delete, select

from models import findings as F
from models.entities import InterpreterAssignment, ItemProtocol, ItineraryItem, Mission
from models.findings import Finding
from models.times import local_date

WORK_MINUTES, BREAK_MINUTES = 180, 30        # a new mission's rule (see Mission)


@dataclass
class Interpreting:
    """What the checks read, by item id: who is assigned, whether one is needed, and each
    session's meetings as (start, end, interpreter or None, needs one)."""

    assigned: dict[int, set[int]] = field(default_factory=dict)
    needed: set[int] = field(default_factory=set)
    meetings: dict[int, list[tuple[datetime, datetime, int | None, bool]]] = field(
        default_factory=dict)
    work_minutes: int = WORK_MINUTES      # the mission's rule: at most this long at work
    break_minutes: int = BREAK_MINUTES    # without a break at least this long


# -- assignments -------------------------------------------------------------------------------
def assigned_interpreters(session: Session, *, item_id: int) -> tuple[int, ...]:
    return tuple(sorted(session.exec(select(InterpreterAssignment.participant_id).where(
        InterpreterAssignment.item_id == item_id)).all()))


def interpreters_by_item(session: Session, *, mission_id: int) -> dict[int, tuple[int, ...]]:
    """assigned_interpreters for every item of the mission that has any, in one query."""
    found: dict[int, list[int]] = defaultdict(list)
    for item_id, pid in session.exec(
            select(InterpreterAssignment.item_id, InterpreterAssignment.participant_id)
            .join(ItineraryItem, ItineraryItem.id == InterpreterAssignment.item_id)
            .where(ItineraryItem.mission_id == mission_id)).all():
        found[item_id].append(pid)
    return {item_id: tuple(sorted(pids)) for item_id, pids in found.items()}


def interpreter_needed(session: Session, *, item_id: int) -> bool:
    row = session.get(ItemProtocol, item_id)
    return bool(row and row.interpreter_needed)


def set_interpreting(session: Session, *, item_id: int, needed: bool,
                     interpreter_ids: tuple[int, ...]) -> tuple[bool, tuple[int, ...]]:
    """Store who interprets at the item and whether it needs an interpreter; the values
    before, for undo."""
    if session.get(ItineraryItem, item_id) is None:
        raise LookupError(f"item {item_id} not found")
    before = (interpreter_needed(session, item_id=item_id),
              assigned_interpreters(session, item_id=item_id))
    row = session.get(ItemProtocol, item_id) or ItemProtocol(item_id=item_id)
    row.interpreter_needed = needed
    session.add(row)
    session.exec(delete(InterpreterAssignment).where(
        col(InterpreterAssignment.item_id) == item_id))
    session.add_all([InterpreterAssignment(item_id=item_id, participant_id=p)
                     for p in sorted(set(interpreter_ids))])
    session.flush()
    return before


# -- reading for the checks --------------------------------------------------------------------
# The first branch's NULLs are typed: PostgreSQL takes a UNION's column types from it.
# One statement for the three kinds of rows (the checks read the plan in a fixed, small number
# of queries): "a" an assignment, "n" an item needing an interpreter, "m" a meeting, "r" the
# mission's rule for breaks.
_ROWS = text("""SELECT 'a', a.item_id, a.participant_id, CAST(NULL AS INTEGER),
    CAST(NULL AS BOOLEAN), CAST(NULL AS INTEGER), CAST(NULL AS INTEGER)
    FROM interpreter_assignment a JOIN itinerary_item i ON i.id = a.item_id
    WHERE i.mission_id = :m
    UNION ALL SELECT 'n', p.item_id, NULL, NULL, NULL, NULL, NULL FROM item_protocol p
    JOIN itinerary_item i ON i.id = p.item_id WHERE i.mission_id = :m AND p.interpreter_needed
    UNION ALL SELECT 'm', r.item_id, m.interpreter_id, m.slot, r.interpreter, s.slot_minutes,
    s.break_minutes FROM meeting m JOIN meeting_request r ON r.id = m.request_id
    JOIN itinerary_item i ON i.id = r.item_id
    LEFT JOIN matchmaking_session s ON s.item_id = r.item_id WHERE i.mission_id = :m
    UNION ALL SELECT 'r', NULL, NULL, NULL, NULL, interpreter_work_minutes,
    interpreter_break_minutes FROM mission WHERE id = :m""")


def load_interpreting(conn, mission_id: int, starts: dict[int, datetime]) -> Interpreting:
    """Read on the plan's Core connection (see readiness_data), the same SQL on SQLite and
    PostgreSQL; `starts`: item id -> start."""
    data = Interpreting()
    for tag, item_id, pid, slot, needs, length, pause in conn.execute(
            _ROWS, {"m": mission_id}).all():
        if tag == "r":
            data.work_minutes, data.break_minutes = length, pause
        elif tag == "a":
            data.assigned.setdefault(item_id, set()).add(pid)
        elif tag == "n":
            data.needed.add(item_id)
        elif item_id in starts:
            length, pause = (length, pause) if length is not None else (25, 5)
            start = starts[item_id] + timedelta(minutes=slot * (length + pause))
            data.meetings.setdefault(item_id, []).append(
                (start, start + timedelta(minutes=length), pid, bool(needs)))
    return data


# -- findings ----------------------------------------------------------------------------------
def interpreter_findings(plan) -> list[Finding]:
    data: Interpreting | None = getattr(plan, "interpreting", None)
    if data is None:
        return []
    items = {item.id: item for item in plan.items}
    jobs: dict[int, list[tuple]] = defaultdict(list)   # interpreter -> (start, end, item, meeting)
    for item_id, pids in data.assigned.items():
        item = items.get(item_id)
        if item is not None:
            for pid in pids & plan.active:
                jobs[pid].append((item.start, item.end, item, False))
    found = []
    for item_id, meetings in data.meetings.items():
        item = items[item_id]
        unmet = 0
        for start, end, interpreter, needs in meetings:
            if interpreter is not None and interpreter in plan.active:
                jobs[interpreter].append((start, end, item, True))
            elif needs:
                unmet += 1
        if unmet:
            found.append(Finding(F.MEETINGS_WITHOUT_INTERPRETER, F.RANK_MISSING, item_id, None,
                                 {"item": (item.title_en, item.title_ja), "n": unmet},
                                 when=item.start))
    for item_id in sorted(data.needed):
        item = items.get(item_id)
        if item is not None and not (data.assigned.get(item_id, set()) & plan.active):
            found.append(Finding(F.INTERPRETER_MISSING, F.RANK_MISSING, item_id, None, {
                "item": (item.title_en, item.title_ja), "at": (item.start, item.start_tz)},
                when=item.start))
    for pid, mine in jobs.items():
        mine.sort(key=lambda j: (j[0], j[1]))
        found += _clashes(plan, pid, mine) + _stretches(plan, pid, mine, data)
    return found


def _clashes(plan, pid: int, jobs: list[tuple]) -> list[Finding]:
    pairs: dict[tuple[int, int], tuple] = {}
    running: list[tuple] = []
    for job in jobs:
        running = [r for r in running if r[1] > job[0]]
        for other in running:
            if other[2].id == job[2].id and (other[3] or job[3]):
                continue          # a session and its own meetings: the same place
            key = (other[2].id, job[2].id)
            pairs.setdefault(key, (other, job))
        running.append(job)
    out = []
    for first, second in pairs.values():
        out.append(Finding(F.INTERPRETER_CLASH, F.RANK_CONFLICT, second[2].id, pid, {
            "person": plan.people[pid].name(),
            "first": (first[2].title_en, first[2].title_ja), "first_at": (first[0],
                                                                          first[2].start_tz),
            "second": (second[2].title_en, second[2].title_ja),
            "second_at": (second[0], second[2].start_tz)}, when=second[0]))
    return out


def _stretches(plan, pid: int, jobs: list[tuple], rule: Interpreting) -> list[Finding]:
    limit = timedelta(minutes=rule.work_minutes)
    gap = timedelta(minutes=rule.break_minutes)
    out, reported = [], set()
    start = end = None
    first = None
    for job in jobs + [None]:
        if job is not None and end is not None and job[0] - end < gap:
            end = max(end, job[1])
            continue
        if end is not None and end - start > limit:
            day = local_date(start, first[2].start_tz)
            if day not in reported:
                reported.add(day)
                out.append(Finding(F.INTERPRETER_NO_BREAK, F.RANK_MISSING, first[2].id, pid, {
                    "person": plan.people[pid].name(), "day": day,
                    "from": (start, first[2].start_tz), "until": (end, first[2].start_tz),
                    "limit": rule.work_minutes, "pause": rule.break_minutes}, when=start))
        if job is not None:
            start, end, first = job[0], job[1], job
    return out


# -- the mission's rule ------------------------------------------------------------------------
def get_break_rule(session: Session, *, mission_id: int) -> tuple[int, int]:
    """(minutes at most at work, minutes of the break that ends a stretch)."""
    mission = session.get(Mission, mission_id)
    if mission is None:
        raise LookupError(f"mission {mission_id} not found")
    return mission.interpreter_work_minutes, mission.interpreter_break_minutes


def set_break_rule(session: Session, *, mission_id: int,
                   rule: tuple[int, int]) -> tuple[int, int]:
    """Store the mission's rule; returns the one before. Work from 30 minutes to 16 hours,
    a break from 5 minutes to 4 hours."""
    work, pause = rule
    if not (30 <= work <= 16 * 60 and 5 <= pause <= 240):
        raise ValueError("work from 30 minutes to 16 hours, a break from 5 to 240 minutes")
    mission = session.get(Mission, mission_id)
    if mission is None:
        raise LookupError(f"mission {mission_id} not found")
    before = (mission.interpreter_work_minutes, mission.interpreter_break_minutes)
    mission.interpreter_work_minutes, mission.interpreter_break_minutes = work, pause
    session.add(mission)
    session.flush()
    return before
