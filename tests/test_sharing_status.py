"""The status bar's sync line in both languages, and the server thread the window's sync runs on:
jobs in turn, never on the window's thread, the window's event loop never held up."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

import i18n
from ui.sharing.server_url import libpq_password, split_password
from ui.sharing.status_text import status_line, status_tip

NOW = datetime(2026, 12, 2, 9, 40, tzinfo=UTC)


def status(**values):
    # The fields of models.sync's SyncStatus, as plain data: the words depend on nothing else.
    base = dict(server_url="postgresql://aiko@db.example.org/team", last_synced_at=None,
                offline_since=None, waiting=0, open_conflicts=0)
    return SimpleNamespace(**(base | values))


def local(hour: int, minute: int) -> datetime:
    """An instant at this wall-clock time on the laptop's own clock, on NOW's day."""
    day = NOW.astimezone().date()
    return datetime(day.year, day.month, day.day, hour, minute).astimezone()


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Synced 2 min. ago"), ("ja", "2 分前に同期済み")])
def test_synced_two_minutes_ago(language, expected):
    i18n.set_language(language)
    assert status_line(status(last_synced_at=NOW - timedelta(minutes=2)), now=NOW) == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Offline since 9:12 AM, 14 changes waiting"),
    ("ja", "9:12 からオフライン、未送信の変更 14 件")])
def test_offline_since_with_changes_waiting(language, expected):
    i18n.set_language(language)
    now = local(9, 40)
    line = status_line(status(last_synced_at=local(9, 0), offline_since=local(9, 12),
                              waiting=14), now=now)
    assert line == expected


@pytest.mark.parametrize(("language", "one", "three"), [
    ("en", "Synced just now, 1 conflict", "Synced just now, 3 conflicts"),
    ("ja", "たった今同期済み、競合 1 件", "たった今同期済み、競合 3 件")])
def test_conflicts_are_counted_in_the_line(language, one, three):
    i18n.set_language(language)
    synced = NOW - timedelta(seconds=20)
    assert status_line(status(last_synced_at=synced, open_conflicts=1), now=NOW) == one
    assert status_line(status(last_synced_at=synced, open_conflicts=3), now=NOW) == three


def test_offline_since_another_day_names_the_day():
    yesterday = local(18, 5) - timedelta(days=1)
    line = status_line(status(offline_since=yesterday), now=local(9, 40))
    assert line.startswith("Offline since ") and "6:05 PM" in line and "," in line


def test_a_running_sync_and_a_refusal_say_so_first():
    assert status_line(status(waiting=2), now=NOW, syncing=True) == "Syncing…, 2 changes waiting"
    refused = status_line(status(last_synced_at=NOW), now=NOW, error="Not allowed: x")
    assert refused == "Not synced"


def test_the_tooltip_names_the_server_never_its_password():
    tip = status_tip(status(server_url="postgresql://aiko:s3cret@db.example.org/team",
                            last_synced_at=NOW, open_conflicts=2), now=NOW)
    assert "s3cret" not in tip and "db.example.org" in tip
    assert "conflicts" in tip


def test_a_password_typed_into_the_url_is_taken_out_of_it():
    url, password = split_password("postgresql://aiko:p%40ss@db.example.org:5432/team"
                                   "?sslmode=verify-full")
    assert url == "postgresql://aiko@db.example.org:5432/team?sslmode=verify-full"
    assert password == "p@ss"
    assert split_password(url) == (url, "")


def test_the_password_reaches_libpq_only_inside_the_block(monkeypatch):
    import os

    monkeypatch.delenv("PGPASSWORD", raising=False)
    with libpq_password("Sesame-42"):
        assert os.environ["PGPASSWORD"] == "Sesame-42"
    assert "PGPASSWORD" not in os.environ


# the server thread -------------------------------------------------------------------------
def test_jobs_run_in_turn_off_the_window_thread_and_answer_on_it(qtbot):
    from ui.sharing.server_worker import ServerWorker

    worker = ServerWorker()
    window_thread = threading.get_ident()
    running, seen, answers = [0], [], []

    def work(n):
        running[0] += 1
        seen.append((n, threading.get_ident(), running[0]))
        time.sleep(0.05)
        running[0] -= 1
        return n

    for n in range(3):
        worker.submit(lambda n=n: work(n), lambda r: answers.append((r, threading.get_ident())),
                      answers.append)
    qtbot.waitUntil(lambda: len(answers) == 3, timeout=5000)
    assert [n for n, _t, _r in seen] == [0, 1, 2]
    assert all(thread != window_thread for _n, thread, _r in seen)
    assert all(at_once == 1 for _n, _t, at_once in seen)          # never two at once
    assert answers == [(0, window_thread), (1, window_thread), (2, window_thread)]
    assert worker.close()


def test_a_failing_job_reports_its_error_and_the_next_still_runs(qtbot):
    from models.store.errors import DiskFull
    from ui.sharing.server_worker import ServerWorker

    worker = ServerWorker()
    answers = []

    def fail():
        raise DiskFull()

    worker.submit(fail, answers.append, answers.append)
    worker.submit(lambda: "next", answers.append, answers.append)
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=5000)
    assert isinstance(answers[0], DiskFull) and answers[1] == "next"
    worker.close()
