"""The main window: missions on the left, the chosen mission's tabs on the right, and menus."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QWidget,
)

import i18n
from i18n import _, pick
from i18n.formatting import format_date
from models import repository as repo
from models.items import item_people
from models.store.db import Database, read_session
from models.store.errors import StorageError
from ui.attendees.actions import AttendeeActions
from ui.attendees.roster_tab import AttendeesTab
from ui.common.columns import SITE_COLUMNS
from ui.common.dialogs import exec_until_saved
from ui.common.events import MissionEvents
from ui.common.table_model import RowTableModel
from ui.common.tables import make_table
from ui.itinerary.actions import ItemActions
from ui.itinerary.itinerary_tab import ItineraryTab
from ui.missions.commands import CreateMission, DbCommand, DeleteMission, EditMission
from ui.missions.overview_tab import OverviewTab
from ui.window.external_changes import ExternalChanges
from ui.window.plan_actions import PlanActions


def run_import(window, path: Path | None = None) -> bool:
    # Imported when used: the roster reader and the workbook writer are not needed to start.
    from ui.files.import_dialog import run_import as run

    return run(window, path)


def run_export(window, participant_id: int | None = None):
    from ui.files.export_dialog import run_export as run

    return run(window, participant_id)


LANGUAGE_NAMES = {"en": "English", "ja": "日本語"}  # each in its own language, never translated


class MainWindow(QMainWindow):
    def __init__(self, db: Database, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.settings = db, settings
        self.events = MissionEvents(self)
        self.undo_stack = QUndoStack(self)
        self.mission_id: int | None = None
        self.missions: list[repo.MissionRow] = []

        self.mission_list = QListWidget(objectName="missionList")
        self.mission_list.setWordWrap(True)
        self.mission_list.setSpacing(2)
        self.mission_list.currentItemChanged.connect(self._on_mission_picked)
        self.mission_list.itemDoubleClicked.connect(lambda _item: self.edit_mission())
        self.tabs = QTabWidget(objectName="tabs")
        self.overview = OverviewTab()
        self.attendees = AttendeesTab(settings)
        self.attendee_model = self.attendees.model
        self.itinerary = ItineraryTab()       # day list, timeline, each person's items
        self.item_model = self.itinerary.model
        self.site_model = RowTableModel(SITE_COLUMNS, self)
        self.attendee_table = self.attendees.table
        self.item_table = self.itinerary.table
        self.site_table = make_table(self.site_model, "siteTable")
        for widget in (self.overview, self.attendees, self.itinerary, self.site_table):
            self.tabs.addTab(widget, "")
        self.splitter = QSplitter(objectName="splitter")
        self.splitter.addWidget(self.mission_list)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 1000])
        self.setCentralWidget(self.splitter)
        self.attendee_actions = AttendeeActions(self)
        self.item_actions = ItemActions(self)
        self.plan = PlanActions(self)   # readiness panel, Sites and Lodging tabs, duplicating
        self.attendees.export_requested.connect(lambda pid: run_export(self, pid))
        self.attendees.files_dropped.connect(
            lambda paths: paths and run_import(self, Path(paths[0])))
        self._build_menus()
        self.events.changed.connect(self._on_changed)
        self.statusBar()  # made now, so the first message does not shift the window's layout
        self.external = ExternalChanges(self)
        self.external.detected.connect(self._on_external_change)
        self.retranslate_ui()
        self.reload_missions()
        self._restore_state()

    # menus -----------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.act_new = QAction(self, shortcut=QKeySequence.StandardKey.New,
                               triggered=self.new_mission)
        self.act_edit = QAction(self, shortcut=QKeySequence("Ctrl+E"),
                                triggered=self.edit_mission)
        self.act_delete = QAction(self, triggered=self.delete_mission)
        self.act_quit = QAction(self, shortcut=QKeySequence.StandardKey.Quit,
                                triggered=self.close)
        self.file_menu.addActions([self.act_new, self.act_edit, self.plan.act_duplicate,
                                   self.act_delete])
        self.file_menu.addSeparator()
        self.act_import = QAction(self, shortcut=QKeySequence("Ctrl+I"),
                                  triggered=lambda: run_import(self))
        self.file_menu.addAction(self.act_import)
        self.act_export = QAction(self, triggered=lambda: run_export(self))
        self.file_menu.addAction(self.act_export)
        self.file_menu.addSeparator()
        self.act_restore = QAction(self, triggered=self.restore_from_backup,
                                   enabled=not self.db.read_only)
        self.act_compact = QAction(self, triggered=self.compact_database,
                                   enabled=not self.db.read_only)
        self.file_menu.addActions([self.act_restore, self.act_compact])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act_quit)

        self.edit_menu = bar.addMenu("")
        # Our own actions, not createUndoAction: its "Undo" prefix is fixed at creation and
        # would not follow a language switch.
        self.act_undo = QAction(self, shortcut=QKeySequence.StandardKey.Undo,
                                triggered=self.undo, enabled=False)
        self.act_redo = QAction(self, triggered=self.redo, enabled=False)
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.undo_stack.canUndoChanged.connect(lambda can: self.act_undo.setEnabled(
            can and not self.db.read_only))
        self.undo_stack.canRedoChanged.connect(lambda can: self.act_redo.setEnabled(
            can and not self.db.read_only))
        self.undo_stack.indexChanged.connect(self._update_undo_texts)
        self.edit_menu.addActions([self.act_undo, self.act_redo])
        self.edit_menu.addSeparator()
        self.act_find = QAction(self, shortcut=QKeySequence.StandardKey.Find,
                                triggered=self.find_attendee)
        self.edit_menu.addAction(self.act_find)

        self.attendee_menu = bar.addMenu("")
        for action in self.attendee_actions.menu_actions():
            if action is None:
                self.attendee_menu.addSeparator()
            else:
                self.attendee_menu.addAction(action)

        self.itinerary_menu = bar.addMenu("")
        for action in self.item_actions.menu_actions():
            if action is None:
                self.itinerary_menu.addSeparator()
            else:
                self.itinerary_menu.addAction(action)

        self.language_menu = bar.addMenu("")
        group = QActionGroup(self, exclusive=True)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGE_NAMES.items():
            action = QAction(name, self, checkable=True)
            action.triggered.connect(lambda _checked=False, c=code: i18n.set_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action

        self.help_menu = bar.addMenu("")
        self.act_about = QAction(self, triggered=self.show_about)
        self.help_menu.addAction(self.act_about)

    def changeEvent(self, event) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.file_menu.setTitle(_("&File"))
        self.edit_menu.setTitle(_("&Edit"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.act_new.setText(_("&New mission…"))
        self.act_import.setText(_("&Import attendees…"))
        self.act_export.setText(_("E&xport workbook…"))
        self.act_edit.setText(_("Mission &details…"))
        self.act_delete.setText(_("&Delete mission…"))
        self.act_restore.setText(_("Restore from &backup…"))
        self.act_compact.setText(_("&Compact database"))
        self.act_quit.setText(_("&Quit"))
        self.act_about.setText(_("&About Kakehashi"))
        self.act_find.setText(_("&Filter attendees"))
        self.attendee_menu.setTitle(_("&Attendees"))
        self.attendee_actions.retranslate_ui()
        self.itinerary_menu.setTitle(_("&Itinerary"))
        self.item_actions.retranslate_ui()
        self._update_undo_texts()
        for code, action in self.language_actions.items():
            action.setChecked(code == i18n.current_language())
        for i, title in enumerate((_("Overview"), _("Attendees"), _("Itinerary"), _("Sites"))):
            self.tabs.setTabText(i, title)
        for model in (self.attendee_model, self.item_model, self.site_model):
            model.retranslate()
        self.plan.retranslate_ui()
        self._fill_mission_list()
        self._update_title()

    def _update_undo_texts(self, _index: int = 0) -> None:
        if not shiboken6.isValid(self.undo_stack):  # the stack announces its own destruction
            return
        undo, redo = self.undo_stack.undoText(), self.undo_stack.redoText()
        self.act_undo.setText(_("&Undo: {what}").format(what=undo) if undo else _("&Undo"))
        self.act_redo.setText(_("&Redo: {what}").format(what=redo) if redo else _("&Redo"))

    # missions --------------------------------------------------------------------------------
    def reload_missions(self, select_id: int | None = None) -> None:
        with read_session(self.db.engine) as session:
            self.missions = repo.list_missions(session)
        keep = select_id if select_id is not None else self.mission_id
        ids = [m.id for m in self.missions]
        if keep not in ids:
            saved = self.settings.value("window/mission")
            keep = next((m.id for m in self.missions if m.code == saved), ids[0] if ids else None)
        self.mission_id = keep
        self._fill_mission_list()
        self.show_mission(keep)

    def _fill_mission_list(self) -> None:
        if not hasattr(self, "missions"):
            return
        self.mission_list.blockSignals(True)
        self.mission_list.clear()
        for m in self.missions:
            title, _fallback = pick(m.title_en, m.title_ja)
            item = QListWidgetItem(f"{m.code}\n{title}\n{format_date(m.start_date)}")
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            item.setToolTip(title)
            self.mission_list.addItem(item)
            if m.id == self.mission_id:
                self.mission_list.setCurrentItem(item)
        self.mission_list.blockSignals(False)

    def _on_mission_picked(self, current: QListWidgetItem | None, _previous) -> None:
        if current is not None:
            self.show_mission(current.data(Qt.ItemDataRole.UserRole))

    def current_mission(self) -> repo.MissionRow | None:
        return next((m for m in self.missions if m.id == self.mission_id), None)

    def show_mission(self, mission_id: int | None) -> None:
        self.mission_id = mission_id
        with read_session(self.db.engine) as session:
            organizations = repo.list_organizations(session)
            if mission_id is None:
                attendees, items, sites, counts, links = [], [], [], {}, {}
            else:
                attendees = repo.list_attendees(session, mission_id=mission_id)
                items = repo.list_items(session, mission_id=mission_id)
                links = item_people(session, mission_id=mission_id)
                sites = repo.list_sites(session, mission_id=mission_id)
                counts = repo.mission_counts(session, mission_id=mission_id)
        self.overview.show_mission(self.current_mission(), organizations, counts)
        self.attendee_model.set_rows(attendees)
        self.itinerary.show_mission(self.current_mission(), items, attendees, links)
        self.site_model.set_rows(sites)
        for action in (self.act_edit, self.act_delete):
            action.setEnabled(mission_id is not None and not self.db.read_only)
        self.act_new.setEnabled(not self.db.read_only)
        self.attendees.set_editable(mission_id is not None and not self.db.read_only)
        self.itinerary.set_editable(mission_id is not None and not self.db.read_only)
        self.act_import.setEnabled(mission_id is not None and not self.db.read_only)
        self.act_export.setEnabled(mission_id is not None)   # reads only: read-only files too
        self.plan.show_mission(mission_id)
        self._update_title()
        mission = self.current_mission()
        if mission is not None:
            self.settings.setValue("window/mission", mission.code)

    def _update_title(self) -> None:
        mission = self.current_mission() if hasattr(self, "missions") else None
        name = _("Kakehashi")
        title = f"{mission.code} — {name}" if mission else name
        if self.db.read_only:
            title += " " + _("[read-only]")
        self.setWindowTitle(title)

    def _on_changed(self, mission_id: int, what: str) -> None:
        self.reload_missions(select_id=mission_id if what != "deleted" else None)

    def _on_external_change(self) -> None:
        # An undo step would write back values over what the other program saved.
        self.undo_stack.clear()
        self.reload_missions()
        self.statusBar().showMessage(_(
            "The database was changed outside this window (for example by an import from the "
            "command line). The window shows it as it is now; undo starts afresh."), 20_000)

    def find_attendee(self) -> None:
        self.tabs.setCurrentWidget(self.attendees)
        self.attendees.focus_filter()

    def _organizations(self):
        with read_session(self.db.engine) as session:
            return repo.list_organizations(session)

    def _code_taken(self, except_id: int | None):
        def taken(code: str) -> bool:
            with read_session(self.db.engine) as session:
                return repo.code_in_use(session, code=code, except_id=except_id)
        return taken

    def new_mission(self) -> None:
        from ui.missions.mission_dialog import MissionDialog

        dialog = MissionDialog(self._organizations(), code_taken=self._code_taken(None),
                               parent=self)
        exec_until_saved(dialog, lambda: self.run_command(CreateMission(
            self.db.engine, self.events, dialog.values(), dialog.organizer_ids())))

    def edit_mission(self) -> None:
        mission = self.current_mission()
        if mission is None:
            return
        from ui.missions.mission_dialog import MissionDialog

        dialog = MissionDialog(self._organizations(), mission=mission,
                               code_taken=self._code_taken(mission.id), parent=self)
        exec_until_saved(dialog, lambda: self.run_command(EditMission(
            self.db.engine, self.events, mission, dialog.values(), dialog.organizer_ids())))

    def delete_mission(self) -> None:
        mission = self.current_mission()
        if mission is None:
            return
        title, _fallback = pick(mission.title_en, mission.title_ja)
        answer = QMessageBox.warning(
            self, _("Delete mission"),
            _("Delete the mission {code} ({title}) with its attendees and itinerary? "
              "Edit > Undo brings it back.").format(code=mission.code, title=title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self.run_command(DeleteMission(self.db.engine, self.events, mission.id,
                                           mission.code))

    # changes -------------------------------------------------------------------------------
    def show_storage_error(self, exc: StorageError) -> None:
        QMessageBox.warning(self, _("Not saved"), exc.user_message())

    def run_command(self, command: DbCommand) -> bool:
        """Apply a change; record it for undo only once it is committed."""
        try:
            command.apply_redo()
        except StorageError as exc:
            self.show_storage_error(exc)
            return False
        self.undo_stack.push(command)
        return True

    def undo(self) -> None:
        command = self.undo_stack.command(self.undo_stack.index() - 1)
        if command is not None and self._attempt(command.apply_undo):
            self.undo_stack.undo()

    def redo(self) -> None:
        command = self.undo_stack.command(self.undo_stack.index())
        if command is not None and self._attempt(command.apply_redo):
            self.undo_stack.redo()

    def _attempt(self, action) -> bool:
        try:
            action()
        except StorageError as exc:
            self.show_storage_error(exc)
            return False
        return True

    # file maintenance ------------------------------------------------------------------------
    def restore_from_backup(self) -> None:
        from ui.files.restore_dialog import restore_from_backup

        restore_from_backup(self)

    def compact_database(self) -> None:
        from models.store.backup import compact
        from ui.files.restore_dialog import format_size

        try:
            reclaimed = compact(self.db.engine)
            self.external.mark_own()  # VACUUM runs beside the engine's commit events
        except StorageError as exc:
            QMessageBox.warning(self, _("Compact database"), exc.user_message())
            return
        QMessageBox.information(self, _("Compact database"), _(
            "The database was compacted: {size} of space reclaimed.").format(
            size=format_size(reclaimed)))

    def show_about(self) -> None:
        QMessageBox.about(self, _("About Kakehashi"), _(
            "Kakehashi (架け橋, \"bridge\") plans business-mission delegations between the US "
            "and Japan, offline, in English and Japanese.\n\nDatabase: {path}").format(
            path=self.db.path))

    # window state ----------------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 760)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        tab = self.settings.value("window/tab")
        if tab is not None:
            self.tabs.setCurrentIndex(int(tab))

    def showEvent(self, event) -> None:
        if not self.external.timer.isActive():  # shown again after a close
            self.external.timer.start()
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        self.attendees.save_state()
        self.settings.sync()
        self.external.close()
        super().closeEvent(event)
