"""The Attendees menu's actions, made with the window: its menus, toolbar and shortcuts need
them from the start, while the Attendees tab is built only when first shown. The tab puts the
same actions in its context menu and enables them by its current row; a trigger before then
builds the tab first (`tab` and `handlers` build it when asked)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from i18n import _
from ui.common import retranslate
from ui.common.context import Context


class AttendeeMenu(QObject):
    def __init__(self, ctx: Context, parent: QWidget, tab: Callable[[], QWidget],
                 handlers: Callable[[], QObject]):
        super().__init__(parent)
        self.ctx = ctx

        def for_row(signal: str) -> Callable[[], None]:
            return lambda: tab().emit_for_current(signal)

        self.act_add = QAction(parent, shortcut=QKeySequence("Ctrl+Shift+A"),
                               triggered=lambda: tab().add_requested.emit())
        self.act_edit = QAction(parent, triggered=for_row("edit_requested"))
        self.act_duplicate = QAction(parent, shortcut=QKeySequence("Ctrl+D"),
                                     triggered=for_row("duplicate_requested"))
        self.act_delete = QAction(parent, triggered=for_row("delete_requested"))
        self.act_export = QAction(parent, triggered=for_row("export_requested"))
        self.act_handout = QAction(parent, triggered=for_row("handout_requested"))
        self.act_organizations = QAction(parent, triggered=lambda: handlers().organizations())
        self.act_bulk_edit = QAction(parent, shortcut=QKeySequence("Ctrl+Shift+E"),
                                     triggered=lambda: handlers().bulk_edit())
        self.act_import = QAction(parent, shortcut=QKeySequence("Ctrl+I"),
                                  triggered=self._import)
        for action in self.row_actions():   # no current row until the tab shows its rows
            action.setEnabled(False)
        retranslate.register(self)
        self.retranslate_ui()

    def row_actions(self) -> list[QAction]:
        return [self.act_edit, self.act_bulk_edit, self.act_duplicate, self.act_delete,
                self.act_export, self.act_handout]

    def menu_actions(self) -> list[QAction | None]:
        """The Attendees menu, None for a separator."""
        return [self.act_add, self.act_edit, self.act_bulk_edit, self.act_duplicate,
                self.act_delete, None, self.act_organizations]

    def retranslate_ui(self) -> None:
        self.act_add.setText(_("&Add attendee…"))
        self.act_edit.setText(_("&Edit attendee…"))
        self.act_duplicate.setText(_("D&uplicate attendee…"))
        self.act_delete.setText(_("&Remove attendee…"))
        self.act_export.setText(_("E&xport itinerary…"))
        self.act_handout.setText(_("Export &travel pack…"))
        self.act_organizations.setText(_("&Organizations…"))
        self.act_bulk_edit.setText(_("Edit selected &together…"))
        self.act_import.setText(_("&Import attendees…"))

    def update(self, has_mission: bool, editable: bool, tab_built: bool) -> None:
        self.act_import.setEnabled(has_mission and not self.ctx.read_only)
        if not tab_built:                   # once built, the tab enables them by its row
            self.act_add.setEnabled(editable)

    def _import(self) -> None:
        from ui.attendees import import_dialog  # the roster reader loads when used

        import_dialog.run_import(self.ctx)
