"""Sharing a mission on a PostgreSQL server, joining it from another laptop, syncing, and the
conflicts a sync found. Each laptop keeps its SQLite copy and works offline; a sync sends the
saved batch (models/sync/local.py) and then reads the server's change log from where it
stopped. No laptop clock orders anything: the server's sequence numbers do.
"""

from __future__ import annotations

import json
import uuid as uuid_module
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from i18n import N_
from models.mission_document import PARTS
from models.store.files import SCHEMA_HEAD
from models.sync import local, server_schema, triggers, wire
from models.sync.errors import (
    NotALaptop,
    NotAllowed,
    SchemaMismatch,
    ServerUnreachable,
    UnknownMission,
)
from models.sync.shared import Shared, on_laptop, shared_state


@dataclass(frozen=True)
class SyncReport:
    sent: int
    received: int
    open_conflicts: int
    # The parts of the mission (models.mission_document.PARTS keys: "people", "items", ...)
    # whose rows this sync wrote here: what it received, and what a conflict took back.
    changed: frozenset[str] = frozenset()


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _check_server(conn, url: str) -> None:
    """Refuse a server of another version: its app schema or its sync schema."""
    found, revision = server_schema.versions(conn)
    if revision != SCHEMA_HEAD:
        raise SchemaMismatch(url, revision or "-", SCHEMA_HEAD)
    if found != server_schema.SYNC_VERSION:
        raise SchemaMismatch(url, f"{revision}/sync {found}", SCHEMA_HEAD)


def prepare_server(server_url: str) -> None:
    """An empty database set up with the app's own migrations and the sync schema; one of
    another version refused."""
    from models.store.db import current_revision, upgrade
    from models.store.server import make_server_engine, shown_url

    url = wire.libpq_url(wire.with_tls_defaults(server_url))
    shown = shown_url(server_url)
    with wire.connect(server_url):     # a refused sign-in or no server, said as the sync says it
        pass
    engine = make_server_engine(url, pooled=False)
    try:
        try:
            revision = current_revision(engine)
        except Exception as exc:  # noqa: BLE001 - any failure to reach it says the same
            raise wire.connect_error(exc, shown) from None
    finally:
        engine.dispose()
    if revision is None:
        upgrade(url)
    elif revision != SCHEMA_HEAD:
        raise SchemaMismatch(shown, revision, SCHEMA_HEAD)
    with wire.connect(server_url) as conn:
        conn.execute("SELECT pg_advisory_xact_lock(7254)")     # two first shares at once
        if server_schema.installed_version(conn) is None:
            server_schema.install(conn, SCHEMA_HEAD)
        _check_server(conn, shown)


def _wire_rows(conn, uuids: set[str]) -> list[dict]:
    """The rows with these UUIDs as inserts, read by the triggers' own expressions."""
    changes = []
    for part in PARTS:
        table = part.table.name
        obj = triggers._object("NEW", triggers._columns(conn, table))
        for row_uuid, values in conn.exec_driver_sql(f'SELECT uuid, {obj} FROM "{table}" AS NEW'):
            if row_uuid in uuids:
                changes.append({"op": "insert", "kind": part.key, "row": row_uuid,
                                "value": json.loads(values)})
    return changes


def share_mission(engine, code: str, server_url: str, *, organizer: str) -> None:
    """Put the mission with this code on the server; from now on this laptop records its
    changes for the server. The file keeps the URL without a password: later syncs sign in
    with the password libpq finds (PGPASSWORD, the .pgpass file; the window asks for it)."""
    if not on_laptop(engine):
        raise NotALaptop()
    with engine.connect() as conn:
        mission = conn.exec_driver_sql("SELECT uuid FROM mission WHERE code = ?", (code,)).scalar()
        if mission is None:
            raise UnknownMission(code)
        if conn.exec_driver_sql("SELECT 1 FROM sync_mission WHERE mission_uuid = ?",
                                (mission,)).first():
            raise NotAllowed(N_("this mission is already shared on the server"))
    prepare_server(server_url)
    client = str(uuid_module.uuid4())
    with local.begin_write(engine) as conn, conn.begin():
        uuids = local.mission_rows(conn, mission)
        changes = _wire_rows(conn, uuids)
        with wire.connect(server_url) as pg:
            wire.add_mission(pg, mission, code)
            head = wire.seed(pg, mission, client, organizer, changes)
        conn.exec_driver_sql("INSERT INTO sync_mission (mission_uuid, code, server_url, "
                             "organizer, client_id, pulled_seq, last_synced_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)",
                             (mission, code, wire.stored_url(server_url), organizer, client,
                              head, _now()))
        _know(conn, mission, [(c["row"], c["kind"]) for c in changes])


def add_organizer(engine, code: str, role: str, *, sensitive: bool = False) -> None:
    """Put a colleague's server role on the mission's team; with `sensitive`, let it receive
    passport numbers, dates of birth and visa data too (only a holder may pass that on)."""
    shared = shared_state(engine, code)
    with wire.connect(shared.server_url) as pg:
        wire.add_organizer(pg, shared.mission_uuid, role, sensitive)


