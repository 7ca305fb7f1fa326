"""Undoable commands: each runs a repository function in one transaction, then announces it."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from i18n import _
from models import repository as repo
from models.db import write_session
from ui.events import MissionEvents


class CreateMission(QUndoCommand):
    def __init__(self, engine, events: MissionEvents, values: dict, organizer_ids: list[int]):
        super().__init__(_("New mission {code}").format(code=values["code"]))
        self.engine, self.events = engine, events
        self.values, self.organizer_ids = values, organizer_ids
        self.mission_id: int | None = None

    def redo(self) -> None:
        with write_session(self.engine) as session:
            self.mission_id = repo.create_mission(session, organizer_ids=self.organizer_ids,
                                                  **self.values)
        self.events.changed.emit(self.mission_id, "created")

    def undo(self) -> None:
        with write_session(self.engine) as session:
            repo.delete_mission(session, mission_id=self.mission_id)
        self.events.changed.emit(self.mission_id, "deleted")


class EditMission(QUndoCommand):
    def __init__(self, engine, events: MissionEvents, before: repo.MissionRow, values: dict,
                 organizer_ids: list[int]):
        super().__init__(_("Edit mission {code}").format(code=values["code"]))
        self.engine, self.events = engine, events
        self.mission_id = before.id
        fields = values.keys()
        self.before = ({f: getattr(before, f) for f in fields}, list(before.organizer_ids))
        self.after = (dict(values), list(organizer_ids))

    def _apply(self, state: tuple[dict, list[int]]) -> None:
        values, organizer_ids = state
        with write_session(self.engine) as session:
            repo.update_mission(session, mission_id=self.mission_id,
                                organizer_ids=organizer_ids, **values)
        self.events.changed.emit(self.mission_id, "mission")

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)
