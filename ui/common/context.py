"""What a feature gets from the window instead of the window itself: the database, the change
events, `run_command`, the read-only flag, the current mission, the settings, a parent for its
dialogs, and ways to show a tab page or go to a row of another feature."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QWidget

from models.repository import MissionRow
from models.store.db import Database
from ui.common.events import MissionEvents
from ui.common.undo import DbCommand


@dataclass(frozen=True)
class Target:
    """A row another feature shows: kind "item", "person", "visit", "stay", "site",
    "organization" (its attendees: `text` is its name) or "consulates" (the mission's, in
    Mission details), and its ids."""

    kind: str
    item_id: int | None = None
    participant_id: int | None = None
    site_id: int | None = None
    text: str = ""


class Context(QObject):
    """Made by the window, handed to every tab, dialog and action of a feature."""

    database_replaced = Signal()   # a restore put another file's engine in place
    wrote_beside_engine = Signal()  # our own write that the engine's commit events miss

    def __init__(self, db: Database, settings: QSettings, parent: QWidget, *,
                 run_command: Callable[[DbCommand], bool],
                 current_mission: Callable[[], MissionRow | None],
                 show_page: Callable[[QWidget], None],
                 reveal: Callable[[Sequence[Target]], bool]):
        super().__init__(parent)
        self.db, self.settings, self.parent = db, settings, parent
        self.events = MissionEvents(self)
        self.run_command = run_command
        self.current_mission = current_mission
        self.show_page = show_page
        self.reveal = reveal

    @property
    def engine(self):
        return self.db.engine

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    def mission_id(self) -> int | None:
        mission = self.current_mission()
        return mission.id if mission is not None else None

    def writable_mission_id(self) -> int | None:
        mission = self.writable_mission()
        return mission.id if mission is not None else None

    def writable_mission(self) -> MissionRow | None:
        """The current mission when it may be changed, else None."""
        mission = self.current_mission()
        return None if mission is None or self.read_only else mission

    def replace_database(self, db: Database) -> None:
        self.db = db
        self.database_replaced.emit()
