"""Screenshots of the main window in English and Japanese for the README:
`python -m ui.window.screenshots OUTDIR` (offscreen works; fonts-noto-cjk gives the Japanese
glyphs)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import i18n
from i18n.qt import QtLanguage
from models.demo import seed_demo
from models.store.db import open_database
from ui.window.main_window import MainWindow

SHOTS = (("overview", 0), ("attendees", 1), ("itinerary", 2), ("sites", 3), ("lodging", 4))


def take(outdir: Path, languages=("en", "ja"), size=(1360, 760)) -> list[Path]:
    from ui.window.app import serial_raster_fills

    serial_raster_fills()                # drawn as the app draws
    app = QApplication.instance() or QApplication(sys.argv[:1])
    outdir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        language = QtLanguage(app, settings)
        db = open_database(Path(tmp) / "shots.db")
        seed_demo(db.engine)
        window = MainWindow(db, settings)
        window.resize(*size)
        window.show()
        for code in languages:
            i18n.set_language(code)
            QTest.qWait(150)  # LanguageChange and the font change arrive as posted events
            for name, tab in SHOTS:
                window.tabs.setCurrentIndex(tab)
                page = window.tabs.currentWidget()
                table = getattr(page, "table", page)  # the Attendees tab holds its table
                if hasattr(table, "resizeColumnsToContents"):
                    table.resizeColumnsToContents()
                QTest.qWait(50)
                path = outdir / f"main-{name}-{code}.png"
                window.grab().save(str(path))
                saved.append(path)
        window.close()
        language.close()
        db.dispose()
    return saved


if __name__ == "__main__":
    for shot in take(Path(sys.argv[1] if len(sys.argv) > 1 else "resources/screenshots")):
        print(shot)
