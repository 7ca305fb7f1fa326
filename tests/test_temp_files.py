"""Temporary files cannot outlive their work (issue 13 item 2): the exports' temporary file is
removed on failure and swept at the next start, every library's temporary files go to a private
owner-only folder of ours, and a killed export leaves nothing anywhere."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

from documents.workbook.save import ExportError, save_atomically
from models.store import private_temp
from tests.export_kill import export_kill_loop


@pytest.fixture
def root(tmp_path, monkeypatch):
    folder = tmp_path / "private"
    monkeypatch.setenv("KAKEHASHI_TEMP_DIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", tempfile.tempdir)
    yield folder
    private_temp.release()


def test_the_private_folder_is_owner_only_takes_every_temp_file_and_goes_at_the_end(root):
    folder = private_temp.claim()
    assert folder.parent == root and stat.S_IMODE(root.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    with tempfile.NamedTemporaryFile() as f:      # as openpyxl's write-only sheets do
        assert Path(f.name).parent == folder
    private_temp.release()
    assert not folder.exists() and tempfile.gettempdir() != str(folder)


def test_the_start_sweeps_what_ended_processes_left(root, tmp_path):
    dead = _dead_pid()
    stale = root / f"{dead}-abc"
    stale.mkdir(parents=True)
    (stale / "openpyxl.xml").write_text("TK1234567")
    beside = tmp_path / ".~roster-1-ab.tmp"
    beside.write_text("TK1234567")
    (root / "exports").mkdir()
    (root / "exports" / f"{dead}-0.txt").write_text(str(beside))
    live = root / f"{os.getpid()}-mine"
    live.mkdir()
    private_temp.claim()
    assert not stale.exists() and not beside.exists()
    assert live.exists()                     # a running process's folder is left alone
    assert list((root / "exports").iterdir()) == []


def test_a_failed_export_removes_its_temp_file_and_its_ledger_entry(root, tmp_path):
    target = tmp_path / "out.xlsx"

    def broken(out):
        out.write(b"half a workbook, TK1234567")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError) as caught:
        save_atomically(broken, target, private=True)
    assert caught.value.kind == "disk_full"
    assert list(tmp_path.glob(".~*")) == [] and not target.exists()
    assert not any((root / "exports").glob("*")) if (root / "exports").exists() else True


def test_the_ledger_names_the_temp_file_while_it_is_written(root, tmp_path):
    seen = {}

    def write(out):
        entries = list((root / "exports").glob("*.txt"))
        seen["named"] = [Path(e.read_text()).name for e in entries]
        seen["beside"] = [p.name for p in tmp_path.glob(".~*.tmp")]
        out.write(b"data")

    save_atomically(write, tmp_path / "done.xlsx", private=False)
    assert seen["named"] == seen["beside"] and len(seen["named"]) == 1
    assert list((root / "exports").glob("*.txt")) == []


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")
def test_exports_killed_ten_times_leave_the_old_or_the_new_file_and_nothing_else(
        tmp_path, demo_db):
    demo_db.dispose()
    result = export_kill_loop(demo_db.path, tmp_path / "work", kills=10, seed=13)
    assert result.problems == []
    assert result.killed == 10 and result.mid_write >= 1, result


def _dead_pid() -> int:
    pid = 999_999
    while True:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return pid
        except PermissionError:
            pass
        pid -= 1
