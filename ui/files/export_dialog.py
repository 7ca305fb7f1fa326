"""File > Export workbook… and an attendee's "Export itinerary…": choose the language, whether
passport data goes in and the file; export with a progress dialog that can cancel; then open
the file or its folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
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
from ui.files.export_progress import export_with_progress

LANGUAGE_NAMES = {"en": "English", "ja": "日本語"}   # each in its own language
FOLDER_KEY = "export/folder"
LANGUAGE_KEY = "export/language"


@dataclass(frozen=True)
class ExportOptions:
    language: str
    sensitive: bool
    path: Path


def export_folder(settings) -> Path:
    """The folder of the last export, else the user's documents folder."""
    saved = str(settings.value(FOLDER_KEY, "") or "")
    if saved and Path(saved).is_dir():
        return Path(saved)
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


class ExportDialog(KeyboardDialog):
    """The options of one export. `person`: (family, given) of the attendee whose itinerary is
    exported, or None for the whole mission."""

    def __init__(self, settings, code: str, person: tuple[str, str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.settings, self.code, self.person = settings, code, person
        self.intro = QLabel(wordWrap=True)
        self.language = QComboBox(objectName="exportLanguage")
        for code_, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code_)
        chosen = str(settings.value(LANGUAGE_KEY, i18n.current_language()))
        self.language.setCurrentIndex(max(0, self.language.findData(chosen)))
        self.sensitive = QCheckBox(objectName="leaveOutSensitive")
        self.sensitive.setVisible(person is None)   # a person's itinerary has none anyway
        self.path = QLineEdit(objectName="exportPath")
        self.browse = QPushButton(clicked=self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        self.language_label, self.file_label = QLabel(buddy=self.language), QLabel(buddy=self.path)
        self.form = QFormLayout()
        self.form.addRow(self.language_label, self.language)
        self.form.addRow(self.file_label, file_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                       | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.sensitive)
        layout.addWidget(self.buttons)
        self.path.setText(str(self._folder() / self.default_name()))
        self.path.textChanged.connect(self._update_ok)
        self.language.currentIndexChanged.connect(self._language_changed)
        self._last_default = self.default_name()
        retranslate.register(self)
        self.retranslate_ui()
        self.resize(640, self.sizeHint().height())
        self.finish_form()

    def _folder(self) -> Path:
        return export_folder(self.settings)

    def default_name(self) -> str:
        from documents.workbook import default_file_name

        return default_file_name(self.code, self.language.currentData(), *(self.person or ()))

    def _language_changed(self) -> None:
        # A name we proposed follows the language; one the user typed is left alone.
        current = Path(self.path.text())
        if current.name == self._last_default:
            with self.by_program():
                self.path.setText(str(current.with_name(self.default_name())))
        self._last_default = self.default_name()

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.windowTitle(), self.path.text(),
            _("Excel workbooks (*.xlsx);;All files (*)"))
        if chosen:
            if not chosen.lower().endswith(".xlsx"):
                chosen += ".xlsx"
            self.path.setText(chosen)

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.path.text().strip()))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Export itinerary") if self.person else _("Export workbook"))
        self.intro.setText(
            _("One workbook with this person's itinerary, their rooms and the contact sheet.")
            if self.person else
            _("One workbook with every document of the mission: overview, roster, itinerary, "
              "visitor lists, rooming lists, transport manifest, dietary lists and contacts."))
        self.language_label.setText(_("&Language of the workbook:"))
        self.file_label.setText(_("&File:"))
        self.sensitive.setText(_("Leave &out passport numbers, dates of birth and visa types"))
        self.browse.setText(_("&Choose…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Export"))

    def options(self) -> ExportOptions:
        return ExportOptions(self.language.currentData(), not self.sensitive.isChecked(),
                             Path(self.path.text().strip()).expanduser())


def ask_options(ctx, code: str, person: tuple[str, str] | None,
                previous: ExportOptions | None = None) -> ExportOptions | None:
    dialog = ExportDialog(ctx.settings, code, person, ctx.parent)
    if previous is not None:
        dialog.language.setCurrentIndex(dialog.language.findData(previous.language))
        dialog.sensitive.setChecked(not previous.sensitive)
        dialog.path.setText(str(previous.path))
    options = dialog.options() if dialog.exec() else None
    discard(dialog)
    return options


def launch(url: QUrl) -> bool:
    """Open a file or folder with the desktop's program; never on the offscreen platform the
    tests run on, where it would start real programs."""
    if QGuiApplication.platformName() == "offscreen":
        return False
    return QDesktopServices.openUrl(url)


def offer_to_open(parent, path: Path, text: str | None = None) -> None:
    """After an export: say where the file is (`text`, the workbook's words by default), and
    open it or its folder if asked to."""
    if text is None:
        text = _("The workbook was saved as {path}.").format(path=path)
    box = QMessageBox(QMessageBox.Icon.Information, _("Export finished"), text,
                      QMessageBox.StandardButton.Close, parent)
    open_file = box.addButton(_("Open the file"), QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton(_("Open the folder"), QMessageBox.ButtonRole.ActionRole)
    box.exec()
    discard(box)
    chosen = {open_file: path, open_folder: path.parent}.get(box.clickedButton())
    if chosen is not None:
        launch(QUrl.fromLocalFile(str(chosen)))


def _person(ctx, participant_id: int) -> tuple[str, str]:
    from models.attendees import get_attendee
    from models.store.db import read_session

    with read_session(ctx.engine) as session:
        person = get_attendee(session, participant_id=participant_id).person
    return person["family_name"], person["given_name"]


def run_export(ctx, participant_id: int | None = None) -> Path | None:
    """Ask, export with progress, offer to open. Returns the file written, or None."""
    mission = ctx.current_mission()
    if mission is None:
        return None
    person = _person(ctx, participant_id) if participant_id is not None else None
    options = None
    while True:       # a file that cannot be written sends the user back to pick another
        options = ask_options(ctx, mission.code, person, options)
        if options is None:
            return None
        ctx.settings.setValue(FOLDER_KEY, str(options.path.parent))
        ctx.settings.setValue(LANGUAGE_KEY, options.language)
        outcome = export_workbook(ctx, mission.code, options, participant_id)
        if outcome is None:
            return None                       # cancelled: nothing written, nothing to say
        if outcome is True:
            break
        QMessageBox.warning(ctx.parent, _("Not exported"), outcome.user_message())
    offer_to_open(ctx.parent, options.path)
    return options.path


def export_workbook(ctx, code: str, options: ExportOptions, participant_id: int | None = None):
    """The workbook under export_progress: True when written, None when cancelled, the
    ExportError when the file could not be written."""
    from documents.workbook import export_mission, export_person

    def write(report) -> None:
        if participant_id is None:
            export_mission(ctx.engine, code=code, path=options.path,
                           language=options.language, sensitive=options.sensitive,
                           progress=report)
        else:
            export_person(ctx.engine, code=code, path=options.path,
                          language=options.language, participant_id=participant_id,
                          progress=report)

    return export_with_progress(ctx, options.path, _("Export workbook"), write)
