"""A mission shared by a team through a PostgreSQL server, each laptop working offline on its
own SQLite copy, merged field by field (issue 16). mission_sync.py holds the verbs; local.py
this laptop's outbox and batches; server_schema.sql the server's functions; wire.py the
connection; triggers.py what migration 0017 puts on the mission tables."""

from models.sync.conflicts import Conflict, list_conflicts, resolve_conflict
from models.sync.errors import (
    NotALaptop,
    NotAllowed,
    NotShared,
    SchemaMismatch,
    ServerUnreachable,
    SignInRefused,
    UnknownMission,
)
from models.sync.mission_sync import (
    SyncReport,
    SyncStatus,
    add_organizer,
    join_mission,
    last_changed,
    share_mission,
    shared_codes,
    sync_mission,
    sync_status,
)

__all__ = ["Conflict", "NotALaptop", "NotAllowed", "NotShared", "SchemaMismatch",
           "ServerUnreachable", "SignInRefused",
           "SyncReport", "SyncStatus", "UnknownMission", "add_organizer", "join_mission",
           "last_changed", "list_conflicts", "resolve_conflict", "share_mission", "shared_codes",
           "sync_mission", "sync_status"]
