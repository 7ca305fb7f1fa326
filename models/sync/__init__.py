"""A mission shared by a team through a PostgreSQL server, each laptop working offline on its
own SQLite copy, merged field by field (issue 16). mission_sync.py holds the verbs; local.py
this laptop's outbox and batches; server_schema.sql the server's functions; wire.py the
connection; triggers.py what migration 0017 puts on the mission tables; shared.py what this
laptop knows of its shared missions (their status)."""

import importlib

# The names below load their module when first asked for (PEP 562): the window imports
# wire.py's helpers at start-up and reads the shown mission's status (shared.py) before its
# first paint; the verbs' modules would add 20 ms to that paint and load when first used.
_HOMES = {
    "models.sync.conflicts": ("Conflict", "list_conflicts", "resolve_conflict"),
    "models.sync.errors": ("NotALaptop", "NotAllowed", "NotShared", "SchemaMismatch",
                           "ServerUnreachable", "SignInRefused", "UnknownMission"),
    "models.sync.mission_sync": ("SyncReport", "add_organizer", "join_mission",
                                 "last_changed", "share_mission", "sync_mission"),
    "models.sync.shared": ("SyncStatus", "shared_codes", "sync_status"),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}
__all__ = sorted(_MODULE_OF)


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value              # asked once: later reads are plain module globals
    return value
