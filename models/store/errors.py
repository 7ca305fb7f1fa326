"""Errors the data layer raises for a user to read, each saying in the current language what is
wrong."""

from __future__ import annotations

from i18n import N_, _


class StorageError(Exception):
    """A problem with the database file that a user can understand and act on."""

    def user_message(self) -> str:  # pragma: no cover - every subclass says its own
        return str(self)


class FolderMissing(StorageError):
    def __init__(self, path: str):
        super().__init__(path)
        self.path = path

    def user_message(self) -> str:
        return _("The folder for the database does not exist: {path}").format(path=self.path)


class NotADatabase(StorageError):
    def __init__(self, path: str):
        super().__init__(path)
        self.path = path

    def user_message(self) -> str:
        return _("{path} is not a Kakehashi database (it is damaged or another kind of "
                 "file).").format(path=self.path)


class NewerDatabase(StorageError):
    def __init__(self, path: str, revision: str):
        super().__init__(path, revision)
        self.path, self.revision = path, revision

    def user_message(self) -> str:
        return _("{path} was made by a newer version of Kakehashi (schema {revision}). "
                 "Please update the app to open it.").format(path=self.path, revision=self.revision)


class CannotOpen(StorageError):
    def __init__(self, path: str, reason: str):
        super().__init__(path, reason)
        self.path, self.reason = path, reason

    def user_message(self) -> str:
        return _("Cannot open the database {path}: {reason}").format(path=self.path,
                                                                     reason=self.reason)


class ReadOnlyDatabase(StorageError):
    def __init__(self, path: str):
        super().__init__(path)
        self.path = path

    def user_message(self) -> str:
        return _("{path} is read-only: you can look at the missions but not change them. "
                 "Copy the file to a folder where you can write to edit it.").format(
            path=self.path)


class DiskFull(StorageError):
    def user_message(self) -> str:
        return _("The disk is full, so the change was not saved. Your data is as it was "
                 "before; free some space and try again.")


class DatabaseBusy(StorageError):
    def user_message(self) -> str:
        return _("The database is busy in another window or program, so the change was not "
                 "saved. Try again in a moment.")


class WriteFailed(StorageError):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason

    def user_message(self) -> str:
        return _("The change could not be saved ({reason}). Your data is as it was "
                 "before.").format(reason=self.reason)


class Conflict(StorageError):
    """A write the database's own rules refused (a unique code or id taken, a row it refers to
    gone): in the window, a sign that another program changed the same data meanwhile."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason

    def user_message(self) -> str:
        return _("The change clashes with data changed meanwhile, perhaps by another program, "
                 "so it was not saved ({reason}). Your data is as it was before.").format(
            reason=self.reason)


class NotForServer(StorageError):
    """A file store's own verb (backup, check, compact) asked of a server database."""

    def __init__(self, verb: str):
        super().__init__(verb)
        self.verb = verb

    def user_message(self) -> str:
        return _("“{verb}” is for a database file, not for a server database: use the "
                 "server's own tools (pg_dump, pg_amcheck) there.").format(verb=self.verb)


class InvalidInput(StorageError):
    """A value that models.rules refuses to store (the dialog and the import word each rule
    beside its field first; this is what reaches a caller that skipped them)."""

    FIELDS = {"family_name": N_("family name"), "date_of_birth": N_("date of birth"),
              "passport_expiry": N_("passport expiry"), "passport_number": N_("passport number"),
              "sex": N_("sex (F, M or X)")}

    def __init__(self, fields: list[str]):
        super().__init__(fields)
        self.fields = fields

    def user_message(self) -> str:
        from i18n.formatting import format_list

        return _("The attendee was not saved: check the {fields}.").format(
            fields=format_list([_(self.FIELDS.get(f, f)) for f in self.fields]))


class DamagedDatabase(StorageError):
    """SQLite found a damaged page while reading or writing (not at open: NotADatabase)."""

    def __init__(self, path: str):
        super().__init__(path)
        self.path = path

    def user_message(self) -> str:
        return _("Part of the database {path} is damaged, so this could not be done. Run "
                 "`kakehashi check`, or start Kakehashi to restore the newest good "
                 "backup.").format(path=self.path)


class DatabaseFailed(StorageError):
    """Any other error of the database: only its kind is kept (never the statement or its
    parameters, which can hold passport numbers)."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind

    def user_message(self) -> str:
        return _("The database could not do this ({kind}). Your data is as it was "
                 "before.").format(kind=self.kind)
