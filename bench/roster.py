"""Roster benchmark: the real window, offscreen, on a mission of 2,000 attendees: opening the
Attendees tab, sorting by name (English and Japanese), a filter keystroke, importing a
2,000-row workbook, and Find (Ctrl+F) keystrokes over the 100x mission (2,000 attendees and
its items, stays, sites), against a bare substring scan of the same names in the same run.
Run: `python bench/roster.py --runs 9`."""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from datetime import date  # noqa: E402

import PySide6  # noqa: E402
from PySide6.QtCore import QEvent, QObject, QSettings, Qt, qVersion  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import i18n  # noqa: E402
from i18n.qt import QtLanguage  # noqa: E402
from models import repository as repo  # noqa: E402
from models.attendees import AttendeeData, add_attendee  # noqa: E402
from models.store.db import open_database, write_session  # noqa: E402

ATTENDEES = 2000
FRAME_MS = 16.0      # one frame at 60 Hz: a keystroke or a sort must not drop one
IMPORT_MS = 1000.0

# (Latin, kanji, kana): enough variety that a filter matches a realistic share of the rows.
FAMILIES_JA = [("Sato", "佐藤", "サトウ"), ("Suzuki", "鈴木", "スズキ"),
               ("Takahashi", "高橋", "タカハシ"), ("Tanaka", "田中", "タナカ"),
               ("Ito", "伊藤", "イトウ"), ("Watanabe", "渡辺", "ワタナベ"),
               ("Yamamoto", "山本", "ヤマモト"), ("Nakamura", "中村", "ナカムラ"),
               ("Kobayashi", "小林", "コバヤシ"), ("Kato", "加藤", "カトウ")]
GIVEN_JA = [("Kenji", "健二", "ケンジ"), ("Yumi", "由美", "ユミ"), ("Daisuke", "大輔", "ダイスケ"),
            ("Hanako", "花子", "ハナコ"), ("Sho", "翔", "ショウ"), ("Misaki", "美咲", "ミサキ"),
            ("Takuya", "拓也", "タクヤ"), ("Sakura", "さくら", "サクラ")]
FAMILIES_US = ["Miller", "Smith", "Johnson", "Brown", "Garcia", "Davis", "Wilson", "Moore",
               "Taylor", "Anderson"]
GIVEN_US = ["Sarah", "Michael", "Laura", "James", "Emily", "Thomas", "David", "Jennifer"]
ORGANIZATIONS = [("JETRO", "日本貿易振興機構"), ("NY CREATES", ""), ("Rapidus", "ラピダス"),
                 ("Tokyo Electron", "東京エレクトロン"), ("Hokkaido Government", "北海道庁"),
                 ("Hokkaido University", "北海道大学")]
TITLES = [("Director", "部長"), ("Manager", "課長"), ("Engineer", "技術者"),
          ("Researcher", "研究員"), ("Officer", "担当")]


