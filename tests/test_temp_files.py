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


def test_a_ledger_entry_the_full_disk_failed_is_not_left_behind(root, tmp_path, monkeypatch):
    def full(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(private_temp.os, "fsync", full)
    assert private_temp.track(tmp_path / ".~out-1.tmp") is None
    assert list((root / "exports").glob("*")) == []


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


def test_a_disk_filling_up_inside_the_zip_prints_no_warning_later(root, tmp_path, capfd,
                                                                   monkeypatch):
    """openpyxl's half-made zip file writes again when collected: no "Exception ignored"
    traceback may reach stderr after the user was told the disk is full. The disk is made to
    fill up by the file object (a real full disk cannot be made here without root mounts)."""
    import errno
    import gc

    from openpyxl import Workbook

    from documents.workbook import save as save_module

    class Filling:
        def __init__(self, file):
            self.file, self.n = file, 0

        def write(self, data):
            self.n += len(data)
            if self.n > 4000:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.file.write(data)

        def __getattr__(self, name):
            return getattr(self.file, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

    real_fdopen = save_module.os.fdopen
    monkeypatch.setattr(save_module.os, "fdopen", lambda fd, mode, **kw: Filling(
        real_fdopen(fd, mode)) if mode == "w+b" else real_fdopen(fd, mode, **kw))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    for i in range(3000):
        ws.append([f"TK{i:07d}", "x" * 40])
    with _no_unraisable():
        with pytest.raises(ExportError) as caught:
            save_atomically(wb.save, tmp_path / "full.xlsx", private=True)
        gc.collect()
    assert caught.value.kind == "disk_full"
    err = capfd.readouterr().err
    assert "Exception ignored" not in err and "Traceback" not in err
    assert list(tmp_path.glob(".~*")) == []


class _no_unraisable:
    """Fail on any exception Python could only print ("Exception ignored in ...")."""

    def __enter__(self):
        import sys

        self.seen, self.before = [], sys.unraisablehook
        sys.unraisablehook = self.seen.append
        return self

    def __exit__(self, *exc):
        import sys

        sys.unraisablehook = self.before
        assert not self.seen, [str(u.exc_value) for u in self.seen]
