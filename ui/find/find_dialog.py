"""The Find box: type any part of any name, pick with the arrow keys and Enter, and the window
goes to it (the attendee, item, stay, site, or the attendees of an organization)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from i18n import N_, _, ngettext, pick
from i18n.formatting import format_datetime
from models.search import Findable, findables
from models.store.db import read_session
from ui.common import retranslate
from ui.common.context import Context, Target
from ui.common.dialogs import discard
from ui.common.layout_memory import remember
from ui.find.find_index import FindIndex

KIND_WORDS = {"person": N_("Attendee"), "item": N_("Item"), "stay": N_("Hotel stay"),
              "site": N_("Site"), "organization": N_("Organization")}


def target_of(entry: Findable) -> Target:
    if entry.kind == "person":
        return Target("person", participant_id=entry.id)
    if entry.kind == "site":
        return Target("site", site_id=entry.id)
    if entry.kind == "organization":
        return Target("organization", text=pick(entry.name_en, entry.name_ja)[0])
    return Target(entry.kind, item_id=entry.id)


class FindDialog(QDialog):
    """`index`: what to search, or how to make it. Made, it is read once the dialog has first
    painted (at 2,000 attendees and 3,000 items that is about 100 ms, and the box is there to
    type in at once), or at the first search if that comes sooner."""

    def __init__(self, index: FindIndex | Callable[[], FindIndex],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("findDialog")
        self._index, self._make = (index, None) if isinstance(index, FindIndex) else (None, index)
        self.query = QLineEdit(objectName="findQuery")
        self.query.setClearButtonEnabled(True)
        self.results = QListWidget(objectName="findResults")
        self.results.setUniformItemSizes(True)
        self.count = QLabel(objectName="findCount")
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.count)
        self.query.textChanged.connect(self.search)
        self.query.installEventFilter(self)
        self.query.returnPressed.connect(self.accept)
        self.results.itemActivated.connect(lambda _item: self.accept())
        self.resize(self.fontMetrics().horizontalAdvance("x") * 90,
                    self.fontMetrics().lineSpacing() * 24)
        self.chosen: Findable | None = None
        self._shown: list[Findable] = []
        retranslate.register(self)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Find"))
        self.query.setPlaceholderText(_("Find attendees, items, hotels, sites, organizations…"))
        self.search(self.query.text())

    def _made(self) -> FindIndex:
        if self._index is None:
            self._index, self._make = self._make(), None
        return self._index

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._make is not None:           # once painted: the next pass of the loop reads
            QTimer.singleShot(0, self, self._read)     # (not at all if closed and deleted)

    def _read(self) -> None:
        if self._make is not None and self.isVisible():
            self._made()

    def search(self, text: str) -> None:
        found, total = self._made().search(text) if text.strip() else ([], 0)
        self._shown = found
        self.results.setUpdatesEnabled(False)
        self.results.clear()
        for entry in found:
            name, _fallback = pick(entry.name_en, entry.name_ja)
            other = entry.name_ja if name == entry.name_en else entry.name_en
            detail = [_(KIND_WORDS[entry.kind])]
            if entry.when is not None:
                detail.append(format_datetime(entry.when, entry.zone))
            if other and other != name:
                detail.append(other)
            self.results.addItem(QListWidgetItem(f"{name}    — {' · '.join(detail)}"))
        if found:
            self.results.setCurrentRow(0)
        self.results.setUpdatesEnabled(True)
        if not text.strip():
            self.count.setText(_("Type any part of a name, in English or Japanese."))
        elif total > len(found):
            self.count.setText(_("The first {shown} of {total} found.").format(
                shown=len(found), total=total))
        else:
            self.count.setText(ngettext("{n} found", "{n} found", total).format(n=total))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The arrow keys move in the results while the typing stays in the box.
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown,
                               Qt.Key.Key_PageUp):
                self.results.keyPressEvent(event)
                return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        row = self.results.currentRow()
        if 0 <= row < len(self._shown):
            self.chosen = self._shown[row]
            super().accept()


def open_find(ctx: Context) -> bool:
    """Ask what to find in the current mission and go to it; True when something was shown."""
    mission_id = ctx.mission_id()
    if mission_id is None:
        return False
    def index() -> FindIndex:
        with read_session(ctx.engine) as session:
            return FindIndex(findables(session, mission_id=mission_id))

    dialog = remember(ctx.settings, FindDialog(index, ctx.parent))
    try:
        if not dialog.exec() or dialog.chosen is None:
            return False
        return ctx.reveal([target_of(dialog.chosen)])
    finally:
        discard(dialog)
