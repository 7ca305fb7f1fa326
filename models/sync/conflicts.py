"""The conflicts a sync found, as the last sync read them, and settling one on the server:
"mine", "theirs", or a value typed (in the form the field stores)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from i18n import N_
from models.sync import wire
from models.sync.errors import NotAllowed
from models.sync.mission_sync import sync_mission
from models.sync.shared import shared_state


@dataclass(frozen=True)
class Conflict:
    number: int
    kind: str            # the part of the mission (models.mission_document.PARTS): "people", ...
    row_uuid: str
    row_label: str
    field: str           # "" for a whole row (a delete against an edit)
    base: Any
    mine: Any
    theirs: Any
    what: str = "edit"   # "edit", "edit-deleted", "delete-edited" or "insert-deleted"


# What names a row, per part: its fields in English and in Japanese.
_NAMES = {"people": ("family_name", "given_name", "family_name_ja", "given_name_ja"),
          "items": ("title_en", "title_ja"), "organizations": ("name_en", "name_ja"),
          "sites": ("name_en", "name_ja"), "mission": ("title_en", "title_ja"),
          "rooms": ("label", "label")}


def _label(conn, kind: str, row_uuid: str, mine, theirs) -> str:
    """The row's name in the current language (山田 太郎 in Japanese, Taro Yamada in English),
    from the row here or, gone, from the values the conflict keeps; "" when neither names it."""
    from i18n import pick
    from i18n.formatting import person_name
    from models.sync.local import columns

    names = _NAMES.get(kind)
    if names is None:
        return ""
    cols = columns(kind)
    quoted = ", ".join(f'"{n}"' for n in names)
    found = conn.exec_driver_sql(f'SELECT {quoted} FROM "{cols.table}" WHERE uuid = ?',
                                 (row_uuid,)).first()
    if found is None:
        values = next((v for v in (theirs, mine) if isinstance(v, dict)), {})
        found = [values.get(n) or "" for n in names]
    found = [v or "" for v in found]
    if kind == "people":
        return person_name(family=found[0], given=found[1], family_ja=found[2],
                           given_ja=found[3])
    return pick(found[0], found[1])[0]


def list_conflicts(engine, code: str) -> list[Conflict]:
    """The open conflicts as the last sync read them, each row named in the current
    language."""
    shared = shared_state(engine, code)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT number, kind, row_uuid, row_label, field, base, mine, theirs, what "
            "FROM sync_conflict WHERE mission_uuid = ? ORDER BY number",
            (shared.mission_uuid,)).all()
        found = []
        for n, kind, row_uuid, label, name, base, mine, theirs, what in rows:
            mine, theirs = json.loads(mine), json.loads(theirs)
            found.append(Conflict(n, kind, row_uuid,
                                  _label(conn, kind, row_uuid, mine, theirs) or label, name,
                                  json.loads(base), mine, theirs, what))
    return found


def typed_value(kind: str, name: str, text: str):
    """A value typed for a field, in the form the field stores (for "--take VALUE")."""
    from sqlalchemy import Boolean, Date, Integer

    from models.mission_document import BY_KEY

    column = BY_KEY[kind].table.columns.get(name)
    if column is None or column.foreign_keys:
        raise NotAllowed(N_("a value cannot be typed for this field; take mine or theirs"))
    try:
        if isinstance(column.type, Boolean):
            return {"true": 1, "yes": 1, "1": 1, "false": 0, "no": 0, "0": 0}[text.lower()]
        if isinstance(column.type, Integer):
            return int(text)
        if isinstance(column.type, Date):
            from datetime import date

            return date.fromisoformat(text).isoformat()
    except (KeyError, ValueError):
        # Not the text itself: it may be a date of birth, and a refusal is shown and printed.
        raise NotAllowed(N_("what was typed is not a value for {field}"), field=name) from None
    return text


def resolve_conflict(engine, code: str, number: int, take: str, *, typed: bool = False):
    """Settle a conflict on the server ("mine", "theirs", or a value typed; with `typed`,
    `take` is the value even when it reads "mine" or "theirs"), then sync so that this laptop
    has the settled value; returns that sync's SyncReport (what it wrote here in
    `changed`)."""
    shared = shared_state(engine, code)
    found = {c.number: c for c in list_conflicts(engine, code)}.get(number)
    if found is None:
        raise NotAllowed(N_("there is no such open conflict"))
    value = None
    if typed or take not in ("mine", "theirs"):
        if not found.field:
            raise NotAllowed(N_("a value cannot be typed for this field; take mine or theirs"))
        value = typed_value(found.kind, found.field, take)
        take = "value"
    with wire.connect(shared.server_url) as pg:
        wire.resolve(pg, shared.mission_uuid, number, take, value,
                     "resolve:" + shared.client_id, shared.organizer)
    return sync_mission(engine, code)
