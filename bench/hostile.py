"""Hostile-file benchmark: the roster reader on the files of issue 13, each printed against the
5 s goal ("any file under 20 MB answered in under 5 s with a correct message or import").

Files (made here, in a temporary folder): a sheet formatted down to row 1,048,576 (with and
without its <dimension>, and with five or ten styled empty cells a row), 200,000 rows of styled
blank cells, a zip that unpacks to 2 GB, a cell of a million spaces, a 5,000-row roster; the
baseline is a 21-row roster read in the same run. Run: `python bench/hostile.py [--runs 3]`.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from documents.roster.reader import RosterError, read_roster  # noqa: E402
from tests import hostile_files as hostile  # noqa: E402

GOAL_S = 5.0
CASES = [
    ("baseline: 21-row roster", lambda p: hostile.people(p, 21)),
    ("formatted to row 1,048,576", lambda p: hostile.formatted_to_the_end(p)),
    ("same, no <dimension>", lambda p: hostile.formatted_to_the_end(p, dimension=False)),
    ("same, 5 styled cells a row", lambda p: hostile.formatted_to_the_end(p, cells_per_row=5)),
    ("same, 10 a row (over 20 MB)", lambda p: hostile.formatted_to_the_end(p, cells_per_row=10)),
    ("200,000 styled blank rows", lambda p: hostile.blank_rows(p, 200_000, 20)),
    ("zip unpacking to 2 GB", lambda p: hostile.expanding_zip(p, 2048)),
    ("one cell of 1,000,000 spaces", lambda p: hostile.long_cell(p)),
    ("5,000-row roster", lambda p: hostile.people(p, 5000)),
]


def _outcome(path: Path) -> str:
    try:
        preview = read_roster(path)
    except RosterError as exc:
        return f"refused: {exc.kind}"
    return f"{len(preview.rows)} rows"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="reads of each file (median)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kakehashi-hostile-"))
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python "
          f"{platform.python_version()}, load {os.getloadavg()[0]:.2f}")
    failed, baseline = 0, None
    print(f"{'file':32} {'size':>9} {'median':>8} {'x base':>7}  goal  outcome")
    for n, (name, make) in enumerate(CASES):
        path = make(folder / f"case{n}.xlsx")
        times, outcome = [], ""
        for _ in range(args.runs):
            started = time.perf_counter()
            outcome = _outcome(path)
            times.append(time.perf_counter() - started)
        median = statistics.median(times)
        baseline = baseline or median
        ok = median < GOAL_S
        failed += not ok and path.stat().st_size < 20e6   # the goal is for files under 20 MB
        print(f"{name:32} {path.stat().st_size / 1e6:7.1f}MB {median:7.2f}s "
              f"{median / baseline:6.1f}x  {'ok  ' if ok else 'SLOW'}  {outcome}")
        path.unlink()
    print(f"load after: {os.getloadavg()[0]:.2f}; result: "
          + ("all under 5 s" if not failed else f"{failed} over 5 s"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
