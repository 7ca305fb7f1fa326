"""No personal data in any error path (issue 13 item 1): every verb is made to fail on a real
damaged file or a real failing write, the window too, and everything they printed, logged or
showed is searched for every passport number and date of birth of the demo mission."""

from __future__ import annotations

import shutil
import sqlite3
import sys
from datetime import date

import pytest
from openpyxl import Workbook
from PySide6.QtWidgets import QMessageBox

from models import redaction
from models.attendees import get_attendee
from models.store.db import open_database, read_session
from models.store.errors import StorageError
from tests.conftest import run_main
from tests.dialogs import when_modal
from ui.window import crash


def sensitive_values(path) -> list[str]:
    """Every passport number, date of birth and visa entry of the file, in the spellings an
    error would use (ISO, Python's repr, Excel's yyyy/mm/dd, US order, compact)."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT passport_number, date_of_birth, visa_type FROM person")
        rows = rows.fetchall()
    values = []
    for number, born, visa in rows:
        values += [v for v in (number, visa) if v and len(v) >= 5]
        if born:
            d = date.fromisoformat(born[:10])
            values += [d.isoformat(), repr(d).replace("datetime.", ""), d.strftime("%Y/%m/%d"),
                       d.strftime("%m/%d/%Y"), d.strftime("%Y%m%d")]
    assert len(values) > 20, "the demo has passports and birth dates"
    return values


def leaks(text: str, values: list[str]) -> list[str]:
    folded = text.casefold()
    return [v for v in values if v.casefold() in folded]


def damage_people(path) -> None:
    """Overwrite the person table's pages with noise, as a failing disk would: the schema and
    the missions stay readable, reading or writing a person fails with "malformed"."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='person'").fetchone()[0]
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(bytes([0x0D]) + b"\xff" * (page_size - 1))


def roster_with_passports(path, values_from_demo: list[str]):
    wb = Workbook()
    ws = wb.active
    ws.append(["Family name", "Given name", "E-mail", "Passport number", "Date of birth"])
    ws.append(["Newcomer", "Nina", "nina@example.jp", "ZX9876543", "1981-02-03"])
    ws.append(["Other", "Olaf", "olaf@example.jp", values_from_demo[0], "1979-05-06"])
    wb.save(path)
    return path


@pytest.fixture
def damaged(tmp_path, db_templates):
    path = tmp_path / "kakehashi.db"
    shutil.copy(db_templates["demo"], path)
    values = sensitive_values(path) + ["ZX9876543", "1981-02-03"]
    damage_people(path)
    return path, values


@pytest.mark.slow   # each verb is a child process
def test_every_verb_on_a_damaged_file_says_so_without_personal_data(tmp_path, damaged):
    path, values = damaged
    roster = roster_with_passports(tmp_path / "roster.xlsx", values)
    runs = [("missions",), ("readiness", "HKD-ALB-2026"), ("check",),
            ("export", "HKD-ALB-2026", "--out", str(tmp_path / "out.xlsx")),
            ("export", "HKD-ALB-2026", "--person", "x@example.jp", "--out",
             str(tmp_path / "p.xlsx")),
            ("import-attendees", "HKD-ALB-2026", str(roster)),
            ("import-attendees", "HKD-ALB-2026", str(roster), "--dry-run"),
            ("backup", "--out", str(tmp_path / "copy.db"))]
    for args in runs:
        result = run_main(*args, "--db", str(path), tmp_path=tmp_path)
        said = result.stdout + result.stderr
        assert "Traceback" not in said, (args, said)
        assert result.returncode in (0, 1), (args, said)
        assert not leaks(said, values), (args, leaks(said, values))
    for log in (tmp_path / "log").glob("*"):
        assert not leaks(log.read_text(encoding="utf-8"), values), log
    failing = run_main("readiness", "HKD-ALB-2026", "--db", str(path), tmp_path=tmp_path)
    assert failing.returncode == 1 and "damaged" in failing.stderr


