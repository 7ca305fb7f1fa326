"""Duplicate a mission as the template for the next one (missions repeat yearly).

The copy starts on `new_start` and lasts as many days. Every item moves by the same number of
calendar days and keeps its local wall-clock times, each end in its own zone: a 09:00 visit in
Albany in October stays 09:00 in November after the clocks went back (see models.wallclock).
Sites are shared, not copied. Rooms are copied; with `copy_people` the participants come too
(the same persons, each "invited" again), with their places in items and rooms. Visitor
clearances are never copied: a new visit needs a new clearance. Without people, an item for
chosen people keeps that choice and starts with nobody in it.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from models import repository as repo
from models.entities import (
    AttendanceStatus,
    ItemParticipant,
    ItineraryItem,
    ItineraryItemBase,
    MissionSite,
    Participant,
    Room,
    RoomGuest,
)
from models.wallclock import shift_keeping_local_time

_ITEM_FIELDS = tuple(ItineraryItemBase.model_fields)


def duplicate_mission(session: Session, *, mission_id: int, new_code: str, new_start: date,
                      copy_people: bool) -> int:
    """Copy the mission in the caller's transaction; returns the new mission's id."""
    old = repo.get_mission(session, mission_id=mission_id)
    if old is None:
        raise LookupError(f"mission {mission_id} not found")
    if repo.code_in_use(session, code=new_code):
        raise ValueError(f"mission code in use: {new_code!r}")
    days = (new_start - old.start_date).days
    new_id = repo.create_mission(
        session, code=new_code, title_en=old.title_en, title_ja=old.title_ja,
        start_date=new_start, end_date=new_start + (old.end_date - old.start_date),
        home_tz=old.home_tz, organizer_ids=list(old.organizer_ids))
    # The sites the old mission had on its list: a yearly mission visits the same hosts.
    session.add_all(MissionSite(mission_id=new_id, site_id=link.site_id)
                    for link in session.exec(select(MissionSite).where(
                        MissionSite.mission_id == mission_id)).all())

    # Its consulates too: the same delegation visits the same countries.
    from models.consulates import copy_consulates

    copy_consulates(session, from_mission=mission_id, to_mission=new_id)

    participants: dict[int, int] = {}          # old participant id -> new
    if copy_people:
        olds = session.exec(select(Participant).where(Participant.mission_id == mission_id)
                            .order_by(Participant.id)).all()
        news = [Participant(mission_id=new_id, person_id=p.person_id, role=p.role,
                            status=AttendanceStatus.INVITED.value) for p in olds]
        session.add_all(news)
        session.flush()
        participants = {o.id: n.id for o, n in zip(olds, news, strict=True)}

    old_items = session.exec(select(ItineraryItem).where(ItineraryItem.mission_id == mission_id)
                             .order_by(ItineraryItem.id)).all()
    new_items = [_shifted(item, new_id, days) for item in old_items]
    session.add_all(new_items)
    session.flush()   # ids, in one batched INSERT
    items = {o.id: n.id for o, n in zip(old_items, new_items, strict=True)}

    if copy_people:
        links = session.exec(select(ItemParticipant).where(
            col(ItemParticipant.item_id).in_(list(items)))).all()
        session.add_all([ItemParticipant(item_id=items[link.item_id],
                                         participant_id=participants[link.participant_id])
                         for link in links])
    old_rooms = session.exec(select(Room).where(col(Room.item_id).in_(list(items)))
                             .order_by(Room.id)).all()
    new_rooms = [Room(item_id=items[r.item_id], room_type=r.room_type, label=r.label,
                      notes=r.notes) for r in old_rooms]
    session.add_all(new_rooms)
    session.flush()
    if copy_people:
        rooms = {o.id: n.id for o, n in zip(old_rooms, new_rooms, strict=True)}
        guests = session.exec(select(RoomGuest).where(
            col(RoomGuest.room_id).in_(list(rooms)))).all()
        session.add_all([RoomGuest(room_id=rooms[g.room_id],
                                   participant_id=participants[g.participant_id])
                         for g in guests])
    session.flush()
    return new_id


def _shifted(item: ItineraryItem, mission_id: int, days: int) -> ItineraryItem:
    start = shift_keeping_local_time(item.start_utc, item.start_tz, days)
    end = shift_keeping_local_time(item.end_utc, item.end_tz, days)
    if end <= start:
        # Only a pathological item around a DST gap can get here: keep its length instead.
        end = start + (item.end_utc - item.start_utc)
    return ItineraryItem(mission_id=mission_id, site_id=item.site_id, start_utc=start,
                         end_utc=end, **{f: getattr(item, f) for f in _ITEM_FIELDS})

