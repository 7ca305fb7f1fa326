"""Opening a mission document (models.mission_document) into this database, by UUID: a
mission new here is created; one already here is updated to the document. First `plan_open`
lists every change (nothing written), then `apply_open` writes them in the caller's
transaction (all or nothing) and returns the steps `undo_open`/`redo_open` replay.

People, organizations and sites are shared by missions: the document adds or updates them,
never deletes them; a person the update takes off the mission who is in no other mission is
deleted with them, as when one attendee is removed.
"""

from __future__ import annotations

import re
import uuid as uuid_module
from dataclasses import dataclass, field

from sqlalchemy import bindparam, delete, select, update
from sqlmodel import Session

from models import repository as repo
from models.entities import Participant, Person
from models.mission_document import (
    BY_KEY,
    DOCUMENT_VERSION,
    PARTS,
    SENSITIVE,
    Part,
    converter,
    link_row_uuid,
    scope,
)
from models.store.bulk import insert_rows


class DocumentProblem(ValueError):
    """The document is not a mission document this version can read (for a message saying the
    file is damaged); the text names a part and a field, never a value."""


@dataclass
class Change:
    part: str
    uuid: str
    before: dict | None            # the stored row; None when the document adds it
    after: dict | None             # the document's values, references as UUIDs; None: removed
    fields: tuple[str, ...] = ()   # what an update changes
    was: dict | None = None        # the stored row as the document would say it


@dataclass
class OpenPlan:
    mission_uuid: str
    code: str                      # the code the mission will have
    mission_id: int | None         # the mission already here, when it is
    code_taken: bool               # another mission here has that code: ask for another
    changes: list[Change] = field(default_factory=list)
    ids: _Ids | None = field(default=None, repr=False)                 # for apply_open
    rows: dict = field(default_factory=dict, repr=False)               # the document's
    local: dict = field(default_factory=dict, repr=False)              # the stored ones

    def label(self, part: str, key: str) -> str:
        """A short name for a row a change names: the document's, else the stored one's."""
        row = self.rows[part].get(key) or self.local[part].get(key) or {}
        if part == "people":
            return " ".join(x for x in (row.get("family_name"), row.get("given_name")) if x) \
                or (row.get("family_name_ja", "") + row.get("given_name_ja", ""))
        if part == "participants":
            person = row.get("person") or self.ids.uuid_of("people", row.get("person_id"))
            return self.label("people", person) if person else ""
        if part == "meeting_requests":       # "IBM · Sato Ken": whom, and who asks
            refs = (("counterpart", "counterparts"), ("participant", "participants"),
                    ("organization", "organizations"))
            keys = [(target, row.get(name) or self.ids.uuid_of(target, row.get(f"{name}_id")))
                    for name, target in refs]
            return " · ".join(filter(None, (self.label(t, k) for t, k in keys if k)))
        for name in ("code", "title_en", "name_en", "label", "title_ja", "name_ja", "gift_en",
                     "gift_ja"):
            if row.get(name):
                return str(row[name])
        return ""


@dataclass
class Step:
    part: str
    before: dict | None            # stored rows with their ids
    after: dict | None


@dataclass
class Applied:
    mission_id: int
    steps: list[Step] = field(default_factory=list)


_CANONICAL = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _uuid(value, where: str) -> str:
    if isinstance(value, str) and _CANONICAL.fullmatch(value):
        return value               # as we write them: no parsing for each of 30,000 rows
    try:
        return str(uuid_module.UUID(value))
    except (TypeError, ValueError, AttributeError):
        raise DocumentProblem(f"{where}: not a UUID") from None


def read_rows(document: dict) -> dict[str, dict[str, dict]]:
    """The document's rows, part -> uuid -> values (stored types, references as UUIDs);
    DocumentProblem when it is not one this version reads."""
    if document.get("format") != "kakehashi-mission":
        raise DocumentProblem("format: not a Kakehashi mission")
    if not isinstance(document.get("version"), int) or document["version"] > DOCUMENT_VERSION:
        raise DocumentProblem("version")
    out: dict[str, dict[str, dict]] = {}
    # A file saved without them keeps what is stored here, whatever a row of it says.
    skipped = () if document.get("sensitive") is True else SENSITIVE
    for part in PARTS:
        raw = [document.get("mission")] if part.key == "mission" else document.get(part.key, [])
        if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
            raise DocumentProblem(f"{part.key}: not a list of rows")
        rows = out[part.key] = {}
        columns = part.table.columns
        refs = [(name, out[target], columns[c].nullable) for c, name, target in part.ref_names()]
        fields = [(name, converter(columns[name])) for name in part.fields()
                  if not (part.key == "people" and name in skipped)]
        for n, row in enumerate(raw):
            values = {}
            for name, targets, nullable in refs:
                ref = row.get(name)
                if ref is None:
                    if not nullable:
                        raise DocumentProblem(f"{part.key}[{n}].{name}: missing")
                    values[name] = None
                    continue
                ref = values[name] = _uuid(ref, f"{part.key}[{n}]")
                if ref not in targets:
                    raise DocumentProblem(f"{part.key}[{n}].{name}: refers to nothing")
            for name, convert in fields:
                if name in row:
                    try:
                        values[name] = convert(row[name])
                    except (TypeError, ValueError) as exc:
                        raise DocumentProblem(
                            f"{part.key}[{n}].{name}: {type(exc).__name__}") from None
            where = f"{part.key}[{n}]"
            key = link_row_uuid(part, values) if part.is_link else _uuid(row.get("uuid"), where)
            if key in rows:
                raise DocumentProblem(f"{where}: the same row twice")
            rows[key] = values
    if len(out["mission"]) != 1:
        raise DocumentProblem("mission: not one mission")
    return out


