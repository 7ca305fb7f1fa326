"""Automatic sync: every shared mission of the open file is synced on the server thread every
half minute, a few seconds after an edit, and when asked; never two syncs at once (a request
during one runs once it ends). What a sync received is announced through ui/common's events,
so the views showing those rows reload them."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QObject, QTimer, Signal

from models import repository as repo
from models.store.db import read_session
from models.store.errors import StorageError
from models.store.server import shown_url
from ui.common.context import Context
from ui.common.events import (
    ATTENDEES,
    GIFTS,
    ITEMS,
    KINDS,
    MEETINGS,
    MISSION,
    ORGANIZATIONS,
    PARTICIPANTS,
    PLACEMENTS,
    PROTOCOL,
    ROOMS,
    SITES,
    VISITS,
    Change,
)
from ui.sharing.server_url import libpq_password
from ui.sharing.server_worker import ServerWorker

SYNC_EVERY_MS = 30_000
AFTER_EDIT_MS = 3_000
FIRST_SYNC_MS = 1_000    # after the window's first paint, not before it

# The parts of a mission a sync writes (models.mission_document.PARTS), and the kinds of rows
# the views name them by (ui/common/events.py).
PART_KINDS = {
    "mission": {MISSION}, "organizers": {MISSION}, "consulates": {MISSION},
    "mission_sites": {MISSION, SITES},
    "people": {ATTENDEES}, "participants": {ATTENDEES}, "organizations": {ORGANIZATIONS},
    "items": {ITEMS}, "item_participants": {PARTICIPANTS}, "clearances": {VISITS},
    "rooms": {ROOMS}, "room_guests": {ROOMS}, "sites": {SITES},
    "counterparts": {MEETINGS}, "matchmaking_sessions": {MEETINGS},
    "meeting_requests": {MEETINGS}, "meetings": {MEETINGS, PLACEMENTS},
    "interpreter_assignments": {MEETINGS},
    "greetings": {PROTOCOL}, "item_protocols": {PROTOCOL}, "protocol_ranks": {PROTOCOL},
    "seats": {PROTOCOL}, "gifts": {GIFTS},
}


def _kinds_changed(report, conflicts_before: int | None) -> set[str]:
    """The kinds of rows the sync wrote here, from the parts the engine says it wrote (a part
    not named above: every kind). A report naming none (an engine of before `changed`):
    every kind whenever it received anything or its conflicts changed."""
    changed = getattr(report, "changed", None)
    if changed is None:
        moved = report.received or report.open_conflicts != (conflicts_before or 0)
        return set(KINDS) if moved else set()
    return set().union(*(PART_KINDS.get(part, KINDS) for part in changed))


def sync_all(engine, codes: list[str], passwords: dict[str, str]) -> tuple[dict, dict[str, int]]:
    """On the server thread: sync each mission in turn, a failure of one not stopping the
    others; returns code -> SyncReport or the StorageError, and code -> local mission id."""
    from models.sync import sync_mission, sync_status

    results: dict = {}
    for code in codes:
        try:
            with libpq_password(passwords.get(sync_status(engine, code).server_url, "")):
                results[code] = sync_mission(engine, code)
        except StorageError as exc:
            results[code] = exc
    with read_session(engine) as session:
        ids = {m.code: m.id for m in repo.list_missions(session)}
    return results, ids


class SyncController(QObject):
    status_changed = Signal()          # a mission's sync status may read otherwise now
    synced = Signal(dict)              # code -> SyncReport or error, after each sync
    password_needed = Signal(str)      # a server refused the sign-in (its URL, no password)

    def __init__(self, ctx: Context, *, every_ms: int = SYNC_EVERY_MS,
                 after_edit_ms: int = AFTER_EDIT_MS):
        super().__init__(ctx)
        self.ctx = ctx
        self.worker = ServerWorker(self)
        self.errors: dict[str, str] = {}      # code -> why its last sync failed (not offline)
        self.conflicts: dict[str, int] = {}   # code -> open conflicts after its last sync
        # Server URL (as sync_status shows it) -> password: in memory only, for this run.
        self.passwords: dict[str, str] = {}
        # Servers that refused the sign-in and were asked about once: not asked again by the
        # clock, only after a new password (File > Server password…).
        self.asked: set[str] = set()
        self.running = False
        self._again = False
        self._announcing = False
        self._closed = False
        self.timer = QTimer(self, interval=every_ms, timeout=self.sync_now)
        self.after_edit = QTimer(self, interval=after_edit_ms, singleShot=True,
                                 timeout=self.sync_now)
        self.first = QTimer(self, interval=FIRST_SYNC_MS, singleShot=True,
                            timeout=self.sync_now)
        self._status_soon = QTimer(self, interval=0, singleShot=True,
                                   timeout=self.status_changed.emit)
        ctx.events.changed.connect(self._on_change)
        ctx.database_replaced.connect(self._on_database_replaced)

    def start(self) -> None:
        self.timer.start()
        self.first.start()

    # what the status bar and the dialogs read (on the window's thread, local reads only) -----
    def shared_codes(self) -> list[str]:
        from models.sync import shared_codes

        # A window on the server's own database shares nothing: models.sync says so.
        return list(shared_codes(self.ctx.engine))

    def status(self, code: str):
        """The mission's SyncStatus, None when it is not shared."""
        from models.sync import NotShared, sync_status

        try:
            return sync_status(self.ctx.engine, code)
        except NotShared:
            return None

    # syncing -----------------------------------------------------------------------------
    def sync_now(self) -> None:
        if self._closed or self.ctx.read_only:
            return
        if self.running:
            self._again = True
            return
        codes = self.shared_codes()
        if not codes:
            return
        self.running = True
        self.status_changed.emit()
        engine, passwords = self.ctx.engine, dict(self.passwords)
        self.worker.submit(lambda: sync_all(engine, codes, passwords), self._synced,
                           self._failed)

    def _synced(self, answer) -> None:
        from models.sync import ServerUnreachable, SignInRefused

        results, mission_ids = answer
        self.running = False
        refused = []
        for code, result in results.items():
            if isinstance(result, SignInRefused):
                self.errors[code] = result.user_message()
                if result.url not in self.asked:
                    self.asked.add(result.url)
                    refused.append(result.url)
            elif isinstance(result, ServerUnreachable):
                self.errors.pop(code, None)     # the status says offline, and since when
            elif isinstance(result, StorageError):
                self.errors[code] = result.user_message()
            else:
                self.errors.pop(code, None)
                before = self.conflicts.get(code)
                self.conflicts[code] = result.open_conflicts
                self._announce(mission_ids.get(code), _kinds_changed(result, before))
        self.synced.emit(results)
        self._after_run()
        for url in dict.fromkeys(refused):
            self.password_needed.emit(url)

    def give_password(self, url: str, password: str) -> None:
        """A password for `url` (kept in memory only), then a sync with it."""
        self.passwords[url] = password
        self.asked.discard(url)
        self.sync_now()

    def _failed(self, error: BaseException) -> None:
        self.running = False
        message = error.user_message() if isinstance(error, StorageError) else repr(error)
        for code in self.shared_codes():
            self.errors[code] = message
        self._after_run()
        if not isinstance(error, StorageError):
            self.timer.stop()     # a bug would only come back every half minute
            raise error           # the crash report, on the window's thread

    def _after_run(self) -> None:
        self.status_changed.emit()
        if self._again and not self._closed:
            self._again = False
            self.sync_now()

    def _announce(self, mission_id: int | None, kinds: set[str]) -> None:
        if mission_id is None or not kinds:
            return
        self._announcing = True
        try:
            self.ctx.events.announce(mission_id, *sorted(kinds))
        finally:
            self._announcing = False

    def _on_change(self, change: Change) -> None:
        if change.switched:
            self.status_changed.emit()
        elif not self._announcing and self.shared_codes():
            # One of our edits to a shared mission: it waits in the outbox; the status counts
            # it, the sync sends it. (An edit in a file that shares nothing starts no sync.)
            self._status_soon.start()
            self.after_edit.start()

    def _on_database_replaced(self) -> None:
        self.errors.clear()
        self.status_changed.emit()
        self.sync_now()

    # the server's other work, in the same line ------------------------------------------------
    def resolve(self, mission, number: int, take: str, done, failed, *,
                typed: bool = False) -> None:
        """Settle conflict `number` as `take`; the engine syncs after it, so whatever came
        with that sync is announced too."""
        from models.sync import resolve_conflict

        engine, status = self.ctx.engine, self.status(mission.code)
        password = self.passwords.get(status.server_url, "") if status is not None else ""

        def work():
            with libpq_password(password):
                return resolve_conflict(engine, mission.code, number, take, typed=typed)

        def settled(report) -> None:
            self.conflicts[mission.code] = report.open_conflicts
            self._announce(mission.id, _kinds_changed(report, None))
            self.status_changed.emit()
            done()

        self.worker.submit(work, settled, failed)

    def run_on_server(self, work, done, failed, *, url: str = "", password: str = "") -> None:
        """Run `work` on the server thread; with `password`, libpq signs in to `url` with it,
        and the syncs after it too (kept in memory only)."""
        if password:
            self.passwords[shown_url(url)] = password

        def signed_in():
            with libpq_password(password):
                return work()

        self.worker.submit(signed_in, done, failed)

    def now(self) -> datetime:
        return datetime.now(UTC)

    def close(self) -> None:
        self._closed = True
        for timer in (self.timer, self.first, self.after_edit):
            timer.stop()
        self.worker.close()
