"""Undoable changes to gifts (手土産): add, edit (bought, handed over), delete. Each keeps the
row before and after, with its UUID, so that undo and redo put back the same gift."""

from __future__ import annotations

from dataclasses import replace

from i18n import _
from models import gifts
from models.store.db import write_session
from ui.common.events import GIFTS
from ui.common.undo import MissionCommand


class AddGift(MissionCommand):
    kinds = (GIFTS,)

    def __init__(self, engine, events, mission_id: int, data: gifts.GiftData):
        super().__init__(_("Add gift"), engine, events, mission_id)
        self.data = data

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.data = gifts.create_gift(session, data=self.data)
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            gifts.delete_gift(session, gift_id=self.data.id)
        self._announce()


class EditGift(MissionCommand):
    kinds = (GIFTS,)

    def __init__(self, text: str, engine, events, mission_id: int, before: gifts.GiftData,
                 after: gifts.GiftData):
        super().__init__(text, engine, events, mission_id)
        self.before, self.after = before, replace(after, id=before.id, uuid=before.uuid)

    def _store(self, data: gifts.GiftData) -> None:
        with write_session(self.engine) as session:
            gifts.update_gift(session, data=data)
        self._announce()

    def do_redo(self) -> None:
        self._store(self.after)

    def do_undo(self) -> None:
        self._store(self.before)


class DeleteGift(MissionCommand):
    kinds = (GIFTS,)

    def __init__(self, engine, events, mission_id: int, data: gifts.GiftData):
        super().__init__(_("Delete gift"), engine, events, mission_id)
        self.data = data

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.data = gifts.delete_gift(session, gift_id=self.data.id)
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            gifts.create_gift(session, data=self.data)
        self._announce()
