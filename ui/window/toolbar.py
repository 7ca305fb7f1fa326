"""The main toolbar: the actions a day of planning uses most, with icons from the platform's
theme (our own drawings where it has none); each text is its action's, so it follows the
language with the menus."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QToolBar

from i18n import _
from ui.common import retranslate
from ui.common.icons import icon


class MainToolBar(QToolBar):
    def __init__(self, window: QMainWindow, groups: list[list[tuple[QAction, str, str]]]):
        """`groups` of (action, freedesktop icon name, bundled icon), separated by a line."""
        super().__init__(window)
        self.setObjectName("mainToolBar")
        self.setMovable(False)
        self.setIconSize(QSize(20, 20))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for n, group in enumerate(groups):
            if n:
                self.addSeparator()
            for action, theme, bundled in group:
                action.setIcon(icon(theme, bundled))
                self.addAction(action)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self)
        retranslate.register(self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Main toolbar"))
        self.toggleViewAction().setText(_("Show the toolbar"))
        # Short words beside the icons; the menus keep the long ones ("Undo: Add attendee").
        window = self.parentWidget()
        for action, text in ((window.act_undo, _("Undo")), (window.act_redo, _("Redo")),
                             (window.act_find, _("Find")), (window.act_new, _("New mission")),
                             (window.act_import, _("Import")), (window.act_export, _("Export")),
                             (window.attendee_menu_actions.act_add, _("Add attendee")),
                             (window.itinerary_menu_actions.act_add, _("Add item"))):
            action.setIconText(text)


def build_toolbar(window) -> MainToolBar:
    """The main window's toolbar (window: ui.window.main_window.MainWindow)."""
    return MainToolBar(window, [
        [(window.act_new, "document-new", "new-mission")],
        [(window.attendee_menu_actions.act_add, "contact-new", "add-person"),
         (window.itinerary_menu_actions.act_add, "appointment-new", "add-item"),
         (window.act_import, "document-import", "import"),
         (window.act_export, "document-export", "export")],
        [(window.act_undo, "edit-undo", "undo"), (window.act_redo, "edit-redo", "redo")],
        [(window.act_find, "edit-find", "find")],
    ])
