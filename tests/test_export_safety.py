"""What the export must never do: run a formula someone typed as a name, leave half a file, or
overwrite a file it should not."""

from __future__ import annotations

import errno
import os
import stat
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from documents.workbook import ExportCancelled, ExportError, export_mission
from documents.workbook import save as save_module
from models import repository as repo
from models.demo import DEMO_CODE
from models.store.db import write_session
from models.times import from_local
from tests.test_export import export_demo, rows

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)

FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\r=1",
            "＝1+1"]


def _injection_mission(engine) -> None:
    with write_session(engine) as s:
        mission = repo.create_mission(s, code="INJ-1", title_en="=1+1", title_ja="",
                                      start_date=date(2026, 12, 7), end_date=date(2026, 12, 9),
                                      home_tz="Asia/Tokyo")
        org = repo.create_organization(s, name_en="@SUM(1,2)")
        for n, text in enumerate(FORMULAS):
            person = repo.create_person(s, family_name=text, given_name="", title_en="-1",
                                        email=f"p{n}@x.example", organization_id=org,
                                        dietary="=cmd|' /C calc'!A0")
            repo.add_participant(s, mission_id=mission, person_id=person, role="delegate",
                                 status="confirmed")
        repo.create_item(s, mission_id=mission, kind="meal", title_en="+dinner",
                         start_utc=from_local(datetime(2026, 12, 7, 18), "Asia/Tokyo"),
                         end_utc=from_local(datetime(2026, 12, 7, 20), "Asia/Tokyo"),
                         start_tz="Asia/Tokyo", end_tz="Asia/Tokyo", everyone=True)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_text_that_looks_like_a_formula_is_written_as_that_literal_text(empty_db, tmp_path,
                                                                       language):
    _injection_mission(empty_db.engine)
    path = tmp_path / "inj.xlsx"
    export_mission(empty_db.engine, code="INJ-1", path=path, language=language)
    wb = load_workbook(path)
    roster = wb.worksheets[1]
    names = [roster.cell(row=r, column=1) for r in range(3, 3 + len(FORMULAS))]
    assert sorted(c.value for c in names) == sorted(FORMULAS)
    assert '=HYPERLINK("http://x","y")' in [c.value for c in names]
    for cell in names:
        assert cell.data_type == "s" and cell.quotePrefix, repr(cell.value)
    others = [c for row in roster.iter_rows(min_row=3) for c in row
              if c.value in ("@SUM(1,2)", "-1")]
    assert len(others) == 2 * len(FORMULAS) and all(c.quotePrefix for c in others)
    assert wb.worksheets[0]["A1"].value == "=1+1"          # the mission's own title
    # Not read into dietary codes: the text goes in the note column as written, still text.
    # (The note is the last column; the caterer's own column is there only in an English
    # workbook, the Tokyo caterer's language being Japanese.)
    meal = wb.worksheets[-2]
    note_column = "E" if language == "en" else "D"
    assert meal.max_column == (5 if language == "en" else 4)
    dietary = [c for c in meal[note_column] if str(c.value).startswith("=cmd|' /C calc'!A0")]
    assert len(dietary) == len(FORMULAS) and all(c.quotePrefix for c in dietary)
    with zipfile.ZipFile(path) as z:                       # no formula anywhere in the file
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name)


def test_control_characters_that_xml_forbids_are_dropped(empty_db, tmp_path):
    _injection_mission(empty_db.engine)
    with write_session(empty_db.engine) as s:
        # PostgreSQL's text never holds NUL (it refuses it), SQLite's can.
        nul = "" if empty_db.is_server else "\x00"
        person = repo.create_person(s, family_name="Bell\x07", given_name=f"Ann{nul}\x1b")
        repo.add_participant(s, mission_id=repo.get_mission_by_code(s, code="INJ-1").id,
                             person_id=person, role="delegate", status="confirmed")
    path = tmp_path / "ctl.xlsx"
    export_mission(empty_db.engine, code="INJ-1", path=path, language="en")
    assert "Ann Bell" in [r[0] for r in rows(load_workbook(path)["Roster"])]


def _old_file(tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"the old workbook")
    return path


def _no_temp_files(folder) -> bool:
    return not [p for p in os.listdir(folder) if p.endswith(".tmp")]