def _know(conn, mission: str, rows) -> None:
    conn.connection.driver_connection.executemany(
        "INSERT OR IGNORE INTO sync_known VALUES (?, ?, ?)",
        [(mission, row_uuid, kind) for row_uuid, kind in rows])


def join_mission(server_url: str, code: str, location, *, organizer: str) -> None:
    """Make (or add to) the SQLite file at `location` the shared mission with this code, from
    the server alone."""
    from models.store.db import open_database

    db = open_database(Path(location))
    try:
        with wire.connect(server_url) as pg:
            _check_server(pg, wire.shown_url(server_url))
            mission = wire.find_mission(pg, code)
            client = str(uuid_module.uuid4())
            rows = wire.snapshot(pg, mission, client)
        engine = db.engine
        with local.begin_write(engine) as conn, conn.begin():
            if conn.exec_driver_sql("SELECT 1 FROM sync_mission WHERE mission_uuid = ?",
                                    (mission,)).first():
                raise NotAllowed(N_("this mission is already shared on the server"))
            head = rows[0][3] if rows else 0
            rows.sort(key=lambda r: local.ORDER[r[0]])
            with local.Writer(conn) as writer:
                for kind, row_uuid, fields, *_last in rows:
                    writer.put(kind, row_uuid, fields)
            conn.exec_driver_sql("INSERT INTO sync_mission (mission_uuid, code, server_url, "
                                 "organizer, client_id, pulled_seq, last_synced_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 (mission, code, wire.stored_url(server_url), organizer,
                                  client, head, _now()))
            _know(conn, mission, [(r[1], r[0]) for r in rows])
            conn.connection.driver_connection.executemany(
                "INSERT OR REPLACE INTO sync_changed VALUES (?, ?, ?, ?)",
                [(r[1], r[0], r[4], r[5].isoformat()) for r in rows if r[4] is not None])
    finally:
        db.dispose()


def sync_mission(engine, code: str) -> SyncReport:
    """Send what waits, then read what the others sent; conflicts are counted, not raised."""
    shared = shared_state(engine, code)
    try:
        with wire.connect(shared.server_url) as pg:
            _check_server(pg, wire.shown_url(shared.server_url))
            sent, written = 0, set()
            for _round in range(2):          # a saved batch first, then the outbox's new one
                batch = local.take_batch(engine, shared.mission_uuid)
                if batch is None:
                    break
                batch_id, body = batch
                for chunk_id, start, end in local.chunks(batch_id, body):
                    chunk = body[start:end]
                    reply = wire.push(pg, shared.mission_uuid, chunk_id, shared.client_id,
                                      shared.organizer, chunk)
                    pg.commit()
                    after = (f"{chunk_id.partition('#')[0]}#{end}"
                             if end < len(body) else None)
                    written |= _acknowledge(engine, shared, batch_id, chunk, reply, after)
                    batch_id = after or batch_id
                    sent += len(chunk)
            changes = wire.pull(pg, shared.mission_uuid, shared.client_id, shared.pulled_seq)
            conflicts = wire.open_conflicts(pg, shared.mission_uuid)
    except ServerUnreachable:
        with local.begin_write(engine) as conn, conn.begin():
            conn.exec_driver_sql("UPDATE sync_mission SET offline_since = coalesce(offline_since,"
                                 " ?) WHERE mission_uuid = ?", (_now(), shared.mission_uuid))
        raise
    received, pulled = _apply_pulled(engine, shared, changes, conflicts)
    return SyncReport(sent=sent, received=received, open_conflicts=len(conflicts),
                      changed=frozenset(written | pulled))


def _acknowledge(engine, shared: Shared, batch_id: str, changes: list[dict], reply: dict,
                 after: str | None) -> set[str]:
    """The server has these changes (a chunk of the saved batch): take back here what it did
    not accept, and forget the batch, or keep what is left of it under the id `after`."""
    lost = {(c["row"], c["field"]) for c in reply["conflicts"]}
    with local.begin_write(engine) as conn, conn.begin():
        with local.Writer(conn) as writer:
            for c in reversed(reply["conflicts"]):
                if c["what"] == "insert-deleted":
                    writer.delete(c["kind"], c["row"])
            for c in reply["conflicts"]:
                if c["what"] == "edit" and writer.exists(c["kind"], c["row"]):
                    writer.put(c["kind"], c["row"], {c["field"]: c["theirs"]})
            for c in reversed(reply["conflicts"]):
                if c["what"] == "delete-edited" and c["theirs"] is not None:
                    writer.put(c["kind"], c["row"], c["theirs"])
            for row in reply.get("restored", ()):      # what the refused delete took with it
                writer.put(row["kind"], row["row"], row["value"])
        if after is None:
            conn.exec_driver_sql("DELETE FROM sync_batch WHERE mission_uuid = ? AND batch_id = ?",
                                 (shared.mission_uuid, batch_id))
        else:
            conn.exec_driver_sql("UPDATE sync_batch SET batch_id = ? WHERE mission_uuid = ? "
                                 "AND batch_id = ?", (after, shared.mission_uuid, batch_id))
        rows = {(c["row"], c["kind"]) for c in changes}
        _know(conn, shared.mission_uuid, rows)
        conn.connection.driver_connection.executemany(
            "INSERT OR REPLACE INTO sync_changed VALUES (?, ?, ?, ?)",
            [(row_uuid, kind, shared.organizer, reply["at"]) for row_uuid, kind in rows
             if (row_uuid, "") not in lost])
    return writer.written


