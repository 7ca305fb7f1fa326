"""Where the user left the tabs' splitters and how large they left a dialog is where the next
session opens them (ui/common/layout_memory.py)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QSplitter, QTableView, QTabWidget

from tests.dialogs import when_modal
from ui.window.main_window import MainWindow


def _open(qtbot, db, settings, *, sized: bool = False) -> MainWindow:
    """A window on the same database and settings, shown (`sized`: at 1400x900, exposed)."""
    win = MainWindow(db, settings)
    qtbot.addWidget(win)
    if sized:
        win.resize(1400, 900)
    win.show()
    if sized:
        qtbot.waitExposed(win)
    return win


def _tabs(win) -> list:
    return [win.itinerary, win.sites_tab, win.lodging_tab, win.meetings_tab]


def _named_splitters(win) -> dict[str, QSplitter]:
    return {s.objectName(): s for tab in _tabs(win) for s in tab.findChildren(QSplitter)
            if s.objectName()}


def _dragged(splitter: QSplitter) -> list[int]:
    """Sizes other than the ones the splitter has: most of the room to its last pane."""
    total = sum(splitter.sizes())
    first = max(40, total // 5)
    splitter.setSizes([first] + [total - first] * (splitter.count() - 1))
    return splitter.sizes()


def _each_shown_splitter(qtbot, win, read) -> dict[str, list[int]]:
    """read(splitter) for each named splitter of the tabs, while it is shown (a tab's pages
    each in turn)."""
    found = {}
    for tab in _tabs(win):
        win.tabs.setCurrentWidget(tab)
        qtbot.wait(10)
        pages = tab.findChildren(QTabWidget)
        for page, n in [(p, n) for p in pages for n in range(p.count())] or [(None, 0)]:
            if page is not None:
                page.setCurrentIndex(n)
                qtbot.wait(10)
            for splitter in tab.findChildren(QSplitter):
                if splitter.isVisible() and splitter.objectName() not in found:
                    found[splitter.objectName()] = read(splitter)
    return found


def test_every_tab_splitter_is_where_it_was_left(qtbot, demo_db, settings, qt_language):
    first = _open(qtbot, demo_db, settings, sized=True)
    left = _each_shown_splitter(qtbot, first, _dragged)   # dragged as the user would: shown
    splitters = _named_splitters(first)
    # Every splitter of the tabs is kept: none is left without a name, and no two share one.
    unnamed = [type(t).__name__ for t in _tabs(first) for s in t.findChildren(QSplitter)
               if not s.objectName()]
    assert not unnamed, unnamed
    assert len(splitters) == sum(len(t.findChildren(QSplitter)) for t in _tabs(first))
    assert left.keys() == splitters.keys()
    assert {"itinerarySplitter", "sitesSplitter", "visitSplitter", "lodgingSplitter",
            "roomsSplitter", "matchmakingSplitter", "slotsSplitter",
            "protocolSplitter"} <= splitters.keys()
    first.close()

    second = _open(qtbot, demo_db, settings, sized=True)
    now = _each_shown_splitter(qtbot, second, QSplitter.sizes)
    assert now.keys() == left.keys()
    for name, sizes in now.items():           # as left, in proportion to the room it has now
        assert _same_shares(sizes, left[name]), (name, sizes, left[name])
    second.close()


def _same_shares(sizes: list[int], left: list[int]) -> bool:
    room, before = sum(sizes), sum(left)
    return all(abs(now - was * room / before) <= 3 for now, was in zip(sizes, left, strict=True))


def test_a_tab_not_shown_in_a_session_keeps_what_it_had(qtbot, demo_db, settings, qt_language):
    first = _open(qtbot, demo_db, settings)
    first.tabs.setCurrentWidget(first.sites_tab)
    left = _dragged(first.sites_tab.findChild(QSplitter, "sitesSplitter"))
    first.close()
    second = _open(qtbot, demo_db, settings)             # the Sites tab is never built
    second.close()
    third = _open(qtbot, demo_db, settings)
    third.tabs.setCurrentWidget(third.sites_tab)
    assert _same_shares(third.sites_tab.findChild(QSplitter, "sitesSplitter").sizes(), left)
    third.close()


def test_a_dialog_opens_at_the_size_it_was_left(qtbot, window):
    seen = []

    def resize_and_close(dialog) -> None:
        seen.append(dialog.size())
        dialog.resize(dialog.width() - 90, dialog.height() - 60)
        dialog.reject()

    def look(dialog) -> None:
        seen.append(dialog.size())
        dialog.reject()

    for act in (resize_and_close, look):
        when_modal(act, must_close=True)
        window.attendee_menu_actions.act_organizations.trigger()
    default, reopened = seen
    assert reopened == QSize(default.width() - 90, default.height() - 60)
    assert window.settings.value("layout/OrganizationsDialog/size") == reopened


def test_a_dialog_never_opens_larger_than_the_screen(qtbot, window):
    seen = []

    def look(dialog) -> None:
        seen.append((dialog.size(), dialog.screen().availableGeometry().size()))
        dialog.reject()

    # The first time at its own size: 820 px wide on this 800 px screen, before.
    settings = window.settings
    for kept in (None, QSize(9000, 7000)):
        if kept is not None:
            settings.setValue("layout/OrganizationsDialog/size", kept)
        when_modal(look, must_close=True)
        window.attendee_menu_actions.act_organizations.trigger()
    assert len(seen) == 2
    for size, screen in seen:
        assert size.width() <= screen.width() and size.height() <= screen.height()


def test_every_table_of_the_tabs_keeps_its_columns(qtbot, demo_db, settings, qt_language):
    first = _open(qtbot, demo_db, settings)
    tables = {}
    for tab in [first.attendees, *_tabs(first)]:
        first.tabs.setCurrentWidget(tab)
        for view in tab.findChildren(QTableView):
            if view.objectName() and hasattr(view.model(), "columns"):
                view.setColumnWidth(0, 211)
                view.horizontalHeader().moveSection(1, 2)       # the second column third
                tables[view.objectName()] = view.horizontalHeader().logicalIndex(2)
    assert {"attendeeTable", "itemTable", "siteTable", "roomTable", "roomingTable",
            "requestTable", "giftTable"} <= tables.keys()
    # The lodging tab's and the gifts' columns fit what they show, stay by stay: not kept.
    for fitted in ("roomTable", "roomingTable", "giftTable"):
        del tables[fitted]
    first.close()
    second = _open(qtbot, demo_db, settings)
    for tab in [second.attendees, *_tabs(second)]:
        second.tabs.setCurrentWidget(tab)
        for view in tab.findChildren(QTableView):
            if view.objectName() in tables:
                assert view.columnWidth(0) == 211, view.objectName()
                assert view.horizontalHeader().logicalIndex(2) == tables[view.objectName()]
    second.close()


def test_attendee_columns_kept_by_the_last_version_come_back(qtbot, demo_db, settings,
                                                             qt_language):
    """Before layout_memory the attendee table's columns were kept under "attendees/"."""
    first = _open(qtbot, demo_db, settings)
    first.tabs.setCurrentWidget(first.attendees)
    table = first.attendee_table
    table.setColumnWidth(0, 277)
    columns = ",".join(c.key for c in first.attendee_model.columns)
    settings.setValue("attendees/header", table.horizontalHeader().saveState())
    settings.setValue("attendees/columns", columns)
    first.close()
    for key in settings.allKeys():                       # as the last version left the file
        if key.startswith("layout/attendeeTable"):
            settings.remove(key)
    second = _open(qtbot, demo_db, settings)
    second.tabs.setCurrentWidget(second.attendees)
    assert second.attendee_table.columnWidth(0) == 277
    second.close()
    assert settings.value("layout/attendeeTable/columns") == columns


