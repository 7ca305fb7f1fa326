"""Everything a mission's workbook shows, read in one read-only session into plain rows.

Reads only (a read session, never a write one): exporting changes nothing in the database.
Sensitive fields (date of birth, passport number, visa type) are not even read when the export
leaves them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from models import repository as repo
from models.entities import (
    AttendanceStatus,
    ItemKind,
    ItemParticipant,
    ItineraryItem,
    Organization,
    Participant,
    Person,
    Site,
)
from models.lodging import StayRow, rooming_list
from models.readiness import Finding, run_checks
from models.store.db import read_session
from models.visits import VisitorRow, list_visitors


@dataclass(slots=True)
class Attendee:
    pid: int
    family: str
    given: str
    family_ja: str
    given_ja: str
    family_kana: str
    given_kana: str
    org_en: str
    org_ja: str
    title_en: str
    title_ja: str
    role: str
    status: str
    email: str
    phone: str
    citizenship: str
    dietary: str
    has_org: bool
    date_of_birth: date | None = None
    passport_number: str = ""
    visa_type: str = ""


@dataclass(slots=True)
class Item:
    id: int
    kind: str
    title_en: str
    title_ja: str
    notes_en: str
    notes_ja: str
    start: datetime
    start_tz: str
    end: datetime
    end_tz: str
    location_en: str
    location_ja: str
    site_id: int | None
    carrier: str
    flight_number: str
    from_code: str
    to_code: str
    vehicle: str
    pickup: str
    driver_name: str
    driver_phone: str
    everyone: bool
    people: list[int] = field(default_factory=list)   # taking part, cancelled left out


@dataclass
class MissionData:
    mission: repo.MissionRow
    organizers: list[tuple[str, str]]
    people: dict[int, Attendee]
    items: list[Item]                      # by start, then id
    sites: dict[int, Site]
    counts: dict[str, int]
    stays: list[StayRow] = field(default_factory=list)
    visitors: dict[int, list[VisitorRow]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    sensitive: bool = True

    def active(self) -> list[Attendee]:
        return [p for p in self.people.values() if p.status != AttendanceStatus.CANCELLED.value]


def _people(session: Session, mission_id: int, sensitive: bool) -> dict[int, Attendee]:
    columns = [Participant.id, Person.family_name, Person.given_name, Person.family_name_ja,
               Person.given_name_ja, Person.family_kana, Person.given_kana,
               func.coalesce(Organization.name_en, ""), func.coalesce(Organization.name_ja, ""),
               Person.title_en, Person.title_ja, Participant.role, Participant.status,
               Person.email, Person.phone, Person.citizenship, Person.dietary,
               col(Person.organization_id).is_not(None)]
    if sensitive:
        columns += [Person.date_of_birth, Person.passport_number, Person.visa_type]
    query = (select(*columns).join(Person, Person.id == Participant.person_id)
             .join(Organization, Organization.id == Person.organization_id, isouter=True)
             .where(Participant.mission_id == mission_id))
    return {row[0]: Attendee(*row) for row in session.exec(query).all()}


def _items(session: Session, mission_id: int, active: set[int]) -> list[Item]:
    i = ItineraryItem
    query = (select(i.id, i.kind, i.title_en, i.title_ja, i.notes_en, i.notes_ja, i.start_utc,
                    i.start_tz, i.end_utc, i.end_tz, i.location_en, i.location_ja, i.site_id,
                    i.carrier, i.flight_number, i.from_code, i.to_code, i.vehicle, i.pickup,
                    i.driver_name, i.driver_phone, i.everyone)
             .where(i.mission_id == mission_id).order_by(i.start_utc, i.id))
    items = [Item(*row) for row in session.exec(query).all()]
    # One row per item with its people as "3,17,42": a hundred thousand link rows through
    # the ORM would cost more than the rest of the export's reading together.
    links = {item_id: [int(p) for p in pids.split(",")] for item_id, pids in session.exec(
        select(ItemParticipant.item_id, func.group_concat(ItemParticipant.participant_id))
        .join(ItineraryItem, ItineraryItem.id == ItemParticipant.item_id)
        .where(ItineraryItem.mission_id == mission_id)
        .group_by(ItemParticipant.item_id)).all()}
    everyone = sorted(active)
    for item in items:
        item.people = everyone if item.everyone else [
            p for p in links.get(item.id, ()) if p in active]
    return items


def load_mission(engine: Engine, *, code: str, sensitive: bool, today: date,
                 person_id: int | None = None) -> MissionData | None:
    """The mission with this code, or None. `person_id`: only what that person's own workbook
    needs (no visitor lists, stays or findings)."""
    with read_session(engine) as session:
        mission = repo.find_mission_by_code(session, code=code)
        if mission is None:
            return None
        orgs = {o.id: o for o in repo.list_organizations(session)}
        organizers = [(orgs[i].name_en, orgs[i].name_ja) for i in mission.organizer_ids
                      if i in orgs]
        people = _people(session, mission.id, sensitive)
        active = {p.pid for p in people.values()
                  if p.status != AttendanceStatus.CANCELLED.value}
        items = _items(session, mission.id, active)
        site_ids = {item.site_id for item in items if item.site_id is not None}
        sites = {s.id: s for s in session.exec(select(Site).where(col(Site.id).in_(site_ids)))}
        data = MissionData(mission=mission, organizers=organizers, people=people, items=items,
                           sites=sites, counts=repo.mission_counts(session, mission_id=mission.id),
                           sensitive=sensitive)
        data.stays = rooming_list(session, mission_id=mission.id)
        if person_id is None:
            data.visitors = {item.id: list_visitors(session, item_id=item.id) for item in items
                             if item.kind == ItemKind.SITE_VISIT.value and item.site_id}
            data.findings = run_checks(session, mission_id=mission.id, today=today)
    return data


def find_person(engine: Engine, *, mission_id: int, email: str) -> int | None:
    """The participant of the mission with this e-mail address (case and width ignored)."""
    from models.rules import email_key

    wanted = email_key(email)
    with read_session(engine) as session:
        rows = session.exec(select(Participant.id, Person.email)
                            .join(Person, Person.id == Participant.person_id)
                            .where(Participant.mission_id == mission_id)).all()
    return next((pid for pid, mail in rows
                 if email_key(mail) == wanted), None)
