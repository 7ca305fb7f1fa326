"""This laptop's side of a shared mission, in its SQLite file: the outbox compacted into a
saved batch (first base and last value per field; a row made and removed in between is
dropped), and what the server sends written in with the triggers quiet (sync_applying).

A row travels as its UUID and its fields under their names in a mission document
(references as the UUID they name); values as SQLite stores them, so they come back exactly.
"""

from __future__ import annotations

import json
import uuid as uuid_module
from dataclasses import dataclass, field

from sqlmodel import Session

from models.mission_document import BY_KEY, PARTS, scope

ORDER = {part.key: n for n, part in enumerate(PARTS)}


def _cascades() -> dict[str, set[str]]:
    """Part -> the parts whose rows a delete of one of its rows may change here (a foreign
    key's cascade or SET NULL, and theirs in turn)."""
    by_table = {part.table.name: part.key for part in PARTS}
    children: dict[str, set[str]] = {part.key: set() for part in PARTS}
    for part in PARTS:
        for fk in part.table.foreign_keys:
            parent = by_table.get(fk.column.table.name)
            if parent is not None and parent != part.key:
                children[parent].add(part.key)
    closed = {}
    for key in children:
        seen, todo = set(), [key]
        while todo:
            for child in children[todo.pop()] - seen:
                seen.add(child)
                todo.append(child)
        closed[key] = seen
    return closed


CASCADES = _cascades()


@dataclass
class Columns:
    """A part's table and how each name on the wire maps to its column."""

    table: str
    names: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # wire -> (col, target)
    # Required columns' defaults, for a row that arrives without them (a sensitive field a
    # colleague without the privilege never receives).
    defaults: dict[str, object] = field(default_factory=dict)


_COLUMNS: dict[str, Columns] = {}


def columns(kind: str) -> Columns:
    found = _COLUMNS.get(kind)
    if found is None:
        part = BY_KEY[kind]
        found = Columns(part.table.name)
        for name in part.fields():
            found.names[name] = (name, None)
        for column, name, target in part.ref_names():
            found.names[name] = (column, BY_KEY[target].table.name)
        for column in part.table.columns:
            default = column.default
            if not column.nullable and default is not None and default.is_scalar:
                found.defaults[column.name] = (int(default.arg) if isinstance(default.arg, bool)
                                               else default.arg)
        _COLUMNS[kind] = found
    return found


def whole_row(kind: str, values: dict) -> dict:
    """`values` with every field of the part, those missing at their column's default."""
    cols = columns(kind)
    return {name: values[name] if name in values else cols.defaults.get(column)
            for name, (column, _target) in cols.names.items()}


def begin_write(engine):
    """A connection in a write transaction (BEGIN IMMEDIATE, models.store.db)."""
    return engine.connect().execution_options(kakehashi_write=True)


# --- the outbox into a batch ---------------------------------------------------------------

@dataclass
class _Row:
    kind: str
    existed: bool                   # on the server before these changes (first op not insert)
    alive: bool = True
    base: dict = field(default_factory=dict)
    now: dict = field(default_factory=dict)
    first: int = 0


def compact(records) -> list[dict]:
    """Outbox records (seq, kind, row_uuid, op, field, old, new), in order, as the changes of
    one batch: inserts parents first, then updates, then deletes children first."""
    rows: dict[str, _Row] = {}
    for seq, kind, row_uuid, op, name, old, new in records:
        row = rows.get(row_uuid)
        if row is None:
            row = rows[row_uuid] = _Row(kind, existed=op != "insert", first=seq)
        if op == "insert":
            row.alive, row.now = True, json.loads(new)
        elif op == "update":
            if row.existed:
                row.base.setdefault(name, json.loads(old))
            row.now[name] = json.loads(new)
        else:
            if row.existed:
                refs = columns(kind).names
                for key, value in json.loads(old).items():
                    # A reference read empty under a cascade (its row went first) is no base.
                    if value is not None or refs[key][1] is None:
                        row.base.setdefault(key, value)
            row.alive, row.now = False, {}
    inserts, updates, deletes = [], [], []
    for row_uuid, row in rows.items():
        if not row.existed:
            if row.alive:
                inserts.append((ORDER[row.kind], row.first, 0, {
                    "op": "insert", "kind": row.kind, "row": row_uuid, "value": row.now}))
        elif not row.alive:
            deletes.append((-ORDER[row.kind], row.first, 0, {
                "op": "delete", "kind": row.kind, "row": row_uuid, "base": row.base}))
        else:
            for name, value in row.now.items():
                if name in row.base and row.base[name] != value:
                    updates.append((0, row.first, len(updates), {
                        "op": "update", "kind": row.kind, "row": row_uuid, "field": name,
                        "base": row.base[name], "value": value}))
    return [change for *_key, change in sorted(inserts) + sorted(updates) + sorted(deletes)]