def _pending(conn) -> tuple[dict[str, set[str]], set[str]]:
    """The outbox's fields per row, and the rows deleted here, not yet sent."""
    fields: dict[str, set[str]] = {}
    deleted: set[str] = set()
    for row_uuid, op, name in conn.exec_driver_sql(
            "SELECT row_uuid, op, field FROM sync_outbox ORDER BY seq"):
        if op == "delete":
            deleted.add(row_uuid)
        elif op == "insert":
            deleted.discard(row_uuid)
        else:
            fields.setdefault(row_uuid, set()).add(name)
    return fields, deleted


class _Newer:
    """This laptop's own changes among the pulled ones, and where each row was last inserted.
    It pushed its own before this pull, so it holds them: another's change older than one of
    ours to the same row or field is not done over it (a room put back by a refused delete,
    then deleted or renamed here). Nor is an older delete: the server had the row again when
    ours came, or, when the same pull inserts it again (a person put back), done here it
    would take by cascade what hangs on the row, which the server kept (each row's own
    delete comes in the log)."""

    def __init__(self, changes, client: str):
        self.rows: dict[str, int] = {}                  # last own insert or delete
        self.fields: dict[str, dict[str, int]] = {}     # last own update, by field
        self.inserted: dict[str, int] = {}              # last insert by anyone
        for seq, _kind, row_uuid, op, name, _value, who, *_rest in changes:
            if op == "insert":
                self.inserted[row_uuid] = seq
            if who == client:
                if op == "update":
                    self.fields.setdefault(row_uuid, {})[name] = seq
                else:
                    self.rows[row_uuid] = seq

    def hides(self, seq: int, row_uuid: str, op: str, name: str | None) -> bool:
        ours = self.fields.get(row_uuid, {})
        if self.rows.get(row_uuid, 0) > seq or ours.get(name, 0) > seq:
            return True
        return op == "delete" and max(*ours.values(), self.inserted.get(row_uuid, 0), 0) > seq

    def fields_after(self, seq: int, row_uuid: str) -> set[str]:
        """The row's fields this laptop changed after `seq`."""
        return {f for f, when in self.fields.get(row_uuid, {}).items() if when > seq}


def _apply_pulled(engine, shared: Shared, changes, conflicts) -> tuple[int, set[str]]:
    received = 0
    last = shared.pulled_seq
    changed = []
    newer = _Newer(changes, shared.client_id)
    with local.begin_write(engine) as conn, conn.begin():
        pending, deleted_here = _pending(conn)
        with local.Writer(conn) as writer:
            for seq, kind, row_uuid, op, name, value, client, organizer, at in changes:
                last = seq
                if client == shared.client_id or row_uuid in deleted_here:
                    continue
                if newer.hides(seq, row_uuid, op, name):
                    continue
                skip = pending.get(row_uuid, set()) | newer.fields_after(seq, row_uuid)
                if op == "insert":
                    # The row as a whole: a field it comes without (a sensitive one the server
                    # purged with a delete since undone) is its default here too.
                    writer.put(kind, row_uuid, local.whole_row(kind, value), skip)
                elif op == "update":
                    if name in skip or not writer.exists(kind, row_uuid):
                        continue
                    writer.put(kind, row_uuid, {name: value})
                else:
                    writer.delete(kind, row_uuid)
                received += 1
                changed.append((row_uuid, kind, organizer, at.isoformat()))
        _know(conn, shared.mission_uuid, [(c[0], c[1]) for c in changed])
        raw = conn.connection.driver_connection
        raw.executemany("INSERT OR REPLACE INTO sync_changed VALUES (?, ?, ?, ?)", changed)
        raw.execute("DELETE FROM sync_conflict WHERE mission_uuid = ?", (shared.mission_uuid,))
        raw.executemany("INSERT INTO sync_conflict VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            (shared.mission_uuid, number, what, kind, row_uuid,
             local.row_label(writer, kind, row_uuid, mine, theirs), name,
             json.dumps(base), json.dumps(mine), json.dumps(theirs))
            for number, what, kind, row_uuid, name, base, mine, theirs in conflicts])
        raw.execute("UPDATE sync_mission SET pulled_seq = ?, last_synced_at = ?, "
                    "offline_since = NULL, open_conflicts = ? WHERE mission_uuid = ?",
                    (last, _now(), len(conflicts), shared.mission_uuid))
    return received, writer.written


def last_changed(engine, kind: str, row_uuid: str) -> tuple[str, datetime] | None:
    """Who changed the row last, and when (the server's time), as far as this laptop knows."""
    if not on_laptop(engine):
        return None
    with engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT organizer, changed_at FROM sync_changed "
                                   "WHERE row_uuid = ? AND kind = ?", (row_uuid, kind)).first()
    return (row[0], datetime.fromisoformat(row[1])) if row else None
