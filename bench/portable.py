"""Portable benchmark: the mission file and the two engines, at the scales of bench/readiness.py
(the demo k times over; 100x is 2,100 attendees and 2,800 items).

1. The queries that became portable SQLAlchemy Core (load_plan, list_items) next to the driver
   SQL they replaced (kept here, as the baseline), interleaved in the same run on SQLite.
2. Saving the mission as a mission file and opening it into an empty database, on SQLite and
   PostgreSQL (goal: under 2 s each, under 200 MB), and the peak memory of each.
3. The same workbook export on both engines, PostgreSQL's time next to SQLite's.
PostgreSQL is started in a temp folder as the tests do (tests/postgres.py); without its
binaries those figures are skipped.
Run: `python bench/portable.py [--scales 10,100] [--runs 7]`.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.readiness import scaled  # noqa: E402
from documents.mission_file import open_mission_file, save_mission_file  # noqa: E402
from documents.workbook import export_mission  # noqa: E402
from models import repository as repo  # noqa: E402
from models.demo import load_demo, seed_demo  # noqa: E402
from models.store.db import open_database, read_session  # noqa: E402
from models.times import stored_utc  # noqa: E402

GOAL_S, GOAL_MB = 2.0, 200
CODE = "HKD-ALB-2026"

# The baseline: the driver SQL load_plan and list_items sent before they became Core.
_OLD_ITEMS = """SELECT i.id, i.kind, i.start_utc, i.end_utc, i.start_tz, i.end_tz, i.title_en,
    i.title_ja, i.from_code, i.to_code, i.site_id, i.everyone,
    (SELECT group_concat(ip.participant_id) FROM item_participant ip WHERE ip.item_id = i.id)
    FROM itinerary_item i WHERE i.mission_id = ? ORDER BY i.start_utc, i.id"""
_OLD_LIST = """SELECT i.id, i.kind, i.title_en, i.title_ja, i.start_utc, i.start_tz, i.end_utc,
    i.end_tz, i.location_en, i.location_ja, coalesce(s.name_en, ''), coalesce(s.name_ja, ''),
    i.carrier, i.flight_number, i.from_code, i.to_code, i.everyone,
    (SELECT count(*) FROM item_participant ip WHERE ip.item_id = i.id)
    FROM itinerary_item i LEFT JOIN site s ON s.id = i.site_id
    WHERE i.mission_id = ? ORDER BY i.start_utc, i.id"""
_OLD_CLEARANCE = """SELECT c.item_id, c.participant_id, c.status FROM visit_clearance c
    JOIN itinerary_item i ON i.id = c.item_id WHERE i.mission_id = ?"""
_OLD_ROOMED = """SELECT r.item_id, g.participant_id FROM room r JOIN room_guest g
    ON g.room_id = r.id JOIN itinerary_item i ON i.id = r.item_id WHERE i.mission_id = ?"""


def old_item_reads(session, mission_id: int) -> int:
    """What the driver SQL read of the items (the part that changed), converted as before."""
    driver = session.connection().connection.driver_connection
    rows = driver.execute(_OLD_ITEMS, (mission_id,)).fetchall()
    for row in rows:
        stored_utc(row[2]), stored_utc(row[3])
        if row[12]:
            set(map(int, row[12].split(",")))
    driver.execute(_OLD_CLEARANCE, (mission_id,)).fetchall()
    driver.execute(_OLD_ROOMED, (mission_id,)).fetchall()
    instants: dict = {}

    def utc(text):
        instant = instants.get(text)
        if instant is None:
            instant = instants[text] = stored_utc(text)
        return instant

    [repo.ItemRow(*v[:4], utc(v[4]), v[5], utc(v[6]), *v[7:16], everyone=bool(v[16]),
                  participant_count=v[17])
     for v in driver.execute(_OLD_LIST, (mission_id,)).fetchall()]
    return len(rows)


def new_item_reads(session, mission_id: int) -> int:
    """The same reads as old_item_reads, as the Core statements load_plan and list_items send
    now, with the same conversions."""
    from models import readiness_data as plan

    conn, where = session.connection(), {"mission_id": mission_id}
    rows = conn.execute(plan._ITEMS[False], where).all()
    for row in rows:
        stored_utc(row[2]), stored_utc(row[3])
        if row[12]:
            set(map(int, row[12].split(",")))
    conn.execute(plan._CLEARANCE, where).all()
    conn.execute(plan._ROOMED, where).all()
    repo.list_items(session, mission_id=mission_id)
    return len(rows)


def median_ms(fn, runs: int) -> float:
    times = []
    for n in range(runs + 1):
        gc.collect()
        started = time.perf_counter()
        fn()
        if n:                      # the first warms the caches
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def timed(fn) -> float:
    """Seconds of one run (memory is measured on another, traced: tracing slows it)."""
    gc.collect()
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def traced_mb(fn) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def load() -> str:
    return "load " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def compare_queries(db, mission_id: int, runs: int) -> None:
    """Old and new alternate round by round (a burst of load hits both alike)."""
    times: dict[str, list[float]] = {"old": [], "new": []}
    for n in range(2 * runs + 2):
        name, fn = (("old", old_item_reads), ("new", new_item_reads))[n % 2]
        gc.collect()
        with read_session(db.engine) as session:
            started = time.perf_counter()
            fn(session, mission_id)
            elapsed = (time.perf_counter() - started) * 1000
        if n >= 2:                     # the first of each warms the caches
            times[name].append(elapsed)
    old, new = (statistics.median(times[k]) for k in ("old", "new"))
    print(f"  item reads (load_plan's and list_items' statements): Core {new:.1f} ms, "
          f"driver SQL {old:.1f} ms (medians of {runs}, alternating), ratio {new / old:.2f}")


def duplicate_baseline(db, label: str) -> float:
    """The app's own copy of the whole mission with its people in one transaction (about as
    many rows written as opening the file into an empty database): the baseline."""
    from models.duplicate import duplicate_mission
    from models.store.db import write_session

    started = time.perf_counter()
    with write_session(db.engine) as session:
        mission = repo.find_mission_by_code(session, code=CODE)
        duplicate_mission(session, mission_id=mission.id, new_code=f"COPY-{time.time_ns()}",
                          new_start=date(2030, 1, 1), copy_people=True)
    seconds = time.perf_counter() - started
    print(f"  {label}: baseline, duplicate_mission with its people {seconds:.2f} s")
    return seconds


def portable(db, other_factory, tmp: Path, k: int, label: str) -> None:
    path = tmp / f"x{k}-{label}.kakehashi"
    seconds = timed(lambda: save_mission_file(db.engine, code=CODE, path=path,
                                                 sensitive=True))
    mb = traced_mb(lambda: save_mission_file(db.engine, code=CODE, path=path, sensitive=True))
    print(f"  {label}: save {seconds:.2f} s, peak {mb:.0f} MB, file "
          f"{path.stat().st_size / 1e6:.1f} MB"
          f"{'' if seconds < GOAL_S and mb < GOAL_MB else '  (goal NOT MET)'}")
    target = other_factory()
    try:
        seconds = timed(lambda: open_mission_file(target.engine, path=path))
        again = timed(lambda: open_mission_file(target.engine, path=path, dry_run=True))
    finally:
        target.dispose()
    target = other_factory()
    try:
        mb = traced_mb(lambda: open_mission_file(target.engine, path=path))
    finally:
        target.dispose()
    base = duplicate_baseline(db, label)
    print(f"  {label}: open into an empty database {seconds:.2f} s ({seconds / base:.2f}x the "
          f"baseline), peak {mb:.0f} MB; open again (nothing to change, listing only) "
          f"{again:.2f} s"
          f"{'' if seconds < GOAL_S and mb < GOAL_MB else '  (goal NOT MET)'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="10,100")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-export", action="store_true", help="skip the workbook figures")
    args = parser.parse_args()
    from tests.postgres import Server, find_bin

    bin_dir = find_bin()
    server = Server(bin_dir) if bin_dir else None
    tmp = Path(tempfile.mkdtemp(prefix="kakehashi-portable-"))
    names = iter(range(1000))
    try:
        if server:
            server.start()
        print(load())
        demo = load_demo()
        for k in (int(s) for s in args.scales.split(",")):
            data = scaled(demo, k)
            db = open_database(tmp / f"x{k}.db")
            mission_id = seed_demo(db.engine, data)
            print(f"{k}x: {len(data['people'])} attendees, {len(data['items'])} items "
                  f"({load()})")
            compare_queries(db, mission_id, args.runs)
            portable(db, lambda k=k: open_database(tmp / f"to-{k}-{next(names)}.db"), tmp, k,
                     "SQLite")
            if server:
                pg = open_database(server.new_database())
                seed_demo(pg.engine, data)
                portable(pg, lambda: open_database(server.new_database()), tmp, k,
                         "PostgreSQL")
                for engine_db, label in () if args.no_export else (
                        (db, "SQLite"), (pg, "PostgreSQL")):
                    out = tmp / f"x{k}-{label}.xlsx"
                    ms = median_ms(lambda e=engine_db, o=out: export_mission(
                        e.engine, code=CODE, path=o, language="en",
                        today=date(2026, 9, 1)), max(1, args.runs // 3))
                    if label == "SQLite":
                        sqlite_ms = ms
                    print(f"  workbook export, {label}: {ms:.0f} ms"
                          + (f", {ms / sqlite_ms:.2f}x SQLite's" if label != "SQLite" else ""))
                pg.dispose()
            db.dispose()
        print(load())
    finally:
        if server:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
