"""Keeping a view in step with the changes it shows: at once while it is visible, otherwise when
it is next shown, so a hidden tab costs nothing on an edit and fills when first shown."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from ui.common.events import ITEM_CHANGES, ITEMS, Change


@dataclass
class Pending:
    """What a view has not caught up with yet, summed over the changes since it last reloaded.
    `ids` is None when some change named no ids (reload every row of those kinds)."""

    kinds: set[str] = field(default_factory=set)
    ids: set[int] | None = field(default_factory=set)
    everything: bool = False     # another mission, a new database, or never loaded
    language: bool = False       # texts to word again, no data to read

    def add(self, change: Change) -> None:
        if change.switched:
            self.everything = True
        self.kinds |= change.kinds
        if not change.ids:
            self.ids = None
        elif self.ids is not None:
            self.ids |= change.ids

    def needs_data(self) -> bool:
        return self.everything or bool(self.kinds)

    def item_ids(self) -> set[int] | None:
        """The items named, when every change was an item's own (events.ITEM_CHANGES, with
        ids): what a view of items reads again. None when some change was anything else."""
        if self.everything or not self.ids or ITEMS not in self.kinds \
                or not self.kinds <= ITEM_CHANGES:
            return None
        return self.ids


class Refresher(QObject):
    """Calls `reload(pending)` for the changes of `kinds` the view has missed: right away when
    the view is visible, else on its next show event. Changes to another mission than the one
    shown are not the view's."""

    def __init__(self, view: QWidget, ctx, kinds: Iterable[str],
                 reload: Callable[[Pending], None],
                 forget: Callable[[], None] | None = None):
        """`forget`, called when another mission is shown while the view is hidden, drops what
        the view's actions would otherwise act on (a row of the mission no longer shown)."""
        super().__init__(view)
        self.view, self.kinds, self.reload, self.forget = view, frozenset(kinds), reload, forget
        self.mission_id = ctx.mission_id
        self.pending: Pending | None = Pending(everything=True)
        self.reloads = 0             # how often it reloaded: tests and benchmarks read it
        ctx.events.changed.connect(self.on_change)
        view.installEventFilter(self)

    def on_change(self, change: Change) -> None:
        if not change.touches(self.kinds):
            return
        if (change.mission_id is not None and not change.switched
                and change.mission_id != self.mission_id()):
            return
        self._pending().add(change)
        if change.switched and self.forget is not None and not self.view.isVisible():
            self.forget()
        self._flush_if_visible()

    def language(self) -> None:
        """Word its texts again in the new language (hidden: when next shown)."""
        self._pending().language = True
        self._flush_if_visible()

    def flush(self) -> None:
        """Catch up now, visible or not."""
        pending, self.pending = self.pending, None
        if pending is not None:
            self.reloads += 1
            self.reload(pending)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Show:
            self.flush()
        return False

    def _pending(self) -> Pending:
        if self.pending is None:
            self.pending = Pending()
        return self.pending

    def _flush_if_visible(self) -> None:
        if self.view.isVisible():
            self.flush()
