"""How often a change of tab and the Itinerary's first show paint the window (issue 10): once,
not again when the layouts they set off have settled. Real window on the demo, offscreen; the
paints are counted by a filter on the main window alone, over a wait longer than Qt's own
delayed adjustments (a combo box adjusts its width 20 ms after its entries change)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QStyle, QStyleOptionComboBox

import i18n
from models import repository as repo
from models.duplicate import duplicate_mission
from models.store.db import read_session, write_session
from tests.dialogs import when_modal

TABS = ("overview", "attendees", "itinerary", "sites_tab", "lodging_tab", "meetings_tab")
SETTLE_MS = 80


class Paints(QObject):
    """The rectangles of the main window's paint events."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window, self.rects = window, []
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())
        return False

    def whole(self) -> list:
        """The paints of the whole page or more (a status line's redraw is not counted)."""
        page = self.window.tabs.geometry()
        return [r for r in self.rects if r.width() >= page.width() - 4
                and r.height() >= page.height() - 4]


def _built(window, qtbot) -> Paints:
    for name in TABS:                        # every tab built and up to date
        window.tabs.setCurrentWidget(getattr(window, name))
        qtbot.wait(SETTLE_MS)
    return Paints(window)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_change_between_built_tabs_paints_the_window_once(window, qtbot, language):
    i18n.set_language(language)
    paints = _built(window, qtbot)
    # Each tab to the next and back, as Ctrl+Tab and Ctrl+Shift+Tab go.
    for second in [*TABS[1:], *reversed(TABS[:-1])]:
        paints.rects.clear()
        window.tabs.setCurrentWidget(getattr(window, second))
        qtbot.wait(SETTLE_MS)
        # Qt's own layouts, left to the event loop, painted most of these switches two to
        # four times.
        assert len(paints.whole()) == 1, (second, paints.rects)


def test_the_itinerarys_first_show_after_a_mission_switch_paints_the_page_once(window, qtbot):
    demo = window.mission_id
    with write_session(window.db.engine) as session:
        other = duplicate_mission(session, mission_id=demo, new_code="HKD-ALB-2027",
                                  new_start=date(2027, 9, 27), copy_people=False)
    window.reload_missions(select_id=other, switch=True)
    paints = _built(window, qtbot)
    for mission in (demo, other, demo):
        window.tabs.setCurrentWidget(window.attendees)
        window.reload_missions(select_id=mission, switch=True)
        qtbot.wait(SETTLE_MS)
        paints.rects.clear()
        window.tabs.setCurrentWidget(window.itinerary)
        qtbot.wait(SETTLE_MS)
        # The day box widened itself after the first paint, and the window was painted whole
        # again (the table alone may still be drawn a second time).
        assert len(paints.whole()) == 1, (mission, paints.rects)
        assert window.itinerary.days[0].year == (2027 if mission == other else 2026)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_day_box_shows_every_day_in_full(window, qtbot, language):
    i18n.set_language(language)
    window.tabs.setCurrentWidget(window.itinerary)
    qtbot.wait(SETTLE_MS)
    combo = window.itinerary.findChild(QComboBox, "dayCombo")
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    metrics = combo.fontMetrics()
    texts = [combo.itemText(n) for n in range(combo.count())]
    assert len(texts) == len(window.itinerary.days) + 1 >= 3
    assert texts[0] == ("全日程" if language == "ja" else "All days")
    widest = max(metrics.boundingRect(text).width() for text in texts)
    assert combo.width() >= combo.sizeHint().width()
    assert widest <= field.width() <= widest + metrics.horizontalAdvance("XX")


def test_another_hotel_stay_and_a_finding_that_leads_to_one_paint_no_more_than_they_change(
        window, qtbot):
    from models import findings as F

    paints = _built(window, qtbot)
    lodging = window.lodging_tab
    window.tabs.setCurrentWidget(lodging)
    assert lodging.stay_list.count() >= 2
    for row in (1, 0, 1):
        qtbot.wait(SETTLE_MS)
        paints.rects.clear()
        lodging.stay_list.setCurrentRow(row)
        qtbot.wait(SETTLE_MS)
        # The stay's new texts asked the tab widget for a layout, and it repainted the page.
        assert paints.rects and not paints.whole(), (row, paints.rects)
        assert lodging.current_stay().item_id == \
            lodging.stay_list.item(row).data(Qt.ItemDataRole.UserRole)
    finding = next(f for f in window.readiness_panel.findings if f.kind == F.NO_LODGING)
    window.tabs.setCurrentWidget(window.overview)
    qtbot.wait(SETTLE_MS)
    paints.rects.clear()
    assert window.readiness.go_to(finding)
    qtbot.wait(SETTLE_MS)
    assert window.tabs.currentWidget() is lodging
    assert lodging.current_stay().item_id == finding.item_id
    assert len([r for r in paints.rects if r.height() > 200]) == 1, paints.rects


