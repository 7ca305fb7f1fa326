"""What the user arranged, kept between sessions: where each named splitter of a tab or dialog
stands, each named table's columns (widths, order, sort), the page open in each named set of
pages (the Meetings tab's), and the size a dialog was last left at.

- Keys are "layout/" and the splitter's, table's or pages' object name (each is unique in the app;
  unnamed ones are not kept), or "layout/" and the dialog's class.
- A table's columns are kept with their keys and come back only to the same columns: a version
  that adds one starts from its defaults. Tables that fit their columns to what they show (the
  lodging tab's, for each stay; the gifts) keep their order and sort, and fit again.
- A splitter keeps its panes' sizes and gets them back in proportion once it has its own size:
  a tab is built, and a dialog made, before it is laid out, and sizes given then would be
  stretched by the layout that follows.
- A dialog keeps its size, not its place: Qt centres it on the window, which may have moved.
- A tab is restored when it is built and saved as the window closes; a dialog is restored as
  it opens and saved each time it ends.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QSize, Qt
from PySide6.QtWidgets import QDialog, QSplitter, QTableView, QTabWidget, QWidget

PREFIX = "layout/"


def _splitters(widget: QWidget) -> list[QSplitter]:
    found = widget.findChildren(QSplitter)
    if isinstance(widget, QSplitter):
        found.insert(0, widget)
    return [s for s in found if s.objectName()]


def _saved_sizes(settings: QSettings, splitter: QSplitter) -> list[int] | None:
    value = settings.value(PREFIX + splitter.objectName())
    if not isinstance(value, (list, tuple)) or len(value) != splitter.count():
        return None                                # never kept, or a pane was added since
    try:
        sizes = [max(0, int(v)) for v in value]
    except (TypeError, ValueError):
        return None
    return sizes if sum(sizes) > 0 else None


def _apply(splitter: QSplitter, sizes: list[int]) -> None:
    """The sizes scaled to the room the splitter has now (a collapsed pane stays collapsed)."""
    extent = (splitter.width() if splitter.orientation() == Qt.Orientation.Horizontal
              else splitter.height())
    room = extent - splitter.handleWidth() * (splitter.count() - 1)
    if room <= 0:
        return
    total = sum(sizes)
    splitter.setSizes([round(s * room / total) for s in sizes])


class _UntilDrawn(QObject):
    """Gives a splitter its kept sizes at each resize until it is first drawn: its layout may
    size it more than once (a splitter inside another), and the last size before the paint is
    the one the user sees. From then on a resize is the user's, spread as Qt spreads it."""

    def __init__(self, splitter: QSplitter, sizes: list[int]) -> None:
        super().__init__(splitter)
        self.sizes = sizes
        splitter.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            _apply(watched, self.sizes)
        elif event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self.deleteLater()
        return False


def restore_splitters(settings: QSettings, widget: QWidget) -> None:
    for splitter in _splitters(widget):
        sizes = _saved_sizes(settings, splitter)
        if sizes is not None:
            _apply(splitter, sizes)
            _UntilDrawn(splitter, sizes)


def save_splitters(settings: QSettings, widget: QWidget) -> None:
    for splitter in _splitters(widget):
        if sum(splitter.sizes()) > 0:              # never laid out: nothing the user moved
            settings.setValue(PREFIX + splitter.objectName(), splitter.sizes())


def _column_keys(view: QTableView) -> str | None:
    """The keys of a RowTableModel's columns, joined (None: a table of another kind)."""
    columns = getattr(view.model(), "columns", None)
    return ",".join(c.key for c in columns) if columns else None


def _tables(widget: QWidget) -> list[QTableView]:
    return [t for t in widget.findChildren(QTableView)
            if t.objectName() and _column_keys(t) is not None]


_RESTORED = "layoutRestored"   # a table that restored itself (what it keeps besides comes after)


def restore_table(settings: QSettings, view: QTableView, key: str | None = None) -> None:
    """The columns as kept under `key` (by default the table's name), if they are the same."""
    view.setProperty(_RESTORED, True)
    key = key or PREFIX + view.objectName()
    header, state = view.horizontalHeader(), settings.value(f"{key}/header")
    if (isinstance(state, QByteArray) and not state.isEmpty()
            and settings.value(f"{key}/columns") == _column_keys(view)):
        header.restoreState(state)
        # restoreState sets the sort arrow without sorting; make the rows agree with it (a
        # table in a fixed order, such as the rooming list night by night, stays in it).
        if view.isSortingEnabled():
            view.sortByColumn(header.sortIndicatorSection(), header.sortIndicatorOrder())


def save_table(settings: QSettings, view: QTableView, key: str | None = None) -> None:
    key = key or PREFIX + view.objectName()
    settings.setValue(f"{key}/header", view.horizontalHeader().saveState())
    settings.setValue(f"{key}/columns", _column_keys(view))


def _pages(widget: QWidget) -> list[QTabWidget]:
    return [p for p in widget.findChildren(QTabWidget) if p.objectName()]


def restore_layout(settings: QSettings, widget: QWidget) -> None:
    """The splitters, tables and pages of a tab just built, or of a dialog about to open."""
    restore_splitters(settings, widget)
    for view in _tables(widget):
        if not view.property(_RESTORED):
            restore_table(settings, view)
    for pages in _pages(widget):
        try:
            index = int(settings.value(PREFIX + pages.objectName(), -1))
        except (TypeError, ValueError):
            continue
        if 0 <= index < pages.count():
            pages.setCurrentIndex(index)


def save_layout(settings: QSettings, widget: QWidget) -> None:
    save_splitters(settings, widget)
    for view in _tables(widget):
        save_table(settings, view)
    for pages in _pages(widget):
        settings.setValue(PREFIX + pages.objectName(), pages.currentIndex())


def _size_key(dialog: QDialog) -> str:
    return f"{PREFIX}{type(dialog).__name__}/size"


def remember(settings: QSettings, dialog: QDialog) -> QDialog:
    """Open `dialog` at the size and splitter places it was last left at (within the screen it
    opens on), and keep them whenever it ends."""
    size = settings.value(_size_key(dialog))
    if not (isinstance(size, QSize) and size.isValid()):
        # Its own first size, if it sets one (one that Qt works out at show fits already).
        size = dialog.size() if dialog.testAttribute(Qt.WidgetAttribute.WA_Resized) else None
    if size is not None:
        screen = (dialog.parentWidget() or dialog).screen()
        dialog.resize(size.boundedTo(screen.availableGeometry().size()))
    restore_layout(settings, dialog)

    def keep(_result: int) -> None:
        settings.setValue(_size_key(dialog), dialog.size())
        save_layout(settings, dialog)

    dialog.finished.connect(keep)
    return dialog
