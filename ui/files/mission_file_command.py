"""Opening a mission file as one undoable step: undo puts every row back as it was (same ids),
redo writes the same rows again (same ids)."""

from __future__ import annotations

from pathlib import Path

from documents.mission_file import open_mission_file
from documents.mission_file.container import MissionFileError
from i18n import _
from models.mission_open import redo_open, undo_open
from models.store.db import write_session
from models.store.errors import Conflict
from ui.common.events import KINDS
from ui.common.undo import DbCommand


class OpenMissionFile(DbCommand):
    def __init__(self, engine, events, path: Path, document: dict, new_code: str | None):
        super().__init__(_("Open mission file {name}").format(name=path.name))
        self.engine, self.events = engine, events
        self.path, self.document, self.new_code = path, document, new_code
        self.applied = None
        self.created = False

    def do_redo(self) -> None:
        if self.applied is None:
            try:
                result = open_mission_file(self.engine, path=self.path, document=self.document,
                                           new_code=self.new_code)
            except MissionFileError as exc:   # changed here since the preview: a code taken
                raise Conflict(exc.user_message()) from exc
            self.applied = result.applied
            self.created = result.plan.mission_id is None
        else:
            with write_session(self.engine) as session:
                redo_open(session, self.applied)
        self.events.announce(self.applied.mission_id, *sorted(KINDS))

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            undo_open(session, self.applied)
        self.events.announce(self.applied.mission_id, *sorted(KINDS), removed=self.created)
