"""The main window: missions on the left, the chosen mission's tabs on the right, and menus.

The only room that knows every feature: it builds each one with a Context (never itself), puts
their actions in its menus, switches missions, runs and undoes commands, and routes "go to this
row" between features.
"""

from __future__ import annotations

from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QByteArray, QRect, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QWidget,
)

import i18n
from i18n import _, pick
from i18n.formatting import format_date
from models import repository as repo
from models.store.db import Database, read_session
from models.store.errors import StorageError
from ui.common import retranslate
from ui.common.context import Context, Target
from ui.common.events import MISSION, Change
from ui.common.layout_memory import restore_splitters, save_layout, save_splitters
from ui.common.undo import DbCommand
from ui.files.actions import FileActions
from ui.missions.actions import MissionActions
from ui.sharing.actions import SharingActions
from ui.window.external_changes import ExternalChanges
from ui.window.toolbar import build_toolbar
from ui.window.window_tabs import WindowTabs

LANGUAGE_NAMES = {"en": "English", "ja": "日本語"}  # each in its own language, never translated


class MainWindow(WindowTabs, QMainWindow):
    def __init__(self, db: Database, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.undo_stack = QUndoStack(self)
        self.mission_id: int | None = None
        self.missions: list[repo.MissionRow] = []
        self.ctx = ctx = Context(db, settings, self, run_command=self.run_command,
                                 current_mission=self.current_mission,
                                 show_page=self.show_page, reveal=self.reveal)
        self.events = ctx.events
        # First in line: the views that follow read the mission list this keeps current.
        self.events.changed.connect(self._on_changed)
        ctx.database_replaced.connect(self._on_database_replaced)

        self.mission_list = QListWidget(objectName="missionList")
        self.mission_list.setWordWrap(True)
        self.mission_list.setSpacing(2)
        self.mission_list.currentItemChanged.connect(self._on_mission_picked)
        self.mission_list.itemDoubleClicked.connect(
            lambda _item: self.mission_actions.edit_mission())
        self._add_tabs(ctx)
        self.splitter = QSplitter(objectName="missionSplitter")
        self.splitter.addWidget(self.mission_list)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 1000])
        self.setCentralWidget(self.splitter)

        self.mission_actions = MissionActions(ctx)
        self.file_actions = FileActions(ctx)
        self.sharing = SharingActions(ctx)      # automatic sync, the status bar's sync line
        self.readiness.counted.connect(lambda _n: self._update_overview_title())
        self._build_menus()
        self.toolbar = build_toolbar(self)
        self.statusBar().addPermanentWidget(self.sharing.status_button)
        self.external = ExternalChanges(ctx)
        self.external.detected.connect(self._on_external_change)
        retranslate.register(self)
        self.retranslate_ui()
        self.reload_missions(switch=True)
        self._restore_state()
        self.sharing.start()

    # what the tests and the other rooms read ------------------------------------------------
    @property
    def db(self) -> Database:
        return self.ctx.db

    @property
    def attendee_model(self):
        return self.attendees.model

    @property
    def attendee_table(self):
        return self.attendees.table

    @property
    def item_model(self):
        return self.itinerary.model

    @property
    def item_table(self):
        return self.itinerary.table

    @property
    def site_model(self):
        return self.sites_tab.model

    @property
    def site_table(self):
        return self.sites_tab.table

    # menus -----------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        files, missions = self.file_actions, self.mission_actions
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions(missions.menu_actions())
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.attendee_menu_actions.act_import, files.act_export,
                                   files.act_handouts, files.act_export_for])
        self.file_menu.addSeparator()
        self.file_menu.addActions([files.act_save_mission, files.act_open_mission])
        self.file_menu.addSeparator()
        self.file_menu.addActions(self.sharing.menu_actions())
        self.file_menu.addSeparator()
        self.file_menu.addActions([files.act_restore, files.act_compact])
        self.file_menu.setToolTipsVisible(True)   # why restore and compact are off on a server
        self.file_menu.addSeparator()
        self.act_quit = QAction(self, shortcut=QKeySequence.StandardKey.Quit,
                                triggered=self.close)
        self.file_menu.addAction(self.act_quit)
        # The names the tests and the README's tour use.
        self.act_new, self.act_edit = missions.act_new, missions.act_edit
        self.act_delete = missions.act_delete
        self.act_import, self.act_export = self.attendee_menu_actions.act_import, files.act_export
        self.act_restore, self.act_compact = files.act_restore, files.act_compact

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
        self.act_find = QAction(self, triggered=self._open_find)
        self.act_find.setShortcuts([QKeySequence.StandardKey.Find, QKeySequence("Ctrl+K")])
        self.act_filter = QAction(self, shortcut=QKeySequence("Ctrl+Shift+F"),
                                  triggered=self.find_attendee)
        self.edit_menu.addActions([self.act_find, self.act_filter])

        self.attendee_menu = self._feature_menu(self.attendee_menu_actions.menu_actions())
        self.itinerary_menu = self._feature_menu(self.itinerary_menu_actions.menu_actions())

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

    def _feature_menu(self, actions: list[QAction | None]):
        menu = self.menuBar().addMenu("")
        for action in actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        return menu

    def retranslate_ui(self) -> None:
        self.file_menu.setTitle(_("&File"))
        self.edit_menu.setTitle(_("&Edit"))
        self.attendee_menu.setTitle(_("&Attendees"))
        self.itinerary_menu.setTitle(_("&Itinerary"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.act_quit.setText(_("&Quit"))
        self.act_about.setText(_("&About Kakehashi"))
        self.act_find.setText(_("&Find…"))
        self.act_filter.setText(_("F&ilter attendees"))
        self._update_undo_texts()
        for code, action in self.language_actions.items():
            action.setChecked(code == i18n.current_language())
        for index, title in enumerate((_("Attendees"), _("Itinerary"), _("Sites"),
                                       _("Lodging"), _("Meetings")), start=1):
            self.tabs.setTabText(index, title)
        self._update_overview_title()
        self._fill_mission_list()
        self._update_title()

    def _update_overview_title(self) -> None:
        n = self.readiness_panel.count()
        self.tabs.setTabText(self.tabs.indexOf(self.overview),
                             _("Overview ({n})").format(n=n) if n else _("Overview"))

    def _update_undo_texts(self, _index: int = 0) -> None:
        if not shiboken6.isValid(self.undo_stack):  # the stack announces its own destruction
            return
        undo, redo = self.undo_stack.undoText(), self.undo_stack.redoText()
        self.act_undo.setText(_("&Undo: {what}").format(what=undo) if undo else _("&Undo"))
        self.act_redo.setText(_("&Redo: {what}").format(what=redo) if redo else _("&Redo"))

    # missions --------------------------------------------------------------------------------
    def reload_missions(self, select_id: int | None = None, *, switch: bool = False) -> None:
        """Read the list of missions again; show `select_id` (else the one shown, else the one
        shown last time, else the first), as a switch when it is another or `switch` says."""
        with read_session(self.db.engine) as session:
            self.missions = repo.list_missions(session)
        keep = select_id if select_id is not None else self.mission_id
        ids = [m.id for m in self.missions]
        if keep not in ids:
            saved = self.settings.value("window/mission")
            keep = next((m.id for m in self.missions if m.code == saved), ids[0] if ids else None)
        self._fill_mission_list(keep)
        if switch or keep != self.mission_id:
            self.show_mission(keep)
        else:
            self._update_title()

    def _fill_mission_list(self, current: int | None = None) -> None:
        current = self.mission_id if current is None else current
        self.mission_list.blockSignals(True)
        self.mission_list.clear()
        for m in self.missions:
            title, _fallback = pick(m.title_en, m.title_ja)
            item = QListWidgetItem(f"{m.code}\n{title}\n{format_date(m.start_date)}")
            item.setData(Qt.ItemDataRole.UserRole, m.id)
            item.setToolTip(title)
            self.mission_list.addItem(item)
            if m.id == current:
                self.mission_list.setCurrentItem(item)
        self.mission_list.blockSignals(False)

    def _on_mission_picked(self, current: QListWidgetItem | None, _previous) -> None:
        if current is not None:
            self.show_mission(current.data(Qt.ItemDataRole.UserRole))

    def current_mission(self) -> repo.MissionRow | None:
        return next((m for m in self.missions if m.id == self.mission_id), None)

    def show_mission(self, mission_id: int | None) -> None:
        """Show this mission: every view is out of date, the visible one reloads now, the
        others when they are shown."""
        self.mission_id = mission_id
        has_mission = mission_id is not None
        editable = has_mission and not self.db.read_only
        self.mission_actions.update(has_mission)
        self.file_actions.update(has_mission)
        self.attendee_menu_actions.update(has_mission, editable, self._attendees.page is not None)
        self.itinerary_menu_actions.update(editable, self._itinerary.page is not None)
        self._editable = editable
        for page in self._built_pages():
            page.set_editable(editable)
        self._update_title()
        self.events.changed.emit(Change(mission_id, frozenset(), switched=True))

    def _update_title(self) -> None:
        mission = self.current_mission()
        name = _("Kakehashi")
        title = f"{mission.code} — {name}" if mission else name
        if self.db.read_only:
            title += " " + _("[read-only]")
        self.setWindowTitle(title)

    def _on_changed(self, change: Change) -> None:
        if MISSION in change.kinds and not change.switched:
            self.reload_missions(select_id=None if change.removed else change.mission_id)

    def _on_external_change(self) -> None:
        # An undo step would write back values over what the other program saved.
        self.undo_stack.clear()
        self._reload_everything()
        self.statusBar().showMessage(_(
            "The database was changed outside this window (for example by an import from the "
            "command line). The window shows it as it is now; undo starts afresh."), 20_000)

    def _on_database_replaced(self) -> None:
        # The undo steps name rows of the replaced data and hold the old engine.
        self.undo_stack.clear()
        self._reload_everything()

    def _reload_everything(self) -> None:
        self.reload_missions(switch=True)

    def _open_find(self) -> None:
        # Loaded when first asked for, not at start-up.
        from ui.find.find_dialog import open_find

        open_find(self.ctx)

    def find_attendee(self) -> None:
        self.tabs.setCurrentWidget(self.attendees)
        self.attendees.focus_filter()

    # the features' ways into the window ------------------------------------------------------
    def show_page(self, page: QWidget) -> None:
        self.tabs.setCurrentWidget(page)

    def reveal(self, targets: Sequence[Target]) -> bool:
        """Go to the first of `targets` that is there, in its tab."""
        before = self.tabs.currentWidget()
        select = {      # pages by name: a lazy tab is built only when a target is in it
            "visit": ("sites_tab",
                      lambda t: self.sites_tab.select_visit(t.item_id, t.participant_id)),
            "stay": ("lodging_tab",
                     lambda t: self.lodging_tab.select_stay(t.item_id, t.participant_id)),
            "item": ("itinerary", lambda t: self.itinerary.reveal_item(t.item_id)),
            "person": ("attendees",
                       lambda t: self.attendees.select_participant(t.participant_id)),
            "site": ("sites_tab", lambda t: self.sites_tab.reveal_site(t.site_id)),
            "organization": ("attendees", lambda t: self.attendees.filter_by(t.text)),
            "consulates": (None, lambda t: self.mission_actions.edit_mission(
                consulates_first=True)),
        }
        for target in targets:
            name, choose = select[target.kind]
            page = before if name is None else getattr(self, name)
            self.tabs.setCurrentWidget(page)       # shown first: a hidden tab catches up
            if choose(target):
                return True
        self.tabs.setCurrentWidget(before)
        return False

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

    def show_about(self) -> None:
        QMessageBox.about(self, _("About Kakehashi"), _(
            "Kakehashi (架け橋, \"bridge\") plans business-mission delegations between the US "
            "and Japan, offline, in English and Japanese.\n\nDatabase: {path}").format(
            path=self.db.location))

    # window state ----------------------------------------------------------------------------
    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.fit_first_run(self.screen().availableGeometry())
        # The mission list's divider, as every other (until this version: window/splitter).
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        restore_splitters(self.settings, self.splitter)
        tab = self.settings.value("window/tab")
        if tab is not None:
            self.tabs.setCurrentIndex(int(tab))

    def fit_first_run(self, available: QRect) -> None:
        """The first time: the screen's free area less a margin, centred (a laptop's 1280x720
        gets a window that fits; a large screen not an enormous one)."""
        frame = self.frameGeometry().size() - self.geometry().size()
        width = min(available.width() - frame.width(), max(1280, available.width() * 3 // 4))
        height = min(available.height() - frame.height(), max(800, available.height() * 3 // 4))
        self.resize(width, height)
        self.move(available.center() - self.rect().center())

    def showEvent(self, event) -> None:
        self.external.start()  # shown again after a close
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        save_splitters(self.settings, self.splitter)
        self.settings.remove("window/splitter")
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        mission = self.current_mission()
        if mission is not None:     # at close, not on every switch: a write costs a repaint
            self.settings.setValue("window/mission", mission.code)
        for page in self._built_pages():            # the tabs never built keep what they had
            save_layout(self.settings, page)
        self.settings.sync()
        self.file_actions.session_backups.at_close()
        self.external.close()
        self.sharing.close()        # waits for a sync under way: the engine goes next
        super().closeEvent(event)
