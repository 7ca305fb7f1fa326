"""The day the plan's views count deadlines from: today, kept in one place so that a test can
fix it (the demo mission's visitor-list deadlines are dated)."""

from __future__ import annotations

from datetime import date


def today() -> date:
    return date.today()
