"""What the user arranged, kept between sessions: where each named splitter of a tab or dialog
stands, and the size a dialog was last left at.

Keys are "layout/" and the splitter's object name (each is unique in the app; unnamed ones are
not kept), or "layout/" and the dialog's class. A splitter keeps its panes' sizes and gets them
back in proportion once it has its own size: a tab is built, and a dialog made, before it is
laid out, and sizes given then would be stretched by the layout that follows. A dialog keeps
its size, not its place: Qt centres it on the window, which may have moved since. A tab is
restored when it is built and saved as the window closes; a dialog restored as it opens and
saved each time it ends.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt
from PySide6.QtWidgets import QDialog, QSplitter, QWidget

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


def _size_key(dialog: QDialog) -> str:
    return f"{PREFIX}{type(dialog).__name__}/size"


def remember(settings: QSettings, dialog: QDialog) -> QDialog:
    """Open `dialog` at the size and splitter places it was last left at (within the screen it
    opens on), and keep them whenever it ends."""
    size = settings.value(_size_key(dialog))
    if isinstance(size, QSize) and size.isValid():
        parent = dialog.parentWidget()
        screen = (parent or dialog).screen()
        dialog.resize(size.boundedTo(screen.availableGeometry().size()))
    restore_splitters(settings, dialog)

    def keep(_result: int) -> None:
        settings.setValue(_size_key(dialog), dialog.size())
        save_splitters(settings, dialog)

    dialog.finished.connect(keep)
    return dialog