def person(i: int) -> dict:
    """The i-th attendee: three in five Japanese with kanji and kana, the rest American."""
    title_en, title_ja = TITLES[i % len(TITLES)]
    if i % 5 < 3:
        family, given = FAMILIES_JA[i % 10], GIVEN_JA[(i // 10) % len(GIVEN_JA)]
        return dict(family_name=family[0], given_name=given[0], family_name_ja=family[1],
                    given_name_ja=given[1], family_kana=family[2], given_kana=given[2],
                    title_en=title_en, title_ja=title_ja, email=f"p{i}@example.jp",
                    phone=f"+8190{10000000 + i:08d}", citizenship="JP")
    return dict(family_name=FAMILIES_US[i % 10], given_name=GIVEN_US[(i // 10) % len(GIVEN_US)],
                title_en=title_en, email=f"p{i}@example.com",
                phone=f"+1518{2000000 + i:07d}", citizenship="US")


def build_database(folder: Path):
    db = open_database(folder / "roster.db")
    with write_session(db.engine) as session:   # one transaction for all 2,000
        orgs = [repo.create_organization(session, name_en=en, name_ja=ja)
                for en, ja in ORGANIZATIONS]
        mission_id = repo.create_mission(
            session, code="BENCH-2000", title_en="Roster benchmark", title_ja="名簿ベンチマーク",
            start_date=date(2026, 12, 7), end_date=date(2026, 12, 14), home_tz="Asia/Tokyo")
        for i in range(ATTENDEES):
            add_attendee(session, mission_id=mission_id, data=AttendeeData(
                person=person(i), organization_id=orgs[i % len(orgs)], role="delegate",
                status="confirmed" if i % 3 else "invited"))
    return db, mission_id


class PaintWatch(QObject):
    """Counts paints of a widget, so a timing ends when the rows are on screen."""

    def __init__(self, widget):
        super().__init__()
        self.painted = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted += 1
        return False


def until_painted(app: QApplication, watch: PaintWatch) -> None:
    start = watch.painted
    for _ in range(100):
        app.processEvents()
        if watch.painted > start:
            return
    raise RuntimeError("the table was never painted")


def timed(action, app, watch) -> float:
    start = time.perf_counter()
    action()
    until_painted(app, watch)
    return (time.perf_counter() - start) * 1000


def write_workbook(path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Roster")
    ws.append(["Family name", "Given name", "姓（漢字）", "名（漢字）", "セイ", "メイ",
               "Organization", "Title", "E-mail", "Mobile", "Nationality", "Role"])
    for i in range(ATTENDEES):
        p = person(i)
        ws.append([p["family_name"], p["given_name"], p.get("family_name_ja", ""),
                   p.get("given_name_ja", ""), p.get("family_kana", ""), p.get("given_kana", ""),
                   ORGANIZATIONS[i % len(ORGANIZATIONS)][0], p["title_en"],
                   p["email"].replace("@", ".new@"), p["phone"], p["citizenship"], "delegate"])
    wb.save(path)


def bench_import(db, folder: Path, runs: int) -> list[float] | None:
    try:
        from documents.roster.apply import import_roster
        from documents.roster.reader import read_roster  # noqa: F401  (the part being timed)
    except ImportError:
        return None
    workbook = folder / "roster.xlsx"
    write_workbook(workbook)
    times = []
    for run in range(runs):
        code = f"IMPORT-{run}"
        with write_session(db.engine) as session:   # an empty mission each time: all new
            repo.create_mission(session, code=code, title_en=code, title_ja="",
                                start_date=date(2027, 1, 1), end_date=date(2027, 1, 5),
                                home_tz="America/New_York")
        start = time.perf_counter()
        report = import_roster(db.engine, code=code, path=workbook)
        times.append((time.perf_counter() - start) * 1000)
        if not report.written:
            lines = report.error_lines()
            raise RuntimeError(f"import wrote nothing: {len(lines)} errors, e.g. {lines[:3]}")
    return times


def bench_find(folder: Path, runs: int) -> dict[str, list[float]]:
    """Find over the 100x mission: opening (read + fold), then each keystroke as shown (the
    search and the dialog's list refilled), and the bare scan the search is compared with."""
    from bench.scale_missions import build_scaled
    from models.demo import seed_demo
    from models.search import findables
    from models.store.db import read_session
    from ui.find.find_dialog import FindDialog
    from ui.find.find_index import FindIndex

    db = open_database(folder / "find.db")
    seed_demo(db.engine)
    mission_id, _built = build_scaled(db.engine, 100)
    times: dict[str, list[float]] = {"find: open (read + fold)": []}
    for _ in range(runs):
        start = time.perf_counter()
        with read_session(db.engine) as session:
            index = FindIndex(findables(session, mission_id=mission_id))
        times["find: open (read + fold)"].append((time.perf_counter() - start) * 1000)
    dialog = FindDialog(index)
    typing = {"find keystroke (Latin: t..takahashi)": ["t", "ta", "tak", "takahashi"],
              "find keystroke (kana: た..たかはし)": ["た", "たか", "たかは", "たかはし"],
              "find keystroke (item: b..bus)": ["b", "bu", "bus"]}
    names = [n.casefold() for n in index._hay]          # the baseline: no fold, no rank, no list
    times["baseline: bare substring scan"] = []
    for key, texts in typing.items():
        times[key] = []
        for _ in range(runs):
            for text in texts:
                start = time.perf_counter()
                dialog.query.setText(text)
                QApplication.processEvents()
                times[key].append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                _hits = [n for n in names if text in n]
                times["baseline: bare substring scan"].append(
                    (time.perf_counter() - start) * 1000)
    print(f"find: {len(index.entries)} things to find in the 100x mission")
    dialog.deleteLater()
    db.dispose()
    return times


def bench_paste(db, mission_id: int, runs: int) -> list[float]:
    """200 rows pasted (tab-separated, with their header) until the preview is on screen."""
    from documents.roster.pasted import read_pasted
    from models.store.db import read_session
    from ui.attendees.import_dialog import ImportDialog

    lines = ["Family name\tGiven name\tFamily name (Japanese)\tGiven name (Japanese)\t"
             "Organization\tE-mail"]
    for i in range(200):
        p = person(ATTENDEES + i)
        lines.append("\t".join((p["family_name"], p["given_name"], p.get("family_name_ja", ""),
                                p.get("given_name_ja", ""), "Rapidus",
                                f"paste{i}@example.com")))
    text = "\r\n".join(lines)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        preview = read_pasted(text, title="pasted rows")
        with read_session(db.engine) as session:
            existing = repo.list_attendees(session, mission_id=mission_id)
        dialog = ImportDialog(preview, existing)
        dialog.show()
        QApplication.processEvents()
        times.append((time.perf_counter() - start) * 1000)
        assert len(preview.rows) == 200
        dialog.close()
        dialog.deleteLater()
    return times


def report(name: str, ms: list[float], goal: float | None) -> None:
    verdict = "" if goal is None else f"  goal < {goal:.0f} ms: " + (
        "MET" if statistics.median(ms) < goal else "NOT MET")
    print(f"{name:<34}{statistics.median(ms):>8.1f}{min(ms):>8.1f}{max(ms):>8.1f}{verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="repetitions per figure (default 9)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="kakehashi-roster-") as tmp:
        folder = Path(tmp)
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        language = QtLanguage(app, settings)
        i18n.set_language("en")
        db, mission_id = build_database(folder)
        from ui.window.main_window import MainWindow

        window = MainWindow(db, settings)
        window.resize(1280, 760)
        window.show()
        app.processEvents()
        tab, table = window.attendees, window.attendee_table
        watch = PaintWatch(table.viewport())
        results: dict[str, list[float]] = {}

        def open_tab() -> None:
            window.show_mission(mission_id)
            window.tabs.setCurrentWidget(tab)

        results["open Attendees tab (2,000 rows)"] = []
        for _ in range(args.runs):
            window.tabs.setCurrentIndex(0)
            window.show_mission(None)
            app.processEvents()
            results["open Attendees tab (2,000 rows)"].append(timed(open_tab, app, watch))

        organization = [c.key for c in window.attendee_model.columns].index("organization")
        for code in ("en", "ja"):
            i18n.set_language(code)
            app.processEvents()
            first, again = f"sort by name, first click ({code})", f"sort by name, again ({code})"
            results[first], results[again] = [], []
            for _ in range(args.runs):
                # Fresh rows sorted by another column: the first click on Name computes every
                # row's name key; clicking again only reverses the order.
                table.sortByColumn(organization, Qt.SortOrder.AscendingOrder)
                window.show_mission(mission_id)
                app.processEvents()
                for key, order in ((first, Qt.SortOrder.AscendingOrder),
                                   (again, Qt.SortOrder.DescendingOrder)):
                    results[key].append(timed(lambda o=order: table.sortByColumn(0, o), app,
                                              watch))

        typing = {"filter keystroke (Latin: s..sato)": ["s", "sa", "sat", "sato"],
                  "filter keystroke (kana: さ..さとう)": ["さ", "さと", "さとう"]}
        for key, texts in typing.items():
            results[key] = []
            results.setdefault("clear the filter (all rows back)", [])
            for _ in range(args.runs):
                for text in texts:
                    results[key].append(timed(lambda t=text: tab.filter.setText(t), app, watch))
                results["clear the filter (all rows back)"].append(
                    timed(tab.filter.clear, app, watch))
        i18n.set_language("en")
        window.close()

        pasted = bench_paste(db, mission_id, max(1, min(args.runs, 5)))
        imports = bench_import(db, folder, max(1, min(args.runs, 5)))
        found = bench_find(folder, args.runs)
        language.close()
        db.dispose()

    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, {platform.processor() or '?'}")
    print(f"Python {platform.python_version()}, PySide6 {PySide6.__version__}, Qt {qVersion()}, "
          f"QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}")
    print(f"{ATTENDEES} attendees, {args.runs} runs, ms until the table is painted again")
    print(f"{'':<34}{'median':>8}{'min':>8}{'max':>8}")
    for key, ms in results.items():
        goal = FRAME_MS if key.startswith(("sort", "filter", "clear")) else None
        report(key, ms, goal)
    if imports is None:
        print("import: not available yet")
    else:
        report(f"import {ATTENDEES}-row .xlsx (read+write)", imports, IMPORT_MS)
    report("paste 200 rows: preview shown", pasted, IMPORT_MS)
    base = statistics.median(found["baseline: bare substring scan"])
    for key, ms in found.items():
        report(key, ms, FRAME_MS if "keystroke" in key else None)
        if "keystroke" in key:
            print(f"{'':<34}{statistics.median(ms) / base:>8.1f}x the bare scan")
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
