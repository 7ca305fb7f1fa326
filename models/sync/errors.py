"""What can stop a sync, for a user to read: the server out of reach, a refused sign-in, a server
or laptop of another version, a mission not shared, a team the organizer is not on."""

from __future__ import annotations

from i18n import _
from models.store.errors import StorageError


class ServerUnreachable(StorageError):
    def __init__(self, url: str, reason: str = ""):
        super().__init__(url, reason)
        self.url, self.reason = url, reason

    def user_message(self) -> str:
        return _("The server {url} cannot be reached, so nothing was synced; your changes are "
                 "kept on this computer and sent at the next sync.").format(url=self.url)


class SchemaMismatch(StorageError):
    def __init__(self, url: str, found: str, wanted: str):
        super().__init__(url, found, wanted)
        self.url, self.found, self.wanted = url, found, wanted

    def user_message(self) -> str:
        return _("The database on {url} is of another version of Kakehashi (schema {found}, "
                 "this app has {wanted}), so this computer cannot sync with it. Use the same "
                 "version of the app as your team.").format(url=self.url, found=self.found,
                                                            wanted=self.wanted)


class NotShared(StorageError):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code

    def user_message(self) -> str:
        return _("Mission {code} is not shared: share it first, or join it from the "
                 "server.").format(code=self.code)


class NotAllowed(StorageError):
    """`reason`: an N_() text with `params` for its fields, worded when shown, not when raised:
    a sync fails on the server thread, whose `_()` speaks whatever language the GUI thread has
    in force at that moment (a document's, while one in another language is written)."""

    def __init__(self, reason: str, **params):
        super().__init__(reason)
        self.reason, self.params = reason, params

    def user_message(self) -> str:
        reason = _(self.reason) if self.reason else ""    # _("") is the catalog's header
        return _("Not allowed: {reason}").format(
            reason=reason.format(**self.params) if self.params else reason)


class SignInRefused(NotAllowed):
    """The server refused the sign-in: a wrong or missing password, or no such role. Not being
    offline: trying again changes nothing until the password is given (libpq reads it from
    PGPASSWORD or the .pgpass file; the window asks for it)."""

    def __init__(self, url: str, reason: str = ""):
        super().__init__(reason)
        self.url = url

    def user_message(self) -> str:
        return _("The server {url} refused the sign-in: the password is wrong or missing, or "
                 "it has no such role. Nothing was synced; your changes are kept on this "
                 "computer.").format(url=self.url)


class UnknownMission(StorageError):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code

    def user_message(self) -> str:
        return _("There is no mission with the code {code}.").format(code=self.code)


class NotALaptop(StorageError):
    """Sharing is for a laptop's own file; a database on a server is the team's store already."""

    def user_message(self) -> str:
        return _("This database is on a server already, where everyone who may open it sees "
                 "the same missions: sharing and syncing are for a mission kept in a file on "
                 "this computer.")
