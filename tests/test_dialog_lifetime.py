"""A dialog the window opens is deleted once it is closed (ui/common/dialogs.discard). Made with
the window as its parent, it otherwise lived as long as the window: every attendee or item
dialog opened stayed, and each language switch retranslated all of them."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

import i18n
from tests.dialogs import when_modal

ACTIONS = {   # what the menus open, by the window's own actions
    "add attendee": lambda w: w.attendee_menu_actions.act_add,
    "add item": lambda w: w.itinerary_menu_actions.act_add,
    "organizations": lambda w: w.attendee_menu_actions.act_organizations,
    "mission details": lambda w: w.mission_actions.act_edit,
    "new mission": lambda w: w.mission_actions.act_new,
    "export workbook": lambda w: w.act_export,
    "export for a receiver": lambda w: w.file_actions.act_export_for,
    "export handouts": lambda w: w.file_actions.act_handouts,
    "save mission file": lambda w: w.file_actions.act_save_mission,
    "restore from backup": lambda w: w.act_restore,
}


@pytest.mark.parametrize("name", ACTIONS)
def test_a_dialog_closed_is_gone_from_the_window(qtbot, window, name):
    action = ACTIONS[name](window)
    opened = []

    def close(dialog) -> None:
        opened.append(type(dialog).__name__)
        dialog.reject()

    for _ in range(3):
        when_modal(close, must_close=True)
        action.trigger()                      # returns once the dialog is closed
    assert len(opened) == 3, opened
    qtbot.waitUntil(lambda: not window.findChildren(QDialog))
    i18n.set_language("ja")                   # nothing closed is retranslated (or left to)
    assert window.file_menu.title() == "ファイル(&F)"
