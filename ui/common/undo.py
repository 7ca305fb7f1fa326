"""The base of every undoable change: a QUndoCommand whose database work may fail.

The window first applies a command itself (`apply_redo`/`apply_undo`), where a storage error can
be shown and nothing is recorded; only then does the undo stack record the step, and the
stack's own redo()/undo() call finds the work already done.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand


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


class MissionCommand(DbCommand):
    """A change to one mission's rows: announces the mission, its `kinds` of rows and the ids
    of `announced_ids()` once it is done or undone."""

    kinds: tuple[str, ...] = ()

    def __init__(self, text: str, engine, events, mission_id: int | None):
        super().__init__(text)
        self.engine, self.events, self.mission_id = engine, events, mission_id

    def announced_ids(self) -> tuple[int, ...]:
        return ()

    def _announce(self) -> None:
        self.events.announce(self.mission_id, *self.kinds, ids=self.announced_ids())
