"""Deleting a whole mission so that it can be undone: every row it takes with it is kept, and
put back with the same ids, so the undo steps recorded before the deletion still name them.

What goes: the mission, its organizers, consulates, participants, itinerary items with their
people, clearances, rooms and guests, its site list, its counterparts and meeting rows, and the
people who were in no other mission. Organizations and
sites are shared by all missions and stay. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import and_, insert, select
from sqlmodel import Session

from i18n import _
from models import meeting_rows
from models import repository as repo
from models.entities import (
    Consulate,
    Counterpart,
    ItemParticipant,
    ItineraryItem,
    Mission,
    MissionOrganizer,
    MissionSite,
    Organization,
    Participant,
    Person,
    Room,
    RoomGuest,
    Site,
    VisitClearance,
)
from models.store.errors import StorageError

# In the order rows must go back in: every row after the rows it refers to.
TABLES = (Person, Mission, MissionOrganizer, Consulate, MissionSite, Participant, ItineraryItem,
          ItemParticipant, VisitClearance, Room, RoomGuest, Counterpart, *meeting_rows.TABLES)


class CannotRestore(StorageError):
    """The mission cannot come back as it was: something outside the undo history took its
    code or one of its ids meanwhile (another window, the command line)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code

    def user_message(self) -> str:
        return _("The mission {code} cannot be brought back: its code or some of its records "
                 "have been used for something else since it was deleted.").format(code=self.code)


@dataclass
class RemovedMission:
    code: str
    rows: dict[str, list[dict]] = field(default_factory=dict)   # table name -> its rows


def _rows(session: Session, model, where) -> list[dict]:
    return [dict(r._mapping) for r in session.execute(select(model.__table__).where(where))]


def remove_mission(session: Session, *, mission_id: int) -> RemovedMission:
    """Delete the mission (repository.delete_mission) and return all that it took along."""
    mission = session.get(Mission, mission_id)
    if mission is None:
        raise LookupError(f"mission {mission_id} not found")
    items = select(ItineraryItem.id).where(ItineraryItem.mission_id == mission_id)
    here = select(Participant.person_id).where(Participant.mission_id == mission_id)
    elsewhere = select(Participant.person_id).where(Participant.mission_id != mission_id)
    where = {
        Person: and_(Person.id.in_(here), Person.id.not_in(elsewhere)),
        Mission: Mission.id == mission_id,
        MissionOrganizer: MissionOrganizer.mission_id == mission_id,
        MissionSite: MissionSite.mission_id == mission_id,
        Consulate: Consulate.mission_id == mission_id,
        Participant: Participant.mission_id == mission_id,
        ItineraryItem: ItineraryItem.mission_id == mission_id,
        ItemParticipant: ItemParticipant.item_id.in_(items),
        VisitClearance: VisitClearance.item_id.in_(items),
        Room: Room.item_id.in_(items),
        RoomGuest: RoomGuest.room_id.in_(select(Room.id).where(Room.item_id.in_(items))),
        Counterpart: Counterpart.mission_id == mission_id,
    }
    removed = RemovedMission(code=mission.code, rows={
        model.__tablename__: _rows(session, model, condition)
        for model, condition in where.items()})
    removed.rows |= meeting_rows.rows_of_items(session, item_ids=items)
    removed.rows["protocol_rank"] = meeting_rows.ranks_of_mission(session,
                                                                   mission_id=mission_id)
    repo.delete_mission(session, mission_id=mission_id)
    return removed


def restore_mission(session: Session, removed: RemovedMission) -> int:
    """Put a removed mission back with the same ids; return its id. Raises CannotRestore, and
    writes nothing, when its code or any of its ids has been taken meanwhile."""
    if repo.code_in_use(session, code=removed.code):
        raise CannotRestore(removed.code)
    for model in TABLES:
        ids = [r["id"] for r in removed.rows[model.__tablename__] if "id" in r]
        if ids and session.execute(select(model.id).where(model.id.in_(ids))).first():
            raise CannotRestore(removed.code)
    # Organizations and sites are not part of the mission and may have been deleted since.
    orgs = set(session.execute(select(Organization.id)).scalars())
    sites = set(session.execute(select(Site.id)).scalars())
    for model in TABLES:
        rows = [dict(r) for r in removed.rows[model.__tablename__]]
        if model is MissionOrganizer:
            rows = [r for r in rows if r["organization_id"] in orgs]
        if model is MissionSite:
            rows = [r for r in rows if r["site_id"] in sites]
        if model.__tablename__ == "meeting_request":
            rows = [r for r in rows if r["organization_id"] in orgs | {None}]
            gone = {r["id"] for r in removed.rows["meeting_request"]} - {r["id"] for r in rows}
        if model.__tablename__ == "meeting":
            rows = [r for r in rows if r["request_id"] not in gone]
        for row in rows:
            if model is Person and row["organization_id"] not in orgs:
                row["organization_id"] = None
            if model is ItineraryItem and row["site_id"] not in sites:
                row["site_id"] = None
        if rows:
            session.execute(insert(model.__table__), rows)
    session.flush()
    return removed.rows[Mission.__tablename__][0]["id"]
