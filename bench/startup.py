"""Start-up benchmark: `main.py --smoke-test` as a whole process against a bare Qt window and
a PySide6 + sqlmodel floor on the same database.
Run: `python bench/startup.py --runs 7` or `make bench`."""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOAL = 1.3  # the app may cost at most this much over what its libraries cost anyway

# Quit on the first paint, as the app's smoke test does, so all three stop at the same point.
PAINTED = """
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False
window, watcher = QMainWindow(), Painted()
window.installEventFilter(watcher)
window.show()
sys.exit(app.exec())
"""
BARE = "import sys\nimport PySide6.QtWidgets\n" + PAINTED
# The database work any app on this stack must do: load sqlmodel, connect, read once.
FLOOR = """import sys
import PySide6.QtWidgets
from sqlmodel import create_engine, text
engine = create_engine(f"sqlite:///{sys.argv[1]}")
with engine.connect() as conn:
    conn.execute(text("SELECT count(*) FROM participant")).scalar_one()
""" + PAINTED

KINDS = ("app", "bare window", "stack floor")


def process_env(tmp: Path, config: Path) -> dict[str, str]:
    """The timed processes' environment: their own settings folder (the user's saved window
    state neither helps nor hurts), and Python keeping the modules it compiles, in a folder of
    the run's own, as it does on a user's machine after the first start. Round 0 fills it.
    Where PYTHONDONTWRITEBYTECODE is set (this sandbox sets it), every start compiled the 79
    modules of the app's own that it loads again, about 80 ms that no user's start pays,
    while the libraries of the floor came compiled with their install."""
    env = {**os.environ, "XDG_CONFIG_HOME": str(config), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPYCACHEPREFIX": str(tmp / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def commands(python: str, db: Path) -> dict[str, list[str]]:
    return {
        "app": [python, "main.py", "--db", str(db), "--lang", "en", "--smoke-test"],
        "bare window": [python, "-c", BARE],
        "stack floor": [python, "-c", FLOOR, str(db)],
    }


def run(cmd: list[str], env: dict[str, str], what: str) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    wall = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        print(f"{what} failed (exit {done.returncode}):\n{done.stderr}", file=sys.stderr)
        sys.exit(1)
    return wall, done.stdout


def self_reported(stdout: str) -> float:
    lines = stdout.strip().splitlines()
    try:
        return float(lines[-1])
    except (IndexError, ValueError):
        print(f"app printed no start-up time; stdout was:\n{stdout}", file=sys.stderr)
        sys.exit(1)


def versions(python: str) -> str:
    # Asked of the timed interpreter, which need not be the one running this script.
    probe = "import platform, PySide6; print(platform.python_version(), PySide6.__version__)"
    out = subprocess.run([python, "-c", probe], capture_output=True, text=True).stdout.split()
    return f"Python {out[0]}, PySide6 {out[1]}" if len(out) == 2 else "versions unknown"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="counted rounds (default 7)")
    parser.add_argument("--python", default=sys.executable, help="interpreter to time")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    tmp = Path(tempfile.mkdtemp(prefix="kakehashi-bench-"))
    db = tmp / "bench.db"
    env = process_env(tmp, tmp / "config")
    try:
        # Seed once beforehand: every timed run should open an existing database, not create one.
        run([args.python, "main.py", "--db", str(db), "missions"], env, "seeding the database")
        cmds = commands(args.python, db)
        walls: dict[str, list[float]] = {k: [] for k in KINDS}
        reported: list[float] = []
        for rnd in range(args.runs + 1):  # round 0 warms the caches and is not counted
            # Rotate the order so drift in machine load does not always hit the same contender.
            shift = rnd % len(KINDS)
            for kind in KINDS[shift:] + KINDS[:shift]:
                wall, stdout = run(cmds[kind], env, kind)
                if rnd == 0:
                    continue
                walls[kind].append(wall)
                if kind == "app":
                    reported.append(self_reported(stdout))
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, {versions(args.python)}")
    print(f"{args.runs} rounds, wall clock ms per whole process (spawn to exit)")
    print(f"{'':<14}{'median':>8}{'min':>8}{'max':>8}")
    for kind in KINDS:
        ms = walls[kind]
        print(f"{kind:<14}{statistics.median(ms):>8.0f}{min(ms):>8.0f}{max(ms):>8.0f}")
    print(f"app self-reported start-up, median: {statistics.median(reported):.0f} ms")
    app, bare, floor = (statistics.median(walls[k]) for k in KINDS)
    print(f"app / stack floor: {app / floor:.2f}x")
    print(f"app / bare window: {app / bare:.2f}x")
    print(f"goal: app <= {GOAL}x stack floor: {'MET' if app <= GOAL * floor else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