def _local(session: Session, rows: dict[str, dict[str, dict]], mission_id: int | None
           ) -> dict[str, dict[str, dict]]:
    """The stored rows the document is compared with, part -> uuid -> row: the mission's own
    (when it is here) and any other with a UUID the document names."""
    conn = session.connection()
    held = scope(session, mission_id) if mission_id is not None else {p.key: [] for p in PARTS}
    out = {}
    for part in PARTS:
        found = {r["uuid"]: r for r in held[part.key]}
        if part.owned and mission_id is None:
            # A mission's own rows are nowhere here when it is not (a UUID met anyway is
            # refused by the unique index, and nothing is written).
            out[part.key] = found
            continue
        wanted = [u for u in rows[part.key] if u not in found]
        for start in range(0, len(wanted), 500):
            for r in conn.execute(select(part.table).where(
                    part.table.c.uuid.in_(wanted[start:start + 500]))):
                found[r.uuid] = dict(r._mapping)
        out[part.key] = found
    return out


class _Ids:
    """uuid <-> id of the rows of each part, read only when a row is not known already."""

    def __init__(self, session: Session, local: dict[str, dict[str, dict]]):
        self.session = session
        self.to_id = {p.key: {u: r["id"] for u, r in local[p.key].items()}
                      for p in PARTS if not p.is_link}
        self.to_uuid = {k: {i: u for u, i in m.items()} for k, m in self.to_id.items()}

    def uuid_of(self, part: str, row_id: int | None) -> str | None:
        if row_id is None:
            return None
        if row_id not in self.to_uuid[part]:
            model = BY_KEY[part].model
            found = self.session.connection().execute(
                select(model.uuid).where(model.id == row_id)).scalar_one_or_none()
            if found is None:
                return None
            self.add(part, found, row_id)
        return self.to_uuid[part][row_id]

    def add(self, part: str, row_uuid: str, row_id: int) -> None:
        self.to_id[part][row_uuid] = row_id
        self.to_uuid[part][row_id] = row_uuid


def _compared(part: Part, stored: dict, ids: _Ids) -> dict:
    """A stored row as the document says it: references as UUIDs."""
    values = {f: stored[f] for f in part.fields()}
    for column, name, target in part.ref_names():
        values[name] = ids.uuid_of(target, stored[column])
    return values


def plan_open(session: Session, document: dict, *, new_code: str | None = None) -> OpenPlan:
    """What opening the document changes here; writes nothing."""
    rows = read_rows(document)
    mission_uuid, mission = next(iter(rows["mission"].items()))
    if new_code:
        mission["code"] = new_code
    here = session.connection().execute(select(BY_KEY["mission"].model.id).where(
        BY_KEY["mission"].model.uuid == mission_uuid)).scalar_one_or_none()
    code = mission.get("code", "")
    plan = OpenPlan(mission_uuid, code, here,
                    code_taken=repo.code_in_use(session, code=code, except_id=here))
    local = _local(session, rows, here)
    ids = _Ids(session, local)
    plan.ids = ids
    for part in PARTS:
        stored = local[part.key]
        for key, values in rows[part.key].items():
            before = stored.get(key)
            if before is None:
                plan.changes.append(Change(part.key, key, None, values))
                continue
            now = _compared(part, before, ids)
            changed = tuple(n for n, v in values.items() if now.get(n) != v)
            if changed:
                plan.changes.append(Change(part.key, key, before, values, changed, now))
        if part.owned and here is not None:
            plan.changes += [Change(part.key, key, row, None) for key, row in stored.items()
                             if key not in rows[part.key]]
    plan.rows, plan.local = rows, local
    return plan


_DEFAULTS: dict[str, dict] = {}


def _defaults(part: Part) -> dict:
    """The model's default of each own column, for a row the document leaves a field out of."""
    found = _DEFAULTS.get(part.key)
    if found is None:
        fields = part.model.model_fields
        found = _DEFAULTS[part.key] = {f: fields[f].get_default(call_default_factory=True)
                                       for f in part.fields() if f in fields}
    return found


def _storer(part: Part, ids: _Ids):
    """The function making a row to store: the document's values over the stored row (or the
    model's defaults), references as ids. Made once per part (it runs for 60,000 rows)."""
    defaults, fields = _defaults(part), part.fields()
    refs = [(column, name, ids.to_id[target]) for column, name, target in part.ref_names()]

    def stored(values: dict, before: dict | None) -> dict:
        row = dict(defaults if before is None else before)
        for name in fields:
            if name in values:
                row[name] = values[name]
        for column, name, targets in refs:
            ref = values.get(name)
            row[column] = None if ref is None else targets[ref]
        return row
    return stored


