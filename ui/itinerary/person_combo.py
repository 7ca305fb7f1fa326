"""The Itinerary's person filter: "All attendees" and the mission's people, listed only when
someone opens it, types in it or picks a person, so a tab showing everyone's items never reads
or words 2,000 names."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QComboBox, QWidget

from i18n import _


class PersonCombo(QComboBox):
    """`people()` gives the entries after the first, as (name, participant id) in their order;
    it is called when the entries are first needed after invalidate()."""

    def __init__(self, people: Callable[[], list[tuple[str, int]]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("personCombo")
        self._people = people
        self._ids: list[int | None] = [None]
        self._names = QStringListModel([""], self)
        self.setModel(self._names)
        self.stale = True            # the entries after the first are not those of now
        self.fills = 0               # how often the people were listed: tests read it
        # A width of its own: adjusting to 2,000 names would measure each one on every fill,
        # and the box would widen the moment it is first opened.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(22)
        self.setMaxVisibleItems(20)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self._names.setData(self._names.index(0), _("All attendees"))

    def invalidate(self) -> None:
        """The people or their names changed: list them again when next needed. With a person
        chosen that is now (the tab filters by them), keeping them if they are still there."""
        self.stale = True
        if self.person_id() is not None:
            self.fill()
            return
        self.blockSignals(True)
        self._ids = [None]
        self._names.removeRows(1, self._names.rowCount() - 1)
        self.setCurrentIndex(0)
        self.blockSignals(False)

    def fill(self) -> None:
        """List the people now if they are not listed; the chosen one stays chosen."""
        if not self.stale:
            return
        chosen = self.person_id()
        people = self._people()
        self.stale = False
        self.fills += 1
        self.blockSignals(True)
        self._ids = [None] + [pid for _name, pid in people]
        self._names.setStringList([_("All attendees")] + [name for name, _pid in people])
        self.setCurrentIndex(self._index_of(chosen))
        self.blockSignals(False)
        if self.person_id() != chosen:
            self.currentIndexChanged.emit(self.currentIndex())   # they are gone: everyone

    def person_id(self) -> int | None:
        index = self.currentIndex()
        return self._ids[index] if 0 <= index < len(self._ids) else None

    def set_person_id(self, participant_id: int | None) -> None:
        if participant_id is not None:
            self.fill()
        self.setCurrentIndex(self._index_of(participant_id))

    def _index_of(self, participant_id: int | None) -> int:
        try:
            return self._ids.index(participant_id)
        except ValueError:
            return 0

    # Whatever lets a person look through or step along the list lists the people first.
    def showPopup(self) -> None:
        self.fill()
        super().showPopup()

    def keyPressEvent(self, event) -> None:
        self.fill()
        super().keyPressEvent(event)

    def wheelEvent(self, event) -> None:
        self.fill()
        super().wheelEvent(event)
