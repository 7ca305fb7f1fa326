"""Saving a workbook so that the file at the target is either the old one or the whole new one.

The workbook goes to a temporary file in the target's own folder (so the final rename stays on
one file system), is flushed and synced, then renamed over the target in one step. Whatever
fails or is cancelled before that rename leaves the old file as it was, and no temporary file.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from i18n import N_, _

_MESSAGES = {
    "folder_missing": N_("The folder {folder} does not exist, so {path} was not saved. "
                         "Choose another folder."),
    "is_folder": N_("{path} is a folder. Choose a file name ending in .xlsx."),
    "not_xlsx": N_("{path} does not end in .xlsx. Choose a name such as {example}."),
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
    if path.is_dir():
        raise ExportError("is_folder", path=str(path))
    if path.suffix.lower() != suffix:
        raise ExportError("not_xlsx" if suffix == ".xlsx" else "wrong_suffix", path=str(path),
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
    """
    check_target(path, suffix)
    try:
        fd, temp = tempfile.mkstemp(prefix=f".~{path.stem}-", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _error(path, exc, renaming=False) from exc
    try:
        try:
            with os.fdopen(fd, "wb") as out:
                write(out)
                out.flush()
                os.fsync(out.fileno())
            if not private:  # mkstemp made it owner-only; give it the usual mode
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
    _sync_folder(path.parent)


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
