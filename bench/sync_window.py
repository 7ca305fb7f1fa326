"""The window's side of a sync (issue 16), at 1x and 10x: a colleague's edits arrive, and what
the window's own thread spends on them (the answer announced, the visible roster reloaded),
next to a bare QTableView reset and painted with as many rows in the same run; and the longest
event-loop gap while the server thread pushes or pulls, next to the same loop idle.
PostgreSQL is started in a temp folder as the tests do (tests/postgres.py).
Run: `python bench/sync_window.py [--sizes 1,10] [--runs 5]`.
"""

from __future__ import annotations

import argparse
import copy
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from scale_missions import build_scaled, scale_code  # noqa: E402
from scale_timing import Timer, baseline  # noqa: E402

from models.attendees import get_attendee  # noqa: E402
from models.demo import seed_demo  # noqa: E402
from models.store.db import open_database, read_session  # noqa: E402
from models.sync import join_mission, share_mission  # noqa: E402
from tests.postgres import Server, find_bin  # noqa: E402
from ui.attendees.commands import EditAttendee  # noqa: E402
from ui.window.app import freeze_startup_objects  # noqa: E402
from ui.window.main_window import MainWindow  # noqa: E402

EDITS = 20           # attendees a colleague changed between two syncs


def quiet(window) -> None:
    sync = window.sharing.controller
    for timer in (sync.timer, sync.first, sync.after_edit, window.external.timer):
        timer.stop()
    sync.after_edit.setInterval(10 ** 8)


def open_window(path: Path, settings_path: Path, code: str) -> MainWindow:
    window = MainWindow(open_database(path), QSettings(str(settings_path),
                                                       QSettings.Format.IniFormat))
    quiet(window)
    window.resize(1360, 760)
    window.show()
    mission = next(m for m in window.missions if m.code == code)
    window.show_mission(mission.id)
    window.tabs.setCurrentWidget(window.attendees)
    QTest.qWait(50)
    return window


def edit(window, participant_id: int, n: int) -> None:
    with read_session(window.db.engine) as session:
        before = get_attendee(session, participant_id=participant_id)
    after = copy.deepcopy(before)
    after.person["title_en"] = f"Title {n}"
    window.run_command(EditAttendee(window.db.engine, window.events, window.mission_id,
                                    participant_id, before, after, ""))


def timed_sync(window) -> dict[str, float]:
    """One sync: the server thread's time, the window thread's time on the answer, and the
    longest gap between 5 ms ticks while the thread ran."""
    controller = window.sharing.controller
    ticks: list[float] = []
    timer = QTimer(interval=5, timeout=lambda: ticks.append(time.perf_counter()))
    answer: dict[str, float] = {}
    original = controller._synced

    def synced(result) -> None:
        begun = time.perf_counter()
        original(result)
        QApplication.processEvents()       # the reloads the answer started, painted
        answer["gui"] = time.perf_counter() - begun

    controller._synced = synced
    timer.start()
    started = time.perf_counter()
    controller.sync_now()
    while "gui" not in answer:
        QTest.qWait(2)
    timer.stop()
    controller._synced = original
    ended = controller.worker.last.ended
    during = [t for t in ticks if t <= ended]
    gaps = [b - a for a, b in zip([started, *during], during, strict=False)]
    return {"thread": ended - started, "gui": answer["gui"], "gap": max(gaps)}


def idle_gap() -> float:
    ticks: list[float] = []
    timer = QTimer(interval=5, timeout=lambda: ticks.append(time.perf_counter()))
    timer.start()
    QTest.qWait(300)
    timer.stop()
    return max(b - a for a, b in zip(ticks, ticks[1:], strict=False))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1,10")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    bin_dir = find_bin()
    if bin_dir is None:
        print("PostgreSQL's binaries are missing: nothing measured")
        return 1
    server = Server(bin_dir)
    server.start()
    print(f"load: {os.getloadavg()[0]:.1f} (1 min), {os.cpu_count()} cores")
    try:
        for factor in (int(s) for s in args.sizes.split(",")):
            with tempfile.TemporaryDirectory() as tmp:
                measure(Path(tmp), server, factor, args.runs, app)
    finally:
        server.stop()
    return 0


def measure(tmp: Path, server: Server, factor: int, runs: int, app) -> None:
    db = open_database(tmp / "a.db")
    seed_demo(db.engine)
    code = "HKD-ALB-2026"
    if factor > 1:
        build_scaled(db.engine, factor)
        code = scale_code(factor)
    url = server.new_database()
    share_mission(db.engine, code, url, organizer="Aiko Tanaka")
    db.dispose()
    join_mission(url, code, tmp / "b.db", organizer="Ken Sato")
    a = open_window(tmp / "a.db", tmp / "a.ini", code)
    b = open_window(tmp / "b.db", tmp / "b.ini", code)
    freeze_startup_objects()           # as the app does once its window is built
    rows = b.attendee_model.rows()
    figures: dict[str, list[float]] = {"push": [], "pull": [], "gui": [], "gap_push": [],
                                       "gap_pull": []}
    ids = [r.participant_id for r in a.attendee_model.rows()][:EDITS]
    for run in range(runs):
        for n, pid in enumerate(ids):
            edit(a, pid, run * 100 + n)
        QTest.qWait(1500)       # the readiness checks the edits started: not the sync's work
        push = timed_sync(a)
        pull = timed_sync(b)
        figures["push"].append(push["thread"])
        figures["gap_push"].append(push["gap"])
        figures["pull"].append(pull["thread"])
        figures["gap_pull"].append(pull["gap"])
        figures["gui"].append(pull["gui"])
    bare = statistics.median(baseline(Timer(app), len(rows), b.attendee_model.columnCount(),
                                      runs))
    idle = idle_gap()                     # bare: in ms, as the scale benchmark gives it
    ms = {k: statistics.median(v) * 1000 for k, v in figures.items()}
    print(f"{factor}x: {len(rows)} attendees, {EDITS} edited per sync, {runs} runs (median)")
    print(f"  server thread: push {ms['push']:.0f} ms, pull {ms['pull']:.0f} ms")
    print(f"  window thread on the answer (announce, roster reload, paint): {ms['gui']:.1f} ms"
          f" = {ms['gui'] / bare:.2f}x a bare table reset and paint ({bare:.1f} ms)")
    print(f"  longest event-loop gap while the thread ran: push {ms['gap_push']:.1f} ms, pull "
          f"{ms['gap_pull']:.1f} ms; the same loop idle: {idle * 1000:.1f} ms")
    for window in (a, b):
        window.close()
        window.db.dispose()


if __name__ == "__main__":
    sys.exit(main())