def test_a_new_count_of_findings_repaints_the_tab_bar_not_the_page(window, qtbot):
    paints = _built(window, qtbot)
    window.tabs.setCurrentWidget(window.attendees)
    qtbot.wait(SETTLE_MS)
    panel, bar = window.readiness_panel, window.tabs.tabBar()
    found = list(panel.findings)
    assert found
    for shown in (found[:1], found * 30, found):      # one, three digits, and back
        paints.rects.clear()
        panel.set_findings(shown)                     # as a run of the checks ends
        window.readiness.counted.emit(len(shown))
        qtbot.wait(SETTLE_MS)
        assert window.tabs.tabText(0) == f"Overview ({len(shown)})"
        # The tab bar takes the title's new width, and only it is drawn again.
        assert bar.geometry().width() == bar.sizeHint().width()
        assert paints.rects and not paints.whole(), paints.rects
        assert all(r.height() <= bar.height() + 2 for r in paints.rects), paints.rects


class DialogPaints(QObject):
    """The rectangles of the paint events of each dialog shown, with the dialog."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[QDialog, object]] = []
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QDialog):
            self.seen.append((watched, event.rect()))
        return False

    def close(self) -> None:
        QApplication.instance().removeEventFilter(self)


@pytest.mark.parametrize("which", ["attendee", "item"])
def test_a_dialog_paints_its_form_once_as_it_opens(window, qtbot, which):
    """The form's fields ask for a layout once more as the dialog is first painted; the scroll
    area answered with a new layout of its bars and painted the whole form again."""
    with read_session(window.db.engine) as session:
        pid = repo.list_attendees(session, mission_id=window.mission_id)[2].participant_id
        item_id = repo.list_items(session, mission_id=window.mission_id)[3].id
    open_it = {"attendee": lambda: window.attendee_actions.edit(pid),
               "item": lambda: window.item_actions.edit(item_id)}[which]
    paints, form = DialogPaints(), []

    def look(dialog):
        qtbot.wait(SETTLE_MS)
        form.append(dialog.scroll.geometry())
        dialog.reject()

    try:
        when_modal(look, must_close=True)
        open_it()
    finally:
        paints.close()
    whole = [r for _d, r in paints.seen if r.width() >= form[0].width() - 4
             and r.height() >= form[0].height() - 4]
    assert len(whole) == 1, whole


def test_messages_shown_after_the_first_paint_still_grow_the_scrolled_form(qtbot):
    """The scroll area skips a layout only when the form asks for the size it asked before."""
    from ui.attendees.attendee_dialog import AttendeeDialog

    dialog = AttendeeDialog([], mission_end=date(2026, 12, 13), countries={"US"})
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.width(), 420)                    # a short screen: the form scrolls
    qtbot.wait(SETTLE_MS)
    bar = dialog.scroll.verticalScrollBar()
    before = bar.maximum()
    assert before > 0
    dialog.fields["email"].setText("not an address")
    dialog.fields["phone"].setText("call me")
    dialog.date_of_birth.setText("2/30/1990")
    dialog.accept()                                       # refused: three messages appear
    qtbot.wait(SETTLE_MS)
    assert dialog.isVisible() and bar.maximum() > before
    shown = [e for e in dialog.errors.values() if e.isVisible()]
    assert len(shown) >= 3
    lowest = max(shown, key=lambda e: e.mapTo(dialog.scroll.widget(), e.rect().bottomLeft()).y())
    dialog.scroll.ensureWidgetVisible(lowest)             # the last one can be scrolled to
    qtbot.wait(SETTLE_MS)
    assert dialog.scroll.viewport().rect().contains(
        lowest.mapTo(dialog.scroll.viewport(), lowest.rect().center()))
