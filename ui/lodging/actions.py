"""What happens when someone adds, edits or deletes a room of a hotel stay: the room dialog, the
question before a deletion, and the undoable commands they end in (through ctx.run_command)."""

from __future__ import annotations

from i18n import _
from models import lodging
from models import repository as repo
from models.entities import AttendanceStatus
from models.store.db import read_session
from ui.common.context import Context
from ui.common.dialogs import confirm, exec_until_saved
from ui.lodging.commands import AddRoom, DeleteRoom, EditRoom, room_name
from ui.lodging.lodging_tab import LodgingTab


class RoomActions:
    def __init__(self, ctx: Context, tab: LodgingTab):
        self.ctx, self.tab = ctx, tab
        tab.add_requested.connect(self.add_room)
        tab.assign_requested.connect(self.assign_rooms)
        tab.edit_requested.connect(self.edit_room)
        tab.delete_requested.connect(self.delete_room)

    def _room_dialog(self, stay, data=None):
        from ui.lodging.room_dialog import RoomDialog

        with read_session(self.ctx.engine) as session:
            people = repo.list_attendees(session, mission_id=self.ctx.mission_id())
        kana = {p.participant_id: (p.family_kana, p.given_kana) for p in people
                if p.status != AttendanceStatus.CANCELLED.value}
        return RoomDialog(stay, data, kana=kana, parent=self.ctx.parent)

    def _stay(self, item_id: int):
        return next((s for s in self.tab.stays if s.item_id == item_id), None)

    def add_room(self, item_id: int) -> None:
        mission_id, stay = self.ctx.writable_mission_id(), self._stay(item_id)
        if mission_id is None or stay is None:
            return
        dialog = self._room_dialog(stay)
        commands = []

        def save() -> bool:
            commands.append(AddRoom(self.ctx.engine, self.ctx.events, mission_id,
                                    dialog.room()))
            return self.ctx.run_command(commands[-1])

        if exec_until_saved(dialog, save):
            self.tab.select_room(commands[-1].data.id)

    def assign_rooms(self, item_id: int) -> bool:
        from ui.lodging.assign_rooms import run_assign_rooms

        stay = self._stay(item_id)
        return stay is not None and run_assign_rooms(self.ctx, stay)

    def edit_room(self, room_id: int) -> None:
        mission_id, stay = self.ctx.writable_mission_id(), self.tab.current_stay()
        if mission_id is None or stay is None:
            return
        with read_session(self.ctx.engine) as session:
            before = lodging.get_room(session, room_id=room_id)
        dialog = self._room_dialog(stay, before)
        exec_until_saved(dialog, lambda: dialog.room() == before or self.ctx.run_command(
            EditRoom(self.ctx.engine, self.ctx.events, mission_id, before, dialog.room())))

    def delete_room(self, room_id: int) -> None:
        mission_id = self.ctx.writable_mission_id()
        if mission_id is None:
            return
        with read_session(self.ctx.engine) as session:
            data = lodging.get_room(session, room_id=room_id)
        if confirm(
            self.ctx.parent, _("Delete room"),
            _("Delete room {room} and its guest list? You can undo this.").format(
                room=room_name(data))):
            self.ctx.run_command(DeleteRoom(self.ctx.engine, self.ctx.events, mission_id, data))
