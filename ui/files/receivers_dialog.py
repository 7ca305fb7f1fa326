"""File > Export for…: the mission's receivers listed with what each one's document holds,
which personal fields leave the laptop in it and what is missing, shown before saving; then
the receiver's own document is exported in its language, with a progress that can cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

import i18n
from i18n import _, ngettext
from ui.common import retranslate
from ui.common.dialogs import discard
from ui.common.form_dialog import KeyboardDialog
from ui.common.layout_memory import remember
from ui.files.export_dialog import (
    FOLDER_KEY,
    LANGUAGE_KEY,
    LANGUAGE_NAMES,
    export_folder,
    offer_to_open,
)
from ui.files.export_progress import export_with_progress


def receiver_key(code: str) -> str:
    """Where the receiver last exported for in mission `code` is remembered."""
    return f"export/receiver/{code}"


def remembered(receiver) -> str:
    """A receiver as remembered: its kind and key (an item, a company, a person), not its name,
    which is in the window's language."""
    return f"{receiver.kind}:{receiver.key}"


class ReceiversDialog(KeyboardDialog):
    """Choose a receiver, see what goes to it, choose the language and file."""

    def __init__(self, settings, code: str, receivers, folder: Path,
                 parent: QWidget | None = None) -> None:
        """`receivers`: a documents.workbook.for_receiver.Receivers of the mission."""
        super().__init__(parent)
        self.setObjectName("receiversDialog")
        self.settings, self.code, self.folder = settings, code, folder
        self.source, self.previews = receivers, receivers.previews()
        self.receivers = QListWidget(objectName="receiverList")
        self.about = QLabel(wordWrap=True, objectName="receiverAbout")
        self.about.setTextFormat(Qt.TextFormat.RichText)
        self.about.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.unconfirmed = QCheckBox(objectName="includeUnconfirmed")
        self.language = QComboBox(objectName="receiverLanguage")
        for code_, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code_)
        # The organizers' own workbook: in the language Export workbook uses (the last chosen,
        # else the window's), not in that of the receiver looked at before.
        self.own_language = str(settings.value(LANGUAGE_KEY, i18n.current_language()))
        self.path = QLineEdit(objectName="receiverPath")
        self.browse = QPushButton(clicked=self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        self.language_label, self.file_label = QLabel(buddy=self.language), QLabel(buddy=self.path)
        form = QFormLayout()
        form.addRow(self.language_label, self.language)
        form.addRow(self.file_label, file_row)
        right = QWidget()
        side = QVBoxLayout(right)
        side.addWidget(self.about, 1)
        side.addWidget(self.unconfirmed)
        side.addLayout(form)
        split = QSplitter(objectName="receiversSplitter")
        split.addWidget(self.receivers)
        split.addWidget(right)
        split.setStretchFactor(1, 2)
        split.setSizes([380, 520])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                       | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)
        for preview in self.previews:
            QListWidgetItem(_("{kind}: {name}").format(kind=preview.kind_name,
                                                       name=preview.receiver.name),
                            self.receivers)
        self.receivers.currentRowChanged.connect(self._chosen)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self._proposed = ""
        retranslate.register(self)
        self.retranslate_ui()
        # The receiver last exported for, in this mission: the same lists go out again and again.
        last = str(settings.value(receiver_key(code), "") or "")
        self.receivers.setCurrentRow(next(
            (n for n, p in enumerate(self.previews) if remembered(p.receiver) == last), 0))
        self.receivers.setFocus()
        self.resize(960, 560)
        self.finish_form()

    def current(self):
        row = self.receivers.currentRow()
        return self.previews[row] if 0 <= row < len(self.previews) else None

    def details(self):
        """What goes to the chosen receiver (its document is built to find out)."""
        preview = self.current()
        return self.source.details(preview.receiver) if preview is not None else None

    def _chosen(self, _row: int) -> None:
        preview = self.current()
        if preview is None:
            return
        language = preview.receiver.language if preview.receiver.kind != "organizers" else \
            self.own_language
        with self.by_program():          # the receiver's language and file name: proposed
            self.language.blockSignals(True)
            self.language.setCurrentIndex(max(0, self.language.findData(language)))
            self.language.blockSignals(False)
            self._rename(force=True)
        self.unconfirmed.setVisible(preview.receiver.kind == "site")
        self._describe()

    def _language_chosen(self, _index: int) -> None:
        preview = self.current()
        if preview is not None and preview.receiver.kind == "organizers":
            self.own_language = self.language.currentData()
        self._rename()

    def _rename(self, *_args, force: bool = False) -> None:
        from documents.workbook.for_receiver import receiver_file_name

        preview = self.current()
        if preview is None:
            return
        name = receiver_file_name(self.code, preview.receiver, self.language.currentData())
        current = Path(self.path.text()) if self.path.text() else self.folder / name
        # A name we proposed follows the receiver and the language; one typed stays.
        if force or not self.path.text() or current.name == self._proposed:
            self.path.setText(str(current.with_name(name)))
        self._proposed = name

    def _describe(self) -> None:
        from html import escape

        from i18n.formatting import format_list

        preview, details = self.current(), self.details()
        if preview is None:
            return
        leaves = _("Personal data that leaves this computer:")
        none = _("None")
        missing = _("Missing or left out (not in the file):")
        complete = _("Nothing is missing.")
        heading = _("{kind}: {name}").format(kind=preview.kind_name, name=preview.receiver.name)
        parts = [f"<b>{escape(heading)}</b>",
                 f"<p>{escape(preview.description)}</p>",
                 f"<p><b>{escape(leaves)}</b><br>"
                 f"{escape(format_list(list(details.personal)) or none)}</p>"]
        if details.missing:
            parts.append(f"<p><b>{escape(missing)}</b><ul>"
                         + "".join(f"<li>{escape(m)}</li>" for m in details.missing)
                         + "</ul></p>")
        else:
            parts.append(f"<p>{escape(complete)}</p>")
        self.about.setText("".join(parts))

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.windowTitle(), self.path.text(),
            _("Excel workbooks (*.xlsx);;All files (*)"))
        if chosen:
            self.path.setText(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")

    def _accept(self) -> None:
        preview = self.current()
        if preview is None or not self.path.text().strip():
            return
        missing = self.details().missing
        if missing and preview.receiver.kind != "organizers":
            n = len(missing)
            answer = QMessageBox.question(
                self, self.windowTitle(), ngettext(
                    "One thing is missing from the document for {name}. Export it anyway?",
                    "{n} things are missing from the document for {name}. Export it anyway?",
                    n).format(n=n, name=preview.receiver.name))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Export for a receiver"))
        self.unconfirmed.setText(_("Also list &invited visitors not confirmed yet"))
        self.language_label.setText(_("&Language of the document:"))
        self.file_label.setText(_("&File:"))
        self.browse.setText(_("&Choose…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Export"))
        self._describe()


def run_export_for(ctx) -> Path | None:
    """Ask which receiver, export its document with progress, offer to open it."""
    from documents.workbook import ExportError
    from documents.workbook.for_receiver import Receivers

    mission = ctx.current_mission()
    if mission is None:
        return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)   # 2,000 people: half a second
    try:
        found, failed = Receivers(ctx.engine, code=mission.code), None
    except ExportError as exc:
        failed = exc
    finally:
        QApplication.restoreOverrideCursor()
    if failed is not None:
        QMessageBox.warning(ctx.parent, _("Not exported"), failed.user_message())
        return None
    folder = export_folder(ctx.settings)
    dialog = remember(ctx.settings, ReceiversDialog(ctx.settings, mission.code, found, folder,
                                                      ctx.parent))
    try:
        while dialog.exec():
            preview = dialog.current()
            path = Path(dialog.path.text().strip()).expanduser()
            ctx.settings.setValue(FOLDER_KEY, str(path.parent))
            outcome = _export(ctx, mission.code, preview.receiver, path,
                              dialog.language.currentData(), dialog.unconfirmed.isChecked())
            if outcome is None:
                return None
            if outcome is True:
                ctx.settings.setValue(receiver_key(mission.code), remembered(preview.receiver))
                if preview.receiver.kind == "organizers":
                    ctx.settings.setValue(LANGUAGE_KEY, dialog.language.currentData())
                offer_to_open(ctx.parent, path)
                return path
            QMessageBox.warning(ctx.parent, _("Not exported"), outcome.user_message())
        return None
    finally:
        discard(dialog)


def _export(ctx, code: str, receiver, path: Path, language: str, unconfirmed: bool):
    """True when written, None when cancelled, the ExportError otherwise."""
    from documents.workbook.for_receiver import export_for

    def write(report) -> None:
        export_for(ctx.engine, code=code, kind=receiver.kind, key=receiver.key, path=path,
                   language=language, unconfirmed=unconfirmed, progress=report)

    return export_with_progress(ctx, path, _("Export for a receiver"), write)
