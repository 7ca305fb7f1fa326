"""Assigning rooms for a whole stay in one dialog: the proposal of models.room_plan for the
guests of the stay who have no room yet, looked at, then made as one undo step."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

from i18n import _, ngettext
from i18n.formatting import name_sort_key, person_name
from i18n.labels import ROOM_TYPES, label
from models import repository as repo
from models import room_plan
from models.entities import AttendanceStatus
from models.lodging import RoomData, StayRow
from models.store.db import read_session, write_session
from ui.common import retranslate
from ui.common.context import Context
from ui.common.dialogs import discard
from ui.common.events import ROOMS
from ui.common.form_dialog import FormDialog
from ui.common.undo import MissionCommand


class AssignRooms(MissionCommand):
    kinds = (ROOMS,)

    def __init__(self, engine, events, mission_id: int, rooms: list[RoomData]):
        super().__init__(ngettext("Assign {n} room", "Assign {n} rooms", len(rooms)).format(
            n=len(rooms)), engine, events, mission_id)
        self.rooms = rooms

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.rooms = room_plan.create_rooms(session, self.rooms)   # redo: the same ids
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            room_plan.delete_rooms(session, self.rooms)
        self._announce()


class AssignRoomsDialog(FormDialog):
    def __init__(self, stay: StayRow, rooms: list[RoomData], names: dict[int, str],
                 parent: QWidget | None = None, unknown_sex: frozenset[int] = frozenset()):
        """`unknown_sex`: the guests whose sex is not recorded (paired by organization)."""
        super().__init__(parent)
        self.setObjectName("assignRoomsDialog")
        self.stay, self.rooms, self.names = stay, rooms, names
        self.unknown_sex = unknown_sex
        self.intro, self.note = QLabel(), QLabel()
        for text in (self.intro, self.note):
            text.setWordWrap(True)
        self.note.setStyleSheet("color: palette(placeholder-text);")
        self.list = QListWidget(objectName="proposedRooms")
        body = QVBoxLayout()
        body.addWidget(self.intro)
        body.addWidget(self.list, 1)
        body.addWidget(self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(rooms))
        self.set_form(body, self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 80)
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Assign rooms for the whole stay"))
        people = sum(len(r.guest_ids) for r in self.rooms)
        self.intro.setText(ngettext(
            "{rooms} room for the {people} guests without one, for every night of the stay:",
            "{rooms} rooms for the {people} guests without one, for every night of the stay:",
            len(self.rooms)).format(rooms=len(self.rooms), people=people) if self.rooms
            else _("Every guest of this stay already has a room."))
        unknown = sum(1 for n in self.unknown_sex if n in self.names)
        self.note.setText(_(
            "Heads of delegation and interpreters have a single room; the others share a twin "
            "with someone of their own organization and sex. Edit any room afterwards.")
            + ("\n" + ngettext(
                "{n} guest has no sex recorded and shares only with another such guest of "
                "the same organization: check those pairs before sending the rooming list.",
                "{n} guests have no sex recorded and share only with other such guests of "
                "the same organization: check those pairs before sending the rooming list.",
                unknown).format(n=unknown) if unknown else ""))
        self.list.clear()
        for room in self.rooms:
            guests = " / ".join(self.names[p] for p in room.guest_ids)
            self.list.addItem(f"{label(ROOM_TYPES, room.room_type)}: {guests}")


def run_assign_rooms(ctx: Context, stay: StayRow) -> bool:
    mission_id = ctx.writable_mission_id()
    if mission_id is None:
        return False
    with read_session(ctx.engine) as session:
        people = {a.participant_id: a for a in repo.list_attendees(session, mission_id=mission_id)
                  if a.status != AttendanceStatus.CANCELLED.value}
    waiting = sorted((people[g.participant_id] for g in stay.unroomed
                      if g.participant_id in people),
                     key=lambda a: name_sort_key(family=a.family_name, given=a.given_name,
                                                 family_kana=a.family_kana,
                                                 given_kana=a.given_kana))
    rooms = room_plan.propose_rooms(item_id=stay.item_id, guests=[
        room_plan.PlanGuest(a.participant_id, a.role, a.organization_id, a.sex)
        for a in waiting])
    names = {a.participant_id: person_name(family=a.family_name, given=a.given_name,
                                           family_ja=a.family_name_ja, given_ja=a.given_name_ja)
             for a in waiting}
    dialog = AssignRoomsDialog(stay, rooms, names, ctx.parent, unknown_sex=frozenset(
        a.participant_id for a in waiting if not a.sex and a.role not in room_plan.ALONE))
    try:
        if not dialog.exec() or not rooms:
            return False
        return ctx.run_command(AssignRooms(ctx.engine, ctx.events, mission_id, rooms))
    finally:
        discard(dialog)
