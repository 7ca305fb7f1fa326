"""Reading, changing and deleting one itinerary item, and putting a deleted one back with the
same id, links, clearances and rooms (what undo and redo of the window's commands need).

repository.create_item makes new items; this module adds the rest of an item's life.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, delete, select

from models import repository as repo
from models.entities import (
    ItemParticipant,
    ItineraryItem,
    ItineraryItemBase,
    Participant,
    Room,
    RoomGuest,
    Site,
    VisitClearance,
)
from models.meeting_rows import restore_rows, rows_of_item
from models.times import is_valid_zone

# What a person edits; mission_id and id are not theirs to change.
EDITABLE = (*ItineraryItemBase.model_fields, "site_id", "start_utc", "end_utc")


@dataclass
class ItemData:
    """An item's editable values (keys of EDITABLE) and, when not for everyone, who takes part."""

    values: dict
    participant_ids: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if self.values.get("everyone", True):
            self.participant_ids = ()       # "everyone" has no links; keep equality honest
        else:
            self.participant_ids = tuple(sorted(set(self.participant_ids)))


@dataclass
class RemovedItem:
    """Everything a delete took away, enough to restore it exactly."""

    item: dict                                            # every column, id included
    participant_ids: list[int] = field(default_factory=list)
    clearances: list[dict] = field(default_factory=list)
    rooms: list[dict] = field(default_factory=list)
    guests: list[dict] = field(default_factory=list)
    meetings: dict[str, list[dict]] = field(default_factory=dict)  # see models.meeting_rows


def _check(values: dict) -> None:
    for key in ("start_tz", "end_tz"):
        if not is_valid_zone(values[key]):
            raise ValueError(f"unknown time zone: {values[key]!r}")
    if values["end_utc"] <= values["start_utc"]:
        raise ValueError("an item must end after it starts")


def get_item(session: Session, *, item_id: int) -> ItemData:
    item = session.get(ItineraryItem, item_id)
    if item is None:
        raise LookupError(f"item {item_id} not found")
    links = session.exec(select(ItemParticipant.participant_id).where(
        ItemParticipant.item_id == item_id)).all()
    return ItemData({k: getattr(item, k) for k in EDITABLE}, tuple(links))


def create_item(session: Session, *, mission_id: int, data: ItemData) -> int:
    _check(data.values)
    return repo.create_item(session, mission_id=mission_id,
                            participant_ids=list(data.participant_ids), **data.values)


def update_item(session: Session, *, item_id: int, data: ItemData) -> None:
    """Store the values and who takes part. Clearances stay: someone taken off a visit and
    put back keeps the status the host already gave."""
    _check(data.values)
    item = session.get(ItineraryItem, item_id)
    if item is None:
        raise LookupError(f"item {item_id} not found")
    for key, value in data.values.items():
        if key not in EDITABLE:
            raise TypeError(f"not an item field: {key}")
        setattr(item, key, value)
    item.revision += 1
    session.add(item)
    session.exec(delete(ItemParticipant).where(col(ItemParticipant.item_id) == item_id))
    for pid in data.participant_ids:
        session.add(ItemParticipant(item_id=item_id, participant_id=pid))
    session.flush()


def set_times(session: Session, *, item_id: int, start_utc: datetime,
              end_utc: datetime) -> None:
    item = session.get(ItineraryItem, item_id)
    if item is None:
        raise LookupError(f"item {item_id} not found")
    if end_utc <= start_utc:
        raise ValueError("an item must end after it starts")
    item.start_utc, item.end_utc = start_utc, end_utc
    item.revision += 1
    session.add(item)
    session.flush()


def delete_item(session: Session, *, item_id: int) -> RemovedItem:
    """Delete the item; the cascade takes its links, clearances and rooms, kept here first."""
    item = session.get(ItineraryItem, item_id)
    if item is None:
        raise LookupError(f"item {item_id} not found")
    rooms = session.exec(select(Room).where(Room.item_id == item_id)).all()
    room_ids = [r.id for r in rooms]
    removed = RemovedItem(
        item=item.model_dump(),
        participant_ids=list(session.exec(select(ItemParticipant.participant_id).where(
            ItemParticipant.item_id == item_id)).all()),
        clearances=[c.model_dump() for c in session.exec(select(VisitClearance).where(
            VisitClearance.item_id == item_id)).all()],
        rooms=[r.model_dump() for r in rooms],
        guests=[g.model_dump() for g in session.exec(select(RoomGuest).where(
            col(RoomGuest.room_id).in_(room_ids))).all()] if room_ids else [],
        meetings=rows_of_item(session, item_id=item_id))
    session.delete(item)
    session.flush()
    return removed


def restore_item(session: Session, removed: RemovedItem) -> int:
    """Put back a deleted item with its id. A participant removed from the mission meanwhile
    is left out rather than failing the whole undo."""
    session.add(ItineraryItem(**removed.item))
    session.flush()
    item_id = removed.item["id"]
    people = set(session.exec(select(Participant.id).where(
        Participant.mission_id == removed.item["mission_id"])).all())
    session.add_all([ItemParticipant(item_id=item_id, participant_id=pid)
                     for pid in removed.participant_ids if pid in people])
    session.add_all([VisitClearance(**c) for c in removed.clearances
                     if c["participant_id"] in people])
    session.add_all([Room(**r) for r in removed.rooms])
    session.flush()
    session.add_all([RoomGuest(**g) for g in removed.guests if g["participant_id"] in people])
    session.flush()
    restore_rows(session, _of_people(removed.meetings, people))
    return item_id


def _of_people(rows: dict[str, list[dict]], people: set[int]) -> dict[str, list[dict]]:
    """The rows whose participants are still on the mission (an interpreter gone meanwhile
    leaves the meeting without one)."""
    out = {}
    for table, found in rows.items():
        kept = [r for r in found if r.get("participant_id") in people | {None}]
        out[table] = [r | {"interpreter_id": None} if r.get("interpreter_id") not in
                      people | {None} else r for r in kept]
    gone = {r["id"] for r in rows.get("meeting_request", [])} - {
        r["id"] for r in out.get("meeting_request", [])}
    out["meeting"] = [r for r in out.get("meeting", []) if r["request_id"] not in gone]
    return out


def item_people(session: Session, *, mission_id: int) -> dict[int, frozenset[int]]:
    """Item id -> the participants linked to it (items for everyone have none)."""
    links: dict[int, set[int]] = {}
    for item_id, pid in session.exec(
            select(ItemParticipant.item_id, ItemParticipant.participant_id)
            .join(ItineraryItem, ItineraryItem.id == ItemParticipant.item_id)
            .where(ItineraryItem.mission_id == mission_id)).all():
        links.setdefault(item_id, set()).add(pid)
    return {k: frozenset(v) for k, v in links.items()}


def participant_item_ids(session: Session, *, participant_id: int) -> frozenset[int]:
    """The items a participant is chosen for (not those for everyone, which have no links)."""
    return frozenset(session.exec(select(ItemParticipant.item_id).where(
        ItemParticipant.participant_id == participant_id)).all())


def list_all_sites(session: Session) -> list[Site]:
    """Every site known, for picking one for an item (repository.list_sites has only those
    this mission already visits)."""
    return list(session.exec(select(Site).order_by(Site.name_en)).all())


def item_revisions(session: Session, *, mission_id: int) -> dict[int, int]:
    """Item id -> how many times it was edited (the calendar's SEQUENCE)."""
    return dict(session.exec(select(ItineraryItem.id, ItineraryItem.revision).where(
        ItineraryItem.mission_id == mission_id)).all())
