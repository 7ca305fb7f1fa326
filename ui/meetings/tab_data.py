"""What the Meetings tab reads for a mission, in one session, and how it words a request, a
person, a counterpart and a reason: plain values the tab's widgets show."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from i18n import N_, _, pick
from i18n.formatting import format_time, name_sort_key, person_name
from i18n.labels import PRIORITIES, label
from models import counterparts as cps
from models import matchmaking as mm
from models import meetings as mt
from models import repository as repo
from models.entities import AttendanceStatus, Role

REASONS = {
    mm.NO_PEOPLE: N_("Nobody of the delegate side is on the mission"),
    mm.NO_SLOTS: N_("The session's time holds no whole slot"),
    mm.PEOPLE_BOOKED: N_("The delegate side is busy in every slot"),
    mm.COUNTERPART_BOOKED: N_("The counterpart is busy in every slot"),
    mm.NO_COMMON_SLOT: N_("No slot in which both are free"),
    mm.NO_TABLE: N_("Every table is taken in the slots in which both are free"),
    mm.NO_INTERPRETER: N_("No interpreter is free in the slots in which both are free"),
    mm.PINNED_CLASH: N_("Pinned where another pinned meeting already is"),
    mm.FITS: N_("Not scheduled yet: a slot is free for it"),
}


@dataclass(frozen=True)
class Person:
    participant_id: int
    family: str
    given: str
    family_ja: str
    given_ja: str
    role: str
    organization_id: int | None
    organization: tuple[str, str]
    sort_key: tuple = ()
    cancelled: bool = False

    def name(self) -> str:
        return person_name(family=self.family, given=self.given, family_ja=self.family_ja,
                           given_ja=self.given_ja)


@dataclass
class SessionView:
    session: mt.SessionRow
    base: mt.ProblemBase
    slots: list[tuple[datetime, datetime]]
    requests: list[mt.RequestData]
    meetings: dict[int, mm.Placed]                 # request id -> meeting
    unmet: dict[int, str]                          # request id -> reason code
    problem: mm.Problem | None = None              # the requests as the scheduler sees them


@dataclass
class MeetingsData:
    sessions: list[mt.SessionRow] = field(default_factory=list)
    counterparts: dict[int, cps.CounterpartData] = field(default_factory=dict)
    people: dict[int, Person] = field(default_factory=dict)
    organizations: dict[int, tuple[str, str]] = field(default_factory=dict)
    view: SessionView | None = None

    # wording ---------------------------------------------------------------------------------
    def counterpart(self, cp_id: int) -> str:
        cp = self.counterparts.get(cp_id)
        return pick(cp.name_en, cp.name_ja)[0] if cp else "?"

    def person(self, pid: int | None) -> str:
        return self.people[pid].name() if pid in self.people else ""

    def delegate_side(self, r: mt.RequestData) -> str:
        if r.participant_id is not None:
            return self.person(r.participant_id)
        org = self.organizations.get(r.organization_id, ("?", ""))
        return _("{organization} (all delegates)").format(organization=pick(*org)[0])

    def interpreters(self) -> list[Person]:
        return sorted((p for p in self.people.values()
                       if p.role == Role.INTERPRETER.value and not p.cancelled),
                      key=lambda p: p.sort_key)

    def delegates(self) -> list[Person]:
        return sorted((p for p in self.people.values()
                       if p.role not in (Role.INTERPRETER.value, Role.HOST.value)
                       and not p.cancelled),
                      key=lambda p: p.sort_key)

    def slot_text(self, slot: int) -> str:
        view = self.view
        if view is None or slot >= len(view.slots):
            return ""
        start, end = view.slots[slot]
        tz = view.session.tz
        return f"{format_time(start, tz, with_zone=False)}–{format_time(end, tz, with_zone=False)}"

    def status(self, r: mt.RequestData) -> str:
        view = self.view
        m = view.meetings.get(r.id) if view else None
        if m is not None:
            return _("{time}, table {table}").format(time=self.slot_text(m.slot), table=m.table)
        reason = view.unmet.get(r.id) if view else None
        return _(REASONS[reason]) if reason in REASONS else _("Not scheduled yet")


def priority_text(priority: int) -> str:
    return label(PRIORITIES, str(priority))


def load_people(session, *, mission_id: int) -> tuple[dict[int, Person], dict]:
    """The participants (the cancelled ones marked: a request may still name them) and the
    organizations of those not cancelled."""
    people, organizations = {}, {}
    for a in repo.list_attendees(session, mission_id=mission_id):
        cancelled = a.status == AttendanceStatus.CANCELLED.value
        people[a.participant_id] = Person(
            a.participant_id, a.family_name, a.given_name, a.family_name_ja, a.given_name_ja,
            a.role, a.organization_id, (a.organization_en, a.organization_ja),
            name_sort_key(family=a.family_name, given=a.given_name, family_kana=a.family_kana,
                          given_kana=a.given_kana), cancelled)
        if a.organization_id is not None and not cancelled:
            organizations[a.organization_id] = (a.organization_en, a.organization_ja)
    return people, organizations


def load(session, *, mission_id: int, item_id: int | None,
         previous: MeetingsData | None = None) -> MeetingsData:
    """Everything the tab shows. With `previous` (a change of requests, meetings or
    counterparts only, to the same session) its people, sessions and grid are kept and only
    the requests, meetings and counterparts are read again."""
    keep = (previous is not None and previous.view is not None
            and previous.view.session.item_id == item_id)
    if keep:
        data = MeetingsData(sessions=previous.sessions, people=previous.people,
                            organizations=previous.organizations)
    else:
        data = MeetingsData(sessions=mt.list_sessions(session, mission_id=mission_id))
        # With no 商談会 session, nothing this page shows or asks names a person (adding a
        # session announces an item, which reads all again): at 2,000 attendees, reading
        # them was a third of the Meetings tab's first show.
        if data.sessions:
            data.people, data.organizations = load_people(session, mission_id=mission_id)
    data.counterparts = {c.id: c for c in cps.list_counterparts(session, mission_id=mission_id)}
    ids = [s.item_id for s in data.sessions]
    if item_id not in ids:
        item_id = ids[0] if ids else None
    if item_id is not None:
        row = next(s for s in data.sessions if s.item_id == item_id)
        base = previous.view.base if keep else mt.problem_base(session, item_id=item_id)
        meetings = mt.get_meetings(session, item_id=item_id)
        requests = mt.list_requests(session, item_id=item_id)
        problem = base.problem(requests, ())
        data.view = SessionView(row, base, mt.slot_times(row.start, row.end, row.settings),
                                requests, {m.request_id: m for m in meetings},
                                mt.reasons_for(base, requests, meetings, problem), problem)
    return data


def reread_meetings(session, data: MeetingsData) -> set[int]:
    """After a change of placements only: read the shown session's meetings again into
    `data` (its requests, people and counterparts stay) and work out the unmet reasons anew;
    returns the ids of the requests whose meeting or reason changed."""
    view = data.view
    meetings = mt.get_meetings(session, item_id=view.session.item_id)
    placed = {m.request_id: m for m in meetings}
    unmet = mt.reasons_for(view.base, view.requests, meetings, view.problem)
    changed = {r.id for r in view.requests if placed.get(r.id) != view.meetings.get(r.id)
               or unmet.get(r.id) != view.unmet.get(r.id)}
    data.view = SessionView(view.session, view.base, view.slots, view.requests, placed, unmet,
                            view.problem)
    return changed
