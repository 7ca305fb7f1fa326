"""File > Save mission as file… and File > Open mission file…: a .kakehashi file for another
team or laptop (documents/mission_file). Saving asks whether sensitive fields go along; opening
lists every change before anything is written, asks for a new code when the file's is taken,
and is one undo step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from documents.mission_file import MissionFileError, plan_mission_file, save_mission_file
from documents.mission_file.missions import CodeTaken
from documents.workbook import ExportError
from i18n import _
from models.store.errors import StorageError
from ui.common.context import Context
from ui.common.dialogs import discard
from ui.common.form_dialog import KeyboardDialog
from ui.common.layout_memory import remember
from ui.files.mission_file_command import OpenMissionFile

SUFFIX = ".kakehashi"
FOLDER_KEY = "mission_file/folder"


def _filter() -> str:
    return _("Kakehashi mission files (*.kakehashi)")


class SaveMissionDialog(KeyboardDialog):
    """Where to save, and whether the sensitive fields go along (off unless ticked)."""

    def __init__(self, code: str, folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Save mission as file"))
        self.path = QLineEdit(str(folder / f"{code}{SUFFIX}"))
        browse = QPushButton(_("&Browse…"), clicked=self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.sensitive = QCheckBox(_("&Include sensitive fields"))
        explain = QLabel(_(
            "Passport numbers, dates of birth, passport expiry dates and visa types go into "
            "the file only when this is ticked; the file is then readable by you alone. Tick it "
            "only for a receiver who needs them (a site's visitor list). Without them, the "
            "receiver's copy keeps the values it has."))
        explain.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.path.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("&File:"), buddy=self.path))
        layout.addLayout(row)
        layout.addWidget(self.sensitive)
        layout.addWidget(explain)
        layout.addWidget(buttons)
        # Tall enough for the wrapped explanation at this width (a label does not ask for it).
        layout.activate()
        self.resize(520, max(self.sizeHint().height(), layout.totalHeightForWidth(520)))
        self.finish_form()

    def _browse(self) -> None:
        chosen, _selected = QFileDialog.getSaveFileName(self, self.windowTitle(),
                                                        self.path.text(), _filter())
        if chosen:
            self.path.setText(chosen if chosen.endswith(SUFFIX) else chosen + SUFFIX)

    def target(self) -> Path:
        return Path(self.path.text().strip()).expanduser()


def save_mission(ctx: Context) -> Path | None:
    mission = ctx.current_mission()
    if mission is None:
        return None
    folder = Path(ctx.settings.value(FOLDER_KEY, str(Path.home())))
    dialog = SaveMissionDialog(mission.code, folder, ctx.parent)
    try:
        while dialog.exec():
            try:
                result = save_mission_file(ctx.engine, code=mission.code, path=dialog.target(),
                                           sensitive=dialog.sensitive.isChecked())
            except (MissionFileError, ExportError, StorageError) as exc:
                QMessageBox.warning(ctx.parent, dialog.windowTitle(), exc.user_message())
                continue
            ctx.settings.setValue(FOLDER_KEY, str(result.path.parent))
            return result.path
        return None
    finally:
        discard(dialog)


class ChangesDialog(KeyboardDialog):
    """What opening the file will change, every line, before anything is written."""

    def __init__(self, path: Path, lines: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Open mission file"))
        heading = QLabel(_("Opening {name} makes these changes. Nothing is written until you "
                           "choose Open; Undo takes them all back.").format(name=path.name))
        heading.setWordWrap(True)
        self.list = QPlainTextEdit("\n".join(lines))
        self.list.setReadOnly(True)
        self.list.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self.finish_form()          # nothing to type: Escape cancels the opening at once


def _ask_code(ctx: Context, taken: str) -> str | None:
    code, ok = QInputDialog.getText(ctx.parent, _("Open mission file"), _(
        "Another mission here already has the code {code}. Code for the mission in the "
        "file:").format(code=taken), QLineEdit.EchoMode.Normal, f"{taken}-2")
    return code.strip() if ok and code.strip() else None


def open_mission(ctx: Context, path: Path | None = None) -> bool:
    """Ask for a file (unless given), show its changes, and open it as one undoable step."""
    if path is None:
        folder = ctx.settings.value(FOLDER_KEY, str(Path.home()))
        chosen, _selected = QFileDialog.getOpenFileName(ctx.parent, _("Open mission file"),
                                                        folder, _filter())
        if not chosen:
            return False
        path = Path(chosen)
    new_code = None
    while True:
        try:
            document, _plan, lines = plan_mission_file(ctx.engine, path=path, new_code=new_code)
            break
        except CodeTaken as exc:
            new_code = _ask_code(ctx, exc.code)
            if new_code is None:
                return False
        except (MissionFileError, StorageError) as exc:
            QMessageBox.warning(ctx.parent, _("Open mission file"), exc.user_message())
            return False
    if not lines:
        QMessageBox.information(ctx.parent, _("Open mission file"),
                                _("Nothing to change: the mission is as in the file."))
        return False
    changes = remember(ctx.settings, ChangesDialog(path, lines, ctx.parent))
    accepted = changes.exec()
    discard(changes)
    if not accepted:
        return False
    ctx.settings.setValue(FOLDER_KEY, str(path.parent))
    return ctx.run_command(OpenMissionFile(ctx.engine, ctx.events, path, document, new_code))
