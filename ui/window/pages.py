"""The main window's tabs, some of them built when first wanted: a tab that only a few days of
planning need (sites, lodging, meetings) is neither imported nor built before the first
paint, but the moment it is shown, or the window or a test asks for it by name.

The tab widget holds a holder for such a page; `indexOf`, `setCurrentWidget`, `currentWidget`
and `widget` take and give the page itself, so the rest of the window (and the tests) never
see the holders."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget


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
        # Qt lays the tab bar out again on every call, the same text included, and the tab
        # widget answers with a repaint of the shown page: each readiness run (its count in
        # "Overview (n)") repainted the whole page, 7 ms at 200 attendees.
        if self.tabText(index) != text:
            super().setTabText(index, text)
