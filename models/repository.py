"""Keyword-only functions over a session: the only way anything reads or writes mission data.

Listing functions return plain rows (dataclasses) that outlive the session; the window, the
command line and the documents all go through here, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import bindparam, type_coerce
from sqlalchemy.types import NullType
from sqlmodel import Session, col, delete, func, select

from models.collection_pause import no_collection
from models.entities import (
    ItemKind,
    ItemParticipant,
    ItineraryItem,
    Mission,
    MissionOrganizer,
    Organization,
    Participant,
    Person,
    Site,
)
from models.rules import clean
from models.times import stored_utc


@dataclass(frozen=True)
class MissionRow:
    id: int
    code: str
    title_en: str
    title_ja: str
    start_date: date
    end_date: date
    home_tz: str
    status: str
    organizer_ids: tuple[int, ...]


class AttendeeRow(NamedTuple):
    """An attendee as the window's tables show it (a named tuple: see ItemRow)."""

    participant_id: int
    person_id: int
    family_name: str
    given_name: str
    family_name_ja: str
    given_name_ja: str
    family_kana: str
    given_kana: str
    organization_en: str
    organization_ja: str
    title_en: str
    title_ja: str
    role: str
    status: str
    email: str
    phone: str
    citizenship: str
    dietary: str
    latin_unconfirmed: bool = False
    organization_id: int | None = None
    sex: str = ""                  # F, M, X or "": for pairing rooms


class ItemRow(NamedTuple):
    """An item as the window's tables show it. A named tuple, not a frozen dataclass: as
    immutable, and about five times faster to make (3,000 on each Itinerary read at 100x)."""

    id: int
    kind: str
    title_en: str
    title_ja: str
    start_utc: datetime
    start_tz: str
    end_utc: datetime
    end_tz: str
    location_en: str
    location_ja: str
    site_en: str
    site_ja: str
    carrier: str
    flight_number: str
    from_code: str
    to_code: str
    everyone: bool
    participant_count: int
    site_address: str = ""         # the site's English address: its state's holidays count


def _mission_row(session: Session, mission: Mission) -> MissionRow:
    organizer_ids = session.exec(
        select(MissionOrganizer.organization_id)
        .where(MissionOrganizer.mission_id == mission.id)
        .order_by(MissionOrganizer.organization_id)).all()
    return MissionRow(
        id=mission.id, code=mission.code, title_en=mission.title_en, title_ja=mission.title_ja,
        start_date=mission.start_date, end_date=mission.end_date, home_tz=mission.home_tz,
        status=mission.status, organizer_ids=tuple(organizer_ids))


def list_missions(session: Session) -> list[MissionRow]:
    missions = session.exec(select(Mission).order_by(Mission.start_date, Mission.code)).all()
    return [_mission_row(session, m) for m in missions]


def get_mission(session: Session, *, mission_id: int) -> MissionRow | None:
    mission = session.get(Mission, mission_id)
    return _mission_row(session, mission) if mission else None


def mission_code_key(code: str) -> str:
    """What two mission codes share when they are the same code: hkd-alb-2026, HKD-ALB-2026 and
    full-width ＨＫＤ-ＡＬＢ-２０２６ are one mission to every verb and every dialog."""
    return clean(code).casefold()


def _mission_ids_by_code(session: Session, code: str) -> list[int]:
    # Folded in Python, not by SQL lower(): SQLite folds ASCII only, and NFKC not at all. The
    # missions of one file are a few dozen rows.
    key = mission_code_key(code)
    return [mission_id for mission_id, stored in session.exec(select(Mission.id, Mission.code))
            if mission_code_key(stored) == key]


def find_mission_by_code(session: Session, *, code: str) -> MissionRow | None:
    """The mission with this code, ignoring case and width; the one lookup for every verb."""
    ids = _mission_ids_by_code(session, code)
    return get_mission(session, mission_id=ids[0]) if ids else None


def get_mission_by_code(session: Session, *, code: str) -> MissionRow | None:
    """Kept for existing callers: the same lookup as find_mission_by_code."""
    return find_mission_by_code(session, code=code)


def code_in_use(session: Session, *, code: str, except_id: int | None = None) -> bool:
    return any(mission_id != except_id for mission_id in _mission_ids_by_code(session, code))


def _set_organizers(session: Session, mission_id: int, organizer_ids: list[int]) -> None:
    session.exec(delete(MissionOrganizer).where(col(MissionOrganizer.mission_id) == mission_id))
    for org_id in dict.fromkeys(organizer_ids):
        session.add(MissionOrganizer(mission_id=mission_id, organization_id=org_id))


def create_mission(session: Session, *, code: str, title_en: str, title_ja: str,
                   start_date: date, end_date: date, home_tz: str, status: str = "planning",
                   organizer_ids: list[int] = ()) -> int:
    mission = Mission(code=clean(code), title_en=title_en, title_ja=title_ja,
                      start_date=start_date,
                      end_date=end_date, home_tz=home_tz, status=status)
    session.add(mission)
    session.flush()
    _set_organizers(session, mission.id, list(organizer_ids))
    session.flush()
    return mission.id


