"""Undoable commands: each runs a repository function in one transaction, then announces it.

The window first applies a command itself (`apply_redo`/`apply_undo`), where a storage error can
be shown and nothing is recorded; only then does the undo stack record the step, and the
stack's own redo()/undo() call finds the work already done.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from i18n import _
from models import repository as repo
from models.store.db import write_session
from ui.common.events import MissionEvents


class DbCommand(QUndoCommand):
    """A command whose database work may fail; subclasses implement do_redo() and do_undo()."""

    def __init__(self, text: str):
        super().__init__(text)
        self._already: str | None = None

    def apply_redo(self) -> None:
        self.do_redo()
        self._already = "redo"

    def apply_undo(self) -> None:
        self.do_undo()
        self._already = "undo"

    def redo(self) -> None:
        if self._already == "redo":
            self._already = None
            return
        self.do_redo()

    def undo(self) -> None:
        if self._already == "undo":
            self._already = None
            return
        self.do_undo()

    def do_redo(self) -> None:
        raise NotImplementedError

    def do_undo(self) -> None:
        raise NotImplementedError


class CreateMission(DbCommand):
    def __init__(self, engine, events: MissionEvents, values: dict, organizer_ids: list[int]):
        super().__init__(_("New mission {code}").format(code=values["code"]))
        self.engine, self.events = engine, events
        self.values, self.organizer_ids = values, organizer_ids
        self.mission_id: int | None = None

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.mission_id = repo.create_mission(session, organizer_ids=self.organizer_ids,
                                                  **self.values)
        self.events.changed.emit(self.mission_id, "created")

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            repo.delete_mission(session, mission_id=self.mission_id)
        self.events.changed.emit(self.mission_id, "deleted")


class EditMission(DbCommand):
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

    def do_redo(self) -> None:
        self._apply(self.after)

    def do_undo(self) -> None:
        self._apply(self.before)


class DeleteMission(DbCommand):
    """The whole mission goes, and comes back on undo with the same ids (models.mission_removal),
    so the steps recorded before it can still be undone."""

    def __init__(self, engine, events: MissionEvents, mission_id: int, code: str):
        super().__init__(_("Delete mission {code}").format(code=code))
        self.engine, self.events, self.mission_id = engine, events, mission_id
        self.removed = None

    def do_redo(self) -> None:
        from models.mission_removal import remove_mission

        with write_session(self.engine) as session:
            self.removed = remove_mission(session, mission_id=self.mission_id)
        self.events.changed.emit(self.mission_id, "deleted")

    def do_undo(self) -> None:
        from models.mission_removal import restore_mission

        with write_session(self.engine) as session:
            restore_mission(session, self.removed)
        self.events.changed.emit(self.mission_id, "created")
