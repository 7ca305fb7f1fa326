"""Rooms for a whole hotel stay at once: a proposal (heads of delegation and interpreters in
singles, the others two to a twin with someone of their own organization, and of their own sex
where it is known), and making or removing all its rooms in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlmodel import Session

from models.entities import Role
from models.lodging import RoomData, create_room, delete_room

ALONE = (Role.HEAD.value, Role.INTERPRETER.value)   # a head receives callers; an interpreter
                                                     # works late on tomorrow's papers


@dataclass(frozen=True)
class PlanGuest:
    participant_id: int
    role: str
    organization_id: int | None
    sex: str = ""                    # "" when not known: paired by organization alone


def propose_rooms(*, item_id: int, guests: Sequence[PlanGuest]) -> list[RoomData]:
    """Rooms for `guests` (in the order given, which pairs neighbours): singles first."""
    singles = [g for g in guests if g.role in ALONE]
    groups: dict[tuple, list[PlanGuest]] = {}
    for guest in guests:
        if guest.role not in ALONE:
            groups.setdefault((guest.organization_id, guest.sex), []).append(guest)
    rooms = [RoomData(None, item_id, "single", guest_ids=(g.participant_id,)) for g in singles]
    leftovers = []
    for members in groups.values():
        for n in range(0, len(members) - 1, 2):
            rooms.append(RoomData(None, item_id, "twin", guest_ids=(
                members[n].participant_id, members[n + 1].participant_id)))
        if len(members) % 2:
            leftovers.append(members[-1])
    rooms += [RoomData(None, item_id, "single", guest_ids=(g.participant_id,))
              for g in leftovers]
    return rooms


def create_rooms(session: Session, rooms: Sequence[RoomData]) -> list[RoomData]:
    """Make every room (with its id when it has one, for redo); returns them with their ids."""
    return [replace(r, id=create_room(session, r)) for r in rooms]


def delete_rooms(session: Session, rooms: Sequence[RoomData]) -> None:
    for room in rooms:
        delete_room(session, room_id=room.id)
