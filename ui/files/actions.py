"""The File menu's work on files: export the workbook, restore a backup, compact the database.
Each dialog module is imported when first used: start-up needs none of them."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from i18n import _
from models.store.errors import StorageError
from ui.common import retranslate
from ui.common.context import Context
from ui.files.session_backup import SessionBackups


def run_export(ctx: Context, participant_id: int | None = None):
    from ui.files.export_dialog import run_export as run

    return run(ctx, participant_id)


def run_handouts(ctx: Context, participant_id: int | None = None):
    from ui.files.handouts_dialog import run_handouts as run

    return run(ctx, participant_id)


def run_export_for(ctx: Context):
    from ui.files.receivers_dialog import run_export_for as run

    return run(ctx)


class FileActions(QObject):
    def __init__(self, ctx: Context):
        super().__init__(ctx.parent)   # goes with it: its actions do
        self.ctx = ctx
        parent = ctx.parent
        self.act_export = QAction(parent, triggered=lambda: run_export(ctx))
        self.act_handouts = QAction(parent, triggered=lambda: run_handouts(ctx))
        self.act_export_for = QAction(parent, triggered=lambda: run_export_for(ctx))
        self.act_restore = QAction(parent, triggered=self.restore_from_backup)
        self.act_compact = QAction(parent, triggered=self.compact_database)
        self.session_backups = SessionBackups(ctx)
        self.act_save_mission = QAction(parent, triggered=self.save_mission_file)
        self.act_open_mission = QAction(parent, triggered=self.open_mission_file)
        retranslate.register(self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.act_export.setText(_("E&xport workbook…"))
        self.act_handouts.setText(_("Export &handouts…"))
        self.act_export_for.setText(_("Export &for…"))
        self.act_restore.setText(_("Restore from &backup…"))
        self.act_compact.setText(_("&Compact database"))
        for action in (self.act_restore, self.act_compact):
            action.setToolTip(self._file_only_reason() or action.text().replace("&", ""))
            action.setStatusTip(self._file_only_reason())
        self.act_save_mission.setText(_("&Save mission as file…"))
        self.act_open_mission.setText(_("&Open mission file…"))

    def update(self, has_mission: bool) -> None:
        writable = not self.ctx.read_only
        self.act_export.setEnabled(has_mission)          # reads only: read-only files too
        self.act_handouts.setEnabled(has_mission)
        self.act_export_for.setEnabled(has_mission)
        file_store = not self.ctx.db.is_server      # backups and compaction are a file's
        self.act_restore.setEnabled(writable and file_store)
        self.act_compact.setEnabled(writable and file_store)
        self.act_save_mission.setEnabled(has_mission)    # reads only
        self.act_open_mission.setEnabled(writable)

    def _file_only_reason(self) -> str:
        if not self.ctx.db.is_server:
            return ""
        return _("Not for a server database: its copies are kept by the server's own tools "
                 "(pg_dump), not by Kakehashi.")

    def save_mission_file(self) -> None:
        from ui.files.mission_file_dialog import save_mission

        save_mission(self.ctx)

    def open_mission_file(self) -> None:
        from ui.files.mission_file_dialog import open_mission

        open_mission(self.ctx)

    def restore_from_backup(self) -> None:
        from ui.files.restore_dialog import restore_from_backup

        restore_from_backup(self.ctx)

    def compact_database(self) -> None:
        from models.store.backup import compact
        from ui.files.restore_dialog import format_size

        parent = self.ctx.parent
        try:
            reclaimed = compact(self.ctx.engine)
            self.ctx.wrote_beside_engine.emit()  # VACUUM runs beside the engine's commit events
        except StorageError as exc:
            QMessageBox.warning(parent, _("Compact database"), exc.user_message())
            return
        QMessageBox.information(parent, _("Compact database"), _(
            "The database was compacted: {size} of space reclaimed.").format(
            size=format_size(reclaimed)))
