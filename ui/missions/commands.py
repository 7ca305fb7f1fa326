"""Undoable changes to missions: create, edit, delete (with everything it holds) and duplicate.
Each runs a models function in one transaction, then announces what changed."""

from __future__ import annotations

from datetime import date

from i18n import _
from models import repository as repo
from models.consulates import ConsulateRow, set_consulates
from models.duplicate import duplicate_mission
from models.store.backup_scrub import scrub_removed_later
from models.store.db import write_session
from ui.common.events import MISSION, MissionEvents
from ui.common.undo import DbCommand


class CreateMission(DbCommand):
    def __init__(self, engine, events: MissionEvents, values: dict, organizer_ids: list[int],
                 consulates: list[ConsulateRow] = ()):
        super().__init__(_("New mission {code}").format(code=values["code"]))
        self.engine, self.events = engine, events
        self.values, self.organizer_ids = values, organizer_ids
        self.consulates = list(consulates)
        self.mission_id: int | None = None

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.mission_id = repo.create_mission(session, organizer_ids=self.organizer_ids,
                                                  **self.values)
            set_consulates(session, mission_id=self.mission_id, rows=self.consulates)
        self.events.announce(self.mission_id, MISSION)

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            repo.delete_mission(session, mission_id=self.mission_id)
        self.events.announce(self.mission_id, MISSION, removed=True)


class EditMission(DbCommand):
    """The mission's fields, organizers and consulates: one step to undo."""

    def __init__(self, engine, events: MissionEvents, before: repo.MissionRow, values: dict,
                 organizer_ids: list[int], consulates: list[ConsulateRow] | None = None,
                 consulates_before: list[ConsulateRow] = ()):
        super().__init__(_("Edit mission {code}").format(code=values["code"]))
        self.engine, self.events = engine, events
        self.mission_id = before.id
        fields = values.keys()
        self.before = ({f: getattr(before, f) for f in fields}, list(before.organizer_ids),
                       None if consulates is None else list(consulates_before))
        self.after = (dict(values), list(organizer_ids),
                      None if consulates is None else list(consulates))

    def _apply(self, state: tuple[dict, list[int], list[ConsulateRow] | None]) -> None:
        values, organizer_ids, consulates = state
        with write_session(self.engine) as session:
            repo.update_mission(session, mission_id=self.mission_id,
                                organizer_ids=organizer_ids, **values)
            if consulates is not None:
                set_consulates(session, mission_id=self.mission_id, rows=consulates)
        self.events.announce(self.mission_id, MISSION)

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
        # The people who went with it (in no other mission) leave the backups too.
        scrub_removed_later(self.engine, self.removed.rows.get("person", []))
        self.events.announce(self.mission_id, MISSION, removed=True)

    def do_undo(self) -> None:
        from models.mission_removal import restore_mission

        with write_session(self.engine) as session:
            restore_mission(session, self.removed)
        self.events.announce(self.mission_id, MISSION)


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
        self.events.announce(self.mission_id, MISSION)

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            repo.delete_mission(session, mission_id=self.mission_id)
        self.events.announce(self.mission_id, MISSION, removed=True)
