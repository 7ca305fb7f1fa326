"""Backups of the database file: made, rotated, listed and restored.

Backups are whole SQLite files in a `backups` folder beside the database, named
`<stem>-YYYYMMDD-HHMMSS-<reason>.db` (local time) so that their names sort by age. They are copied
with SQLite's online backup API, which gives a consistent snapshot even while the app is writing
(WAL), and they are owner-only: they hold the same passport numbers as the database. No Qt here.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from i18n import _
from models.store.errors import NewerDatabase, NotADatabase, StorageError
from models.store.files import check_file, connect_ro, is_newer_revision
from models.store.health import (
    NoDatabase,
    check_database,
    compact,
    problems,
    revision,
    why,
)

# check_database and compact live in models.store.health; they are part of this module's API too.
__all__ = ["BackupFailed", "BackupInfo", "DamagedBackup", "RestoreFailed", "UpgradeNeedsBackup",
           "auto_backup", "backup_now", "backups_dir", "check_database", "checked_backup",
           "compact", "damaged_file_path", "verify_backup",
           "list_backups", "make_backup", "restore_backup", "rotate", "session_backup"]

KEEP_DAYS = 7    # the newest backup of each of the last 7 days that have one
KEEP_WEEKS = 4   # then the newest of each of the 4 ISO weeks before those days
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z]+(?:-[a-z]+)*)(?:-\d+)?\.db")


class BackupFailed(StorageError):
    def __init__(self, path: str, reason: str):
        super().__init__(path, reason)
        self.path, self.reason = path, reason

    def user_message(self) -> str:
        return _("Cannot make a backup of {path}: {reason}").format(path=self.path,
                                                                   reason=self.reason)


class UpgradeNeedsBackup(BackupFailed):
    def user_message(self) -> str:
        return _("{path} must be upgraded for this version of Kakehashi, but no backup of it "
                 "could be made first, so it was left as it was: {reason}").format(
            path=self.path, reason=self.reason)


class DamagedBackup(StorageError):
    def __init__(self, path: str):
        super().__init__(path)
        self.path = path

    def user_message(self) -> str:
        return _("The backup {path} is damaged and cannot be restored. The current database "
                 "was left as it was.").format(path=self.path)


class RestoreFailed(BackupFailed):
    def user_message(self) -> str:
        return _("The backup could not be restored into {path}: {reason}. The current database "
                 "was left as it was.").format(path=self.path, reason=self.reason)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    reason: str               # daily, migration, before-restore, manual
    missions: int | None      # None when the file cannot be read
    size: int                 # bytes


def backups_dir(db_path: str | os.PathLike) -> Path:
    return Path(db_path).absolute().parent / "backups"


def _ensure_dir(db_path: Path) -> Path:
    folder = backups_dir(db_path)
    folder.mkdir(mode=0o700, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, 0o700)  # also when it existed: mkdir's mode is filtered by the umask
    return folder


def _found(db_path: Path) -> list[tuple[datetime, str, Path]]:
    """This database's backups as (created, reason, path), newest first."""
    folder, prefix = backups_dir(db_path), f"{db_path.stem}-"
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            match = _NAME.fullmatch(path.name.removeprefix(prefix))
            if path.name.startswith(prefix) and match:
                created = datetime.strptime(match["stamp"], _STAMP)
                found.append((created, match["reason"], path))
    return sorted(found, key=lambda f: (f[0], f[2].name), reverse=True)


