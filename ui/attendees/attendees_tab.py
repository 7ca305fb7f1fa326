"""The Attendees tab: the mission's attendees in a table that filters as you type, with columns a
person can hide, and the actions on a row (add, edit, duplicate, delete, drop a roster file)
announced as signals for whoever carries them out."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from i18n import _, ngettext
from models import repository as repo
from models.store.db import read_session
from ui.attendees.columns import ATTENDEE_COLUMNS
from ui.attendees.menu_actions import AttendeeMenu
from ui.common import retranslate
from ui.common.context import Context
from ui.common.count_label import CountLabel
from ui.common.events import ATTENDEES, ORGANIZATIONS
from ui.common.layout_memory import PREFIX, restore_table
from ui.common.refresh import Pending, Refresher
from ui.common.row_history import show_changes
from ui.common.table_model import RowTableModel
from ui.common.tables import RowTable, make_table

HIDDEN_KEY = "attendees/hidden"      # column keys, not indexes: columns may be added later
OLD_KEY = "attendees"                 # where the columns' widths and order were kept before


def xlsx_paths(mime: QMimeData) -> list[str]:
    """The local .xlsx files among dragged data (a roster someone wants to import)."""
    return [url.toLocalFile() for url in mime.urls()
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".xlsx")]


class AttendeeTable(RowTable):
    """A row table that also accepts .xlsx drops."""

    files_dropped = Signal(list)

    # The model takes no drops, so QAbstractItemView would refuse them: files are ours.
    def dragEnterEvent(self, event) -> None:
        if xlsx_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:
        paths = xlsx_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.files_dropped.emit(paths)


class AttendeesTab(QWidget):
    add_requested = Signal()
    edit_requested = Signal(int)        # participant id
    duplicate_requested = Signal(int)
    delete_requested = Signal(int)
    export_requested = Signal(int)      # participant id: their own itinerary workbook
    handout_requested = Signal(int)     # participant id: their travel pack (PDF, calendar)
    files_dropped = Signal(list)        # local .xlsx paths
    rows_pasted = Signal(str)           # tab-separated rows from a spreadsheet (Ctrl+V)

    def __init__(self, ctx: Context, actions: AttendeeMenu, parent: QWidget | None = None):
        """`actions`: the window's, made before the tab (menu_actions.py)."""
        super().__init__(parent)
        self.ctx, self.settings = ctx, ctx.settings
        self.editable = True
        self.model = RowTableModel(ATTENDEE_COLUMNS, self)
        show_changes(self.model, ctx, lambda row: (("people", row.person_id),
                                                   ("participants", row.participant_id)))
        self.filter = QLineEdit(objectName="attendeeFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.model.set_filter)
        self.count = CountLabel("attendeeCount")
        self.table = make_table(self.model, "attendeeTable", AttendeeTable())
        self.table.setAcceptDrops(True)
        self.table.viewport().setAcceptDrops(True)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 6, 0)  # the count's last digit off the tab's edge
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table)

        # One action per operation: the Attendees menu shows these same actions.
        self.act_add, self.act_edit = actions.act_add, actions.act_edit
        self.act_duplicate, self.act_delete = actions.act_duplicate, actions.act_delete
        self.act_export, self.act_handout = actions.act_export, actions.act_handout
        self.act_bulk_edit = actions.act_bulk_edit
        # On the tab, not the window: Ctrl+V in the filter box pastes into it as ever.
        self.act_paste = QAction(self, shortcut=QKeySequence.StandardKey.Paste,
                                 shortcutContext=Qt.ShortcutContext.WidgetWithChildrenShortcut,
                                 triggered=self.paste_rows)
        self.addAction(self.act_paste)

        self.table.edit_pressed.connect(self.act_edit.trigger)
        self.table.delete_pressed.connect(self.act_delete.trigger)
        self.table.doubleClicked.connect(lambda _index: self.act_edit.trigger())
        self.table.files_dropped.connect(self.files_dropped.emit)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_row_menu)
        header = self.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda pos: self.column_menu().exec(header.mapToGlobal(pos)))
        self.model.modelReset.connect(self._after_reset)
        self.model.layoutChanged.connect(self._after_reset)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.refresher = Refresher(self, ctx, (ATTENDEES, ORGANIZATIONS), self._reload,
                                   forget=lambda: self.model.set_rows([]))
        retranslate.register(self)
        self.retranslate_ui()
        self.restore_state()

    def retranslate_ui(self) -> None:
        self.filter.setPlaceholderText(_("Filter attendees…"))
        self._update_count()
        self.refresher.language()

    # rows ------------------------------------------------------------------------------------
    def _reload(self, pending: Pending) -> None:
        if not pending.needs_data():
            self.model.retranslate()
            return
        mission_id = self.ctx.mission_id()
        if (pending.ids and not pending.everything and mission_id is not None
                and ORGANIZATIONS not in pending.kinds):
            # Some attendees changed: read and word again only theirs.
            with read_session(self.ctx.engine) as session:
                rows = repo.list_attendees(session, mission_id=mission_id,
                                           participant_ids=pending.ids)
            self.model.update_rows(rows, ids=pending.ids, key=lambda r: r.participant_id)
            return
        rows = []
        if mission_id is not None:
            with read_session(self.ctx.engine) as session:
                rows = repo.list_attendees(session, mission_id=mission_id)
        self.model.set_rows(rows)
        # Laid out now, before the paint: the view's own delayed layout after a reset came
        # after the first paint and painted the table a second time.
        self.table.doItemsLayout()

    def select_participant(self, participant_id: int) -> bool:
        """Make the attendee the current row, clearing a filter that hides them."""
        self.refresher.flush()
        if self._select(participant_id):
            return True
        if self.filter.text():
            self.filter.clear()
            return self._select(participant_id)
        self.table.setCurrentIndex(QModelIndex())
        return False

    def _select(self, participant_id: int) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).participant_id == participant_id:
                index = self.model.index(row, 0)
                self.table.selectRow(row)
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
                self.table.setFocus()
                return True
        return False
    def set_editable(self, editable: bool) -> None:
        """Off for a read-only database or when no mission is open: nothing can change."""
        self.editable = editable
        self.table.viewport().setAcceptDrops(editable)
        self._update_actions()

    def filter_by(self, text: str) -> bool:
        """Show only the attendees matching `text` (Find's way to an organization's people)."""
        self.filter.setText(text)
        return True

    def focus_filter(self) -> None:
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def paste_rows(self) -> bool:
        """Rows copied in Excel or LibreOffice go to the import preview."""
        from documents.roster.pasted import looks_like_rows  # the reader loads when used

        text = QApplication.clipboard().text()
        if not self.editable or not looks_like_rows(text):
            return False
        self.rows_pasted.emit(text)
        return True

    def selected_participant_ids(self) -> list[int]:
        """The attendees of the selected rows, in table order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row_at(row).participant_id for row in rows]

    def current_participant_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).participant_id if index.isValid() else None

    def emit_for_current(self, signal: str) -> None:
        """Emit the signal named `signal` for the current row's attendee, if there is one."""
        participant_id = self.current_participant_id()
        if participant_id is not None:
            getattr(self, signal).emit(participant_id)

    def _after_reset(self) -> None:
        self._update_count()
        self._update_actions()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count()
        everyone = ngettext("{n} attendee", "{n} attendees", total).format(n=total)
        of_total = ngettext("{shown} of {total} attendee", "{shown} of {total} attendees",
                            total)
        # A box that fits any count of up to 9,999 attendees (ui/common/count_label.py).
        widest = max(total, 8888)
        filtering = shown != total or self.filter.text().strip()
        self.count.set_count_text(
            of_total.format(shown=shown, total=total) if filtering else everyone,
            (ngettext("{n} attendee", "{n} attendees", widest).format(n=widest),
             of_total.format(shown=widest, total=widest)))

    def _update_actions(self) -> None:
        on_row = self.editable and self.table.currentIndex().isValid()
        self.act_add.setEnabled(self.editable)
        for action in (self.act_edit, self.act_duplicate, self.act_delete):
            action.setEnabled(on_row)
        self.act_bulk_edit.setEnabled(self.editable
                                      and self.table.selectionModel().hasSelection())
        # Exporting only reads: a read-only database may export too.
        self.act_export.setEnabled(self.table.currentIndex().isValid())
        self.act_handout.setEnabled(self.table.currentIndex().isValid())

    def row_menu(self, pos: QPoint) -> QMenu:
        """The context menu for the row at `pos` (viewport coordinates), made its current row."""
        index = self.table.indexAt(pos)
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.setCurrentIndex(index)
        else:
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
        menu = QMenu(self)
        menu.addAction(self.act_add)
        menu.addSeparator()
        menu.addActions([self.act_edit, self.act_duplicate, self.act_delete])
        menu.addSeparator()
        menu.addActions([self.act_export, self.act_handout])
        return menu

    def _show_row_menu(self, pos: QPoint) -> None:
        menu = self.row_menu(pos)
        menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # columns ---------------------------------------------------------------------------------
    def column_menu(self) -> QMenu:
        """A checkable list of the column titles; the last visible column cannot be unticked."""
        menu = QMenu(self)
        menu.aboutToHide.connect(menu.deleteLater)
        header = self.table.horizontalHeader()
        visible = header.count() - header.hiddenSectionCount()
        for i, column in enumerate(self.model.columns):
            shown = not header.isSectionHidden(i)
            action = menu.addAction(_(column.title))
            action.setCheckable(True)
            action.setChecked(shown)
            action.setEnabled(not (shown and visible == 1))
            action.toggled.connect(lambda on, i=i: self.set_column_hidden(i, not on))
        return menu

    def set_column_hidden(self, column: int, hidden: bool) -> None:
        header = self.table.horizontalHeader()
        if hidden and header.count() - header.hiddenSectionCount() <= 1:
            return
        header.setSectionHidden(column, hidden)
        self.settings.setValue(HIDDEN_KEY, ",".join(self.hidden_columns()))

    def hidden_columns(self) -> list[str]:
        header = self.table.horizontalHeader()
        return [c.key for i, c in enumerate(self.model.columns) if header.isSectionHidden(i)]

    def restore_state(self) -> None:
        """Columns as last left (ui/common/layout_memory; until this version they were kept
        under "attendees/"), then the hidden ones, which are kept as they change."""
        header = self.table.horizontalHeader()
        kept_before = self.settings.value(f"{PREFIX}{self.table.objectName()}/header") is None
        restore_table(self.settings, self.table, OLD_KEY if kept_before else None)
        hidden = set(str(self.settings.value(HIDDEN_KEY) or "").split(","))
        for i, column in enumerate(self.model.columns):
            header.setSectionHidden(i, column.key in hidden)
        if header.hiddenSectionCount() == header.count():
            header.setSectionHidden(0, False)
