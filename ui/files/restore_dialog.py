"""File > Restore from backup…: the database's backups in a table to pick one from, and the
restore itself (confirm, close the window's engine, restore, reopen, reload)."""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_time
from babel.numbers import format_decimal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from i18n import N_, _, babel_locale
from i18n.formatting import format_date
from models.store.backup import BackupInfo, list_backups, restore_backup
from models.store.db import open_database
from models.store.errors import StorageError
from ui.common import retranslate
from ui.common.dialogs import discard
from ui.common.form_dialog import KeyboardDialog
from ui.common.layout_memory import remember

COLUMNS = (N_("Made"), N_("Kind"), N_("Missions"), N_("Size"))
REASONS = {"daily": N_("Daily"), "migration": N_("Before an upgrade"),
           "before-restore": N_("Before a restore"), "manual": N_("Made by hand"),
           "edits": N_("After the first edits"), "close": N_("On closing")}


def format_made(when: datetime) -> str:
    """Fri, Nov 27, 2026 8:35 PM / 2026年11月27日(金) 20:35 (the backup's local time)."""
    clock = format_time(when.time(), "short", locale=babel_locale())
    return f"{format_date(when.date())} {clock}"


def format_size(size: int) -> str:
    """A file size in KB below one megabyte, in MB with one decimal above."""
    if size < 1024 * 1024:
        return _("{n} KB").format(n=format_decimal(round(size / 1024), locale=babel_locale()))
    return _("{n} MB").format(n=format_decimal(round(size / 1024 ** 2, 1),
                                               locale=babel_locale()))


class RestoreDialog(KeyboardDialog):
    """Lists backups, newest first; `selected()` is the one picked once the dialog is accepted."""

    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setMinimumSize(620, 360)
        self.backups = backups
        self.intro = QLabel(wordWrap=True)
        self.table = QTableWidget(len(backups), len(COLUMNS), objectName="backupTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.cellDoubleClicked.connect(lambda _row, _col: self.accept())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            "", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(
            lambda: self.restore_button.setEnabled(self.selected() is not None))
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        retranslate.register(self)
        self.retranslate_ui()
        if backups:
            self.table.selectRow(0)
        self.restore_button.setEnabled(self.selected() is not None)
        self.finish_form()          # picking a backup is no edit: Escape just closes

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Restore from backup"))
        self.intro.setText(_("Pick the backup to bring back. The current data is backed up "
                             "first, so a restore can itself be undone by restoring that "
                             "backup."))
        self.restore_button.setText(_("&Restore"))
        self.table.setHorizontalHeaderLabels([_(title) for title in COLUMNS])
        for row, info in enumerate(self.backups):
            missions = "—" if info.missions is None else format_decimal(
                info.missions, locale=babel_locale())
            kind = _(REASONS[info.reason]) if info.reason in REASONS else info.reason
            for col, text in enumerate((format_made(info.created), kind, missions,
                                        format_size(info.size))):
                item = QTableWidgetItem(text)
                if col >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None


def restore_from_backup(ctx) -> bool:
    """File > Restore from backup…; True when a backup was restored."""
    path = ctx.db.path
    title = _("Restore from backup")
    backups = list_backups(path)
    if not backups:
        QMessageBox.information(ctx.parent, title, _(
            "There are no backups of this database yet. Kakehashi makes one each day it "
            "opens the database."))
        return False
    dialog = remember(ctx.settings, RestoreDialog(backups, ctx.parent))
    chosen = dialog.selected() if dialog.exec() else None
    discard(dialog)
    if chosen is None:
        return False
    answer = QMessageBox.warning(
        ctx.parent, title,
        _("Replace all data with the backup made {when}? The current data is backed up "
          "first.").format(when=format_made(chosen.created)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    # No pooled connection may hold the file while it is replaced; the engine reconnects by
    # itself if the restore fails, so the window keeps working on the unchanged database.
    ctx.db.dispose()
    try:
        restore_backup(path, chosen.path, now=datetime.now())
        db = open_database(path)
    except StorageError as exc:
        QMessageBox.critical(ctx.parent, title, exc.user_message())
        return False
    # The window starts undo afresh (its steps name rows of the replaced data and hold the old
    # engine) and shows the restored missions.
    ctx.replace_database(db)
    return True
