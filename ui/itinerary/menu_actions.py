"""The Itinerary menu's actions, made with the window: its menus, toolbar and shortcuts need
them from the start, while the Itinerary tab is built only when first shown. The tab puts the
same actions in its context menus and enables them by its current item; a trigger before then
builds the tab first (`tab` builds it when asked)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from i18n import _
from ui.common import retranslate


class ItineraryMenu(QObject):
    def __init__(self, parent: QObject, tab: Callable[[], QWidget]):
        super().__init__(parent)

        def for_item(signal: str) -> Callable[[], None]:
            return lambda: tab().emit_for_current(signal)

        self.act_add = QAction(parent, shortcut=QKeySequence("Ctrl+Shift+I"),
                               triggered=lambda: tab().add_requested.emit())
        self.act_edit = QAction(parent, triggered=for_item("edit_requested"))
        self.act_move = QAction(parent, triggered=for_item("move_requested"))
        self.act_duplicate = QAction(parent, triggered=for_item("duplicate_requested"))
        self.act_delete = QAction(parent, triggered=for_item("delete_requested"))
        # Ctrl+Up/Down only while the tab has the focus (the tab adds them to itself):
        # elsewhere they move through lists.
        self.act_earlier = QAction(parent, shortcut=QKeySequence("Ctrl+Up"),
                                   triggered=lambda: tab().shift_current(-1))
        self.act_later = QAction(parent, shortcut=QKeySequence("Ctrl+Down"),
                                 triggered=lambda: tab().shift_current(1))
        for action in (self.act_earlier, self.act_later):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for action in self.item_actions():  # no current item until the tab shows its items
            action.setEnabled(False)
        retranslate.register(self)
        self.retranslate_ui()

    def item_actions(self) -> list[QAction]:
        return [self.act_edit, self.act_move, self.act_duplicate, self.act_delete,
                self.act_earlier, self.act_later]

    def menu_actions(self) -> list[QAction | None]:
        """The Itinerary menu, None for a separator."""
        return [self.act_add, self.act_edit, self.act_duplicate, self.act_delete, None,
                self.act_move, self.act_earlier, self.act_later]

    def retranslate_ui(self) -> None:
        self.act_add.setText(_("&Add item…"))
        self.act_edit.setText(_("&Edit item…"))
        self.act_move.setText(_("&Move item…"))
        self.act_duplicate.setText(_("D&uplicate item…"))
        self.act_delete.setText(_("&Delete item…"))
        self.act_earlier.setText(_("Move a day &earlier"))
        self.act_later.setText(_("Move a day &later"))

    def update(self, editable: bool, tab_built: bool) -> None:
        if not tab_built:                   # once built, the tab enables them by its item
            self.act_add.setEnabled(editable)