def mission_rows(conn, mission_uuid: str) -> set[str]:
    """The UUIDs of the rows the mission holds here now, and those it had on the server."""
    found = {r[0] for r in conn.exec_driver_sql(
        "SELECT row_uuid FROM sync_known WHERE mission_uuid = ?", (mission_uuid,))}
    mission_id = conn.exec_driver_sql("SELECT id FROM mission WHERE uuid = ?",
                                      (mission_uuid,)).scalar()
    if mission_id is not None:
        with Session(bind=conn) as session:
            for rows in scope(session, mission_id).values():
                found.update(row["uuid"] for row in rows)
    return found


# A push sends a batch in chunks of about this many changes, each its own call with its own id
# (the batch's id and where the chunk starts), so that no single call (its JSON, psycopg's
# adapting it) holds the interpreter long enough to stall the window (under ~16 ms).
CHUNK = 250


def chunks(batch_id: str, changes: list[dict]):
    """(chunk id, start, end) of each chunk of a saved batch still to send: from where its id
    says the last acknowledged chunk ended. The deletes go in one chunk, the last: a delete
    the server refuses brings back what the same call deleted under it (its cascade). A batch
    saved before chunks (no "#" in its id) goes whole, under its own id, as it may already
    be on the server."""
    base, mark, start = batch_id.partition("#")
    if not mark:
        yield batch_id, 0, len(changes)
        return
    offset = int(start)
    deletes = next((n for n, c in enumerate(changes) if c["op"] == "delete"), len(changes))
    while offset < len(changes):
        end = len(changes) if offset >= deletes else min(offset + CHUNK, deletes)
        yield f"{base}#{offset}", offset, end
        offset = end


def _dumps(changes: list[dict]) -> str:
    """A JSON array written a change at a time (one dumps of thousands holds the GIL)."""
    return "[" + ",\n".join(json.dumps(c) for c in changes) + "]"


def _loads(body: str) -> list[dict]:
    if not body.startswith("[{") or "\n" not in body:
        return json.loads(body)
    return [json.loads(line) for line in body[1:-1].split(",\n")]


def take_batch(engine, mission_uuid: str) -> tuple[str, list[dict]] | None:
    """The saved batch not yet acknowledged; else the outbox compacted into a new saved batch
    (the records it took removed in the same transaction); None when nothing waits."""
    with begin_write(engine) as conn, conn.begin():
        saved = conn.exec_driver_sql("SELECT batch_id, body FROM sync_batch WHERE mission_uuid = ?",
                                     (mission_uuid,)).first()
        if saved is not None:
            return saved[0], _loads(saved[1])
        records = conn.exec_driver_sql(
            "SELECT seq, kind, row_uuid, op, field, old, new FROM sync_outbox ORDER BY seq").all()
        if not records:
            return None
        ours = mission_rows(conn, mission_uuid)
        others = set()
        for (other,) in conn.exec_driver_sql(
                "SELECT mission_uuid FROM sync_mission WHERE mission_uuid <> ?", (mission_uuid,)):
            others |= mission_rows(conn, other)
        taken = [r for r in records if r[2] in ours]
        # Records of no shared mission (a mission kept only here) are dropped; another shared
        # mission's wait for its own sync.
        done = [r[0] for r in records if r[2] in ours or r[2] not in others]
        conn.connection.driver_connection.executemany("DELETE FROM sync_outbox WHERE seq = ?",
                                                      [(s,) for s in done])
        changes = compact(taken)
        if not changes:
            return None
        batch_id = uuid_module.uuid4().hex + "#0"
        conn.exec_driver_sql("INSERT INTO sync_batch VALUES (?, ?, ?)",
                             (mission_uuid, batch_id, _dumps(changes)))
        return batch_id, changes


def waiting(engine, mission_uuid: str) -> int:
    """Changes not yet on the server: the saved batch's and the outbox's records (an estimate
    of the outbox: records of other missions are counted until the next sync sorts them)."""
    with engine.connect() as conn:
        saved = conn.exec_driver_sql("SELECT batch_id, body FROM sync_batch "
                                     "WHERE mission_uuid = ?", (mission_uuid,)).first()
        outbox = conn.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar()
    if saved is None:
        return outbox
    batch_id, body = saved
    if "#" not in batch_id:
        return outbox + len(json.loads(body))
    # One change a line (_dumps): counted without reading them; less the chunks already sent.
    return outbox + body.count(",\n") + 1 - int(batch_id.partition("#")[2])


