"""Start-up shows the first tab and builds the others when first shown (issue 10): the menus,
the toolbar and their shortcuts work before then, a trigger builds the tab it needs, and a
tab built after a language switch speaks the new language. Real window, offscreen."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tests.dialogs import when_modal

REPO = Path(__file__).resolve().parents[1]
LAZY = {1: "attendees", 2: "itinerary", 3: "sites_tab", 4: "lodging_tab", 5: "meetings_tab"}


def test_start_up_imports_and_builds_only_the_tab_shown(demo_db, tmp_path):
    script = textwrap.dedent("""
        import sys
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from models.store.db import open_database
        from ui.window.main_window import MainWindow
        window = MainWindow(open_database(sys.argv[1]),
                            QSettings(sys.argv[2], QSettings.Format.IniFormat))
        window.show()
        app.processEvents()
        print(" ".join(sorted(m for m in sys.modules if m.startswith("ui.")
                              and m.endswith(("_tab", ".actions")))))
        print(" ".join(str(window.tabs.is_built(i)) for i in range(window.tabs.count())))
        window.tabs.setCurrentIndex(4)                   # Lodging: built as it is shown
        print(window.tabs.is_built(4), len(window.lodging_tab.stays) > 0,
              "ui.lodging.lodging_tab" in sys.modules)
        window.close()
    """)
    done = subprocess.run([sys.executable, "-c", script, demo_db.location,
                           str(tmp_path / "s.ini")], cwd=REPO, capture_output=True, text=True,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
                               "HOME": str(tmp_path)}, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    modules, built, lodging = done.stdout.splitlines()[-3:]
    assert "ui.missions.overview_tab" in modules.split()
    for room in ("attendees.attendees_tab", "attendees.actions", "itinerary.itinerary_tab",
                 "itinerary.actions", "sites.sites_tab", "lodging.lodging_tab",
                 "meetings.meetings_tab", "meetings.actions"):
        assert f"ui.{room}" not in modules.split(), room
    assert built.split() == ["True"] + ["False"] * 5
    assert lodging.split() == ["True", "True", "True"]


def test_start_up_to_the_first_paint_leaves_the_later_work_unloaded(demo_db, tmp_path):
    """The app itself, to its first paint (the smoke test quits there), on a file that exists:
    the readiness checks (run after the paint), the demo's seeding, the sync's verbs and the
    Find dialog are not loaded yet; what the first paint needs is (the mission's sync
    status, which the File menu's sharing actions read)."""
    script = textwrap.dedent("""
        import sys
        import main
        code = main.main(sys.argv[1:])
        print(code, " ".join(sorted(m for m in sys.modules if m.startswith(("models.", "ui.")))))
    """)
    done = subprocess.run([sys.executable, "-c", script, "--db", demo_db.location, "--lang",
                           "en", "--smoke-test"], cwd=REPO, capture_output=True, text=True,
                          timeout=60,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
                               "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr[-2000:]
    code, *loaded = done.stdout.splitlines()[-1].split()
    assert code == "0"
    assert {"ui.window.main_window", "ui.missions.overview_tab", "models.sync.shared"} <= set(
        loaded)
    for later in ("models.readiness", "models.demo", "models.sync.mission_sync",
                  "models.sync.local", "ui.find.find_dialog"):
        assert later not in loaded, later


def test_the_menus_work_before_their_tab_is_built(qtbot, window):
    assert not any(window.tabs.is_built(i) for i in LAZY)
    menu = window.attendee_menu_actions
    assert menu.act_add in window.attendee_menu.actions()
    assert menu.act_add.isEnabled() and not menu.act_edit.isEnabled()   # no row chosen yet
    assert menu.act_add.shortcut().toString() == "Ctrl+Shift+A"
    assert window.itinerary_menu_actions.act_add.isEnabled()
    seen = {}

    def look(dialog):
        seen["title"] = dialog.windowTitle()
        dialog.reject()

    when_modal(look, QDialog)
    menu.act_add.trigger()                   # as the toolbar's Add attendee or Ctrl+Shift+A
    assert seen["title"]
    assert window.tabs.is_built(1) and window.tabs.currentWidget() is window.attendees
    assert window.attendees.act_add is menu.act_add       # one action, menu and tab alike
    assert window.attendee_model.rowCount() > 0
    assert not window.tabs.is_built(3)       # the others still wait


def test_a_tab_built_after_a_language_switch_speaks_it(qtbot, window, qt_language):
    import i18n

    i18n.set_language("ja")
    assert not window.tabs.is_built(3)
    window.tabs.setCurrentIndex(3)
    model = window.sites_tab.model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in (0, 1)] == ["訪問先",
                                                                                "住所"]
    assert window.tabs.tabText(3) == "訪問先"
    assert window.itinerary_menu_actions.act_add.text() == "行程を追加(&A)…"


def test_a_read_only_mission_disables_add_before_the_tab_is_built(qtbot, window):
    window.show_mission(None)
    assert not window.attendee_menu_actions.act_add.isEnabled()
    assert not window.itinerary_menu_actions.act_add.isEnabled()
    window.show_mission(window.missions[0].id)
    assert window.attendee_menu_actions.act_add.isEnabled()
