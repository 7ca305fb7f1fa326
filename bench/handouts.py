"""Travel-pack benchmark: every delegate's handout in one PDF (`handout CODE --everyone`) for the
demo (1x, 20 people), 10x (200) and 100x (2,000) missions of bench/scale_missions.py, and one
delegate's handout of the 100x mission. Goals (issue 14): 2,000 people under 30 s and 300 MB,
linear in the people (time per person at 100x within 1.5x of 1x's); one delegate under 1 s.
Each run is a child process, so its peak memory is its own; `--runs N` gives each figure as
the median of N runs (peak memory: the largest). Run: `python bench/handouts.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

GOAL_S, GOAL_MB, GOAL_ONE_S, GOAL_LINEAR = 30.0, 300, 1.0, 1.5


def child(db: str, code: str, mode: str, out: str) -> None:
    from documents.handouts import export_handout
    from models.store.db import open_database

    database = open_database(Path(db))
    started, cpu_started = time.perf_counter(), time.process_time()
    if mode == "everyone":
        result = export_handout(database.engine, code=code, path=out, language="en",
                                everyone=True)
    else:
        result = export_handout(database.engine, code=code, path=out, language="ja",
                                email=mode)
    seconds = time.perf_counter() - started
    export_cpu = time.process_time() - cpu_started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # CPU seconds beside the wall clock: on a shared machine the wall clock mostly measures
    # the neighbours.
    print(json.dumps({"seconds": seconds, "pages": result.pages,
                      "rss_mb": usage.ru_maxrss / 1024, "cpu": usage.ru_utime + usage.ru_stime,
                      "export_cpu": export_cpu,
                      "bytes": os.path.getsize(out)}))


def run(db: Path, code: str, mode: str, out: Path, tree: Path = REPO, runs: int = 1) -> dict:
    """The export in a child process `runs` times, with the code of `tree` (this checkout,
    or the baseline's: the same child, another program): each time's median, the largest
    peak."""
    found = [_run_once(db, code, mode, out, tree) for _ in range(runs)]
    median = {key: statistics.median(r[key] for r in found) for key in found[0]}
    median["rss_mb"] = max(r["rss_mb"] for r in found)
    return median


def _run_once(db: Path, code: str, mode: str, out: Path, tree: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, str(tree / "bench" / "handouts.py"), "--child",
                           str(db), code, mode, str(out)],
                          capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", nargs=4, metavar=("DB", "CODE", "MODE", "OUT"))
    parser.add_argument("--factors", default="1,10,100")
    parser.add_argument("--runs", type=int, default=1, help="runs of each export (medians)")
    parser.add_argument("--baseline", type=Path, metavar="TREE",
                        help="another checkout (e.g. `git archive main`) timed in the same run "
                             "on the same database, for before/after ratios")
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    from scale_missions import build_scaled, scale_code

    from models.demo import DEMO_CODE
    from models.first_open import open_with_demo

    print(f"load: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores, "
          f"{args.runs} run{'s' if args.runs > 1 else ''} each")
    with tempfile.TemporaryDirectory(prefix="kakehashi-handouts-") as name:
        folder = Path(name)
        db_path = folder / "bench.db"
        db = open_with_demo(db_path)
        factors = [int(f) for f in args.factors.split(",")]
        codes = {1: DEMO_CODE}
        for factor in factors:
            if factor > 1:
                build_scaled(db.engine, factor)
                codes[factor] = scale_code(factor)
        db.dispose()
        trees = [("", REPO)] + ([("baseline ", args.baseline)] if args.baseline else [])
        found = [_measure(label, tree, db_path, codes, factors, folder, args.runs)
                 for label, tree in trees]
        if args.baseline:
            for what in found[0]:
                ours, theirs = found[0][what], found[1][what]
                print(f"{what}: CPU x{ours['export_cpu'] / theirs['export_cpu']:.2f} of the "
                      f"baseline's, wall x{ours['seconds'] / theirs['seconds']:.2f}, peak "
                      f"{ours['rss_mb']:.0f} MB against {theirs['rss_mb']:.0f} MB")
        print(f"load at the end: {os.getloadavg()[0]:.2f}")
        print(f"goals: {GOAL_S:.0f} s and {GOAL_MB} MB for 2,000 people, "
              f"per person within x{GOAL_LINEAR} of 1x")


def _measure(label: str, tree: Path, db_path: Path, codes: dict, factors: list[int],
             folder: Path, runs: int) -> dict[str, dict]:
    """Every factor's batch and the largest one's single delegate, printed and returned."""
    baseline, per, found = None, {}, {}
    for factor in factors:
        r = run(db_path, codes[factor], "everyone", folder / f"all-{factor}.pdf", tree, runs)
        people = 20 * factor
        # Linearity on CPU time: the wall clock of a shared machine is the neighbours'.
        # (the export's own CPU: the child's start-up, imports and Qt, is not per person)
        per_person = r["export_cpu"] / people
        baseline = baseline or per_person
        per[factor] = per_person
        found[f"{factor}x everyone"] = r
        print(f"{label}{factor:>4}x everyone: {people:>5} people {r['pages']:>6} pages "
              f"{r['seconds']:7.2f} s ({r['export_cpu']:.1f} s CPU, {r['cpu']:.1f} with "
              f"start-up)  "
              f"{per_person * 1000:6.1f} CPU-ms/person "
              f"(x{per_person / baseline:.2f} of 1x)  peak {r['rss_mb']:.0f} MB  "
              f"{r['bytes'] / 1e6:.1f} MB file")
    biggest = max(factors)
    if len(per) > 1:     # the fixed cost of 1x's few packs hides the slope: the two largest
        below = sorted(per)[-2]
        print(f"{label}per person: {biggest}x is x{per[biggest] / per[below]:.2f} of {below}x")
    one = run(db_path, codes[biggest], "m.takahashi@jetro.example.jp",
              folder / "one.pdf", tree, runs)
    print(f"{label}{biggest:>4}x one delegate: {one['pages']} pages {one['seconds']:.2f} s "
          f"({one['export_cpu']:.2f} s CPU, {one['cpu']:.2f} with start-up) "
          f"peak {one['rss_mb']:.0f} MB (goal under {GOAL_ONE_S:.0f} s)")
    found[f"{biggest}x one delegate"] = one
    return found


if __name__ == "__main__":
    main()
