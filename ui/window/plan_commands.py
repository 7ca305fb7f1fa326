"""Undoable changes to the plan around the itinerary: sites, visitor clearance, hotel rooms, and
duplicating a mission.

Like the attendee commands, each keeps the ids it made or removed, so that undo and redo put back
the very same rows and later commands on the stack (an edit of the room just added) still find
them. The one exception is DuplicateMission, see there.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from i18n import _, pick
from i18n.formatting import person_name
from i18n.labels import CLEARANCES, ROOM_TYPES, label
from models import lodging, sites
from models import repository as repo
from models.duplicate import duplicate_mission
from models.store.db import write_session
from models.visits import set_clearance
from ui.common.events import MissionEvents
from ui.missions.commands import DbCommand


class _PlanCommand(DbCommand):
    what = "plan"           # what events.changed names, for views that care

    def __init__(self, text: str, engine, events: MissionEvents, mission_id: int):
        super().__init__(text)
        self.engine, self.events, self.mission_id = engine, events, mission_id

    def _announce(self) -> None:
        self.events.changed.emit(self.mission_id, self.what)


def site_name(values: dict) -> str:
    return pick(values.get("name_en", ""), values.get("name_ja", ""))[0]


class AddSite(_PlanCommand):
    what = "sites"

    def __init__(self, engine, events: MissionEvents, mission_id: int, values: dict):
        super().__init__(_("Add site {name}").format(name=site_name(values)), engine, events,
                         mission_id)
        self.values = dict(values)
        self.site_id: int | None = None

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.site_id = sites.create_site(session, values=self.values, site_id=self.site_id)
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            sites.delete_site(session, site_id=self.site_id)
        self._announce()


class EditSite(_PlanCommand):
    what = "sites"

    def __init__(self, engine, events: MissionEvents, mission_id: int, site_id: int,
                 before: dict, after: dict):
        super().__init__(_("Edit site {name}").format(name=site_name(after)), engine, events,
                         mission_id)
        self.site_id, self.before, self.after = site_id, dict(before), dict(after)

    def _store(self, values: dict) -> None:
        with write_session(self.engine) as session:
            sites.update_site(session, site_id=self.site_id, values=values)
        self._announce()

    def do_redo(self) -> None:
        self._store(self.after)

    def do_undo(self) -> None:
        self._store(self.before)


class DeleteSite(_PlanCommand):
    what = "sites"

    def __init__(self, engine, events: MissionEvents, mission_id: int, site_id: int,
                 name: str):
        super().__init__(_("Delete site {name}").format(name=name), engine, events, mission_id)
        self.site_id = site_id
        self.removed: sites.RemovedSite | None = None

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.removed = sites.delete_site(session, site_id=self.site_id)
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            sites.restore_site(session, self.removed)
        self._announce()


class SetClearance(_PlanCommand):
    what = "clearance"

    def __init__(self, engine, events: MissionEvents, mission_id: int, item_id: int,
                 participant_id: int, name: str, before: str, after: str):
        super().__init__(_("Clearance of {name}: {status}").format(
            name=name, status=label(CLEARANCES, after)), engine, events, mission_id)
        self.item_id, self.participant_id = item_id, participant_id
        self.before, self.after = before, after

    def _store(self, status: str) -> None:
        with write_session(self.engine) as session:
            set_clearance(session, item_id=self.item_id, participant_id=self.participant_id,
                          status=status)
        self._announce()

    def do_redo(self) -> None:
        self._store(self.after)

    def do_undo(self) -> None:
        self._store(self.before)


def room_name(data: lodging.RoomData) -> str:
    return data.label or label(ROOM_TYPES, data.room_type)


class AddRoom(_PlanCommand):
    what = "rooms"

    def __init__(self, engine, events: MissionEvents, mission_id: int, data: lodging.RoomData):
        super().__init__(_("Add room {room}").format(room=room_name(data)), engine, events,
                         mission_id)
        self.data = data

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            room_id = lodging.create_room(session, self.data)
        self.data = replace(self.data, id=room_id)          # a redo makes the same id again
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            lodging.delete_room(session, room_id=self.data.id)
        self._announce()


class EditRoom(_PlanCommand):
    what = "rooms"

    def __init__(self, engine, events: MissionEvents, mission_id: int,
                 before: lodging.RoomData, after: lodging.RoomData):
        super().__init__(_("Edit room {room}").format(room=room_name(after)), engine, events,
                         mission_id)
        self.before, self.after = before, after

    def _store(self, data: lodging.RoomData) -> None:
        with write_session(self.engine) as session:
            lodging.update_room(session, data)
        self._announce()

    def do_redo(self) -> None:
        self._store(self.after)

    def do_undo(self) -> None:
        self._store(self.before)


class DeleteRoom(_PlanCommand):
    what = "rooms"

    def __init__(self, engine, events: MissionEvents, mission_id: int, data: lodging.RoomData):
        super().__init__(_("Delete room {room}").format(room=room_name(data)), engine, events,
                         mission_id)
        self.data = data

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.data = lodging.delete_room(session, room_id=self.data.id)
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            lodging.create_room(session, self.data)       # the same id and guests
        self._announce()


class DuplicateMission(DbCommand):
    """Copy a mission; undo deletes the copy.

    Redo duplicates again rather than restoring rows by id: a copy is hundreds of rows in five
    tables. SQLite gives a new row the highest id plus one, so after an undo deleted the copy,
    the copy made again gets the same ids as long as nothing was added since; if it gets
    another id, a later command on the stack that named the first copy cannot be redone.
    """

    def __init__(self, engine, events: MissionEvents, source_id: int, code: str, start: date,
                 copy_people: bool):
        super().__init__(_("Duplicate mission as {code}").format(code=code))
        self.engine, self.events = engine, events
        self.source_id, self.code, self.start = source_id, code, start
        self.copy_people = copy_people
        self.mission_id: int | None = None

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.mission_id = duplicate_mission(
                session, mission_id=self.source_id, new_code=self.code, new_start=self.start,
                copy_people=self.copy_people)
        self.events.changed.emit(self.mission_id, "created")

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            repo.delete_mission(session, mission_id=self.mission_id)
        self.events.changed.emit(self.mission_id, "deleted")


def visitor_name(row) -> str:
    return person_name(family=row.family_name, given=row.given_name,
                       family_ja=row.family_name_ja, given_ja=row.given_name_ja)