def update_mission(session: Session, *, mission_id: int, organizer_ids: list[int] | None = None,
                   **fields) -> None:
    mission = session.get(Mission, mission_id)
    if mission is None:
        raise LookupError(f"mission {mission_id} not found")
    for name, value in fields.items():
        if name not in Mission.model_fields or name == "id":
            raise TypeError(f"not a mission field: {name}")
        setattr(mission, name, clean(value) if name == "code" and isinstance(value, str)
                else value)
    session.add(mission)
    if organizer_ids is not None:
        _set_organizers(session, mission_id, organizer_ids)
    session.flush()


def delete_mission(session: Session, *, mission_id: int) -> None:
    """Delete the mission with its participants and items (by foreign-key cascade), and the
    people who were in no other mission: nothing shows them any more, so their personal data
    must not stay behind (as when one attendee is removed)."""
    mission = session.get(Mission, mission_id)
    if mission is None:
        raise LookupError(f"mission {mission_id} not found")
    people = set(session.exec(select(Participant.person_id).where(
        Participant.mission_id == mission_id)).all())
    session.delete(mission)
    session.flush()
    still_in_one = set(session.exec(select(Participant.person_id).where(
        col(Participant.person_id).in_(people))).all())
    if people - still_in_one:
        session.exec(delete(Person).where(col(Person.id).in_(people - still_in_one)))
        session.flush()


def list_organizations(session: Session) -> list[Organization]:
    return list(session.exec(select(Organization).order_by(Organization.name_en)).all())


def create_organization(session: Session, *, name_en: str, name_ja: str = "",
                        organization_id: int | None = None, aliases: str = "") -> int:
    """A new organization; `organization_id` puts back one that was deleted (undo, redo)."""
    org = Organization(id=organization_id, name_en=clean(name_en), name_ja=clean(name_ja),
                       aliases=aliases)
    session.add(org)
    session.flush()
    return org.id


def update_organization(session: Session, *, organization_id: int, name_en: str,
                        name_ja: str, aliases: str | None = None) -> None:
    """New names (and aliases, one a line, when given)."""
    org = session.get(Organization, organization_id)
    if org is None:
        raise LookupError(f"organization {organization_id} not found")
    org.name_en, org.name_ja = clean(name_en), clean(name_ja)
    if aliases is not None:
        org.aliases = aliases
    session.add(org)
    session.flush()


def organization_usage(session: Session, *, organization_id: int) -> tuple[int, int]:
    """How many people belong to the organization, and how many missions it organizes."""
    people = session.exec(select(func.count()).select_from(Person).where(
        Person.organization_id == organization_id)).one()
    missions = session.exec(select(func.count()).select_from(MissionOrganizer).where(
        MissionOrganizer.organization_id == organization_id)).one()
    return people, missions


def delete_organization(session: Session, *, organization_id: int) -> None:
    """Delete an organization nobody refers to; ValueError when people or missions still do
    (a cascade would silently take it off their records)."""
    if organization_usage(session, organization_id=organization_id) != (0, 0):
        raise ValueError(f"organization {organization_id} is in use")
    org = session.get(Organization, organization_id)
    if org is None:
        raise LookupError(f"organization {organization_id} not found")
    session.delete(org)
    session.flush()


# Built once: making the statement cost a third of reading 200 attendees; executed as Core, as
# plain columns straight into rows (ORM objects for 2,000 people cost ~0.2 s).
_ATTENDEES = (select(Participant.id, Person.id, Person.family_name, Person.given_name,
                     Person.family_name_ja, Person.given_name_ja, Person.family_kana,
                     Person.given_kana, func.coalesce(Organization.name_en, ""),
                     func.coalesce(Organization.name_ja, ""), Person.title_en, Person.title_ja,
                     Participant.role, Participant.status, Person.email, Person.phone,
                     Person.citizenship, Person.dietary, Person.latin_unconfirmed,
                     Person.organization_id, Person.sex)
              .join(Person, Person.id == Participant.person_id)
              .join(Organization, Organization.id == Person.organization_id, isouter=True)
              .where(Participant.mission_id == bindparam("mission_id"))
              .order_by(Person.family_name, Person.given_name))


def list_attendees(session: Session, *, mission_id: int,
                   participant_ids: Iterable[int] | None = None) -> list[AttendeeRow]:
    """The mission's attendees (only those of `participant_ids` when given)."""
    query = _ATTENDEES
    if participant_ids is not None:
        query = query.where(col(Participant.id).in_(list(participant_ids)))
    with no_collection():               # see models.collection_pause
        rows = session.connection().execute(query, {"mission_id": mission_id}).all()
        # Positional, in the fields' order (keywords cost a named tuple twice as much).
        out = [AttendeeRow(*values[:18], bool(values[18]), values[19], values[20])
               for values in rows]
        del rows           # freed before collections resume: the first one would walk them
    return out


