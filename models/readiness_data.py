"""A mission's plan read in a handful of queries into plain structures, for checks that must
look at everything at once (the readiness checks run on every change and must stay under
100 ms for 200 attendees and 1,500 items: no query per item, no ORM objects per row).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlmodel import Session

from models.entities import (
    AttendanceStatus,
    ItineraryItem,
    Mission,
    Participant,
    Person,
    Site,
)


@dataclass(slots=True)
class PlanPerson:
    """A participant with the person's fields the checks read."""

    participant_id: int
    role: str
    status: str
    family: str
    given: str
    family_ja: str
    given_ja: str
    citizenship: str
    date_of_birth: date | None
    passport_number: str
    passport_expiry: date | None
    visa_type: str
    organization_id: int | None
    title_en: str
    title_ja: str

    def name(self) -> dict:
        """Keyword arguments for i18n.formatting.person_name."""
        return {"family": self.family, "given": self.given, "family_ja": self.family_ja,
                "given_ja": self.given_ja}


@dataclass(slots=True)
class PlanItem:
    id: int
    kind: str
    start: datetime
    end: datetime
    start_tz: str
    end_tz: str
    title_en: str
    title_ja: str
    from_code: str
    to_code: str
    site_id: int | None
    everyone: bool
    people: frozenset[int] = frozenset()   # the non-cancelled participants taking part


@dataclass(slots=True)
class PlanSite:
    id: int
    name_en: str
    name_ja: str
    tz: str
    notice_days: int
    required: tuple[str, ...]


@dataclass
class Plan:
    mission_id: int
    start_date: date
    end_date: date
    home_tz: str
    people: dict[int, PlanPerson]
    active: frozenset[int]                 # participants not cancelled
    items: list[PlanItem]                  # by start, then id
    sites: dict[int, PlanSite]
    clearance: dict[tuple[int, int], str]  # (item id, participant id) -> status
    # hotel item id -> the participants with a room in that stay
    roomed: dict[int, set[int]] = field(default_factory=dict)


_LINKS = """SELECT ip.item_id, ip.participant_id FROM item_participant ip
    JOIN itinerary_item i ON i.id = ip.item_id WHERE i.mission_id = ?"""
_CLEARANCE = """SELECT c.item_id, c.participant_id, c.status FROM visit_clearance c
    JOIN itinerary_item i ON i.id = c.item_id WHERE i.mission_id = ?"""
_ROOMED = """SELECT r.item_id, g.participant_id FROM room r JOIN room_guest g ON g.room_id = r.id
    JOIN itinerary_item i ON i.id = r.item_id WHERE i.mission_id = ?"""


def load_plan(session: Session, *, mission_id: int) -> Plan | None:
    """Everything the checks need, in seven queries; None when there is no such mission."""
    # Core rows through the session's connection, not ORM objects: at 1,500 items and 30,000
    # links the ORM's row layer costs more than the checks themselves.
    conn = session.connection()
    mission = conn.execute(select(
        Mission.start_date, Mission.end_date, Mission.home_tz).where(Mission.id == mission_id)
    ).first()
    if mission is None:
        return None
    people = {row[0]: PlanPerson(*row) for row in conn.execute(select(
        Participant.id, Participant.role, Participant.status, Person.family_name,
        Person.given_name, Person.family_name_ja, Person.given_name_ja, Person.citizenship,
        Person.date_of_birth, Person.passport_number, Person.passport_expiry, Person.visa_type,
        Person.organization_id, Person.title_en, Person.title_ja)
        .join(Person, Person.id == Participant.person_id)
        .where(Participant.mission_id == mission_id))}
    active = frozenset(pid for pid, p in people.items()
                       if p.status != AttendanceStatus.CANCELLED.value)
    items = [PlanItem(*row) for row in conn.execute(select(
        ItineraryItem.id, ItineraryItem.kind, ItineraryItem.start_utc, ItineraryItem.end_utc,
        ItineraryItem.start_tz, ItineraryItem.end_tz, ItineraryItem.title_en,
        ItineraryItem.title_ja, ItineraryItem.from_code, ItineraryItem.to_code,
        ItineraryItem.site_id, ItineraryItem.everyone)
        .where(ItineraryItem.mission_id == mission_id)
        .order_by(ItineraryItem.start_utc, ItineraryItem.id)).all()]
    # The link tables hold tens of thousands of pairs of integers: read them with the driver
    # itself, in the session's transaction. Row objects would cost more than all the checks.
    driver = conn.connection.driver_connection
    links: dict[int, set[int]] = defaultdict(set)
    for item_id, pid in driver.execute(_LINKS, (mission_id,)).fetchall():
        links[item_id].add(pid)
    for item in items:
        # "Everyone" items share one set: no copy per item of 200 participants.
        item.people = active if item.everyone else frozenset(links.get(item.id, set()) & active)
    site_ids = {item.site_id for item in items if item.site_id is not None}
    sites = {row[0]: PlanSite(*row[:5], tuple(f for f in row[5].split(",") if f))
             for row in conn.execute(select(
                 Site.id, Site.name_en, Site.name_ja, Site.tz, Site.notice_days,
                 Site.required_fields).where(Site.id.in_(site_ids)))} if site_ids else {}
    clearance = {(item_id, pid): status for item_id, pid, status
                 in driver.execute(_CLEARANCE, (mission_id,)).fetchall()}
    roomed: dict[int, set[int]] = defaultdict(set)
    for item_id, pid in driver.execute(_ROOMED, (mission_id,)).fetchall():
        roomed[item_id].add(pid)
    return Plan(mission_id=mission_id, start_date=mission[0], end_date=mission[1],
                home_tz=mission[2], people=people, active=active, items=items, sites=sites,
                clearance=clearance, roomed=dict(roomed))