# --- writing what the server says ----------------------------------------------------------

class Writer:
    """Writes rows by UUID into the file, in a transaction with the triggers quiet."""

    def __init__(self, conn):
        self.conn = conn
        self.ids: dict[str, dict[str, int]] = {}
        self.missing: list[tuple[str, str]] = []      # rows not written: what they refer to is gone
        self.written: set[str] = set()                # the parts (PARTS keys) written here
        self.raw = conn.connection.driver_connection

    def __enter__(self):
        self.conn.exec_driver_sql("INSERT INTO sync_applying VALUES (1)")
        return self

    def __exit__(self, *exc):
        self.conn.exec_driver_sql("DELETE FROM sync_applying")

    def id_of(self, table: str, row_uuid: str | None) -> int | None:
        if row_uuid is None:
            return None
        known = self.ids.setdefault(table, {})
        found = known.get(row_uuid)
        if found is None:
            found = self.raw.execute(f'SELECT rowid FROM "{table}" WHERE uuid = ?',
                                     (row_uuid,)).fetchone()
            found = known[row_uuid] = found[0] if found else None
        return found

    def _stored(self, cols: Columns, name: str, value):
        column, target = cols.names[name]
        return column, (self.id_of(target, value) if target else value)

    def exists(self, kind: str, row_uuid: str) -> bool:
        return self.id_of(columns(kind).table, row_uuid) is not None

    def put(self, kind: str, row_uuid: str, values: dict, skip: set[str] = frozenset()) -> None:
        """Insert the row, or set these fields of it when it is here (but not `skip`)."""
        cols = columns(kind)
        names = [n for n in values if n in cols.names and n not in skip]
        pairs = [self._stored(cols, n, values[n]) for n in names]
        if any(cols.names[n][1] and values[n] is not None and stored is None
               for n, (_c, stored) in zip(names, pairs, strict=True)):
            # It refers to a row not here (deleted here, its delete not yet sent): the server
            # decides when that delete arrives; writing it now would break a foreign key.
            self.missing.append((kind, row_uuid))
            return
        row_id = self.id_of(cols.table, row_uuid)
        if row_id is None:
            given = {c for c, _v in pairs}
            pairs += [(c, v) for c, v in cols.defaults.items() if c not in given]
            listed = ", ".join(["uuid", *(f'"{c}"' for c, _v in pairs)])
            marks = ", ".join("?" * (len(pairs) + 1))
            cur = self.raw.execute(f'INSERT INTO "{cols.table}" ({listed}) VALUES ({marks})',
                                   (row_uuid, *(v for _c, v in pairs)))
            self.ids.setdefault(cols.table, {})[row_uuid] = cur.lastrowid
            self.written.add(kind)
        elif pairs:
            sets = ", ".join(f'"{c}" = ?' for c, _v in pairs)
            self.raw.execute(f'UPDATE "{cols.table}" SET {sets} WHERE rowid = ?',
                             (*(v for _c, v in pairs), row_id))
            self.written.add(kind)

    def delete(self, kind: str, row_uuid: str) -> None:
        table = columns(kind).table
        if self.raw.execute(f'DELETE FROM "{table}" WHERE uuid = ?', (row_uuid,)).rowcount:
            # What a cascade took with it is of its children's parts (a person's
            # participations): announced as written too.
            self.written.update(CASCADES.get(kind, ()), (kind,))
        self.ids.get(table, {}).pop(row_uuid, None)


_LABEL_FIELDS = {"people": ("family_name", "given_name"), "mission": ("code",),
                 "items": ("title_en",), "organizations": ("name_en",), "sites": ("name_en",),
                 "rooms": ("label",)}


def row_label(writer: Writer, kind: str, row_uuid: str, mine, theirs) -> str:
    """What a conflict is about, in words: a person's name, an item's title."""
    names = _LABEL_FIELDS.get(kind, ())
    cols = columns(kind)
    wanted = [n for n in names if n in cols.names]
    if wanted:
        found = writer.raw.execute(
            f'SELECT {", ".join(chr(34) + n + chr(34) for n in wanted)} FROM "{cols.table}" '
            "WHERE uuid = ?", (row_uuid,)).fetchone()
        if found is None:
            values = next((v for v in (theirs, mine) if isinstance(v, dict)), {})
            found = [values.get(n) for n in wanted]
        text = " ".join(str(v) for v in found if v)
        if text:
            return text
    return f"{kind} {row_uuid[:8]}"
