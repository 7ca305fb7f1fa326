"""At start-up, a damaged database: say so, and offer to put the newest good backup in its place.

Two cases reach here: the file cannot be opened at all (not a database any more, e.g. its first
pages overwritten), or it opened but today's first backup of it failed the integrity check. In
the first the choice is the backup or quitting; in the second the user may also keep working
on the damaged file (and export what they can).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from i18n import _, ngettext
from models.store.db import Database
from models.store.errors import NotADatabase, StorageError
from models.store.health import damage_summary
from models.store.recovery import latest_good_backup, replace_damaged
from ui.files.restore_dialog import format_made


def _backup_text(info) -> str:
    if info.missions is None:
        return _("The newest good backup is from {when}.").format(when=format_made(info.created))
    return ngettext("The newest good backup is from {when} and holds {n} mission.",
                    "The newest good backup is from {when} and holds {n} missions.",
                    info.missions).format(when=format_made(info.created), n=info.missions)


def offer_backup(path: Path, *, error: StorageError | None, db: Database | None,
                 opener: Callable[[Path], Database]) -> Database | None:
    """The database to work on after asking, or None to quit (the caller exits)."""
    title = _("Kakehashi")
    info = latest_good_backup(path)
    if error is not None and (info is None or not isinstance(error, NotADatabase)):
        QMessageBox.critical(None, title, error.user_message())
        return None
    if error is not None:
        problem = error.user_message()
    else:
        problem = damage_summary(path, db.damage)
    if info is None:  # opened, damaged, nothing better to offer
        QMessageBox.warning(None, title, problem + "\n\n" + _(
            "There is no good backup of it. Export what you need, and check the data "
            "before you rely on it."))
        return db
    box = QMessageBox(QMessageBox.Icon.Warning, title, problem + "\n\n" + _backup_text(info)
                      + "\n\n" + _("Put the backup in place of the damaged file? The damaged "
                                   "file is kept in the backups folder."))
    box.setObjectName("recoveryBox")
    restore = box.addButton(_("&Restore the backup"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("&Quit") if db is None else _("&Keep working on the damaged file"),
                  QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    if box.clickedButton() is not restore:
        return db
    if db is not None:
        db.dispose()  # nothing may hold the file while it is moved aside
    try:
        kept = replace_damaged(path, info.path, now=datetime.now())
    except StorageError as exc:
        QMessageBox.critical(None, title, exc.user_message())
        return _reopen(path, opener) if db is not None else None
    new_db = _reopen(path, opener)
    if new_db is not None:
        QMessageBox.information(None, title, _(
            "The backup from {when} is back in place. The damaged file was kept as "
            "{kept}.").format(when=format_made(info.created), kept=kept))
    return new_db


def _reopen(path: Path, opener: Callable[[Path], Database]) -> Database | None:
    try:
        return opener(path)
    except StorageError as exc:
        QMessageBox.critical(None, _("Kakehashi"), exc.user_message())
        return None
