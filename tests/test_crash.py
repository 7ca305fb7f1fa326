"""The log file and the crash report: private files, personal data redacted, a dialog that names
the log, and a hook that never fails itself."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from models.demo import load_demo
from tests.conftest import ROOT, run_main
from tests.dialogs import when_modal
from tests.test_window import switch_language
from ui.window import crash

POSIX = os.name == "posix"
PASSPORT, BIRTH = "TK1234567", "1975-04-12"


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    folder = tmp_path / "logs"
    monkeypatch.setenv("KAKEHASHI_LOG_DIR", str(folder))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    yield folder
    crash.shutdown_logging()


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def raise_and_hook(hook, message: str) -> None:
    try:
        raise ValueError(message)
    except ValueError:
        hook(*sys.exc_info())


@pytest.mark.parametrize("text", [
    "passport TK1234567", "旅券番号ＴＫ１２３４５６７です", "US A12345678 or 123456789",
    "born 1975-04-12", "born 1975/04/12", "04/12/1975", "1975年4月12日", "昭和50年4月12日",
    "Sat, Apr 12, 1975", "datetime.date(1975, 4, 12)", "('TK1234567', '1975-04-12')",
])
def test_passport_numbers_and_dates_are_redacted(text):
    redacted = crash.redact(text)
    assert "[redacted]" in redacted
    assert not any(token in redacted for token in ("1234567", "12345678", "1975", "50年"))


def test_ordinary_log_text_is_kept():
    text = "Opened /tmp/k.db; mission HKD-ALB-2026 id=42, Qt 6.11.3, 1234567890 bytes"
    assert crash.redact(text) == text


def test_the_log_file_and_folder_are_private_and_stay_private_when_rotated(log_dir,
                                                                          monkeypatch):
    monkeypatch.setattr(crash, "MAX_BYTES", 2_000)
    path = crash.setup_logging()
    assert path == (log_dir / "kakehashi.log").absolute() and crash.log_file() == path
    assert crash.setup_logging() == path  # idempotent: one handler, not two
    for i in range(100):
        logging.getLogger("kakehashi.test").info("line %d of filler text", i)
    rotated = log_dir / "kakehashi.log.1"
    assert rotated.exists() and len(list(log_dir.iterdir())) <= 1 + crash.BACKUPS
    if POSIX:
        assert mode(log_dir) == 0o700
        assert mode(path) == mode(rotated) == 0o600


def test_records_from_any_logger_are_redacted_in_the_file(log_dir):
    path = crash.setup_logging()
    logging.getLogger("sqlalchemy.engine").warning("params %s", (PASSPORT, BIRTH))
    logging.getLogger("kakehashi.test").info("passport %s", PASSPORT)
    text = path.read_text(encoding="utf-8")
    assert "params ('[redacted]', '[redacted]')" in text
    assert PASSPORT not in text and BIRTH not in text


def test_the_hook_logs_a_redacted_traceback_and_the_dialog_names_the_log(qtbot, window,
                                                                         log_dir, capfd):
    hook = crash.install_excepthook(lambda: window)
    assert sys.excepthook is hook
    seen = {}

    def look(box):
        seen.update(title=box.windowTitle(), text=box.text(), info=box.informativeText(),
                    parent=box.parent(), critical=box.icon() == QMessageBox.Icon.Critical)
        box.button(QMessageBox.StandardButton.Ok).click()

    when_modal(look)
    raise_and_hook(hook, f"bad row: passport {PASSPORT}, born {BIRTH}")
    log_path = crash.log_file()
    assert seen["critical"] and seen["parent"] is window
    assert seen["title"] == "Unexpected error"
    assert "ValueError: bad row: passport [redacted], born [redacted]" in seen["text"]
    assert "saved up to your last completed action" in seen["info"]
    assert str(log_path) in seen["info"]
    text = log_path.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "raise_and_hook" in text
    assert "ValueError: bad row: passport [redacted], born [redacted]" in text
    assert PASSPORT not in text and BIRTH not in text
    assert PASSPORT not in capfd.readouterr().err  # the copy on stderr is redacted too
    if POSIX:
        assert mode(log_path) == 0o600


def test_the_dialog_follows_the_language(qtbot, window, log_dir):
    switch_language(qtbot, window, "ja")
    hook = crash.install_excepthook(lambda: window)
    seen = {}

    def look(box):
        seen["title"] = box.windowTitle()
        box.accept()

    when_modal(look)
    raise_and_hook(hook, "boom")
    switch_language(qtbot, window, "en")  # the app font is process-wide: leave it English
    assert seen["title"] == "予期しないエラー"


def test_an_error_while_the_dialog_is_open_is_logged_without_a_second_dialog(qtbot, window,
                                                                            log_dir):
    hook = crash.install_excepthook(lambda: window)
    boxes = []

    def look(box):
        boxes.append(box)
        raise_and_hook(hook, "second error")  # would block here if it opened another dialog
        box.accept()

    when_modal(look)
    raise_and_hook(hook, "first error")
    assert len(boxes) == 1
    text = crash.log_file().read_text(encoding="utf-8")
    assert "first error" in text and "second error" in text


def test_a_failing_window_getter_still_reports(qtbot, log_dir):
    def broken():
        raise RuntimeError("no window")

    hook = crash.install_excepthook(broken)
    seen = {}
    when_modal(lambda box: (seen.setdefault("parent", box.parent()), box.accept()))
    raise_and_hook(hook, "boom")
    assert seen == {"parent": None}


def test_the_hook_before_any_qapplication_logs_and_exits_without_hanging(tmp_path):
    code = ("from ui.window.crash import install_excepthook\n"
            "install_excepthook(lambda: None)\n"
            f"raise RuntimeError('passport {PASSPORT}')\n")
    env = dict(os.environ, KAKEHASHI_LOG_DIR=str(tmp_path / "logs"), QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, cwd=ROOT, timeout=60)
    assert result.returncode == 1
    assert "RuntimeError: passport [redacted]" in result.stderr and PASSPORT not in result.stderr
    log_text = (tmp_path / "logs" / "kakehashi.log").read_text(encoding="utf-8")
    assert "RuntimeError: passport [redacted]" in log_text


def test_the_window_title_never_holds_a_passport_number(qtbot, window):
    passports = [p["passport_number"] for p in load_demo()["people"] if p.get("passport_number")]
    assert PASSPORT in passports
    for code in ("ja", "en"):  # ending in English: the app font is process-wide
        switch_language(qtbot, window, code)
        title = window.windowTitle()
        assert "HKD-ALB-2026" in title
        assert crash.redact(title) == title
        assert not any(p in title for p in passports)


def test_a_window_session_logs_start_open_and_close_without_personal_data(tmp_path):
    logs = tmp_path / "logs"
    result = run_main("--db", str(tmp_path / "k.db"), "--smoke-test", tmp_path=tmp_path,
                      env={"KAKEHASHI_LOG_DIR": str(logs)})
    assert result.returncode == 0, result.stderr
    text = (logs / "kakehashi.log").read_text(encoding="utf-8")
    for event in ("Starting (", f"Opened {tmp_path / 'k.db'}", f"Closed {tmp_path / 'k.db'}"):
        assert event in text
    people = load_demo()["people"]
    secrets = [p[k] for p in people for k in ("passport_number", "email") if p.get(k)]
    assert secrets and not any(s in text for s in secrets)
