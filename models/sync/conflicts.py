"""The conflicts a sync found, as the last sync read them, and settling one on the server:
"mine", "theirs", or a value typed (in the form the field stores)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from i18n import _
from models.sync import wire
from models.sync.errors import NotAllowed
from models.sync.mission_sync import shared_state, sync_mission


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


def list_conflicts(engine, code: str) -> list[Conflict]:
    """The open conflicts as the last sync read them."""
    shared = shared_state(engine, code)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT number, kind, row_uuid, row_label, field, base, mine, theirs, what "
            "FROM sync_conflict WHERE mission_uuid = ? ORDER BY number",
            (shared.mission_uuid,)).all()
    return [Conflict(n, kind, row_uuid, label, name, json.loads(base), json.loads(mine),
                     json.loads(theirs), what)
            for n, kind, row_uuid, label, name, base, mine, theirs, what in rows]


def typed_value(kind: str, name: str, text: str):
    """A value typed for a field, in the form the field stores (for "--take VALUE")."""
    from sqlalchemy import Boolean, Date, Integer

    from models.mission_document import BY_KEY

    column = BY_KEY[kind].table.columns.get(name)
    if column is None or column.foreign_keys:
        raise NotAllowed(_("a value cannot be typed for this field; take mine or theirs"))
    try:
        if isinstance(column.type, Boolean):
            return {"true": 1, "yes": 1, "1": 1, "false": 0, "no": 0, "0": 0}[text.lower()]
        if isinstance(column.type, Integer):
            return int(text)
        if isinstance(column.type, Date):
            from datetime import date

            return date.fromisoformat(text).isoformat()
    except (KeyError, ValueError):
        raise NotAllowed(_("{value} is not a value for {field}").format(
            value=text, field=name)) from None
    return text


def resolve_conflict(engine, code: str, number: int, take: str, *, typed: bool = False):
    """Settle a conflict on the server ("mine", "theirs", or a value typed; with `typed`,
    `take` is the value even when it reads "mine" or "theirs"), then sync so that this laptop
    has the settled value; returns that sync's SyncReport (what it wrote here in
    `changed`)."""
    shared = shared_state(engine, code)
    found = {c.number: c for c in list_conflicts(engine, code)}.get(number)
    if found is None:
        raise NotAllowed(_("there is no such open conflict"))
    value = None
    if typed or take not in ("mine", "theirs"):
        if not found.field:
            raise NotAllowed(_("a value cannot be typed for this field; take mine or theirs"))
        value = typed_value(found.kind, found.field, take)
        take = "value"
    with wire.connect(shared.server_url) as pg:
        wire.resolve(pg, shared.mission_uuid, number, take, value,
                     "resolve:" + shared.client_id, shared.organizer)
    return sync_mission(engine, code)
