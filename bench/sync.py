"""Sync benchmark (issue 16), against a real PostgreSQL started as the tests do
(tests/postgres.py), laptops as real SQLite files:

1. a push of 10,000 field changes and their pull by a second laptop;
2. the first join of the 100x mission (the demo 100 times over: 2,100 attendees);
3. a sync with nothing to do (goal: under 100 ms, so syncing every few seconds costs nothing),
   next to its baseline in the same run: connecting and one round trip (SELECT 1).
Run: `python bench/sync.py [--scale 100] [--changes 10000] [--runs 15]`.
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    bin_dir = find_bin()
    if bin_dir is None:
        sys.exit("PostgreSQL's binaries are not installed")
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1 and 5 min)")
    server = Server(bin_dir)
    server.start()
    folder = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
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