# One Core statement, each item's count of people in the same row. The instants untyped: at
# 3,000 items UTCDateTime's per-value processing costs more than the database does
# (times.stored_utc does what it would, once per distinct instant).
_I = ItineraryItem.__table__.c
_ITEMS = (select(
    _I.id, _I.kind, _I.title_en, _I.title_ja, type_coerce(_I.start_utc, NullType), _I.start_tz,
    type_coerce(_I.end_utc, NullType), _I.end_tz, _I.location_en, _I.location_ja,
    func.coalesce(Site.name_en, ""), func.coalesce(Site.name_ja, ""), _I.carrier,
    _I.flight_number, _I.from_code, _I.to_code, _I.everyone,
    select(func.count()).where(ItemParticipant.item_id == _I.id).scalar_subquery(),
    func.coalesce(Site.address_en, ""))
    .select_from(ItineraryItem.__table__)
    .join(Site, Site.id == _I.site_id, isouter=True)
    .where(_I.mission_id == bindparam("mission_id"))
    .order_by(_I.start_utc, _I.id))
_SOME_ITEMS = _ITEMS.where(_I.id.in_(bindparam("item_ids", expanding=True)))


def list_items(session: Session, *, mission_id: int,
               item_ids: Iterable[int] | None = None) -> list[ItemRow]:
    """The mission's items by start, then id (only those of `item_ids` when given)."""
    params: dict = {"mission_id": mission_id}
    query = _ITEMS
    if item_ids is not None:
        params["item_ids"] = sorted(set(item_ids))
        query = _SOME_ITEMS
    instants: dict = {}        # a group's items share their times

    def utc(value) -> datetime:
        instant = instants.get(value)
        if instant is None:
            instant = instants[value] = stored_utc(value)
        return instant

    with no_collection():               # see models.collection_pause
        # Positional, in the columns' order (keywords cost a named tuple twice as much);
        # "everyone" comes as a bool already (a Boolean column).
        return [ItemRow(*v[:4], utc(v[4]), v[5], utc(v[6]), *v[7:])
                for v in session.connection().execute(query, params).all()]


def create_item(session: Session, *, mission_id: int, participant_ids: list[int] = (),
                **fields) -> int:
    item = ItineraryItem(mission_id=mission_id, **fields)
    if item.end_utc <= item.start_utc:
        raise ValueError("an item must end after it starts")
    session.add(item)
    session.flush()
    for pid in participant_ids:
        session.add(ItemParticipant(item_id=item.id, participant_id=pid))
    session.flush()
    return item.id


def list_sites(session: Session, *, mission_id: int) -> list[Site]:
    """The sites this mission's itinerary visits, by English name."""
    used = select(ItineraryItem.site_id).where(ItineraryItem.mission_id == mission_id)
    return list(session.exec(
        select(Site).where(col(Site.id).in_(used)).order_by(Site.name_en)).all())


def create_site(session: Session, **fields) -> int:
    site = Site(**fields)
    session.add(site)
    session.flush()
    return site.id


def create_person(session: Session, **fields) -> int:
    from models.dietary import with_codes

    person = Person(**with_codes(fields))
    session.add(person)
    session.flush()
    return person.id


def delete_person(session: Session, *, person_id: int) -> None:
    """Delete a person and, by cascade, their places in every mission and item."""
    person = session.get(Person, person_id)
    if person is None:
        raise LookupError(f"person {person_id} not found")
    session.delete(person)
    session.flush()


def add_participant(session: Session, *, mission_id: int, person_id: int, role: str,
                    status: str) -> int:
    part = Participant(mission_id=mission_id, person_id=person_id, role=role, status=status)
    session.add(part)
    session.flush()
    return part.id


def mission_counts(session: Session, *, mission_id: int) -> dict[str, int]:
    def count(model, *where) -> int:
        return session.exec(select(func.count()).select_from(model).where(*where)).one()

    return {
        "attendees": count(Participant, Participant.mission_id == mission_id),
        "confirmed": count(Participant, Participant.mission_id == mission_id,
                           Participant.status == "confirmed"),
        "items": count(ItineraryItem, ItineraryItem.mission_id == mission_id),
        # A hotel is a site too (it holds the stay's address and phone), but a stay is not a
        # visit: the places visited and the stays are counted apart.
        "sites": session.exec(select(func.count(func.distinct(ItineraryItem.site_id))).where(
            ItineraryItem.mission_id == mission_id,
            ItineraryItem.kind != ItemKind.HOTEL.value)).one(),
        "stays": count(ItineraryItem, ItineraryItem.mission_id == mission_id,
                       ItineraryItem.kind == ItemKind.HOTEL.value),
    }
