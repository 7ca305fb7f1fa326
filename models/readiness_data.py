"""A mission's plan read in a handful of queries into plain structures, for what must look at
everything at once: the readiness checks (run on every change: under 100 ms for 2,000 attendees
and 3,000 items, so no query per item and no ORM objects per row) and the documents.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlmodel import Session

from models.entities import (
    AttendanceStatus,
    Mission,
    Participant,
    Person,
    Site,
)
from models.interpreting import Interpreting, load_interpreting
from models.times import stored_utc


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
    """An itinerary item with its people, as the checks and the documents read it (the window's
    tables show repository.ItemRow; its dialog edits items.ItemData)."""

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
    # What only the documents print: read with load_plan(details=True), blank otherwise.
    notes_en: str = ""
    notes_ja: str = ""
    location_en: str = ""
    location_ja: str = ""
    carrier: str = ""
    flight_number: str = ""
    vehicle: str = ""
    pickup: str = ""
    driver_name: str = ""
    driver_phone: str = ""


@dataclass(slots=True)
class PlanSite:
    id: int
    name_en: str
    name_ja: str
    tz: str
    notice_days: int
    required: tuple[str, ...]              # the visitor fields the site asks for
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""


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
    interpreting: Interpreting | None = None      # see models.interpreting


# Each item's people as "3,17,42" in its own row: a row per link (30,000 at 1,500 items) would
# cost more than the checks.
_ITEMS = """SELECT i.id, i.kind, i.start_utc, i.end_utc, i.start_tz, i.end_tz, i.title_en,
    i.title_ja, i.from_code, i.to_code, i.site_id, i.everyone,
    (SELECT group_concat(ip.participant_id) FROM item_participant ip WHERE ip.item_id = i.id)
    {details} FROM itinerary_item i WHERE i.mission_id = ? ORDER BY i.start_utc, i.id"""
_DETAILS = """, i.notes_en, i.notes_ja, i.location_en, i.location_ja, i.carrier,
    i.flight_number, i.vehicle, i.pickup, i.driver_name, i.driver_phone"""
_CLEARANCE = """SELECT c.item_id, c.participant_id, c.status FROM visit_clearance c
    JOIN itinerary_item i ON i.id = c.item_id WHERE i.mission_id = ?"""
_ROOMED = """SELECT r.item_id, g.participant_id FROM room r JOIN room_guest g ON g.room_id = r.id
    JOIN itinerary_item i ON i.id = r.item_id WHERE i.mission_id = ?"""


def load_plan(session: Session, *, mission_id: int, details: bool = False) -> Plan | None:
    """Everything the checks need, in six queries; None when there is no such mission.
    `details`: also what the documents print of each item (notes, places, transport)."""
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
    # The items with the driver itself, in the session's transaction: SQLAlchemy's types cost
    # more than the rest of the reading (times.stored_utc does what UTCDateTime would).
    driver = conn.connection.driver_connection
    items = []
    for row in driver.execute(_ITEMS.format(details=_DETAILS if details else ""),
                              (mission_id,)).fetchall():
        everyone, links = bool(row[11]), row[12]
        # "Everyone" items share one set: no copy per item of 200 participants.
        who = active if everyone else (
            frozenset(set(map(int, links.split(","))) & active) if links else frozenset())
        items.append(PlanItem(row[0], row[1], stored_utc(row[2]), stored_utc(row[3]),
                              *row[4:11], everyone, who, *row[13:]))
    site_ids = {item.site_id for item in items if item.site_id is not None}
    sites = {row[0]: PlanSite(*row[:5], tuple(f for f in row[5].split(",") if f), *row[6:])
             for row in conn.execute(select(
                 Site.id, Site.name_en, Site.name_ja, Site.tz, Site.notice_days,
                 Site.required_fields, Site.contact_name, Site.contact_phone,
                 Site.contact_email).where(Site.id.in_(site_ids)))} if site_ids else {}
    clearance = {(item_id, pid): status for item_id, pid, status
                 in driver.execute(_CLEARANCE, (mission_id,)).fetchall()}
    roomed: dict[int, set[int]] = defaultdict(set)
    for item_id, pid in driver.execute(_ROOMED, (mission_id,)).fetchall():
        roomed[item_id].add(pid)
    return Plan(mission_id=mission_id, start_date=mission[0], end_date=mission[1],
                home_tz=mission[2], people=people, active=active, items=items, sites=sites,
                clearance=clearance, roomed=dict(roomed),
                interpreting=load_interpreting(driver, mission_id,
                                               {i.id: i.start for i in items}))
