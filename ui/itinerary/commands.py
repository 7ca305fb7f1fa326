"""Undoable itinerary changes: add (also a duplicate), edit, move and delete an item.

Each command keeps the item's id: undoing an addition deletes the item but keeps what was
deleted, and redo puts it back with the same id, so a later command on the stack (an edit or a
move of the item just added) still names the right row. Every step announces the item's id
with the kinds of rows it touched.
"""

from __future__ import annotations

import copy
from datetime import datetime

from i18n import _, pick
from models import items
from models.store.db import write_session
from ui.common.events import ITEMS, PARTICIPANTS, ROOMS, VISITS, MissionEvents
from ui.common.undo import MissionCommand


def item_title(values: dict) -> str:
    return pick(values.get("title_en", ""), values.get("title_ja", ""))[0]


class _ItemCommand(MissionCommand):
    # Deleting an item (or undoing its addition) takes its rooms and clearances along.
    kinds = (ITEMS, PARTICIPANTS, ROOMS, VISITS)
    item_id: int | None = None

    def announced_ids(self) -> tuple[int, ...]:
        return () if self.item_id is None else (self.item_id,)


class AddItem(_ItemCommand):
    def __init__(self, engine, events: MissionEvents, mission_id: int, data: items.ItemData,
                 text: str | None = None):
        super().__init__(text or _("Add {title}").format(title=item_title(data.values)),
                         engine, events, mission_id)
        self.data = copy.deepcopy(data)
        self.item_id: int | None = None
        self.removed: items.RemovedItem | None = None

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            if self.removed is None:
                self.item_id = items.create_item(session, mission_id=self.mission_id,
                                                 data=self.data)
            else:
                items.restore_item(session, self.removed)
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            self.removed = items.delete_item(session, item_id=self.item_id)
        self._announce()


class DuplicateItem(AddItem):
    """An addition whose values came from another item (its rooms and clearances stay)."""

    def __init__(self, engine, events: MissionEvents, mission_id: int, data: items.ItemData):
        super().__init__(engine, events, mission_id, data,
                         _("Duplicate {title}").format(title=item_title(data.values)))


class EditItem(_ItemCommand):
    def __init__(self, engine, events: MissionEvents, mission_id: int, item_id: int,
                 before: items.ItemData, after: items.ItemData):
        super().__init__(_("Edit {title}").format(title=item_title(after.values)), engine,
                         events, mission_id)
        self.item_id = item_id
        self.before, self.after = copy.deepcopy(before), copy.deepcopy(after)

    def _apply(self, data: items.ItemData) -> None:
        with write_session(self.engine) as session:
            items.update_item(session, item_id=self.item_id, data=data)
        self._announce()

    def do_redo(self) -> None:
        self._apply(self.after)

    def do_undo(self) -> None:
        self._apply(self.before)


class MoveItem(_ItemCommand):
    """New start and end instants, the zones and everything else unchanged."""

    def __init__(self, engine, events: MissionEvents, mission_id: int, item_id: int,
                 title: str, before: tuple[datetime, datetime], after: tuple[datetime, datetime]):
        super().__init__(_("Move {title}").format(title=title), engine, events, mission_id)
        self.item_id, self.before, self.after = item_id, before, after

    def _apply(self, times: tuple[datetime, datetime]) -> None:
        with write_session(self.engine) as session:
            items.set_times(session, item_id=self.item_id, start_utc=times[0],
                            end_utc=times[1])
        self._announce()

    def do_redo(self) -> None:
        self._apply(self.after)

    def do_undo(self) -> None:
        self._apply(self.before)


class DeleteItem(_ItemCommand):
    def __init__(self, engine, events: MissionEvents, mission_id: int, item_id: int,
                 title: str):
        super().__init__(_("Delete {title}").format(title=title), engine, events, mission_id)
        self.item_id = item_id
        self.removed: items.RemovedItem | None = None

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.removed = items.delete_item(session, item_id=self.item_id)
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            items.restore_item(session, self.removed)
        self._announce()
