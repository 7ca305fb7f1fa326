"""Temporary files that cannot outlive their work: a private, owner-only folder of ours for
every temporary file of the process (openpyxl's, any library's: tempfile.tempdir points at it),
and a ledger of the exports' temporary files beside their targets. Both are swept at the next
start of any Kakehashi process, for what a killed process left behind.

Layout: `<root>/<pid>-<random>/` for each running process (removed when it ends), and
`<root>/exports/<pid>-<n>.txt` naming an export's temporary file while it is written. A folder
or entry whose process is no longer running is removed by the sweep. No Qt here.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from pathlib import Path

_state: dict = {"folder": None}
_counter = itertools.count()


def temp_root() -> Path:
    chosen = os.environ.get("KAKEHASHI_TEMP_DIR")
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("Kakehashi", appauthor=False)) / "tmp"


def _private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)   # mkdir's mode is narrowed by the umask, and an old one may be wide
    return path


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True          # someone else's process, or no way to tell: leave it be
    return True


def _owner(name: str) -> int | None:
    head = name.split("-", 1)[0]
    return int(head) if head.isdigit() else None


def sweep(root: Path | None = None) -> list[Path]:
    """Remove what ended processes left in the root and beside their exports' targets."""
    root = root or temp_root()
    removed: list[Path] = []
    if not root.is_dir():
        return removed
    ledger = root / "exports"
    for entry in sorted(ledger.glob("*.txt")) if ledger.is_dir() else []:
        owner = _owner(entry.name)
        if owner is not None and _alive(owner):
            continue
        try:
            target = Path(entry.read_text(encoding="utf-8").strip())
        except (OSError, UnicodeDecodeError):
            target = None
        if target is not None and target.name.startswith(".~") and target.suffix == ".tmp":
            try:
                target.unlink()
                removed.append(target)
            except OSError:
                pass
        entry.unlink(missing_ok=True)
    for child in root.iterdir():
        owner = _owner(child.name)
        if child.name == "exports" or (owner is not None and _alive(owner)):
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
        removed.append(child)
    return removed


def claim() -> Path | None:
    """Sweep, then make this process's private folder and send every temporary file there;
    idempotent. None when no private folder can be made (temporary files then go where they
    went before, and the app still runs)."""
    if _state["folder"] is not None:
        return _state["folder"]
    try:
        root = _private_dir(temp_root())
        sweep(root)
        folder = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=root))   # 0700
    except OSError:
        return None
    _state["folder"], _state["before"] = folder, tempfile.tempdir
    tempfile.tempdir = str(folder)
    return folder


def release() -> None:
    """Remove this process's folder (at exit; a kill leaves it to the next sweep)."""
    folder = _state["folder"]
    if folder is None:
        return
    tempfile.tempdir = _state.get("before")
    _state["folder"] = None
    shutil.rmtree(folder, ignore_errors=True)


def track(temp: Path) -> Path | None:
    """Note an export's temporary file, so a kill before its rename still gets it removed;
    returns the ledger entry to pass to untrack (None when no ledger can be written)."""
    entry = None
    try:
        ledger = _private_dir(temp_root() / "exports")
        entry = ledger / f"{os.getpid()}-{next(_counter)}.txt"
        fd = os.open(entry, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(str(temp.absolute()))
            out.flush()
            os.fsync(out.fileno())
    except OSError:
        # A full disk can fail the entry after it was made: nobody would untrack it.
        untrack(entry)
        return None
    return entry


def untrack(entry: Path | None) -> None:
    if entry is not None:
        try:
            entry.unlink(missing_ok=True)
        except OSError:
            pass
