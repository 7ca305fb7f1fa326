"""File > Export handouts… and an attendee's "Export travel pack…": the travel pack as PDF (one
delegate, every delegate, or the whole delegation's itinerary) or the calendar file, in either
language and on A4 or Letter, with a preview of the first page; exported with a progress dialog
that can cancel, and saved atomically."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import i18n
from i18n import _
from ui.common import retranslate
from ui.common.dialogs import discard
from ui.common.form_dialog import KeyboardDialog
from ui.common.layout_memory import remember
from ui.files.export_dialog import FOLDER_KEY, LANGUAGE_KEY, LANGUAGE_NAMES, offer_to_open
from ui.files.export_progress import export_with_progress

PREVIEW_WIDTH = 300
WHOLE, EVERYONE = -1, -2          # the "who" choices that are not one person


class HandoutsDialog(KeyboardDialog):
    """`loaded`: documents.handouts.export.Loaded of the mission; `person`: a participant id
    to start with, or None for the whole delegation."""

    def __init__(self, settings, loaded, person: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoutsDialog")
        self.settings, self.loaded = settings, loaded
        self.code = loaded.data.mission.code
        self.kind = QComboBox(objectName="handoutKind")
        self.who = QComboBox(objectName="handoutWho")
        self.language = QComboBox(objectName="handoutLanguage")
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        chosen = str(settings.value(LANGUAGE_KEY, i18n.current_language()))
        self.language.setCurrentIndex(max(0, self.language.findData(chosen)))
        self.paper = QComboBox(objectName="handoutPaper")
        self.path = QLineEdit(objectName="handoutPath")
        self.browse = QPushButton(clicked=self._browse)
        self.preview = QLabel(objectName="handoutPreview", alignment=Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(PREVIEW_WIDTH, round(PREVIEW_WIDTH * 1.42))
        self.preview.setStyleSheet("background: #808080; padding: 6px")
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        self.labels = [QLabel() for _n in range(5)]
        form = QFormLayout()
        for label, field in zip(self.labels, (self.kind, self.who, self.language, self.paper,
                                              file_row), strict=True):
            form.addRow(label, field)
            label.setBuddy(self.path if field is file_row else field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                       | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        left.addWidget(self.buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(self.preview)
        self._timer = QTimer(self, singleShot=True, interval=150, timeout=self.update_preview)
        self._start_person = person
        retranslate.register(self)
        self.retranslate_ui()
        self._last_default = ""
        self._propose_name()
        for combo in (self.kind, self.who, self.language, self.paper):
            combo.currentIndexChanged.connect(self._changed)
        self.path.textChanged.connect(self._update_ok)
        self.update_preview()
        self.resize(820, self.sizeHint().height())
        self.finish_form()

    # choices ---------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        from documents.workbook.travel import Names

        self.setWindowTitle(_("Export handouts"))
        for label, text in zip(self.labels, (_("&Document:"), _("F&or:"), _("&Language:"),
                                             _("&Paper:"), _("&File:")), strict=True):
            label.setText(text)
        kind, who, paper = (self.kind.currentData(), self.who.currentData(),
                            self.paper.currentData())
        for combo in (self.kind, self.who, self.paper):
            combo.blockSignals(True)
            combo.clear()
        self.kind.addItem(_("Travel pack (PDF)"), "pdf")
        self.kind.addItem(_("Calendar (.ics)"), "ics")
        self.kind.addItem(_("Name badges (PDF)"), "badge")
        self.kind.addItem(_("Table cards (PDF)"), "tent")
        self.who.addItem(_("The whole delegation"), WHOLE)
        self.who.addItem(_("Every attendee, one after another"), EVERYONE)
        names = Names.of(self.loaded.data)
        for pid in names.sorted(p.pid for p in self.loaded.data.active()):
            self.who.addItem(names.name[pid], pid)
        self.paper.addItem(_("By the receiver's country"), None)
        self.paper.addItem("A4", "a4")
        self.paper.addItem(_("Letter"), "letter")
        if who is None:
            who = self._start_person if self._start_person is not None else WHOLE
        for combo, value in ((self.kind, kind), (self.who, who), (self.paper, paper)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
            combo.blockSignals(False)
        self.browse.setText(_("&Choose…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Export"))

    def person(self) -> int | None:
        who = self.who.currentData()
        return who if who is not None and who >= 0 else None

    def badges(self) -> bool:
        return self.kind.currentData() in ("badge", "tent")

    def suffix(self) -> str:
        return ".ics" if self.kind.currentData() == "ics" else ".pdf"

    def default_name(self) -> str:
        from documents.workbook import default_file_name

        person = self.loaded.data.people.get(self.person())
        parts = (person.family, person.given) if person is not None else ()
        if self.badges():
            parts = ("badges" if self.kind.currentData() == "badge" else "table-cards",)
        name = default_file_name(self.code, self.language.currentData(), *parts)
        return str(Path(name).with_suffix(self.suffix()))

    def _folder(self) -> Path:
        saved = str(self.settings.value(FOLDER_KEY, "") or "")
        return Path(saved) if saved and Path(saved).is_dir() else Path.home()

    def _propose_name(self) -> None:
        # A name we proposed follows the choices; one the user typed is left alone.
        current = Path(self.path.text()) if self.path.text() else self._folder() / "x"
        if not self.path.text() or current.name == self._last_default:
            with self.by_program():
                self.path.setText(str(current.with_name(self.default_name())))
        self._last_default = self.default_name()

    def _changed(self) -> None:
        everyone = self.who.currentData() == EVERYONE
        if everyone and self.kind.currentData() == "ics":
            self.who.setCurrentIndex(0)       # one calendar holds every item already
        self.paper.setEnabled(self.kind.currentData() != "ics")
        self.who.setEnabled(not self.badges())      # badges are for everyone
        self._propose_name()
        self._timer.start()

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.path.text().strip()))

    def _browse(self) -> None:
        pattern = _("Calendar files (*.ics)") if self.suffix() == ".ics" else \
            _("PDF documents (*.pdf)")
        chosen, _filter = QFileDialog.getSaveFileName(self, self.windowTitle(),
                                                      self.path.text(), pattern)
        if chosen:
            self.path.setText(str(Path(chosen).with_suffix(self.suffix())))

    def chosen_paper(self) -> str:
        from documents.handouts.export import default_paper

        person = None if self.badges() else self.person()
        return self.paper.currentData() or default_paper(self.loaded, person)

    # preview ---------------------------------------------------------------------------------
    def update_preview(self) -> None:
        """The first page of the PDF as it will be written (for a calendar: the chosen
        person's travel pack, which says what the events say)."""
        from documents.handouts.export import cover_part
        from documents.handouts.pdf import first_page_image

        width = round(PREVIEW_WIDTH * self.devicePixelRatio())
        if self.badges():
            from documents.handouts.badges import first_badge_page
            from documents.handouts.export import badge_list

            image = first_badge_page(badge_list(self.loaded, self.language.currentData()),
                                     paper=self.chosen_paper(), layout=self.kind.currentData(),
                                     width=width)
            self._show(image)
            return
        who = self.person()
        if who is None and self.who.currentData() == EVERYONE:
            first = self.who.itemData(2) if self.who.count() > 2 else None
            who = first
        language = self.language.currentData()
        part = cover_part(self.loaded, who, language)
        with i18n.temporary_language(language):      # the footer's page number too
            self._show(first_page_image(part, paper=self.chosen_paper(), width=width))

    def _show(self, image) -> None:
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatio())
        self.preview.setPixmap(pixmap)


