"""Sync benchmark (issue 16), against a real PostgreSQL started as the tests do
(tests/postgres.py), laptops as real SQLite files:

1. a push of 10,000 field changes and their pull by a second laptop;
2. the first join of the 100x mission (the demo 100 times over: 2,100 attendees);
3. a sync with nothing to do (goal: under 100 ms, so syncing every few seconds costs nothing),
   next to its baseline in the same run: connecting and one round trip (SELECT 1);
4. `--team`: 50 laptops on 10 missions (the demo, 5 laptops each) syncing at once against one
   server, in threads: pushes per second, the slowest sync, and a check that every laptop
   equals the server with no change doubled.
Run: `python bench/sync.py [--scale 100] [--changes 10000] [--runs 15] [--team]`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.readiness import scaled  # noqa: E402
from models.demo import load_demo, seed_demo  # noqa: E402
from models.store.db import open_database  # noqa: E402
from models.sync import join_mission, share_mission, sync_mission  # noqa: E402
from tests.postgres import Server, find_bin  # noqa: E402

CODE = "HKD-ALB-2026"
GOAL_NOOP_MS = 100
FIELDS = ("notes", "email", "phone", "title_en", "title_ja")


def timed(fn):
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def edit(engine, changes: int) -> int:
    with engine.begin() as conn:
        people = [u for (u,) in conn.exec_driver_sql("SELECT uuid FROM person ORDER BY id")]
        made = 0
        for name in FIELDS:
            for person in people:
                if made == changes:
                    return made
                conn.exec_driver_sql(f"UPDATE person SET {name} = ? WHERE uuid = ?",
                                     (f"bench {made}", person))
                made += 1
    return made


def _document(engine, code: str) -> dict:
    from sqlmodel import Session, select

    from models.entities import Mission
    from models.mission_document import mission_document

    with Session(engine) as session:
        mission = session.exec(select(Mission).where(Mission.code == code)).one()
        found = mission_document(session, mission_id=mission.id, sensitive=True)
    found.pop("saved_at")
    return found


def team(server, folder: Path, missions: int = 10, per: int = 5, rounds: int = 3) -> None:
    import threading
    import uuid

    import psycopg

    from models.sync import local as sync_local
    from models.sync.mission_sync import _wire_rows

    url = server.new_database()
    demo = load_demo()
    groups = []
    for m in range(missions):
        first = open_database(folder / f"m{m}-0.db")
        seed_demo(first.engine, demo)
        code = f"TEAM-{m:02d}"
        with first.engine.begin() as conn:     # ten missions, not one ten times
            conn.exec_driver_sql("UPDATE mission SET code = ?, uuid = ?", (code, str(uuid.uuid4())))
        share_mission(first.engine, code, url, organizer=f"m{m}-0")
        group = [first]
        for n in range(1, per):
            join_mission(url, code, folder / f"m{m}-{n}.db", organizer=f"m{m}-{n}")
            group.append(open_database(folder / f"m{m}-{n}.db"))
        groups.append((code, group))
    times: list[float] = []
    pushes = [0]
    lock = threading.Lock()

    def laptop(code, db, n):
        for r in range(rounds):
            with db.engine.begin() as conn:
                people = [u for (u,) in conn.exec_driver_sql("SELECT uuid FROM person")]
                for k, person in enumerate(people[n::per]):
                    conn.exec_driver_sql("UPDATE person SET notes = ? WHERE uuid = ?",
                                         (f"{n}-{r}-{k}", person))
            took, report = timed(lambda: sync_mission(db.engine, code))
            with lock:
                times.append(took)
                pushes[0] += report.sent > 0
    threads = [threading.Thread(target=laptop, args=(code, db, n))
               for code, group in groups for n, db in enumerate(group)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    for code, group in groups:
        for db in group + group:
            sync_mission(db.engine, code)
    with psycopg.connect(url) as conn:
        doubled = conn.execute("SELECT count(*) - count(DISTINCT (mission, uuid, field, value)) "
                               "FROM kakehashi_sync.change_log WHERE op = 'update'").fetchone()[0]
        differ = typed_differ = 0
        served = open_database(url)
        for code, group in groups:
            mission = conn.execute("SELECT uuid FROM kakehashi_sync.mission WHERE code = %s",
                                   (code,)).fetchone()[0]
            on_server = dict(conn.execute("SELECT uuid, fields || secret FROM "
                                          "kakehashi_sync.shared_row WHERE mission = %s AND "
                                          "NOT deleted", (mission,)).fetchall())
            for db in group:
                with db.engine.connect() as c:
                    rows = _wire_rows(c, sync_local.mission_rows(c, mission))
                differ += {r["row"]: r["value"] for r in rows} != on_server
            # the server's own tables (the app opened on it) hold the mission as merged too
            typed_differ += _document(served.engine, code) != _document(group[0].engine, code)
    print(f"team: {len(threads)} laptops on {missions} missions, {rounds} rounds at once: "
          f"{pushes[0] / wall:.1f} pushes/s, slowest sync {max(times):.2f} s, median "
          f"{statistics.median(times) * 1000:.0f} ms; laptops differing from the server: "
          f"{differ}; missions differing in the server's own tables: {typed_differ}; changes "
          f"doubled: {doubled}")
    served.dispose()
    for _code, group in groups:
        for db in group:
            db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--team", action="store_true", help="only the 50 laptops")
    args = parser.parse_args()
    bin_dir = find_bin()
    if bin_dir is None:
        sys.exit("PostgreSQL's binaries are not installed")
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1 and 5 min)")
    server = Server(bin_dir)
    server.start()
    folder = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        if args.team:
            team(server, folder)
            return
        url = server.new_database()
        a = open_database(folder / "a.db")
        seed_demo(a.engine, scaled(load_demo(), args.scale))
        with a.engine.connect() as conn:
            rows = sum(conn.exec_driver_sql(f'SELECT count(*) FROM "{t}"').scalar() for t in (
                "person", "participant", "itinerary_item", "item_participant",
                "visit_clearance", "room", "room_guest"))
        took, _ = timed(lambda: share_mission(a.engine, CODE, url, organizer="alice"))
        print(f"share {args.scale}x ({rows:,} rows): {took:.2f} s (first share sets up the "
              "server too)")
        took, _ = timed(lambda: join_mission(url, CODE, folder / "b.db", organizer="bob"))
        print(f"first join {args.scale}x: {took:.2f} s")
        b = open_database(folder / "b.db")
        made = edit(a.engine, args.changes)
        push_s, report = timed(lambda: sync_mission(a.engine, CODE))
        pull_s, received = timed(lambda: sync_mission(b.engine, CODE))
        print(f"push of {report.sent:,} changes ({made:,} edits): {push_s:.2f} s "
              f"({report.sent / push_s:,.0f}/s)")
        print(f"pull of {received.received:,} changes: {pull_s:.2f} s "
              f"({received.received / pull_s:,.0f}/s)")
        import psycopg

        noop, bare = [], []
        for _ in range(args.runs):       # interleaved, so the load hits both alike
            noop.append(timed(lambda: sync_mission(b.engine, CODE))[0])
            bare.append(timed(lambda: psycopg.connect(url).execute("SELECT 1").fetchone())[0])
        n_ms, b_ms = statistics.median(noop) * 1000, statistics.median(bare) * 1000
        print(f"no-op sync: median {n_ms:.1f} ms (goal < {GOAL_NOOP_MS} ms); baseline connect "
              f"+ SELECT 1: {b_ms:.1f} ms; ratio {n_ms / b_ms:.1f}x")
        a.dispose()
        b.dispose()
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
