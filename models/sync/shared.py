"""What this laptop knows of its shared missions, read from its own file without the sync's
machinery: which missions are shared, and each one's status (the window reads it on every
mission shown, before its first paint; models/sync/mission_sync.py holds the verbs)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from models.sync import wire
from models.sync.errors import NotShared


@dataclass(frozen=True)
class SyncStatus:
    server_url: str
    last_synced_at: datetime | None
    offline_since: datetime | None
    waiting: int
    open_conflicts: int


@dataclass
class Shared:
    mission_uuid: str
    code: str
    server_url: str
    organizer: str
    client_id: str
    pulled_seq: int


def _instant(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def on_laptop(engine) -> bool:
    """A laptop's own SQLite file keeps the sync's bookkeeping; a server database (the window
    opened on PostgreSQL) has the tables from the migrations but shares nothing itself."""
    return engine.dialect.name == "sqlite"


def _shared_row(engine, code: str, columns: str):
    """The laptop's sync_mission row of the mission, in these columns; NotShared if none."""
    if not on_laptop(engine):
        raise NotShared(code)
    with engine.connect() as conn:
        row = conn.exec_driver_sql(f"SELECT {columns} FROM sync_mission WHERE code = ?",
                                   (code,)).first()
    if row is None:
        raise NotShared(code)
    return row


def shared_state(engine, code: str) -> Shared:
    return Shared(*_shared_row(
        engine, code, "mission_uuid, code, server_url, organizer, client_id, pulled_seq"))


def shared_codes(engine) -> list[str]:
    if not on_laptop(engine):
        return []
    with engine.connect() as conn:
        return [r[0] for r in conn.exec_driver_sql("SELECT code FROM sync_mission ORDER BY code")]


def sync_status(engine, code: str) -> SyncStatus:
    row = _shared_row(engine, code, "mission_uuid, server_url, last_synced_at, offline_since, "
                                    "open_conflicts")
    return SyncStatus(server_url=wire.shown_url(row[1]), last_synced_at=_instant(row[2]),
                      offline_since=_instant(row[3]), waiting=_waiting(engine, row[0]),
                      open_conflicts=row[4])


def _waiting(engine, mission_uuid: str) -> int:
    from models.sync import local  # the outbox's module: only for a mission shared

    return local.waiting(engine, mission_uuid)
