"""The dialog to duplicate a mission as the template for the next one: a new code, a new first
day (the last day follows at the same distance), and whether the people come along."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from i18n import _, ngettext, pick
from i18n.formatting import format_date
from models.repository import MissionRow
from ui.common import retranslate
from ui.common.date_time_fields import DateEdit
from ui.common.form_dialog import FormDialog
from ui.common.styles import ERROR_STYLE
from ui.missions.mission_dialog import code_problem_text

NEXT_YEAR = timedelta(weeks=52)     # a year on, on the same weekday: Monday's visit stays Monday


def next_code(code: str, taken: Callable[[str], bool]) -> str:
    """HKD-ALB-2026 -> HKD-ALB-2027 (the first year not taken); else CODE-2, CODE-3, ..."""
    head, _sep, year = code.rpartition("-")
    if head and year.isdigit() and len(year) == 4:
        candidates = (f"{head}-{int(year) + n}" for n in range(1, 100))
    else:
        candidates = (f"{code}-{n}" for n in range(2, 100))
    return next((c for c in candidates if not taken(c)), "")


class DuplicateDialog(FormDialog):
    """Read `code()`, `start()` and `copy_people()` after accept."""

    def __init__(self, mission: MissionRow, *, code_taken: Callable[[str], bool],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("duplicateDialog")
        self.mission, self._code_taken = mission, code_taken
        self._checked = False
        self.code_edit = QLineEdit(next_code(mission.code, code_taken), objectName="code")
        self.start_edit = DateEdit(objectName="start")
        self.start_edit.set_value(mission.start_date + NEXT_YEAR)
        self.start_edit.changed.connect(self._start_typed)
        self.end = QLabel(objectName="end")
        self.people = QCheckBox(objectName="copy_people", checked=True)
        self.intro, self.note = QLabel(), QLabel()
        for text in (self.intro, self.note):
            text.setWordWrap(True)
        self.note.setStyleSheet("color: palette(placeholder-text);")
        self.error = QLabel(objectName="error_code")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.labels = {k: QLabel() for k in ("code", "start", "end")}
        form = QFormLayout()
        form.addRow(self.labels["code"], self.code_edit)
        form.addRow("", self.error)
        form.addRow(self.labels["start"], self.start_edit)
        self.start_error = QLabel(objectName="error_start")
        self.start_error.setStyleSheet(ERROR_STYLE)
        self.start_error.setWordWrap(True)
        self.start_error.hide()
        form.addRow("", self.start_error)
        form.addRow(self.labels["end"], self.end)
        form.addRow("", self.people)
        self.labels["code"].setBuddy(self.code_edit)
        self.labels["start"].setBuddy(self.start_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        body = QVBoxLayout()
        body.addWidget(self.intro)
        body.addLayout(form)
        body.addWidget(self.note)
        self.set_form(body, self.buttons)
        self.setMinimumWidth(520)
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Duplicate mission"))
        title = pick(self.mission.title_en, self.mission.title_ja)[0]
        self.intro.setText(_("A copy of {code} ({title}) to plan the next one.").format(
            code=self.mission.code, title=title))
        self.labels["code"].setText(_("New code"))
        self.labels["start"].setText(_("New first day"))
        self.start_edit.retranslate_ui()
        self.labels["end"].setText(_("Last day"))
        self.people.setText(_("Copy the attendees (invited again, in the same items and "
                              "rooms)"))
        self.note.setText(_("The itinerary, sites and rooms are copied and moved to the new "
                            "dates, each time kept on its local clock. Visitor clearances are "
                            "not copied: the hosts clear each visit anew."))
        self._show_end()
        if self._checked:
            self._show(self.check())

    def code(self) -> str:
        return self.code_edit.text().strip()

    def start(self) -> date:
        return self.start_edit.last_value()

    def copy_people(self) -> bool:
        return self.people.isChecked()

    def _start_typed(self) -> None:
        self._show_end()
        if self._checked:
            self._show(self.check())

    def _show_end(self) -> None:
        # With the weekdays: a mission is planned around its days of the week.
        days = (self.mission.end_date - self.mission.start_date).days
        end = self.start() + timedelta(days=days)
        self.end.setText(ngettext("{date} ({n} day, like the original)",
                                  "{date} ({n} days, like the original)", days + 1).format(
            date=format_date(end), n=days + 1))
        self.start_edit.setToolTip(format_date(self.start()))

    def check(self) -> str:
        return code_problem_text(self.code(), self._code_taken)

    def _show(self, problem: str) -> None:
        self.error.setText(problem)
        self.error.setVisible(bool(problem))
        start_problem = self.start_edit.problem()
        self.start_error.setText(start_problem)
        self.start_error.setVisible(bool(start_problem))

    def accept(self) -> None:
        problem = self.check()
        self._checked = True
        self._show(problem)
        if problem or self.start_edit.problem():
            (self.code_edit if problem else self.start_edit).setFocus()
            return
        super().accept()
