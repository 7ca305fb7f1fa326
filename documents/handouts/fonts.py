"""The fonts of the handouts: a Japanese family first (so kanji never take Chinese shapes, in
an English text too), and the QGuiApplication that font look-ups need on the command line."""

from __future__ import annotations

import os
import sys
from functools import cache

from PySide6.QtGui import QFont, QGuiApplication

_app: QGuiApplication | None = None


def ensure_gui() -> None:
    """Fonts need a QGuiApplication; the command line has none, and maybe no display."""
    global _app
    if QGuiApplication.instance() is not None:
        return
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _app = QGuiApplication(["kakehashi"])


def document_font(point_size: float = 9.5) -> QFont:
    """A Japanese family first, so kanji never take Chinese shapes, also in an English text.
    A copy of one made once per size: every page's footer asks for it."""
    return QFont(_font(point_size))


@cache
def _font(point_size: float) -> QFont:
    from i18n.qt import japanese_families

    font = QFont()
    families = japanese_families()
    if families:
        font.setFamilies(families)
    font.setPointSizeF(point_size)
    # Noto Sans CJK's 'locl' swaps the digits of a Latin run for glyphs that Qt's PDF writer
    # cannot map back to text (pdftotext then reads "Dec 7, 2026" as "Dec ,"), and ligatures
    # would make "office" read as "oﬃce": both off, the page looks the same.
    for tag in ("locl", "liga"):
        font.setFeature(QFont.Tag(tag), 0)
    return font