def test_a_failure_mid_write_leaves_the_old_file_untouched(demo_db, tmp_path, monkeypatch):
    path = _old_file(tmp_path)

    def broken(done, total):
        if done > 100:
            raise OSError(errno.EIO, "Input/output error")

    with pytest.raises(OSError):
        export_mission(demo_db.engine, code=DEMO_CODE, path=path, language="en",
                       progress=broken)
    assert path.read_bytes() == b"the old workbook" and _no_temp_files(tmp_path)


def test_a_full_disk_while_saving_is_reported_and_the_old_file_stays(demo_db, tmp_path,
                                                                     monkeypatch):
    path = _old_file(tmp_path)

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(save_module.os, "fsync", full)
    with pytest.raises(ExportError) as info:
        export_mission(demo_db.engine, code=DEMO_CODE, path=path, language="en")
    assert info.value.kind == "disk_full" and str(path) in info.value.user_message()
    assert path.read_bytes() == b"the old workbook" and _no_temp_files(tmp_path)


def test_a_cancelled_export_leaves_no_file(demo_db, tmp_path):
    path = tmp_path / "new.xlsx"
    with pytest.raises(ExportCancelled):
        export_mission(demo_db.engine, code=DEMO_CODE, path=path, language="en",
                       progress=lambda done, total: False)
    assert not path.exists() and _no_temp_files(tmp_path)
    old = _old_file(tmp_path)
    with pytest.raises(ExportCancelled):
        export_mission(demo_db.engine, code=DEMO_CODE, path=old, language="en",
                       progress=lambda done, total: done < total)     # at the very end
    assert old.read_bytes() == b"the old workbook"


def test_progress_goes_up_to_the_total(demo_db, tmp_path):
    seen = []
    export_mission(demo_db.engine, code=DEMO_CODE, path=tmp_path / "p.xlsx", language="en",
                   progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] == seen[-1][1] > 0


def test_a_read_only_file_is_not_replaced_and_the_message_names_it(demo_db, tmp_path):
    path = _old_file(tmp_path)
    path.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        with pytest.raises(ExportError) as info:
            export_mission(demo_db.engine, code=DEMO_CODE, path=path, language="en")
        assert info.value.kind == "file_read_only"
        assert str(path) in info.value.user_message() and "read-only" in \
            info.value.user_message()
        assert path.read_bytes() == b"the old workbook"
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_file_locked_by_another_program_is_reported(demo_db, tmp_path, monkeypatch):
    path = _old_file(tmp_path)

    def locked(_src, _dst):           # what Windows does while Excel has the file open
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    monkeypatch.setattr(save_module.os, "replace", locked)
    with pytest.raises(ExportError) as info:
        export_mission(demo_db.engine, code=DEMO_CODE, path=path, language="en")
    assert info.value.kind == "file_locked" and "Excel" in info.value.user_message()
    assert path.read_bytes() == b"the old workbook" and _no_temp_files(tmp_path)


def test_a_folder_that_may_not_be_written_is_reported(demo_db, tmp_path, monkeypatch):
    real_open = save_module.os.open

    def refused(path, *args, **kwargs):
        if str(path).endswith(".tmp"):       # the export's temporary file beside the target
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(save_module.os, "open", refused)
    with pytest.raises(ExportError) as info:
        export_mission(demo_db.engine, code=DEMO_CODE, path=tmp_path / "x.xlsx", language="ja")
    assert info.value.kind == "folder_read_only"
    assert str(tmp_path) in info.value.user_message()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_real_read_only_folder_is_reported(demo_db, tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(ExportError) as info:
            export_mission(demo_db.engine, code=DEMO_CODE, path=folder / "x.xlsx",
                           language="en")
        assert info.value.kind == "folder_read_only"
    finally:
        folder.chmod(0o755)


def test_bad_targets_are_refused_before_any_work(demo_db, tmp_path):
    for target, kind in ((tmp_path, "is_folder"), (tmp_path / "x.csv", "not_xlsx"),
                         (tmp_path / "nowhere" / "x.xlsx", "folder_missing")):
        with pytest.raises(ExportError) as info:
            export_mission(demo_db.engine, code=DEMO_CODE, path=target, language="en")
        assert info.value.kind == kind


def test_a_workbook_with_passport_numbers_is_readable_by_its_owner_only(demo_db, tmp_path):
    export_demo(demo_db, tmp_path, name="full.xlsx")
    export_demo(demo_db, tmp_path, name="lean.xlsx", sensitive=False)
    if os.name == "posix":
        assert stat.S_IMODE((tmp_path / "full.xlsx").stat().st_mode) == 0o600
        assert stat.S_IMODE((tmp_path / "lean.xlsx").stat().st_mode) & 0o044
