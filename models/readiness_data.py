"""A mission's plan read in a handful of queries into plain structures, for what must look at
everything at once: the readiness checks (run on every change: under 100 ms for 2,000 attendees
and 3,000 items, so no query per item and no ORM objects per row) and the documents.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from operator import attrgetter

from sqlalchemy import String, bindparam, cast, exists, func, select, type_coerce
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import NullType
from sqlmodel import Session

from models.entities import (
    AttendanceStatus,
    ItemParticipant,
    ItineraryItem,
    Mission,
    Participant,
    Person,
    Room,
    RoomGuest,
    Site,
    VisitClearance,
)
from models.gifts import items_with_gifts
from models.interpreting import Interpreting, load_interpreting
from models.readiness_consulates import consulate_pairs
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
    latin_unconfirmed: bool = False        # spelled from the kana, not checked on the passport
    # What a site's security office may ask besides (entities.VISITOR_FIELDS).
    birth_country: str = ""
    passport_country: str = ""
    employer: str = ""
    visit_purpose: str = ""
    us_person: bool | None = None
    escort: str = ""
    sex: str = ""

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
    address_en: str = ""                   # read for the state, whose holidays count too


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
    gifted: set[int] = field(default_factory=set)  # items with a gift planned (models.gifts)
    # (country, nationality) of each consulate recorded (models.readiness_consulates)
    consulates: frozenset[tuple[str, str]] = frozenset()


# Each item's people as "3,17,42" in its own row: a row per link (30,000 at 1,500 items) would
# cost more than the checks.
_I = ItineraryItem.__table__.c


class _IdList(FunctionElement):
    """Integer ids joined by commas: group_concat(x) on SQLite, which takes integers as they
    are (a CAST per link costs 15% at 40,000 links), string_agg(CAST(x AS TEXT), ',')
    elsewhere."""

    type = String()
    inherit_cache = True


@compiles(_IdList)
def _id_list(element, compiler, **kw) -> str:
    (column,) = element.clauses
    return compiler.process(func.aggregate_strings(cast(column, String), ","), **kw)


@compiles(_IdList, "sqlite")
def _id_list_sqlite(element, compiler, **kw) -> str:
    return f"group_concat({compiler.process(element.clauses, **kw)})"


_LINKS = (select(_IdList(ItemParticipant.participant_id))
          .where(ItemParticipant.item_id == _I.id).scalar_subquery())
# The instants untyped: UTCDateTime's per-value processing costs more than the rest of the
# reading at 3,000 items; times.stored_utc does what it would, for either engine's value.
_RAW = (type_coerce(_I.start_utc, NullType), type_coerce(_I.end_utc, NullType))
_ITEM_COLUMNS = (_I.id, _I.kind, *_RAW, _I.start_tz, _I.end_tz, _I.title_en, _I.title_ja,
                 _I.from_code, _I.to_code, _I.site_id, _I.everyone, _LINKS)
_DETAIL_COLUMNS = (_I.notes_en, _I.notes_ja, _I.location_en, _I.location_ja, _I.carrier,
                   _I.flight_number, _I.vehicle, _I.pickup, _I.driver_name, _I.driver_phone)
_MISSION = bindparam("mission_id")
_CANCELLED = AttendanceStatus.CANCELLED.value
_ITEMS = {details: select(*_ITEM_COLUMNS, *(_DETAIL_COLUMNS if details else ()))
          .where(_I.mission_id == _MISSION).order_by(_I.start_utc, _I.id)
          for details in (False, True)}
_SOME_ITEMS = _ITEMS[False].where(_I.id.in_(bindparam("ids", expanding=True)))
_BY_START = attrgetter("start", "id")           # the order of _ITEMS
_CLEARANCE = (select(VisitClearance.item_id, VisitClearance.participant_id, VisitClearance.status)
              .join(ItineraryItem, ItineraryItem.id == VisitClearance.item_id)
              .where(ItineraryItem.mission_id == _MISSION))
_PEOPLE = (select(
    Participant.id, Participant.role, Participant.status, Person.family_name,
    Person.given_name, Person.family_name_ja, Person.given_name_ja, Person.citizenship,
    Person.date_of_birth, Person.passport_number, Person.passport_expiry, Person.visa_type,
    Person.organization_id, Person.title_en, Person.title_ja, Person.latin_unconfirmed,
    Person.birth_country, Person.passport_country, Person.employer, Person.visit_purpose,
    Person.us_person, Person.escort, Person.sex)
    .join(Person, Person.id == Participant.person_id)
    .where(Participant.mission_id == _MISSION))
_SOME_PEOPLE = _PEOPLE.where(Participant.id.in_(bindparam("ids", expanding=True)))
_ROOMED = (select(Room.item_id, RoomGuest.participant_id)
           .join(RoomGuest, RoomGuest.room_id == Room.id)
           .join(ItineraryItem, ItineraryItem.id == Room.item_id)
           .where(ItineraryItem.mission_id == _MISSION))


def mission_zones(session: Session, *, mission_id: int) -> frozenset[str]:
    """The zones the mission's items start and end in (a plan read for one person holds only
    theirs)."""
    rows = session.connection().execute(
        select(_I.start_tz, _I.end_tz).where(_I.mission_id == mission_id).distinct()).all()
    return frozenset(z for row in rows for z in row)


# Built once, like the statements above: building one costs more than running these small ones.
_SITES = select(Site.id, Site.name_en, Site.name_ja, Site.tz, Site.notice_days,
                Site.required_fields, Site.contact_name, Site.contact_phone, Site.contact_email,
                Site.address_en).where(Site.id.in_(bindparam("ids", expanding=True)))
_MISSION_ROW = select(Mission.start_date, Mission.end_date, Mission.home_tz).where(
    Mission.id == _MISSION)


def _sites_of(conn, items: list[PlanItem]) -> dict[int, PlanSite]:
    site_ids = {item.site_id for item in items if item.site_id is not None}
    return {row[0]: PlanSite(*row[:5], tuple(f for f in row[5].split(",") if f), *row[6:])
            for row in conn.execute(_SITES, {"ids": sorted(site_ids)}).all()
            } if site_ids else {}


_UNLINKED = (select(*_ITEM_COLUMNS[:-1], *_DETAIL_COLUMNS).where(_I.mission_id == _MISSION)
             .order_by(_I.start_utc, _I.id))


def mission_items(session: Session, *,
                  mission_id: int) -> tuple[list[PlanItem], dict[int, PlanSite]]:
    """Every item of the mission with what the documents print but without its people (no
    links read), by start, and their sites: for the parts of one person's document that list
    the whole mission's drivers, hotels and countries (their contact sheet)."""
    conn = session.connection()
    items = [PlanItem(row[0], row[1], stored_utc(row[2]), stored_utc(row[3]), *row[4:11],
                      bool(row[11]), frozenset(), *row[12:])
             for row in conn.execute(_UNLINKED, {"mission_id": mission_id}).all()]
    return items, _sites_of(conn, items)


