"""Editing the attendees selected on the Attendees tab together: status, role, organization,
"Latin spelling checked" and sex, each changed only when ticked, as one undo step."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from i18n import _, ngettext, pick
from i18n.labels import ATTENDANCE, ROLES, SEXES, label
from models import bulk_edits
from models import repository as repo
from models.entities import Organization
from models.store.db import read_session, write_session
from ui.common import retranslate
from ui.common.context import Context
from ui.common.dialogs import discard
from ui.common.events import ATTENDEES
from ui.common.form_dialog import FormDialog
from ui.common.undo import MissionCommand

FIELDS = ("status", "role", "organization", "latin", "sex")


class BulkEditAttendees(MissionCommand):
    kinds = (ATTENDEES,)

    def __init__(self, engine, events, mission_id: int, participant_ids: list[int],
                 edit: bulk_edits.BulkEdit):
        n = len(participant_ids)
        super().__init__(ngettext("Edit {n} attendee", "Edit {n} attendees", n).format(n=n),
                         engine, events, mission_id)
        self.participant_ids, self.edit = list(participant_ids), edit
        self.before: list[bulk_edits.AttendeeState] = []

    def announced_ids(self) -> tuple[int, ...]:
        return tuple(self.participant_ids)

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.before = bulk_edits.edit_attendees(
                session, participant_ids=self.participant_ids, edit=self.edit)
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            bulk_edits.restore_attendees(session, states=self.before)
        self._announce()


class BulkEditDialog(FormDialog):
    """Read `edit()` after accept: what the ticked fields set."""

    def __init__(self, count: int, organizations: list[Organization],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bulkEditDialog")
        self.count = count
        self.intro = QLabel(objectName="bulkIntro")
        self.intro.setWordWrap(True)
        self.ticks = {k: QCheckBox(objectName=f"change_{k}") for k in FIELDS}
        self.status, self.role = QComboBox(objectName="status"), QComboBox(objectName="role")
        self.sex = QComboBox(objectName="sex")       # as the passport prints it
        for combo, table in ((self.status, ATTENDANCE), (self.role, ROLES), (self.sex, SEXES)):
            for key in table:
                combo.addItem("", key)
        self.organization = QComboBox(objectName="organization")
        self.organization.addItem("", None)
        for org in sorted(organizations, key=lambda o: pick(o.name_en, o.name_ja)[0].casefold()):
            self.organization.addItem(pick(org.name_en, org.name_ja)[0], org.id)
        self.latin = QComboBox(objectName="latin")
        self.latin.addItems(["", ""])
        self.values = {"status": self.status, "role": self.role,
                       "organization": self.organization, "latin": self.latin,
                       "sex": self.sex}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        for row, key in enumerate(FIELDS):
            grid.addWidget(self.ticks[key], row, 0)
            grid.addWidget(self.values[key], row, 1)
            self.values[key].setEnabled(False)
            self.ticks[key].toggled.connect(self._ticked)
        body = QVBoxLayout()
        body.addWidget(self.intro)
        body.addLayout(grid)
        body.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.set_form(body, self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 70)
        retranslate.register(self)
        self.retranslate_ui()
        self._ticked()
        self.finish_form()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit attendees together"))
        self.intro.setText(ngettext(
            "Change what you tick for the {n} selected attendee; the rest stays as it is.",
            "Change what you tick for the {n} selected attendees; the rest stays as each has "
            "it.", self.count).format(n=self.count))
        for key, text in (("status", _("Status")), ("role", _("Role")),
                          ("organization", _("Organization")),
                          ("latin", _("Latin spelling")), ("sex", _("Sex"))):
            self.ticks[key].setText(text)
        for combo, table in ((self.status, ATTENDANCE), (self.role, ROLES), (self.sex, SEXES)):
            for i, key in enumerate(table):
                combo.setItemText(i, label(table, key))
        self.organization.setItemText(0, _("(no organization)"))
        self.latin.setItemText(0, _("Checked against the passport"))
        self.latin.setItemText(1, _("Not yet checked"))

    def _ticked(self, _on: bool = False) -> None:
        for key in FIELDS:
            self.values[key].setEnabled(self.ticks[key].isChecked())
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(any(t.isChecked() for t in self.ticks.values()))

    def edit(self) -> bulk_edits.BulkEdit:
        ticked = {k: self.ticks[k].isChecked() for k in FIELDS}
        return bulk_edits.BulkEdit(
            status=self.status.currentData() if ticked["status"] else None,
            role=self.role.currentData() if ticked["role"] else None,
            organization_id=self.organization.currentData() if ticked["organization"]
            else bulk_edits.KEEP,
            latin_checked=(self.latin.currentIndex() == 0) if ticked["latin"] else None,
            sex=self.sex.currentData() if ticked["sex"] else None)


def run_bulk_edit(ctx: Context, participant_ids: list[int]) -> bool:
    """Ask what to change for these attendees and change it as one undo step."""
    mission = ctx.writable_mission()
    if mission is None or not participant_ids:
        return False
    with read_session(ctx.engine) as session:
        organizations = repo.list_organizations(session)
    dialog = BulkEditDialog(len(participant_ids), organizations, ctx.parent)
    try:
        if not dialog.exec():
            return False
        return ctx.run_command(BulkEditAttendees(ctx.engine, ctx.events, mission.id,
                                                 participant_ids, dialog.edit()))
    finally:
        discard(dialog)
