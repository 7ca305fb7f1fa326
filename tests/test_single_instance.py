"""Two starts on one database: the second brings the first forward and exits; two databases open
side by side; a crashed instance does not lock its database out; two writing processes wait for
each other instead of failing with "database is locked"."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDir

from models import repository as repo
from models.store.db import open_database, read_session
from tests.conftest import ROOT, run_main
from ui.window.single_instance import OWNER, SingleInstance, bring_to_front, server_name

ALREADY_OPEN = "Kakehashi is already open on this database; switched to that window."


def child_env(tmp_path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               KAKEHASHI_LOG_DIR=str(tmp_path / "logs"))
    env.pop("KAKEHASHI_DB", None)
    return env


def start_main(tmp_path, *args: str) -> subprocess.Popen:
    """main.py in a child process that runs while this one keeps processing Qt events."""
    return subprocess.Popen([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT,
                            env=child_env(tmp_path), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def finish(qtbot, proc: subprocess.Popen, timeout_ms: int = 60_000) -> tuple[int, str, str]:
    try:
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=timeout_ms)
    finally:
        if proc.poll() is None:
            proc.kill()
    out, err = proc.communicate()
    return proc.returncode, out, err


@pytest.fixture
def first(qapp, tmp_path):
    guard = SingleInstance(tmp_path / "k.db")
    yield guard
    guard.close()


def test_a_second_start_on_the_same_database_activates_the_first_and_exits(qtbot, tmp_path,
                                                                          first):
    assert first.claim() == OWNER
    asked = []
    first.activate_requested.connect(lambda: asked.append(True))
    started = time.monotonic()
    code, out, err = finish(qtbot, start_main(tmp_path, "--db", str(tmp_path / "k.db")))
    assert code == 0, err
    assert out.strip() == ALREADY_OPEN
    assert asked == [True]
    assert time.monotonic() - started < 30
    assert not (tmp_path / "k.db").exists()  # the second start never opened the database


def test_the_request_brings_a_minimized_window_forward(qtbot, window, tmp_path, first):
    assert first.claim() == OWNER
    first.activate_requested.connect(lambda: bring_to_front(window))
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    code, _out, err = finish(qtbot, start_main(tmp_path, "--db", str(tmp_path / "k.db")))
    assert code == 0, err
    qtbot.waitUntil(lambda: not window.isMinimized() and window.isVisible())


def test_another_spelling_of_the_same_path_is_the_same_database(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    assert server_name("k.db") == server_name(tmp_path / "sub" / ".." / "k.db")
    assert server_name(tmp_path / "k.db") != server_name(tmp_path / "other.db")


def test_a_different_database_is_not_blocked(qtbot, tmp_path, first):
    assert first.claim() == OWNER
    other = SingleInstance(tmp_path / "other.db")
    try:
        assert other.claim() == OWNER
    finally:
        other.close()
    result = run_main("--db", str(tmp_path / "third.db"), "--smoke-test", tmp_path=tmp_path,
                      env={"KAKEHASHI_LOG_DIR": str(tmp_path / "logs")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].isdigit()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_name_left_by_a_crashed_instance_is_recovered(qtbot, tmp_path):
    db = tmp_path / "k.db"
    crashed = start_main(tmp_path, "--db", str(db))  # the window, with no smoke test: it waits
    log = tmp_path / "logs" / "kakehashi.log"
    try:
        qtbot.waitUntil(lambda: log.exists() and f"Opened {db}" in log.read_text(), timeout=60_000)
    finally:
        crashed.send_signal(signal.SIGKILL)
        crashed.communicate()
    if os.name == "posix":  # the socket file is still there: this start must get past it
        assert (Path(QDir.tempPath()) / server_name(db)).exists()
    result = run_main("--db", str(db), "--smoke-test", tmp_path=tmp_path,
                      env={"KAKEHASHI_LOG_DIR": str(tmp_path / "logs")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].isdigit()  # it opened the window itself
    guard = SingleInstance(db)  # and, having closed, left the name free
    try:
        assert guard.claim() == OWNER
    finally:
        guard.close()


@pytest.mark.slow  # the second start waits out its 5 s for an answer
def test_an_owner_that_does_not_answer_is_reported(tmp_path, first):
    assert first.claim() == OWNER  # this process runs no event loop while the child asks
    result = run_main("--db", str(tmp_path / "k.db"), "--smoke-test", tmp_path=tmp_path,
                      env={"KAKEHASHI_LOG_DIR": str(tmp_path / "logs")})
    assert result.returncode == 1
    assert "already open on this database but does not respond" in result.stderr
    assert not (tmp_path / "k.db").exists()


WRITER = """
import sys
from models import repository as repo
from models.store.db import open_database, read_session, write_session
db = open_database(sys.argv[1])
print("READY", flush=True)
sys.stdin.readline()
for i in range(200):
    with write_session(db.engine) as session:
        repo.list_organizations(session)  # a read first: the lock is already ours (IMMEDIATE)
        repo.create_organization(session, name_en=f"{sys.argv[2]}-{i}")
    with read_session(db.engine) as session:
        repo.list_missions(session)
db.dispose()
print("DONE", flush=True)
"""


def test_two_processes_writing_at_once_never_see_database_is_locked(tmp_path):
    path = tmp_path / "k.db"
    db = open_database(path)  # created and migrated before the writers race
    with read_session(db.engine) as session:
        before = len(repo.list_organizations(session))
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), name], cwd=ROOT,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for name in ("A", "B")]
    try:
        for w in writers:
            assert w.stdout.readline().strip() == "READY", w.stderr.read()
        for w in writers:  # both start together
            w.stdin.write("go\n")
            w.stdin.flush()
        results = [w.communicate(timeout=120) for w in writers]
    finally:
        for w in writers:
            if w.poll() is None:
                w.kill()
    for w, (out, err) in zip(writers, results, strict=True):
        assert w.returncode == 0 and out.strip() == "DONE", err
        assert "locked" not in err
    with read_session(db.engine) as session:
        assert len(repo.list_organizations(session)) == before + 400
    db.dispose()