def load_plan(session: Session, *, mission_id: int, details: bool = False,
              participant_id: int | None = None,
              kinds: Collection[str] | None = None) -> Plan | None:
    """Everything the checks need, in a fixed number of queries; None when there is no such
    mission. `details`: also what the documents print of each item (notes, places, transport).
    `participant_id`: the items of that person only (theirs and the "everyone" ones, each with
    all its people) and their sites, for one person's document; `kinds`: the items of these
    kinds only (a hotel's rooming list reads its stay and the legs that arrive); neither for
    the checks, which look at everything."""
    # Core rows through the session's connection, not ORM objects: at 1,500 items and 30,000
    # links the ORM's row layer costs more than the checks themselves.
    conn = session.connection()
    mission = conn.execute(_MISSION_ROW, {"mission_id": mission_id}).first()
    if mission is None:
        return None
    people = {row[0]: PlanPerson(*row)
              for row in conn.execute(_PEOPLE, {"mission_id": mission_id}).all()}
    active = frozenset(pid for pid, p in people.items() if p.status != _CANCELLED)
    query = _ITEMS[details]
    if participant_id is not None:
        query = query.where(_I.everyone | exists().where(
            ItemParticipant.item_id == _I.id, ItemParticipant.participant_id == participant_id))
    if kinds is not None:
        query = query.where(_I.kind.in_(list(kinds)))
    items = _plan_items(conn.execute(query, {"mission_id": mission_id}).all(), active)
    return Plan(mission_id=mission_id, start_date=mission[0], end_date=mission[1],
                home_tz=mission[2], people=people, active=active, items=items,
                consulates=consulate_pairs(conn, mission_id),
                **_hung_on_items(conn, mission_id, items))