def make_backup(db_path: str | os.PathLike, dest: str | os.PathLike) -> Path:
    """Copy the database to `dest` with SQLite's backup API; never leaves a partial `dest`."""
    db_path, dest = Path(db_path).absolute(), Path(dest).absolute()
    if not dest.parent.is_dir():
        raise BackupFailed(str(db_path), _("the folder {folder} does not exist").format(
            folder=dest.parent))
    if dest.exists() and db_path.exists() and dest.samefile(db_path):
        raise BackupFailed(str(db_path), _("the backup would replace the database itself"))
    if dest.exists() and (not dest.is_file() or not dest.stat().st_mode & 0o222):
        # Checked by its bits: the rename would replace a read-only file without a word.
        raise BackupFailed(str(db_path), _("{path} is read-only or not a file, so it was not "
                                           "replaced").format(path=dest))
    try:
        fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
        os.close(fd)  # mkstemp made it 0600; SQLite writes into it
    except OSError as exc:
        raise BackupFailed(str(db_path), why(exc)) from exc
    tmp = Path(name)
    try:
        with closing(connect_ro(db_path)) as src, closing(sqlite3.connect(tmp)) as dst:
            src.backup(dst)
            # A backup stands alone: reading it later must not leave -wal/-shm files beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
        os.chmod(tmp, 0o600)
        os.replace(tmp, dest)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise BackupFailed(str(db_path), why(exc)) from exc
    return dest


def _free_name(db_path: Path, now: datetime, tail: str, suffix: str) -> Path:
    """`<stem>-YYYYMMDD-HHMMSS<tail><suffix>` in the backups folder, numbered when taken
    (two backups in one second: a migration, then a manual one)."""
    folder = _ensure_dir(db_path)
    base = f"{db_path.stem}-{now.strftime(_STAMP)}{tail}"
    dest, n = folder / f"{base}{suffix}", 2
    while dest.exists():
        dest, n = folder / f"{base}-{n}{suffix}", n + 1
    return dest


def _new_backup(db_path: Path, now: datetime, reason: str) -> Path:
    try:
        dest = _free_name(db_path, now, f"-{reason}", ".db")
    except OSError as exc:
        raise BackupFailed(str(db_path), why(exc)) from exc
    return make_backup(db_path, dest)


def damaged_file_path(db_path: str | os.PathLike, now: datetime) -> Path:
    """Where a damaged database is kept: beside the backups, under a name that is not a
    backup's (`.damaged`), so the rotation never deletes it and the restore list never offers
    it."""
    return _free_name(Path(db_path).absolute(), now, "", ".damaged")


def _to_keep(found: list[tuple[datetime, str, Path]]) -> set[Path]:
    keep: set[Path] = set()
    days: set = set()
    weeks: set = set()
    # The file as the older version left it: the way back if the upgrade went wrong, so it
    # is kept as one of its day's backups whatever was made after it that day.
    keep.update(path for _created, reason, path in found[:_recent(found)] if reason == "migration")
    for created, _reason, path in found:  # newest first, so the first of a day is its newest
        day = created.date()
        if day in days:
            continue
        if len(days) < KEEP_DAYS:
            days.add(day)
            keep.add(path)
            continue
        week = day.isocalendar()[:2]
        if week not in weeks and len(weeks) < KEEP_WEEKS:
            weeks.add(week)
            keep.add(path)
    return keep


def _recent(found: list[tuple[datetime, str, Path]]) -> int:
    """How many of `found` (newest first) lie within the last KEEP_DAYS days that have one."""
    days: set = set()
    for n, (created, _reason, _path) in enumerate(found):
        days.add(created.date())
        if len(days) > KEEP_DAYS:
            return n
    return len(found)


STALE_PART_S = 3600    # a .part older than this was left by a killed process


def remove_stale_parts(folder: Path) -> None:
    """Temporary copies a killed scrub or backup left in the backups folder."""
    cutoff = time.time() - STALE_PART_S
    for part in folder.glob(".*.part") if folder.is_dir() else []:
        try:
            if part.stat().st_mtime < cutoff:
                part.unlink()
        except OSError:
            pass


def rotate(db_path: str | os.PathLike) -> list[Path]:
    """Delete the backups the rotation does not keep; return the deleted paths."""
    remove_stale_parts(backups_dir(db_path))
    found = _found(Path(db_path).absolute())
    keep, deleted = _to_keep(found), []
    for _created, _reason, path in found:
        if path not in keep:
            try:
                path.unlink()
                deleted.append(path)
            except OSError:
                pass  # tried again on the next backup; a stale copy does no harm
    return deleted


