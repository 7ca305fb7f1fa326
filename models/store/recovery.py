"""Back to work after the database file is damaged: the newest backup that is sound, and that
backup put in the damaged file's place.

The damaged file is never deleted. It moves into the backups folder (with its -wal) under a name
that is not a backup's (`<stem>-YYYYMMDD-HHMMSS.damaged`), so the rotation never deletes it and
the restore list never offers it, and whatever a rescue tool can still get out of it is there.
No Qt here.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from i18n import _
from models.store.backup import (
    BackupInfo,
    damaged_file_path,
    list_backups,
    make_backup,
    verify_backup,
)
from models.store.errors import StorageError
from models.store.health import why


class RecoveryFailed(StorageError):
    def __init__(self, path: str, reason: str):
        super().__init__(path, reason)
        self.path, self.reason = path, reason

    def user_message(self) -> str:
        return _("The backup could not be put in place of {path}: {reason}. The file was left "
                 "as it was.").format(path=self.path, reason=self.reason)


def _usable(path: Path) -> bool:
    try:
        verify_backup(path)
    except StorageError:
        return False
    return True


def latest_good_backup(db_path: str | os.PathLike) -> BackupInfo | None:
    """The newest backup of this database that is sound and this version can open."""
    return next((info for info in list_backups(db_path) if _usable(info.path)), None)


def replace_damaged(db_path: str | os.PathLike, backup_path: str | os.PathLike, *,
                    now: datetime) -> Path:
    """Move the damaged database aside and copy the backup in its place; return where the
    damaged file went. Nothing may have the file open. On any failure everything is put back
    where it was and RecoveryFailed (or DamagedBackup, NewerDatabase) is raised."""
    db_path, backup_path = Path(db_path).absolute(), Path(backup_path).absolute()
    verify_backup(backup_path)
    moved: list[tuple[Path, Path]] = []
    try:
        kept = damaged_file_path(db_path, now)
        # The -wal goes with the file, under the name SQLite looks for beside the kept file.
        for source, dest in ((db_path, kept), (Path(f"{db_path}-wal"), Path(f"{kept}-wal"))):
            if source.exists():
                os.replace(source, dest)
                moved.append((source, dest))
        # The shared-memory index describes the moved WAL; SQLite rebuilds it when needed.
        Path(f"{db_path}-shm").unlink(missing_ok=True)
        make_backup(backup_path, db_path)
    except (OSError, StorageError) as exc:
        for source, dest in reversed(moved):
            os.replace(dest, source)
        reason = exc.reason if hasattr(exc, "reason") else why(exc)
        raise RecoveryFailed(str(db_path), reason) from exc
    return kept
