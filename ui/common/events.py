"""The one signal hub: after a change commits, it names what changed so views reload."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class MissionEvents(QObject):
    # mission id (0 when the list of missions itself changed), and what: "mission", "deleted", ...
    changed = Signal(int, str)
