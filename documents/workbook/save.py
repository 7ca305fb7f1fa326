"""Saving a workbook so that the file at the target is either the old one or the whole new one.

The workbook goes to a temporary file in the target's own folder (so the final rename stays on
one file system), is flushed and synced, then renamed over the target in one step. Whatever
fails or is cancelled before that rename leaves the old file as it was, and no temporary file.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from i18n import N_, _
from models.store import private_temp

_MESSAGES = {
    "folder_missing": N_("The folder {folder} does not exist, so {path} was not saved. "
                         "Choose another folder."),
    "is_folder": N_("{path} is a folder. Choose a file name ending in .xlsx."),
    "not_xlsx": N_("{path} does not end in .xlsx. Choose a name such as {example}."),
    # The handouts (.pdf) and the calendar (.ics) are saved the same way.
    "is_folder_for": N_("{path} is a folder. Choose a file name ending in {suffix}."),
    "wrong_suffix": N_("{path} does not end in {suffix}. Choose a name such as {example}."),
    "folder_read_only": N_("Kakehashi may not write in the folder {folder}, so {path} was "
                           "not saved. Choose another folder."),
    "file_read_only": N_("{path} is marked read-only, so it was not replaced. Choose another "
                         "name, or clear the file's read-only setting and try again."),
    "file_locked": N_("{path} is open in another program (Excel?) or may not be changed, so it "
                      "was not replaced. Close it there, or choose another name."),
    "disk_full": N_("The disk is full, so {path} was not saved. Free some space or choose "
                    "another place."),
    "failed": N_("{path} could not be saved ({reason}). Any file that was there is "
                 "unchanged."),
    "unknown_mission": N_("No mission has the code {code}."),
    "unknown_person": N_("No attendee of {code} has the e-mail address {email}."),
}


class ExportError(Exception):
    """An export that could not be written; nothing at the target was changed."""

    def __init__(self, kind: str, **params) -> None:
        super().__init__(kind, params)
        self.kind, self.params = kind, params

    def user_message(self) -> str:
        params = dict(self.params)
        if "path" in params:
            params.setdefault("folder", str(Path(params["path"]).parent))
        return _(_MESSAGES[self.kind]).format(**params)


class ExportCancelled(Exception):
    """The user stopped the export; nothing at the target was changed."""


def check_target(path: Path, suffix: str = ".xlsx") -> None:
    """Raise ExportError when `path` cannot be written, before any work is done for it."""
    xlsx = suffix == ".xlsx"
    if path.is_dir():
        raise ExportError("is_folder" if xlsx else "is_folder_for", path=str(path),
                          suffix=suffix)
    if path.suffix.lower() != suffix:
        raise ExportError("not_xlsx" if xlsx else "wrong_suffix", path=str(path),
                          suffix=suffix, example=path.with_suffix(suffix).name)
    if not path.parent.is_dir():
        raise ExportError("folder_missing", path=str(path))
    # The read-only flag is checked by its bits: the rename below would replace a read-only
    # file in a writable folder without a word (and root may write anything anyway).
    if path.exists() and not path.stat().st_mode & stat.S_IWRITE:
        raise ExportError("file_read_only", path=str(path))


def _error(path: Path, exc: OSError, *, renaming: bool) -> ExportError:
    if exc.errno == errno.ENOSPC:
        return ExportError("disk_full", path=str(path))
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM,
                                                          errno.EROFS):
        # Windows refuses the rename while Excel holds the file open.
        return ExportError("file_locked" if renaming else "folder_read_only", path=str(path))
    return ExportError("failed", path=str(path), reason=exc.strerror or str(exc))


def save_atomically(write, path: Path, *, private: bool, suffix: str = ".xlsx") -> None:
    """Call `write(file)` on a temporary file beside `path`, then put it in place.

    `private`: the file holds sensitive columns, so it is readable by its owner only.
    The temporary file is removed on any failure, and noted in a ledger so that one a kill
    left behind is removed at the next start.
    """
    check_target(path, suffix)
    # Named and noted in the ledger before it exists: a kill at any moment after leaves a file
    # the next start finds and removes (models/store/private_temp.py).
    temp = str(path.parent / f".~{path.stem}-{os.getpid()}-{secrets.token_hex(4)}.tmp")
    entry = private_temp.track(Path(temp))
    try:
        # Read and write: the PDF writer mends its text maps in place once the pages are out.
        fd = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     0o600)
    except OSError as exc:
        private_temp.untrack(entry)
        raise _error(path, exc, renaming=False) from exc
    try:
        try:
            with os.fdopen(fd, "w+b") as out:
                write(_QuietAfterFailure(out))
                out.flush()
                os.fsync(out.fileno())
            if not private:  # made owner-only; give it the usual mode
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(temp, 0o666 & ~umask)
        except OSError as exc:
            raise _error(path, exc, renaming=False) from exc
        check_target(path, suffix)   # it may have been made read-only while we wrote
        try:
            os.replace(temp, path)
        except OSError as exc:
            raise _error(path, exc, renaming=True) from exc
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    finally:
        private_temp.untrack(entry)
    _sync_folder(path.parent)


class _QuietAfterFailure:
    """The temporary file as the writer sees it. Once a write has failed (a full disk), or the
    file is closed, later writes and flushes are dropped: openpyxl's zip file, left half-made,
    writes its directory again when Python collects it, and would print a warning with a
    traceback on stderr long after the user was told the disk is full."""

    def __init__(self, file) -> None:
        self._file, self._failed = file, False

    def _gone(self) -> bool:
        return self._failed or self._file.closed

    def write(self, data) -> int:
        if self._gone():
            return len(data)
        try:
            return self._file.write(data)
        except OSError:
            self._failed = True
            raise

    def flush(self) -> None:
        if not self._gone():
            self._file.flush()

    def tell(self) -> int:
        return 0 if self._gone() else self._file.tell()

    def seek(self, *args) -> int:
        return 0 if self._gone() else self._file.seek(*args)

    def __getattr__(self, name):
        return getattr(self._file, name)


def _sync_folder(folder: Path) -> None:
    # The rename itself is durable only once the folder is synced (POSIX; Windows has no
    # directory handles to sync and needs none).
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
