"""The dialog for a new mission or a mission's details, validating each field where it is shown."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from i18n import N_, _, pick
from i18n.labels import MISSION_STATUS, label
from models.consulates import ConsulateRow
from models.entities import Organization
from models.repository import MissionRow
from models.rules import Problem, mission_code_problem
from models.times import is_valid_zone
from ui.common import retranslate
from ui.common.date_time_fields import DateEdit
from ui.common.dialogs import discard
from ui.common.form_dialog import FormDialog, error_label, with_error
from ui.common.zones import ZoneCombo

# The words of the mission code rule, for this dialog and the duplicate dialog.
CODE_MESSAGES = {
    Problem.MISSION_CODE_MISSING: N_("A code is required."),
    Problem.MISSION_CODE_SHAPE: N_("Use 2 to 40 letters, digits, hyphens or underscores."),
}


def code_problem_text(code: str, code_taken) -> str:
    """What is wrong with a new mission code, in the current language; "" when it is fine."""
    if problem := mission_code_problem(code):
        return _(CODE_MESSAGES[problem])
    if code_taken(code.strip()):
        return _("Another mission already has this code.")
    return ""




class MissionDialog(FormDialog):
    """Collects a mission's fields; `values()` and `organizer_ids()` are read after accept."""

    def __init__(self, organizations: list[Organization], *, mission: MissionRow | None = None,
                 code_taken=lambda code: False, consulates: list[ConsulateRow] = (),
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("missionDialog")
        self.setMinimumWidth(560)           # room for the consulates beside their buttons
        self._editing = mission
        self._checked = False
        self._code_taken = code_taken
        self.code = QLineEdit()
        self.title_en = QLineEdit()
        self.title_ja = QLineEdit()
        self.start = DateEdit(objectName="start")
        self.end = DateEdit(objectName="end")
        self.zone = ZoneCombo(objectName="zone")
        self.status = QComboBox()
        for key in MISSION_STATUS:
            self.status.addItem("", key)
        self.organizers = QListWidget()
        self.organizers.setMaximumHeight(130)
        for org in organizations:
            item = QListWidgetItem(pick(org.name_en, org.name_ja)[0])
            item.setData(Qt.ItemDataRole.UserRole, org.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.organizers.addItem(item)
        self._consulates = list(consulates)
        self.consulate_list = QListWidget(objectName="consulates")
        self.consulate_list.setMaximumHeight(130)
        self.consulate_list.setWordWrap(True)           # long names wrap, never scroll aside
        self.consulate_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.consulate_buttons = {k: QPushButton(objectName=f"consulate_{k}")
                                  for k in ("add", "edit", "remove")}
        consulate_box = QWidget()
        consulate_row = QHBoxLayout(consulate_box)
        consulate_row.setContentsMargins(0, 0, 0, 0)
        consulate_row.addWidget(self.consulate_list, 1)
        button_column = QVBoxLayout()
        for button in self.consulate_buttons.values():
            button_column.addWidget(button)
        button_column.addStretch(1)
        consulate_row.addLayout(button_column)
        self.consulate_buttons["add"].clicked.connect(lambda: self._edit_consulate(None))
        self.consulate_buttons["edit"].clicked.connect(
            lambda: self._edit_consulate(self.consulate_list.currentRow()))
        self.consulate_buttons["remove"].clicked.connect(self._remove_consulate)
        self.consulate_list.itemActivated.connect(
            lambda _item: self._edit_consulate(self.consulate_list.currentRow()))
        self.consulate_list.currentRowChanged.connect(lambda _row: self._consulate_buttons())
        self.errors: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        for key, widget in (("code", self.code), ("title_en", self.title_en),
                            ("title_ja", self.title_ja), ("start", self.start),
                            ("end", self.end), ("zone", self.zone), ("status", self.status),
                            ("organizers", self.organizers), ("consulates", consulate_box)):
            error = error_label(key)
            self.labels[key] = QLabel()
            self.form.addRow(self.labels[key], with_error(widget, error))
            self.errors[key] = error
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                       | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.set_form(self.form, self.buttons)
        self._fill(mission)
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()
        for edit in (self.code, self.title_en, self.title_ja, self.start, self.end):
            edit.textChanged.connect(self._recheck)   # a fixed error clears as it is fixed
        self.zone.currentTextChanged.connect(self._recheck)

    def _fill(self, mission: MissionRow | None) -> None:
        today = date.today()
        start = mission.start_date if mission else today
        end = mission.end_date if mission else today
        self.start.set_value(start)
        self.end.set_value(end)
        if mission is None:
            return
        self.code.setText(mission.code)
        self.title_en.setText(mission.title_en)
        self.title_ja.setText(mission.title_ja)
        self.zone.set_zone(mission.home_tz)
        self.status.setCurrentIndex(max(0, self.status.findData(mission.status)))
        for i in range(self.organizers.count()):
            item = self.organizers.item(i)
            if item.data(Qt.ItemDataRole.UserRole) in mission.organizer_ids:
                item.setCheckState(Qt.CheckState.Checked)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Mission details") if self._editing else _("New mission"))
        texts = {"code": _("Code"), "title_en": _("Title (English)"),
                 "title_ja": _("Title (Japanese)"), "start": _("First day"),
                 "end": _("Last day"), "zone": _("Home time zone"), "status": _("Status"),
                 "organizers": _("Organizing bodies"),
                 "consulates": _("Consulates and embassies")}
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.code.setPlaceholderText(_("e.g. HKD-ALB-2026"))
        self.start.retranslate_ui()
        self.end.retranslate_ui()
        self.zone.retranslate_ui()
        for i, key in enumerate(MISSION_STATUS):
            self.status.setItemText(i, label(MISSION_STATUS, key))
        for key, text in (("add", _("Add…")), ("edit", _("Edit…")), ("remove", _("Remove"))):
            self.consulate_buttons[key].setText(text)
        self.consulate_list.setToolTip(_("Printed on each delegate's travel pack: the one that "
                                         "serves their citizenship in each country visited."))
        self._show_consulates()
        self._recheck()

    # consulates ------------------------------------------------------------------------------
    def _show_consulates(self) -> None:
        from ui.missions.consulate_dialog import consulate_line

        at = self.consulate_list.currentRow()
        self.consulate_list.clear()
        for row in self._consulates:
            self.consulate_list.addItem(consulate_line(row))
        if self._consulates:
            self.consulate_list.setCurrentRow(min(max(at, 0), len(self._consulates) - 1))
        self._consulate_buttons()

    def _consulate_buttons(self) -> None:
        chosen = 0 <= self.consulate_list.currentRow() < len(self._consulates)
        self.consulate_buttons["edit"].setEnabled(chosen)
        self.consulate_buttons["remove"].setEnabled(chosen)

    def _edit_consulate(self, index: int | None) -> None:
        from ui.missions.consulate_dialog import ConsulateDialog

        if index is not None and not 0 <= index < len(self._consulates):
            return
        taken = {(r.country, r.nationality) for i, r in enumerate(self._consulates)
                 if i != index}
        dialog = ConsulateDialog(row=None if index is None else self._consulates[index],
                                 taken=taken, parent=self)
        row = dialog.row() if dialog.exec() == ConsulateDialog.DialogCode.Accepted else None
        discard(dialog)
        if row is None:
            return
        if index is None:
            self._consulates.append(row)
            index = len(self._consulates) - 1
        else:
            self._consulates[index] = row
        self._show_consulates()
        self.consulate_list.setCurrentRow(index)

    def _remove_consulate(self) -> None:
        index = self.consulate_list.currentRow()
        if 0 <= index < len(self._consulates):
            del self._consulates[index]
            self._show_consulates()

    def consulates(self) -> list[ConsulateRow]:
        return list(self._consulates)

    def values(self) -> dict:
        return {
            "code": self.code.text().strip(),
            "title_en": self.title_en.text().strip(),
            "title_ja": self.title_ja.text().strip(),
            "start_date": self.start.last_value(),
            "end_date": self.end.last_value(),
            "home_tz": self.zone.zone(),
            "status": self.status.currentData(),
        }

    def organizer_ids(self) -> list[int]:
        return [self.organizers.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.organizers.count())
                if self.organizers.item(i).checkState() == Qt.CheckState.Checked]

    def validate(self) -> dict[str, str]:
        """Field key -> what is wrong, in the current language; empty when all is well."""
        v = self.values()
        problems: dict[str, str] = {}
        if code_problem := code_problem_text(v["code"], self._code_taken):
            problems["code"] = code_problem
        if not v["title_en"] and not v["title_ja"]:
            problems["title_en"] = _("Give the title in at least one language.")
        for key in ("start", "end"):
            if problem := getattr(self, key).problem():
                problems[key] = problem
        if "start" not in problems and "end" not in problems and v["end_date"] < v["start_date"]:
            problems["end"] = _("The last day cannot be before the first day.")
        if not is_valid_zone(v["home_tz"]):
            problems["zone"] = _("Not a known time zone (use a name like Asia/Tokyo).")
        return problems

    def _show(self, problems: dict[str, str]) -> None:
        for key, error in self.errors.items():
            error.setText(problems.get(key, ""))
            error.setVisible(key in problems)

    def _recheck(self) -> None:
        if self._checked:
            self._show(self.validate())

    def accept(self) -> None:
        self._checked = True
        problems = self.validate()
        self._show(problems)
        if problems:
            first = next(iter(problems))
            {"code": self.code, "title_en": self.title_en, "start": self.start, "end": self.end,
             "zone": self.zone}[first].setFocus()
            return
        super().accept()
