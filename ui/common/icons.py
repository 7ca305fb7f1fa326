"""Icons: the platform theme's (freedesktop names), with our own drawings under resources/icons
where the theme has none (Windows, macOS, a bare desktop)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

BUNDLED = Path(__file__).resolve().parents[2] / "resources" / "icons"


@cache
def icon(theme_name: str, bundled: str) -> QIcon:
    """The theme's icon `theme_name`, else resources/icons/`bundled`.svg."""
    return QIcon.fromTheme(theme_name, QIcon(str(BUNDLED / f"{bundled}.svg")))
