"""Lodging: the rooms of each hotel stay and who sleeps in them, and the rooming list.

A hotel stay is an itinerary item of kind "hotel" (its title names the hotel, its location the
address). Check-in and check-out are the local dates of its start and end in their zones; its
nights are the check-in date up to the day before check-out. A room is booked for the whole
stay, so every night of a stay lists the same rooms.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import bindparam
from sqlmodel import Session, col, delete, select

from models.entities import (
    AttendanceStatus,
    ItemKind,
    ItemParticipant,
    ItineraryItem,
    Participant,
    Person,
    Room,
    RoomGuest,
    RoomType,
)
from models.times import local_date

ROOM_TYPES = tuple(t.value for t in RoomType)


@dataclass(frozen=True)
class Guest:
    participant_id: int
    family_name: str
    given_name: str
    family_name_ja: str
    given_name_ja: str


@dataclass(frozen=True)
class RoomData:
    """A room as stored: what create_room takes and delete_room hands back for undo."""

    id: int | None
    item_id: int
    room_type: str
    label: str = ""
    notes: str = ""
    guest_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class RoomRow:
    id: int
    room_type: str
    label: str
    notes: str
    guests: tuple[Guest, ...]


@dataclass(frozen=True)
class NightRow:
    night: date                       # the local date the night begins
    rooms: tuple[RoomRow, ...]


@dataclass(frozen=True)
class StayRow:
    item_id: int
    title_en: str
    title_ja: str
    location_en: str
    location_ja: str
    check_in: date
    check_out: date
    nights: tuple[NightRow, ...]
    unroomed: tuple[Guest, ...]       # taking part in the stay but in no room


def stay_nights(start: datetime, start_tz: str, end: datetime, end_tz: str) -> list[date]:
    return _nights(local_date(start, start_tz), local_date(end, end_tz))


def _nights(check_in: date, check_out: date) -> list[date]:
    return [check_in + timedelta(days=n) for n in range((check_out - check_in).days)]


def _check(session: Session, data: RoomData) -> None:
    item = session.get(ItineraryItem, data.item_id)
    if item is None or item.kind != ItemKind.HOTEL.value:
        raise ValueError(f"item {data.item_id} is not a hotel stay")
    if data.room_type not in ROOM_TYPES:
        raise ValueError(f"not a room type: {data.room_type!r}")
    guests = set(data.guest_ids)
    ours = set(session.exec(select(Participant.id).where(
        Participant.mission_id == item.mission_id, col(Participant.id).in_(guests))).all())
    if ours != guests:
        raise ValueError(f"not participants of the mission: {sorted(guests - ours)}")
    elsewhere = session.exec(
        select(RoomGuest.participant_id).join(Room, Room.id == RoomGuest.room_id)
        .where(Room.item_id == data.item_id, Room.id != (data.id or -1),
               col(RoomGuest.participant_id).in_(guests))).all()
    if elsewhere:   # one bed per night: a second room in the same stay is a typing slip
        raise ValueError(f"already in another room of this stay: {sorted(elsewhere)}")


def create_room(session: Session, data: RoomData) -> int:
    """Add a room (with the id in `data` when it has one, for redo); returns its id."""
    _check(session, data)
    room = Room(id=data.id, item_id=data.item_id, room_type=data.room_type, label=data.label,
                notes=data.notes)
    session.add(room)
    session.flush()
    for pid in dict.fromkeys(data.guest_ids):
        session.add(RoomGuest(room_id=room.id, participant_id=pid))
    session.flush()
    return room.id


def get_room(session: Session, *, room_id: int) -> RoomData:
    room = session.get(Room, room_id)
    if room is None:
        raise LookupError(f"room {room_id} not found")
    guests = session.exec(select(RoomGuest.participant_id).where(
        RoomGuest.room_id == room_id).order_by(RoomGuest.participant_id)).all()
    return RoomData(id=room.id, item_id=room.item_id, room_type=room.room_type,
                    label=room.label, notes=room.notes, guest_ids=tuple(guests))


def update_room(session: Session, data: RoomData) -> RoomData:
    """Store `data` over the room with its id; returns the room as it was, for undo."""
    before = get_room(session, room_id=data.id)
    _check(session, data)
    room = session.get(Room, data.id)
    room.room_type, room.label, room.notes = data.room_type, data.label, data.notes
    session.add(room)
    session.exec(delete(RoomGuest).where(col(RoomGuest.room_id) == data.id))
    for pid in dict.fromkeys(data.guest_ids):
        session.add(RoomGuest(room_id=data.id, participant_id=pid))
    session.flush()
    return before


def delete_room(session: Session, *, room_id: int) -> RoomData:
    """Delete a room and its guest list; returns what was deleted, to create it again."""
    before = get_room(session, room_id=room_id)
    session.delete(session.get(Room, room_id))
    session.flush()
    return before


# Built once, and read as plain columns: at 300 stays and 400 rooms, ORM objects and building
# the statements cost more than the database's reading (a third of the Lodging tab's first show).
_I = ItineraryItem.__table__.c
_MISSION = bindparam("mission_id")
_IDS = bindparam("ids", expanding=True)
_STAYS = (select(_I.id, _I.title_en, _I.title_ja, _I.location_en, _I.location_ja, _I.start_utc,
                 _I.start_tz, _I.end_utc, _I.end_tz, _I.everyone)
          .where(_I.mission_id == _MISSION, _I.kind == ItemKind.HOTEL.value)
          .order_by(_I.start_utc, _I.id))
_SOME_STAYS = _STAYS.where(_I.id.in_(_IDS))
_GUESTS = (select(Participant.id, Person.family_name, Person.given_name, Person.family_name_ja,
                  Person.given_name_ja).join(Person, Person.id == Participant.person_id)
           .where(Participant.mission_id == _MISSION,
                  Participant.status != AttendanceStatus.CANCELLED.value)
           .order_by(Person.family_name, Person.given_name))
_ROOMS = (select(Room.id, Room.item_id, Room.room_type, Room.label, Room.notes)
          .where(col(Room.item_id).in_(_IDS)).order_by(Room.label, Room.id))
_ROOM_GUESTS = (select(RoomGuest.room_id, RoomGuest.participant_id)
                .join(Room, Room.id == RoomGuest.room_id).where(col(Room.item_id).in_(_IDS)))
_STAY_LINKS = (select(ItemParticipant.item_id, ItemParticipant.participant_id)
               .where(col(ItemParticipant.item_id).in_(_IDS)))


def rooming_list(session: Session, *, mission_id: int,
                 item_ids: Collection[int] | None = None) -> list[StayRow]:
    """Every hotel stay of the mission by check-in, each night with its rooms and guests;
    `item_ids`: only these stays (one person's)."""
    conn = session.connection()
    query, where = ((_STAYS, {"mission_id": mission_id}) if item_ids is None else
                    (_SOME_STAYS, {"mission_id": mission_id, "ids": list(item_ids)}))
    stays = conn.execute(query, where).all()
    names = {pid: Guest(pid, *rest)
             for pid, *rest in conn.execute(_GUESTS, {"mission_id": mission_id}).all()}
    order = {pid: n for n, pid in enumerate(names)}
    stay_ids = {"ids": [stay[0] for stay in stays]}
    guests: dict[int, list[int]] = defaultdict(list)
    for room_id, pid in conn.execute(_ROOM_GUESTS, stay_ids).all():
        if pid in names:
            guests[room_id].append(pid)
    links: dict[int, set[int]] = defaultdict(set)
    for item_id, pid in conn.execute(_STAY_LINKS, stay_ids).all():
        links[item_id].add(pid)
    by_stay: dict[int, list[RoomRow]] = defaultdict(list)
    for room_id, item_id, room_type, room_label, notes in conn.execute(_ROOMS, stay_ids).all():
        members = sorted(guests[room_id], key=order.__getitem__)
        by_stay[item_id].append(RoomRow(room_id, room_type, room_label, notes,
                                        tuple(names[p] for p in members)))
    result = []
    for (stay_id, title_en, title_ja, location_en, location_ja, start, start_tz, end, end_tz,
         everyone) in stays:
        stay_rooms = tuple(by_stay[stay_id])
        roomed = {g.participant_id for r in stay_rooms for g in r.guests}
        taking_part = names.keys() if everyone else links[stay_id]
        # In the names' order, from the few left over (not a pass over every name per stay).
        left = sorted((taking_part - roomed) & names.keys(), key=order.__getitem__)
        unroomed = tuple(names[p] for p in left)
        check_in, check_out = local_date(start, start_tz), local_date(end, end_tz)
        result.append(StayRow(
            item_id=stay_id, title_en=title_en, title_ja=title_ja,
            location_en=location_en, location_ja=location_ja, check_in=check_in,
            check_out=check_out, nights=tuple(NightRow(night, stay_rooms)
                                              for night in _nights(check_in, check_out)),
            unroomed=unroomed))
    return result
