"""The SQLite triggers that fill the outbox (sync_outbox) with every change to a shared
mission's rows: an insert with the row's values, an update with each changed field's old and
new value, a delete with the row's last values. Generated from the tables as the database
holds them (their columns and foreign keys), not written per table: a later migration that
changes a mission table calls `create_triggers` again.

Values are JSON of what SQLite stores; a reference travels as the UUID of the row it names,
under the column's name without `_id` (as in a mission document). Nothing is recorded while
no mission is shared, nor while the sync itself writes what it received (sync_applying).
"""

from __future__ import annotations

from sqlalchemy import inspect

# table -> part key (models.mission_document.PARTS), fixed here so that a migration does not
# depend on the models of a later version.
TABLES = {"organization": "organizations", "site": "sites", "person": "people",
          "mission": "mission", "mission_organizer": "organizers", "participant": "participants",
          "itinerary_item": "items", "item_participant": "item_participants",
          "visit_clearance": "clearances", "room": "rooms", "room_guest": "room_guests",
          "consulate": "consulates", "greeting": "greetings", "gift": "gifts",
          "mission_site": "mission_sites", "counterpart": "counterparts",
          "matchmaking_session": "matchmaking_sessions", "meeting_request": "meeting_requests",
          "meeting": "meetings", "interpreter_assignment": "interpreter_assignments",
          "item_protocol": "item_protocols", "protocol_rank": "protocol_ranks", "seat": "seats"}

# A removed person's passport number and birth date must not linger in the outbox (nor in the
# backups made before the next sync): a delete records no sensitive field. As
# models.entities.SENSITIVE_FIELDS at this revision (a test holds them equal).
SENSITIVE = {"person": ("date_of_birth", "passport_number", "passport_issued", "passport_expiry",
                        "visa_type")}

_WHEN = "EXISTS (SELECT 1 FROM sync_mission) AND NOT EXISTS (SELECT 1 FROM sync_applying)"


def _columns(conn, table: str) -> list[tuple[str, str, str | None]]:
    """(column, its name on the wire, the table it refers to or None), without id and uuid."""
    found = inspect(conn)
    refs = {fk["constrained_columns"][0]: fk["referred_table"]
            for fk in found.get_foreign_keys(table)}
    out = []
    for column in found.get_columns(table):
        name = column["name"]
        if name in ("id", "uuid"):
            continue
        target = refs.get(name)
        out.append((name, name.removesuffix("_id") if target else name, target))
    return out


def _value(row: str, column: str, target: str | None) -> str:
    if target is None:
        return f'{row}."{column}"'
    return f'(SELECT uuid FROM "{target}" WHERE id = {row}."{column}")'


def _object(row: str, columns) -> str:
    pairs = ", ".join(f"'{wire}', {_value(row, c, t)}" for c, wire, t in columns)
    return f"json_object({pairs})"


def trigger_sql(conn, table: str) -> list[str]:
    kind = TABLES[table]
    columns = _columns(conn, table)
    kept = [c for c in columns if c[0] not in SENSITIVE.get(table, ())]
    changed = " UNION ALL ".join(
        f"SELECT '{kind}', NEW.uuid, 'update', '{wire}', json_quote({_value('OLD', c, t)}), "
        f"json_quote({_value('NEW', c, t)}) WHERE OLD.\"{c}\" IS NOT NEW.\"{c}\""
        for c, wire, t in columns)
    return [
        f'CREATE TRIGGER sync_{table}_insert AFTER INSERT ON "{table}" WHEN {_WHEN} BEGIN '
        f"INSERT INTO sync_outbox (kind, row_uuid, op, new) VALUES ('{kind}', NEW.uuid, "
        f"'insert', {_object('NEW', columns)}); END",
        f'CREATE TRIGGER sync_{table}_update AFTER UPDATE ON "{table}" WHEN {_WHEN} BEGIN '
        f"INSERT INTO sync_outbox (kind, row_uuid, op, field, old, new) {changed}; END",
        f'CREATE TRIGGER sync_{table}_delete AFTER DELETE ON "{table}" WHEN {_WHEN} BEGIN '
        f"INSERT INTO sync_outbox (kind, row_uuid, op, old) VALUES ('{kind}', OLD.uuid, "
        f"'delete', {_object('OLD', kept)}); END",
    ]


def create_triggers(conn) -> None:
    for table in TABLES:
        drop_triggers(conn, table)
        for sql in trigger_sql(conn, table):
            conn.exec_driver_sql(sql)


def drop_triggers(conn, table: str | None = None) -> None:
    for name in ([table] if table else TABLES):
        for op in ("insert", "update", "delete"):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS sync_{name}_{op}")


def after_schema_change(conn) -> None:
    """For a migration that changed a mission table: the triggers made again from its columns
    (a file's own; a server keeps no outbox)."""
    if conn.dialect.name == "sqlite":
        create_triggers(conn)


def before_schema_change(conn) -> None:
    """For a migration about to rebuild or drop a column of a mission table: the old triggers
    name the column, so they go first (after_schema_change puts them back)."""
    if conn.dialect.name == "sqlite":
        drop_triggers(conn)