def export_handouts(ctx, dialog: HandoutsDialog):
    """What the dialog asks for, under export_progress: True when written, None when
    cancelled, the ExportError when it could not be."""
    from documents.calendar import export_calendar
    from documents.handouts import export_badges, export_handout

    path = Path(dialog.path.text().strip()).expanduser()
    language, pid = dialog.language.currentData(), dialog.person()

    def write(report) -> None:
        if dialog.suffix() == ".ics":
            export_calendar(ctx.engine, code=dialog.code, path=path, language=language,
                            participant_id=pid)
        elif dialog.badges():
            export_badges(ctx.engine, code=dialog.code, path=path, language=language,
                          layout=dialog.kind.currentData(), paper=dialog.paper.currentData(),
                          progress=report)
        else:
            export_handout(ctx.engine, code=dialog.code, path=path, language=language,
                           participant_id=pid, paper=dialog.paper.currentData(),
                           everyone=dialog.who.currentData() == EVERYONE, progress=report)

    outcome = export_with_progress(ctx, path, _("Export handouts"), write)
    if outcome is True:
        ctx.settings.setValue(FOLDER_KEY, str(path.parent))
        ctx.settings.setValue(LANGUAGE_KEY, language)
    return outcome


def run_handouts(ctx, participant_id: int | None = None) -> Path | None:
    """Ask, export, say where the file is. Returns the file written, or None."""
    from documents.handouts.export import load
    from documents.workbook import ExportError

    mission = ctx.current_mission()
    if mission is None:
        return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)   # 2,000 people: a few seconds
    try:
        loaded = load(ctx.engine, code=mission.code)
        dialog = remember(ctx.settings, HandoutsDialog(ctx.settings, loaded, participant_id,
                                                      ctx.parent))
    except ExportError as exc:
        failed = exc
    else:
        failed = None
    finally:
        QApplication.restoreOverrideCursor()
    if failed is not None:
        QMessageBox.warning(ctx.parent, _("Not exported"), failed.user_message())
        return None
    try:
        while dialog.exec():  # a file that cannot be written sends the user back to pick another
            outcome = export_handouts(ctx, dialog)
            if outcome is None:
                return None
            if outcome is True:
                path = Path(dialog.path.text().strip()).expanduser()
                offer_to_open(ctx.parent, path, _("Saved as {path}.").format(path=path))
                return path
            QMessageBox.warning(ctx.parent, _("Not exported"), outcome.user_message())
        return None
    finally:
        discard(dialog)
