"""What happens when someone creates, edits, duplicates or deletes a mission: the File menu's
actions, the dialogs, and the undoable commands they end in (through ctx.run_command)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from i18n import _, pick
from models import repository as repo
from models.consulates import list_consulates
from models.store.db import read_session
from ui.common import retranslate
from ui.common.context import Context
from ui.common.dialogs import exec_until_saved
from ui.missions.commands import CreateMission, DeleteMission, DuplicateMission, EditMission


class MissionActions(QObject):
    def __init__(self, ctx: Context):
        super().__init__(ctx.parent)   # goes with it: its actions do
        self.ctx = ctx
        parent = ctx.parent
        self.act_new = QAction(parent, shortcut=QKeySequence.StandardKey.New,
                               triggered=self.new_mission)
        self.act_edit = QAction(parent, shortcut=QKeySequence("Ctrl+E"),
                                triggered=self.edit_mission)
        self.act_duplicate = QAction(parent, triggered=self.duplicate)
        self.act_delete = QAction(parent, triggered=self.delete_mission)
        retranslate.register(self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.act_new.setText(_("&New mission…"))
        self.act_edit.setText(_("Mission &details…"))
        self.act_duplicate.setText(_("D&uplicate mission…"))
        self.act_delete.setText(_("&Delete mission…"))

    def menu_actions(self) -> list[QAction]:
        return [self.act_new, self.act_edit, self.act_duplicate, self.act_delete]

    def update(self, has_mission: bool) -> None:
        writable = not self.ctx.read_only
        self.act_new.setEnabled(writable)
        for action in (self.act_edit, self.act_duplicate, self.act_delete):
            action.setEnabled(has_mission and writable)

    # helpers ---------------------------------------------------------------------------------
    def _organizations(self):
        with read_session(self.ctx.engine) as session:
            return repo.list_organizations(session)

    def _code_taken(self, except_id: int | None):
        def taken(code: str) -> bool:
            with read_session(self.ctx.engine) as session:
                return repo.code_in_use(session, code=code, except_id=except_id)
        return taken

    # handlers --------------------------------------------------------------------------------
    def new_mission(self) -> None:
        if self.ctx.read_only:
            return
        from ui.missions.mission_dialog import MissionDialog

        ctx = self.ctx
        dialog = MissionDialog(self._organizations(), code_taken=self._code_taken(None),
                               parent=ctx.parent)
        exec_until_saved(dialog, lambda: ctx.run_command(CreateMission(
            ctx.engine, ctx.events, dialog.values(), dialog.organizer_ids(),
            dialog.consulates())))

    def edit_mission(self, *, consulates_first: bool = False) -> bool:
        """Mission details; `consulates_first`: with the consulates list focused (a readiness
        finding of a missing consulate leads there). False when the mission cannot be
        changed."""
        mission = self.ctx.writable_mission()
        if mission is None:
            return False
        from ui.missions.mission_dialog import MissionDialog

        ctx = self.ctx
        with read_session(ctx.engine) as session:
            consulates = list_consulates(session, mission_id=mission.id)
        dialog = MissionDialog(self._organizations(), mission=mission,
                               code_taken=self._code_taken(mission.id), consulates=consulates,
                               parent=ctx.parent)
        if consulates_first:
            dialog.consulate_list.setFocus()
        exec_until_saved(dialog, lambda: ctx.run_command(EditMission(
            ctx.engine, ctx.events, mission, dialog.values(), dialog.organizer_ids(),
            dialog.consulates(), consulates)))
        return True

    def delete_mission(self) -> None:
        mission = self.ctx.writable_mission()
        if mission is None:
            return
        title, _fallback = pick(mission.title_en, mission.title_ja)
        answer = QMessageBox.warning(
            self.ctx.parent, _("Delete mission"),
            _("Delete the mission {code} ({title}) with its attendees and itinerary? "
              "Edit > Undo brings it back.").format(code=mission.code, title=title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self.ctx.run_command(DeleteMission(self.ctx.engine, self.ctx.events, mission.id,
                                               mission.code))

    def duplicate(self) -> None:
        mission = self.ctx.writable_mission()
        if mission is None:
            return
        from ui.missions.duplicate_dialog import DuplicateDialog

        ctx = self.ctx
        dialog = DuplicateDialog(mission, code_taken=self._code_taken(None), parent=ctx.parent)
        exec_until_saved(dialog, lambda: ctx.run_command(DuplicateMission(
            ctx.engine, ctx.events, mission.id, dialog.code(), dialog.start(),
            dialog.copy_people())))
