"""Openings benchmark: what bench/scale.py does not time. A tab's first show after a mission
switch (Sites, Lodging, Meetings, Overview) until painted and idle, and a dialog from the
asking to its first paint (the attendee and item dialogs, Find, Export for a receiver), each
closed again unanswered (Find reads the mission just after its first paint: its figure is the
box's coming). Then three everyday moves, until painted and idle: from each built tab to the
next, another hotel stay in Lodging, and a readiness finding about a night without a bed
followed from the Overview to its stay. At 1x (the demo), 10x and 100x; the median of the
runs, and its ratio to a bare dialog with a list of as many rows as the mission has
attendees, opened in the same run.
Run: `python bench/openings.py --sizes 1,10,100 --runs 5`."""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import scale  # noqa: F401  (sets the offscreen platform and the path first)
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QListWidget, QVBoxLayout, QWidget
from scale import background_timers, close_window, deferred_work, make_window, switch_mission
from scale_missions import build_scaled
from scale_timing import Timer

import i18n
from models import repository as repo
from models.demo import seed_demo
from models.store.db import open_database, read_session

TABS = ("sites_tab", "lodging_tab", "meetings_tab", "overview")


class FirstPaint(QObject):
    """ms from `start()` to the first paint of a dialog made with `main` as its parent; the
    dialog is then rejected. The dialog is caught as it is polished, just before it shows (when
    it is added, it is not yet a QDialog). Only `main`'s own events and the new dialog's pass
    through here:
    a filter on the whole application would add a Python call to each of the thousands of
    events that build and show a form."""

    def __init__(self, main: QWidget) -> None:
        super().__init__()
        self.main, self.started, self.ms = main, 0.0, None
        main.installEventFilter(self)

    def start(self) -> None:
        self.started, self.ms = time.perf_counter(), None

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ChildPolished and watched is self.main and self.started:
            child = event.child()
            if isinstance(child, QDialog):
                child.installEventFilter(self)
        elif kind == QEvent.Type.Paint and watched is not self.main and self.started:
            self.ms, self.started = (time.perf_counter() - self.started) * 1000, 0.0
            watched.removeEventFilter(self)
            QTimer.singleShot(0, watched.reject)
        return False


def bare_dialog(app: QApplication, rows: int, runs: int) -> list[float]:
    """The baseline: a dialog holding a list of `rows` lines, from its making to first paint."""
    main = QWidget()
    painted, out = FirstPaint(main), []
    for n in range(runs + 1):
        painted.start()
        dialog = QDialog(main)
        QVBoxLayout(dialog).addWidget(QListWidget())
        dialog.findChild(QListWidget).addItems([f"Family{r} Given{n}" for r in range(rows)])
        dialog.exec()
        if n and painted.ms is not None:
            out.append(painted.ms)
        dialog.deleteLater()
    app.processEvents()
    return out


def measure(timer: Timer, app: QApplication, db, settings, target: int, other: int,
            runs: int) -> dict[str, list[float]]:
    window = make_window(db, settings)
    with read_session(db.engine) as session:
        pid = repo.list_attendees(session, mission_id=target)[5].participant_id
        item_id = repo.list_items(session, mission_id=target)[7].id
    switch_mission(window, target)
    timer(window, lambda: None)
    painted = FirstPaint(window)
    dialogs = {"attendee dialog": lambda: window.attendee_actions.edit(pid),
               "item dialog": lambda: window.item_actions.edit(item_id),
               "Find (Ctrl+K)": window._open_find,
               "Export for a receiver": window.file_actions.act_export_for.trigger}
    out: dict[str, list[float]] = {}
    for n in range(runs + 1):             # round 0 imports and warms caches: not counted
        for tab in TABS:
            window.tabs.setCurrentWidget(window.attendees)
            switch_mission(window, other)
            timer(window, lambda: None)
            switch_mission(window, target)
            timer(window, lambda: None)
            page = getattr(window, tab)
            ms = timer(window, lambda p=page: window.tabs.setCurrentWidget(p))
            if n:
                out.setdefault(f"{tab.removesuffix('_tab')} tab, first show", []).append(ms)
        window.tabs.setCurrentWidget(window.itinerary)
        timer(window, lambda: None)
        for name, ask in dialogs.items():
            painted.start()
            ask()
            timer(window, lambda: None)
            if n and painted.ms is not None:
                out.setdefault(name, []).append(painted.ms)
    everyday(timer, window, runs, out)
    window.removeEventFilter(painted)
    close_window(window)
    app.processEvents()
    return out


def everyday(timer: Timer, window, runs: int, out: dict[str, list[float]]) -> None:
    """The built tabs in turn, another stay, a finding to its place: `runs` of each."""
    from models import findings as F

    pages = [window.overview, window.attendees, window.itinerary, window.sites_tab,
             window.lodging_tab, window.meetings_tab]
    for page in pages:                    # built and up to date, untimed
        timer(window, lambda p=page: window.tabs.setCurrentWidget(p))
    for n in range(runs):
        page = pages[n % len(pages)]
        out.setdefault("next built tab", []).append(
            timer(window, lambda p=page: window.tabs.setCurrentWidget(p)))
    stays = window.lodging_tab.stay_list
    timer(window, lambda: window.tabs.setCurrentWidget(window.lodging_tab))
    count = stays.count()
    for n in range(runs if count > 1 else 0):
        row = (n + 1) % count
        out.setdefault("another hotel stay", []).append(
            timer(window, lambda r=row: stays.setCurrentRow(r)))
    nights = [f for f in window.readiness_panel.findings if f.kind == F.NO_LODGING]
    for n in range(runs if nights else 0):
        timer(window, lambda: window.tabs.setCurrentWidget(window.overview))
        night = nights[n % len(nights)]
        out.setdefault("a finding to its stay", []).append(
            timer(window, lambda f=night: window.readiness.go_to(f)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100", help="comma-separated from 1, 10, 100")
    parser.add_argument("--runs", type=int, default=5, help="counted runs per figure")
    args = parser.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",")})
    if not set(sizes) <= {1, 10, 100} or args.runs < 1:
        parser.error("--sizes from 1, 10, 100; --runs at least 1")
    for fact in scale.machine():
        print(fact, flush=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    timer = Timer(app, background_timers, deferred_work)
    i18n.set_language("en")
    with tempfile.TemporaryDirectory(prefix="kakehashi-openings-") as name:
        tmp = Path(name)
        settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
        for factor in sizes:
            scale.progress(f"building {factor}x")
            db = open_database(tmp / f"openings-{factor}x.db")
            demo_id = seed_demo(db.engine)
            big_id, _built = build_scaled(db.engine, factor)
            target, other = (demo_id, big_id) if factor == 1 else (big_id, demo_id)
            with read_session(db.engine) as session:
                people = repo.mission_counts(session, mission_id=target)["attendees"]
            scale.progress(f"{factor}x: openings")
            figures = measure(timer, app, db, settings, target, other, args.runs)
            base = statistics.median(bare_dialog(app, people, args.runs))
            db.dispose()
            print(f"\n{factor}x ({people} attendees); baseline, a bare dialog with a list of "
                  f"{people} rows opened: {base:.1f} ms")
            for figure, times in figures.items():
                median = statistics.median(times)
                print(f"  {figure:32s} {median:7.1f} ms  x{median / base:5.1f} of the baseline"
                      f"  (min {min(times):.1f})")
    print(f"load after: {scale.load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
