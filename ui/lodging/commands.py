"""Undoable changes to the rooms of a hotel stay and who sleeps in them.

Each keeps the room it made or removed, so that undo and redo put back the very same rows and
later commands on the stack (an edit of the room just added) still find them.
"""

from __future__ import annotations

from dataclasses import replace

from i18n import _
from i18n.labels import ROOM_TYPES, label
from models import lodging
from models.store.db import write_session
from ui.common.events import ROOMS, MissionEvents
from ui.common.undo import MissionCommand


def room_name(data: lodging.RoomData) -> str:
    return data.label or label(ROOM_TYPES, data.room_type)


class AddRoom(MissionCommand):
    kinds = (ROOMS,)

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


class EditRoom(MissionCommand):
    kinds = (ROOMS,)

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


class DeleteRoom(MissionCommand):
    kinds = (ROOMS,)

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