def test_a_damaged_or_foreign_layout_is_ignored(qtbot, demo_db, settings, qt_language):
    """A settings file edited by hand, or left by a version with other panes and columns."""
    from PySide6.QtCore import QByteArray

    settings.setValue("layout/itinerarySplitter", ["wide", "narrow"])
    settings.setValue("layout/sitesSplitter", [100, 200, 300])           # one pane too many
    settings.setValue("layout/lodgingSplitter", [-5, 0])
    settings.setValue("layout/siteTable/header", QByteArray(b"\x00garbage"))
    settings.setValue("layout/siteTable/columns", "name,nothing_else")
    settings.setValue("layout/itemTable/header", QByteArray(b"\x00garbage"))
    settings.setValue("layout/itemTable/columns", "")
    settings.setValue("layout/meetingPages", "the third")
    win = _open(qtbot, demo_db, settings)
    for tab in _tabs(win):                      # each builds and shows with its defaults
        win.tabs.setCurrentWidget(tab)
        qtbot.wait(10)
        for splitter in tab.findChildren(QSplitter):
            if splitter.isVisible():
                assert all(size > 0 for size in splitter.sizes()), splitter.objectName()
    assert win.sites_tab.table.columnWidth(0) > 0
    assert win.meetings_tab.pages.currentIndex() == 0
    win.close()


def test_the_meetings_page_left_open_is_open_again(qtbot, demo_db, settings, qt_language):
    first = _open(qtbot, demo_db, settings)
    first.tabs.setCurrentWidget(first.meetings_tab)
    first.meetings_tab.pages.setCurrentWidget(first.meetings_tab.gifts)
    first.close()
    second = _open(qtbot, demo_db, settings)
    second.tabs.setCurrentWidget(second.meetings_tab)
    qtbot.wait(10)
    assert second.meetings_tab.pages.currentWidget() is second.meetings_tab.gifts
    assert second.meetings_tab.gifts.isVisible()
    second.close()


def test_the_mission_list_divider_is_kept_as_every_other(qtbot, demo_db, settings, qt_language):
    """It was kept as window/splitter until this version: that is read once, then replaced."""
    first = _open(qtbot, demo_db, settings, sized=True)
    room = sum(first.splitter.sizes())
    first.splitter.setSizes([333, room - 333])
    state = first.splitter.saveState()
    first.close()
    settings.remove("layout/missionSplitter")
    settings.setValue("window/splitter", state)            # as the last version left the file
    widths = []
    for _session in range(2):
        win = _open(qtbot, demo_db, settings, sized=True)
        widths.append(win.splitter.sizes()[0])
        win.splitter.setSizes([280, sum(win.splitter.sizes()) - 280])
        win.close()
    assert widths == [333, 280]
    assert settings.value("window/splitter") is None
