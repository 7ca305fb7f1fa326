"""Shared by the tests of the readiness panel, Sites, Lodging and duplicating: the day they run
on, since the demo mission's visitor-list deadlines and findings depend on it."""

from __future__ import annotations

from datetime import date

from ui.common import clock

# The day the expectations were written for: the Albany list (due Nov 26) is overdue, the
# Rapidus list (due Nov 16) cleared, three findings open.
DEMO_TODAY = date(2026, 11, 27)


def fix_today(monkeypatch, window, day: date = DEMO_TODAY) -> None:
    monkeypatch.setattr(clock, "today", lambda: day)
    window.show_mission(window.mission_id)       # every view reads the day again
    window.readiness.refresh()
