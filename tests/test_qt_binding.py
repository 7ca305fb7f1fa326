"""Guards the PySide6 pin: 6.12.0 on Python 3.11 drops a reference to None on every Qt call
that returns nothing and aborts the process after a few thousand calls."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_twenty_thousand_void_qt_calls_do_not_drift_the_refcount_of_none(qapp):
    label = QLabel()
    before = sys.getrefcount(None)
    for i in range(20_000):
        label.setText("x" if i % 2 else "y")
    drift = before - sys.getrefcount(None)
    assert abs(drift) < 1_000, f"None lost {drift} references: a broken PySide6 build"
