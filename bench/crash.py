"""Crash benchmark: SIGKILL a writer N times on one database file and count what went wrong.

Every third round kills the `import-attendees` verb instead of the repository writer. Then
`--export-kills` (default 50) kills of the `export` verb: the target must be the old or the new
file, with nothing else left beside it, in the private temporary folder or in $TMPDIR.

Counts integrity failures, foreign-key violations, lost acknowledged edits and partial
multi-row transactions (all must be 0), with the totals that show the loop did real work.
Run: `python bench/crash.py --kills 200`. Exit 1 when a count that must be 0 is not.
The loop and the checks are tests/kill_checks.py, shared with tests/test_kill.py.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.kill_checks import IMPORT_ROWS, kill_rounds, posix_kill_available  # noqa: E402
from tests.writer_helper import ROSTER_SIZE  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200, help="kills (default 200)")
    parser.add_argument("--seed", type=int, default=20260501, help="random seed")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--export-kills", type=int, default=50,
                        help="kills of the export verb (default 50)")
    args = parser.parse_args()
    if args.kills < 1:
        parser.error("--kills must be at least 1")
    if not posix_kill_available():
        print("needs POSIX SIGKILL; not available on this platform", file=sys.stderr)
        return 2

    tmp = Path(tempfile.mkdtemp(prefix="kakehashi-crash-"))
    db = tmp / "crash.db"
    must_be_zero = {"integrity failures": 0, "foreign key violations": 0,
                    "lost acknowledged edits": 0, "partial multi-row transactions": 0}
    lost: set[str] = set()
    partial: set[str] = set()
    killed = finished = mid_roster = rolled_back = total_acks = 0
    imports = imports_done = mid_import = import_rolled_back = 0
    started = time.perf_counter()
    try:
        # Rounds until the count of kills is reached: an import may finish before its kill.
        for rnd, acks in kill_rounds(db, 10 * args.kills, args.seed):
            f = rnd.findings
            killed += rnd.run.killed
            if rnd.run.kind == "import":
                imports += 1
                imports_done += rnd.run.returncode == 0
                finished += not rnd.run.killed and rnd.run.returncode != 0  # died on its own
            else:
                finished += not rnd.run.killed
            must_be_zero["integrity failures"] += bool(f.integrity)
            must_be_zero["foreign key violations"] += len(f.foreign_keys)
            # Each check covers everything so far, so one lost edit is reported after every
            # later kill again: count distinct edits, by the "<kind> <key>" each entry starts with.
            lost |= {" ".join(e.split()[:2]) for e in f.lost}
            partial |= {" ".join(e.split()[:2]) for e in f.partial}
            must_be_zero["lost acknowledged edits"] = len(lost)
            must_be_zero["partial multi-row transactions"] = len(partial)
            if f.in_flight_committed is not None and rnd.run.kind == "import":
                mid_import += 1
                import_rolled_back += not f.in_flight_committed
            elif f.in_flight_committed is not None:
                mid_roster += 1
                rolled_back += not f.in_flight_committed
            if not f.ok:
                print(f"kill {rnd.index + 1} (delay {rnd.delay:.3f} s): {f.summary()}")
            total_acks = acks.total
            if killed >= args.kills:
                break
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    elapsed = time.perf_counter() - started

    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}")
    print(f"rounds: {rnd.index + 1}, kills: {killed}, seed {args.seed}, {elapsed:.0f} s")
    print(f"writers that ended without being killed (must be 0): {finished}")
    print(f"acknowledged edits, total: {total_acks}")
    print(f"kills inside a {ROSTER_SIZE}-participant transaction: {mid_roster} "
          f"(rolled back: {rolled_back}, committed before its ACK: {mid_roster - rolled_back})")
    print(f"import verb runs ({IMPORT_ROWS} rows each): {imports}; finished before the kill "
          f"(exit 0): {imports_done}; killed inside its transaction: {mid_import} (rolled back: "
          f"{import_rolled_back}, committed before exit 0: {mid_import - import_rolled_back})")
    for name, count in must_be_zero.items():
        print(f"{name}: {count}")
    bad = any(must_be_zero.values()) or finished
    if args.export_kills:
        bad = _export_kills(args) or bad
    print("result: " + ("FAILED" if bad else "all zero"))
    return 1 if bad else 0


def _export_kills(args) -> bool:
    from models.demo import seed_demo
    from models.store.db import open_database
    from tests.export_kill import export_kill_loop

    tmp = Path(tempfile.mkdtemp(prefix="kakehashi-export-kills-"))
    try:
        db = open_database(tmp / "export.db")
        seed_demo(db.engine)
        db.dispose()
        started = time.perf_counter()
        result = export_kill_loop(tmp / "export.db", tmp / "work", args.export_kills, args.seed)
        elapsed = time.perf_counter() - started
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"export rounds: {result.rounds}, kills: {result.killed} ({elapsed:.0f} s); with "
          f"the temporary file beside the target: {result.mid_write}; with openpyxl's "
          f"temporary files in the private folder: {result.library_temp}; finished: "
          f"{result.finished}")
    for problem in result.problems:
        print(problem)
    print(f"export kills leaving anything but the old or the new file: {len(result.problems)}")
    return bool(result.problems)


if __name__ == "__main__":
    sys.exit(main())
