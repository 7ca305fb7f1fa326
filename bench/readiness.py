"""Readiness benchmark: models.readiness.run_checks on the demo mission at 1x, 10x and 100x,
next to load_plan alone (the reading the checks start with) measured in the same run.

A scale of k: the demo's people k times over (copy 0 is the demo itself); each copy's items
for named people again for that copy's people, and each "everyone" item of the demo once more
for each further copy's people (a delegation's own meal beside the all-hands one: a double
booking the checks must report). Goals: under 20 ms at 10x, under 100 ms at 100x.
Run: `python bench/readiness.py --runs 15 [--scales 1,10,100]`.
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from models.demo import load_demo, seed_demo  # noqa: E402
from models.readiness import run_checks  # noqa: E402
from models.readiness_data import load_plan  # noqa: E402
from models.store.db import open_database, read_session  # noqa: E402

GOALS_MS = {10: 20, 100: 100}


def scaled(data: dict, k: int) -> dict:
    """The demo's data with its people and items `k` times over (see the module docstring)."""
    data = copy.deepcopy(data)
    people = data["people"]
    present = [p["key"] for p in people if p["status"] != "cancelled"]
    copies = []
    for j in range(1, k):
        for p in people:
            twin = dict(p, key=f"{p['key']}_{j}", family_name=f"{p['family_name']}{j}")
            for unique in ("email", "passport_number"):
                if twin.get(unique):
                    twin[unique] = f"{j}.{twin[unique]}"
            copies.append(twin)
    items = []
    for j in range(1, k):
        def mine(keys, j=j):
            return [f"{key}_{j}" for key in keys]
        for item in data["items"]:
            twin = copy.deepcopy(item)
            who = item.get("participants", "all")
            twin["participants"] = mine(present if who == "all" else who)
            for room in twin.get("rooms", ()):
                room["guests"] = mine(room["guests"])
                room["label"] = f"{j}-{room['label']}"
            if twin.get("clearance"):
                twin["clearance"] = {status: keys if status == "rest" else mine(keys)
                                     for status, keys in twin["clearance"].items()}
            items.append(twin)
    data["people"] = people + copies
    data["items"] = data["items"] + items
    return data


def timed(engine, mission_id: int, runs: int, today) -> dict[str, list[float]]:
    """Per round, ms, each in a fresh read session as the Overview panel does after an edit."""
    out: dict[str, list[float]] = {"load": [], "checks": []}
    for rnd in range(runs + 1):                  # round 0 warms caches and is not counted
        with read_session(engine) as session:
            started = time.perf_counter()
            load_plan(session, mission_id=mission_id)
            loaded = time.perf_counter()
        with read_session(engine) as session:
            begun = time.perf_counter()
            found = run_checks(session, mission_id=mission_id, today=today)
            done = time.perf_counter()
        if rnd:
            out["load"].append((loaded - started) * 1000)
            out["checks"].append((done - begun) * 1000)
    out["findings"] = [len(found)]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="counted rounds (default 15)")
    parser.add_argument("--scales", default="1,10,100", help="comma-separated (default 1,10,100)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    import sqlalchemy

    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}, SQLAlchemy {sqlalchemy.__version__}")
    demo = load_demo()
    today = demo["mission"]["start_date"].replace(day=1)
    tmp = Path(tempfile.mkdtemp(prefix="kakehashi-bench-"))
    try:
        for k in (int(s) for s in args.scales.split(",")):
            db = open_database(tmp / f"x{k}.db")
            mission_id = seed_demo(db.engine, scaled(demo, k))
            with read_session(db.engine) as session:
                plan = load_plan(session, mission_id=mission_id)
            sizes = f"{len(plan.people)} attendees, {len(plan.items)} items"
            del plan                # a plan kept alive would slow the collector in the rounds
            result = timed(db.engine, mission_id, args.runs, today)
            db.dispose()
            load, checks = (statistics.median(result[key]) for key in ("load", "checks"))
            goal = GOALS_MS.get(k)
            verdict = f", goal < {goal} ms: {'MET' if checks < goal else 'NOT MET'}" if goal else ""
            print(f"{k}x ({sizes}, {result['findings'][0]} findings): run_checks median "
                  f"{checks:.1f} ms "
                  f"(min {min(result['checks']):.1f}), load_plan {load:.1f} ms, "
                  f"ratio {checks / load:.2f}{verdict}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