def auto_backup(db_path: str | os.PathLike, *, now: datetime, reason: str) -> Path | None:
    """Back up into the backups folder, then rotate; "daily" does nothing if today has one."""
    return checked_backup(db_path, now=now, reason=reason)[0]


SESSION_GAP = timedelta(hours=1)   # a session's own backups: at most one in this time


def session_backup(db_path: str | os.PathLike, *, now: datetime, reason: str) -> Path | None:
    """A backup after a session's first edits ("edits") or on close ("close"), unless the
    newest backup of this file is less than SESSION_GAP old; None when none was due."""
    db_path = Path(db_path).absolute()
    newest = max((c for c, _r, _p in _found(db_path)), default=None)
    if newest is not None and now - newest < SESSION_GAP:
        return None
    return auto_backup(db_path, now=now, reason=reason)


def checked_backup(db_path: str | os.PathLike, *, now: datetime,
                   reason: str) -> tuple[Path | None, list[str]]:
    """auto_backup, also returning what the integrity check found in the new copy."""
    db_path = Path(db_path).absolute()
    if reason == "daily" and any(c.date() == now.date() for c, _r, _p in _found(db_path)):
        return None, []
    made = _new_backup(db_path, now, reason)
    found = problems(made, foreign_keys=False)
    # A copy of a damaged file must not push the good older copies out of the rotation.
    if not found:
        rotate(db_path)
    return made, found


def backup_now(db_path: str | os.PathLike, *, out: str | os.PathLike | None,
               now: datetime) -> Path:
    """The `backup` verb: copy the file as it is (not upgraded) to `out` or the backups folder."""
    db_path = Path(db_path).expanduser().absolute()
    if check_file(db_path):
        raise NoDatabase(str(db_path))
    if out is None:
        return auto_backup(db_path, now=now, reason="manual")
    return make_backup(db_path, Path(out).expanduser())


def _count_missions(path: Path) -> int | None:
    try:
        with closing(connect_ro(path)) as conn:
            return conn.execute("SELECT count(*) FROM mission").fetchone()[0]
    except sqlite3.Error:
        return None


def list_backups(db_path: str | os.PathLike) -> list[BackupInfo]:
    """This database's backups in the backups folder, newest first."""
    infos = []
    for created, reason, path in _found(Path(db_path).absolute()):
        try:
            size = path.stat().st_size
        except OSError:
            continue  # deleted meanwhile by another window's rotation
        infos.append(BackupInfo(path, created, reason, _count_missions(path), size))
    return infos


def verify_backup(backup_path: str | os.PathLike) -> None:
    """Raise DamagedBackup, NotADatabase or NewerDatabase unless this version can restore it."""
    if problems(Path(backup_path), foreign_keys=False):
        raise DamagedBackup(str(backup_path))
    found = revision(Path(backup_path))
    if found is None:
        raise NotADatabase(str(backup_path))
    if is_newer_revision(found):
        raise NewerDatabase(str(backup_path), found)


def restore_backup(db_path: str | os.PathLike, backup_path: str | os.PathLike, *,
                   now: datetime) -> Path:
    """Replace the database's content with the backup's; return the backup made of it first.

    The copy goes into the live file through the backup API, in one transaction, so the WAL and
    shared-memory files stay consistent and a failure leaves the database as it was.
    """
    db_path, backup_path = Path(db_path).absolute(), Path(backup_path).absolute()
    verify_backup(backup_path)
    # No rotation here: it could delete the very backup about to be restored.
    safety = _new_backup(db_path, now, "before-restore")
    try:
        with closing(connect_ro(backup_path)) as src, closing(sqlite3.connect(db_path)) as dst:
            src.backup(dst)
    except (OSError, sqlite3.Error) as exc:
        raise RestoreFailed(str(db_path), why(exc)) from exc
    return safety


