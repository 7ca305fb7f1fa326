"""The export kill loop, shared by tests/test_export_kill.py (10 kills) and bench/crash.py
(--export-kills 50): run the `export` verb as a user does, SIGKILL it at a random moment, let
the next start sweep (models/store/private_temp.sweep, what every start runs first), then look
everywhere a file could be left: the target is the old file or the whole new one, and nothing
else is in its folder, in our private temporary folder, or in $TMPDIR."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from models.store import private_temp

ROOT = Path(__file__).resolve().parents[1]
CODE = "HKD-ALB-2026"


@dataclass
class ExportKills:
    rounds: int = 0
    killed: int = 0
    mid_write: int = 0            # a temporary file beside the target at the kill
    library_temp: int = 0         # openpyxl's temporary files in our folder at the kill
    finished: int = 0
    problems: list[str] = field(default_factory=list)


def _complete(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.testzip() is None and "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _everything(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if not (p.is_dir() and p.name == "exports"))


def export_kill_loop(db: Path, work: Path, kills: int, seed: int,
                     max_delay: float | None = None) -> ExportKills:
    """Kill the export `kills` times; return what was seen."""
    rng = random.Random(seed)
    out_dir, temp_root, tmpdir = work / "out", work / "private", work / "tmpdir"
    for folder in (out_dir, temp_root, tmpdir):
        folder.mkdir(parents=True, exist_ok=True)
    target = out_dir / "mission.xlsx"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KAKEHASHI_TEMP_DIR=str(temp_root),
               TMPDIR=str(tmpdir), KAKEHASHI_LOG_DIR=str(work / "log"))
    env.pop("KAKEHASHI_DB", None)
    command = [sys.executable, str(ROOT / "main.py"), "export", CODE, "--out", str(target),
               "--db", str(db)]
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)
    whole = time.perf_counter() - started      # one export, start to exit
    old = target.read_bytes()
    result = ExportKills()
    while result.killed < kills:
        result.rounds += 1
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        if result.rounds % 2:
            time.sleep(rng.uniform(0.2 * whole, max_delay or whole))
        else:    # every other kill as soon as the temporary file is there: inside the save
            deadline = time.perf_counter() + 2 * whole + 5
            while (proc.poll() is None and time.perf_counter() < deadline
                   and not any(p.name.startswith(".~") for p in out_dir.iterdir())):
                time.sleep(0.001)
        beside = [p for p in out_dir.iterdir() if p.name.startswith(".~")]
        result.library_temp += any(p.is_file() for p in temp_root.rglob("*")
                                   if "exports" not in p.parts)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            result.killed += 1
            result.mid_write += bool(beside)
        proc.wait(timeout=60)
        result.finished += proc.returncode == 0
        private_temp.sweep(temp_root)        # what the next start does first
        now = target.read_bytes() if target.exists() else b""
        if now != old and not _complete(target):
            result.problems.append(f"round {result.rounds}: the target is neither old nor new")
        old = now
        for folder, allowed in ((out_dir, ["mission.xlsx"]), (temp_root, []), (tmpdir, [])):
            left = [p for p in _everything(folder) if p not in allowed]
            if left:
                result.problems.append(f"round {result.rounds}: left in {folder.name}: {left}")
                for name in left:     # report each leftover once
                    path = folder / name
                    if path.is_file():
                        path.unlink()
    return result
