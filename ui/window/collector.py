"""Python's cycle collections between interactions, in the GUI thread.

Left to itself, the collector runs inside whatever allocation crosses its threshold: in the
middle of a mission switch or a tab's first paint, walking what the last readiness run left young
(at 2,000 attendees 10 to 30 ms a collection, an eighth of a switch); and in whichever thread
allocates, the sync's server thread too, where it may free a Qt object outside the GUI thread.
The window instead checks once a second, from its event loop, whether a collection is due, and
runs it there, as pyqtgraph's util/garbage_collector.py does. The automatic collector stays on
with a far higher threshold, a safety net for long work that never returns to the event loop.
"""

from __future__ import annotations

import gc
import time
from collections import deque

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1_000
SAFETY_FACTOR = 100   # the automatic first-generation threshold, times the usual one
_active: list[IdleCollector] = []   # at most one: a second would raise the threshold again


class IdleCollector(QObject):
    """Runs the collections due, by Python's own thresholds, each time its timer fires."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        for other in list(_active):
            other.close()
        _active.append(self)
        self.thresholds = gc.get_threshold()
        first, *older = self.thresholds
        gc.set_threshold(first * SAFETY_FACTOR, *older)
        self.spent: deque[float] = deque(maxlen=100)   # ms of each collection: benchmarks
        self.timer = QTimer(self, objectName="idleCollector", interval=interval_ms)
        self.timer.timeout.connect(self.collect_due)
        self.timer.start()

    def collect_due(self) -> int | None:
        """The oldest generation due, collected with the younger ones; None when none is."""
        counts = gc.get_count()
        generation = None
        for gen, (count, threshold) in enumerate(zip(counts, self.thresholds, strict=True)):
            if count <= threshold:
                break
            generation = gen
        if generation is None or not gc.isenabled():    # a models.collection_pause block
            return None
        started = time.perf_counter()
        gc.collect(generation)
        self.spent.append((time.perf_counter() - started) * 1000)
        return generation

    def close(self) -> None:
        """Back to Python's own collections."""
        self.timer.stop()
        if self in _active:
            _active.remove(self)
            gc.set_threshold(*self.thresholds)