def _plan_items(rows, active: frozenset[int]) -> list[PlanItem]:
    """Rows of _ITEMS as PlanItems, their people the `active` ones of their links."""
    items = []
    # Items with the same people share one set, and items at the same instant one datetime:
    # a group's items repeat their lists and times, and the checks group people by these sets.
    sets: dict[str, frozenset[int]] = {"": frozenset()}
    instants: dict = {}
    for row in rows:
        everyone, links = bool(row[11]), row[12] or ""
        # "Everyone" items share one set: no copy per item of 200 participants.
        who = active if everyone else sets.get(links)
        if who is None:
            who = sets[links] = frozenset(map(int, links.split(","))) & active
        start, end = instants.get(row[2]), instants.get(row[3])
        if start is None:
            start = instants[row[2]] = stored_utc(row[2])
        if end is None:
            end = instants[row[3]] = stored_utc(row[3])
        items.append(PlanItem(row[0], row[1], start, end, *row[4:11], everyone, who,
                              *row[13:]))
    return items


def _hung_on_items(conn, mission_id: int, items: list[PlanItem]) -> dict:
    """What the plan holds of its items besides their rows: their sites, visitor clearances,
    rooms, interpreting and gifts (Plan's fields, by name)."""
    where = {"mission_id": mission_id}
    roomed: dict[int, set[int]] = defaultdict(set)
    for item_id, pid in conn.execute(_ROOMED, where).all():
        roomed[item_id].add(pid)
    return {"sites": _sites_of(conn, items),
            "clearance": {(item_id, pid): status for item_id, pid, status
                          in conn.execute(_CLEARANCE, where).all()},
            "roomed": dict(roomed),
            "interpreting": load_interpreting(conn, mission_id, {i.id: i.start for i in items}),
            "gifted": items_with_gifts(conn, mission_id)}


def reread_people(session: Session, plan: Plan, participant_ids: Collection[int]) -> Plan | None:
    """`plan` with these participants read again, after a change to their own fields (a
    passport, a name, a role); everything else is kept. None when that is not enough: one of
    them is new to the plan or gone from the mission, or was cancelled or taken back, which
    changes who takes part in the items (then read the whole plan)."""
    ids = set(participant_ids)
    if not ids or not ids <= plan.people.keys():
        return None
    fresh = {row[0]: PlanPerson(*row) for row in session.connection().execute(
        _SOME_PEOPLE, {"mission_id": plan.mission_id, "ids": sorted(ids)})}
    if fresh.keys() != ids or any(
            (person.status == _CANCELLED) != (plan.people[pid].status == _CANCELLED)
            for pid, person in fresh.items()):
        return None
    return replace(plan, people={**plan.people, **fresh})


def reread_items(session: Session, plan: Plan, item_ids: Collection[int]) -> Plan:
    """`plan` with these items read again (changed, new or deleted: their times, kinds, people)
    and what hangs on items (clearances, rooms, interpreting, gifts, sites); the people and the
    other items are kept."""
    ids = set(item_ids)
    conn = session.connection()
    items = plan.items                  # none named: only rooms or visitors changed
    if ids:
        fresh = _plan_items(conn.execute(_SOME_ITEMS, {"mission_id": plan.mission_id,
                                                       "ids": sorted(ids)}).all(), plan.active)
        items = sorted([item for item in items if item.id not in ids] + fresh, key=_BY_START)
    return replace(plan, items=items, **_hung_on_items(conn, plan.mission_id, items))