def test_a_failing_write_during_an_import_quotes_no_value(tmp_path, db_templates):
    # A trigger that calls a function SQLite does not have: the INSERT of each new person
    # fails inside the write, with its passport number and birth date as parameters.
    path = tmp_path / "kakehashi.db"
    shutil.copy(db_templates["demo"], path)
    values = sensitive_values(path) + ["ZX9876543", "1981-02-03"]
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TRIGGER boom BEFORE INSERT ON person BEGIN "
                     "SELECT no_such_function(NEW.passport_number, NEW.date_of_birth); END")
    roster = roster_with_passports(tmp_path / "roster.xlsx", values)
    result = run_main("import-attendees", "HKD-ALB-2026", str(roster), "--db", str(path),
                      tmp_path=tmp_path)
    said = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in said, said
    assert "could not be saved" in said
    assert not leaks(said, values)


def test_the_redactor_knows_the_open_files_values_by_value_not_by_shape(demo_db):
    redaction.learn_database(demo_db.engine)
    odd = "C01X00T47"        # a passport no shape rule knows: one letter, digits, letters
    with read_session(demo_db.engine) as session:
        person = get_attendee(session, participant_id=1).person
    from models.attendees import AttendeeData, update_attendee
    from models.store.db import write_session

    with write_session(demo_db.engine) as session:
        update_attendee(session, participant_id=1, data=AttendeeData(
            person=person | {"passport_number": odd}))
    text = f"failed with ('{odd}', '{odd.lower()}', 'AB123456') passport no. QQ12345"
    out = redaction.redact(text)
    assert odd not in out and odd.lower() not in out
    assert "QQ12345" not in out            # a token right after a passport word
    for value in sensitive_values(demo_db.path):
        assert value.casefold() not in redaction.redact(f"row: {value};").casefold()


def test_the_window_shows_failures_as_messages_without_personal_data(qtbot, window, demo_db,
                                                                    tmp_path, monkeypatch):
    monkeypatch.setenv("KAKEHASHI_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    values = sensitive_values(demo_db.path)
    seen: list[str] = []

    def read(box):
        seen.append(box.text() + "\n" + box.informativeText())
        box.button(QMessageBox.StandardButton.Ok).click()

    # 1. A write that fails in SQLite: shown as a message, not a traceback.
    with sqlite3.connect(demo_db.path) as conn:
        conn.execute("CREATE TRIGGER boom BEFORE UPDATE ON person BEGIN "
                     "SELECT no_such_function(NEW.passport_number); END")
    from models.attendees import AttendeeData
    from ui.attendees.commands import EditAttendee

    with read_session(demo_db.engine) as session:
        before = get_attendee(session, participant_id=1)
    after = AttendeeData(person=before.person | {"notes": "changed"},
                         organization_id=before.organization_id,
                         role=before.role, status=before.status)
    when_modal(read)
    assert window.run_command(EditAttendee(demo_db.engine, window.events, 1, 1, before,
                                           after)) is False
    # 2. An error no one foresaw, quoting every value, reaches the crash report.
    hook = crash.install_excepthook(lambda: window)
    when_modal(read)
    try:
        raise RuntimeError("bug: " + ", ".join(values))
    except RuntimeError:
        hook(*sys.exc_info())
    # 3. A storage error reaching the hook is worded, not SQLite's text.
    when_modal(read)
    try:
        raise StorageError("raw")
    except StorageError:
        hook(*sys.exc_info())
    crash.shutdown_logging()
    assert len(seen) == 3 and "could not be saved" in seen[0]
    for text in seen:
        assert not leaks(text, values), leaks(text, values)
    logged = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "logs").glob("*"))
    assert "RuntimeError" in logged and not leaks(logged, values)


def test_a_reopened_file_teaches_the_redactor_its_values(tmp_path, db_templates):
    path = tmp_path / "k.db"
    shutil.copy(db_templates["demo"], path)
    redaction.forget_all()
    db = open_database(path)
    try:
        values = sensitive_values(path)
        assert all(value.casefold() not in redaction.redact(value).casefold()
                   for value in values)
    finally:
        db.dispose()
