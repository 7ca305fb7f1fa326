"""The main window's tabs, some of them built when first wanted: a tab that only a few days of
planning need (sites, lodging, meetings) is neither imported nor built before the first
paint, but the moment it is shown, or the window or a test asks for it by name.

The tab widget holds a holder for such a page; `indexOf`, `setCurrentWidget`, `currentWidget`
and `widget` take and give the page itself, so the rest of the window (and the tests) never
see the holders."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QStackedWidget,
    QStyle,
    QStyleOptionTabWidgetFrame,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

# Rounds enough for the layouts a change of tab sets off to settle: each round's changes of
# geometry ask for the next (page, tab widget, splitter, main window and back down). Twelve
# settled every switch between the six tabs; a round with nothing to do costs a microsecond.
_LAYOUT_ROUNDS = 16


class _Holder(QWidget):
    """Stands in the tab widget for a page until the page is built, then holds it."""

    def __init__(self, build: Callable[[QWidget], QWidget]):
        super().__init__()
        self._build: Callable[[QWidget], QWidget] | None = build
        self.page: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def built(self) -> QWidget:
        if self.page is None:
            build, self._build = self._build, None
            # Made inside its holder: it measures its texts in the window's font, which a
            # widget without a parent would not have (the Japanese one, say).
            self.page = build(self)
            self.layout().addWidget(self.page)
            if self.isVisible():    # at once, not queued: it reads its rows as it shows
                self.page.show()
        return self.page

    def showEvent(self, event) -> None:
        self.built()
        super().showEvent(event)


class PageTabs(QTabWidget):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.currentChanged.connect(_lay_out_now)
        self._stack = self.findChild(QStackedWidget, "qt_tabwidget_stackedwidget")

    def event(self, event) -> bool:
        # Qt answers every layout request with a layout of the tab bar and the page and a
        # repaint of the whole page. A page asks for one whenever its size hints change (a
        # label's new text), and the tab bar whenever a title does ("Overview (n)" after a
        # run of the checks): selecting a hotel stay, or a finding that leads to one, and each
        # new count of findings repainted the window. When the page stays where the style puts
        # it (and so does the frame around it), the tab bar is put in its place and only the
        # parent is told.
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible():
            option = QStyleOptionTabWidgetFrame()
            self.initStyleOption(option)
            style = self.style()
            page = style.subElementRect(QStyle.SubElement.SE_TabWidgetTabContents, option, self)
            if page == self._stack.geometry():
                self.tabBar().setGeometry(style.subElementRect(
                    QStyle.SubElement.SE_TabWidgetTabBar, option, self))
                self.updateGeometry()
                return True
        return super().event(event)

    def add_page(self, page: QWidget) -> None:
        self.addTab(page, "")

    def add_lazy(self, build: Callable[[QWidget], QWidget]) -> _Holder:
        """A tab whose page `build(parent)` makes when first shown or asked for
        (`holder.built()`)."""
        holder = _Holder(build)
        self.addTab(holder, "")
        return holder

    def is_built(self, index: int) -> bool:
        found = super().widget(index)
        return not isinstance(found, _Holder) or found.page is not None

    def _tab_widget(self, page: QWidget | None) -> QWidget | None:
        if page is None or isinstance(page, _Holder):
            return page
        holder = page.parentWidget()
        return holder if isinstance(holder, _Holder) and holder.page is page else page

    def indexOf(self, page: QWidget) -> int:
        return super().indexOf(self._tab_widget(page))

    def setCurrentWidget(self, page: QWidget) -> None:
        super().setCurrentWidget(self._tab_widget(page))

    def widget(self, index: int) -> QWidget | None:
        found = super().widget(index)
        return found.built() if isinstance(found, _Holder) else found

    def currentWidget(self) -> QWidget | None:
        return self.widget(self.currentIndex())

    def setTabText(self, index: int, text: str) -> None:
        # QTabWidget.setTabText lays the tab bar and the page out and repaints the whole
        # page, the same text included: each run of the checks (its count in "Overview (n)")
        # repainted the window, 6 ms at 200 attendees. The tab bar's own asks for a layout
        # request, which event() answers by moving the tab bar alone.
        if self.tabText(index) != text:
            self.tabBar().setTabText(index, text)


def _lay_out_now(_index: int) -> None:
    """Do the layouts a change of tab asks for now, before the page is painted. Left to the
    event loop, they ask for one another in turn, and the last ones come after the first
    paint: Qt then paints the window a second time (any QTabWidget in a QMainWindow does it),
    every widget but the cells of the tables. For a switch between two built tabs at 200
    attendees, that second paint was a third to a half of the time."""
    for _round in range(_LAYOUT_ROUNDS):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
