"""Test setup: Qt offscreen, real SQLite files in temp folders, English unless a test switches."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

import i18n  # noqa: E402
from models.demo import seed_demo  # noqa: E402
from models.store.db import open_database  # noqa: E402


@pytest.fixture(autouse=True)
def english():
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def empty_db(tmp_path):
    db = open_database(tmp_path / "kakehashi.db")
    yield db
    db.dispose()


@pytest.fixture
def demo_db(empty_db):
    seed_demo(empty_db.engine)
    return empty_db


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def qt_language(qapp, settings):
    from i18n.qt import QtLanguage

    language = QtLanguage(qapp, settings)
    yield language
    # Back to English while Qt still listens, so the app font and translators are reset too
    # (the autouse `english` fixture runs after this one has closed).
    i18n.set_language("en")
    language.close()


@pytest.fixture
def window(qtbot, demo_db, settings, qt_language):
    from ui.window.main_window import MainWindow

    win = MainWindow(demo_db, settings)
    qtbot.addWidget(win)
    win.resize(1200, 700)
    win.show()
    qtbot.waitExposed(win)
    win.readiness.flush()        # the checks run just after the first paint; the tests read them
    return win


def run_main(*args: str, env: dict | None = None, tmp_path: Path | None = None):
    """Run main.py as a user would, in a child process; returns the CompletedProcess."""
    import subprocess

    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    full_env.pop("KAKEHASHI_DB", None)  # never the developer's own database
    full_env.update(env or {})
    if tmp_path is not None:
        full_env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
        full_env.setdefault("KAKEHASHI_LOG_DIR", str(tmp_path / "log"))
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, env=full_env, timeout=120, cwd=ROOT)