def _insert(conn, part: Part, rows: list[dict]) -> None:
    # COPY on a server, the cursor's executemany on SQLite (models.store.bulk): SQLAlchemy's
    # executemany cost more than the database's work (at 100x, 1.5 s of 2.3 s on the server).
    insert_rows(conn, part.table, rows)


def _insert_things(session: Session, part: Part, rows: list[dict], ids: _Ids) -> None:
    """Insert in one go (RETURNING row by row costs more than the rest), then read the ids
    the rows were given by their UUIDs."""
    conn = session.connection()
    _insert(conn, part, rows)
    by_uuid = {row["uuid"]: row for row in rows}
    uuids = list(by_uuid)
    for start in range(0, len(uuids), 500):
        for row_uuid, row_id in conn.execute(select(part.table.c.uuid, part.table.c.id).where(
                part.table.c.uuid.in_(uuids[start:start + 500]))):
            ids.add(part.key, row_uuid, row_id)
            by_uuid[row_uuid]["id"] = row_id


def apply_open(session: Session, plan: OpenPlan) -> Applied:
    """Write the plan's changes in the caller's transaction; the steps, for undo and redo."""
    if plan.code_taken:
        raise ValueError(f"mission code in use: {plan.code!r}")
    ids: _Ids = plan.ids
    steps: list[Step] = []
    by_part: dict[str, list[Change]] = {p.key: [] for p in PARTS}
    for change in plan.changes:
        by_part[change.part].append(change)
    removed = [c for c in plan.changes if c.after is None]
    for part in reversed(PARTS):            # children first: no cascade takes what we keep
        rows = [c.before for c in by_part[part.key] if c.after is None]
        if rows:
            _delete(session, part, [r["uuid"] for r in rows])
            steps += [Step(part.key, r, None) for r in rows]
    for part in PARTS:
        changes = [c for c in by_part[part.key] if c.after is not None]
        stored = _storer(part, ids)
        new = []
        for change in changes:
            if change.before is None:
                row = stored(change.after, None)
                row["uuid"] = change.uuid
                new.append(row)
        if new:
            if part.is_link:
                _insert(session.connection(), part, new)
            else:
                _insert_things(session, part, new, ids)
            steps += [Step(part.key, None, row) for row in new]
        changed = [(c.before, stored(c.after, c.before)) for c in changes
                   if c.before is not None]
        if changed:
            _update(session, part, [after for _b, after in changed])
            steps += [Step(part.key, before, after) for before, after in changed]
    steps += _remove_people_left_alone(session, [c.before for c in removed
                                                 if c.part == "participants"])
    return Applied(ids.to_id["mission"][plan.mission_uuid], steps)


def _remove_people_left_alone(session: Session, participants: list[dict]) -> list[Step]:
    people = {p["person_id"] for p in participants}
    if not people:
        return []
    conn = session.connection()
    still = set(conn.execute(select(Participant.person_id).where(
        Participant.person_id.in_(people))).scalars())
    alone = [dict(r._mapping) for r in conn.execute(select(Person.__table__).where(
        Person.id.in_(people - still)))]
    if alone:
        _delete(session, BY_KEY["people"], [r["uuid"] for r in alone])
    return [Step("people", r, None) for r in alone]


def _delete(session: Session, part: Part, uuids: list[str]) -> None:
    for start in range(0, len(uuids), 500):
        session.connection().execute(delete(part.table).where(
            part.table.c.uuid.in_(uuids[start:start + 500])))


def _update(session: Session, part: Part, rows: list[dict]) -> None:
    names = [c.name for c in part.table.columns if c.name != "uuid"]
    session.connection().execute(
        update(part.table).where(part.table.c.uuid == bindparam("_uuid"))
        .values({n: bindparam(n) for n in names}),
        [{"_uuid": r["uuid"], **{n: r[n] for n in names}} for r in rows])


def _replay(session: Session, steps: list[Step]) -> None:
    """Make each step's `after` true, in order, in batches of one part and kind."""
    n = 0
    while n < len(steps):
        first = steps[n]
        kind = (first.before is None, first.after is None)
        end = n
        while end < len(steps) and steps[end].part == first.part and (
                steps[end].before is None, steps[end].after is None) == kind:
            end += 1
        part, batch = BY_KEY[first.part], steps[n:end]
        if first.before is None:
            _insert(session.connection(), part, [s.after for s in batch])
        elif first.after is None:
            _delete(session, part, [s.before["uuid"] for s in batch])
        else:
            _update(session, part, [s.after for s in batch])
        n = end


def undo_open(session: Session, applied: Applied) -> None:
    _replay(session, [Step(s.part, s.after, s.before) for s in reversed(applied.steps)])


def redo_open(session: Session, applied: Applied) -> None:
    _replay(session, applied.steps)


def sensitive_field(part: str, name: str) -> bool:
    return part == "people" and name in SENSITIVE
