"""Global ids: a UUID on every row a mission holds, so that a row keeps one identity wherever
it travels (a mission file, another laptop, a server), while foreign keys inside one database
stay small integers.

Two kinds of rows:
- a thing (mission, person, item, room, ...): `GlobalId`, a random UUID made once;
- a link between two things (item_participant, room_guest, ...): `LinkId`, a UUID derived from
  the UUIDs of its two ends (uuid5), so a link taken away and put back (an edit, an undo) comes
  back with the same id, and the same link made on two laptops is the same row. A row that
  only extends one thing (item_protocol, meeting, protocol_rank: its key is that thing's) is
  a link with one end.
The migration helper that gives existing rows these ids is models/store/uuid_migration.py.
"""

from __future__ import annotations

import hashlib
import uuid
from typing import ClassVar

from sqlalchemy import event, select
from sqlmodel import Field, Session, SQLModel
from sqlmodel.main import SQLModelConfig

# Fixed forever: every link id ever written was derived under it.
LINK_NAMESPACE = uuid.UUID("6b2f3c1e-5a4d-4f0e-9c1b-6a6b616b6568")
UUID_LENGTH = 36


def new_uuid() -> str:
    return str(uuid.uuid4())


_NAMESPACE_BYTES = LINK_NAMESPACE.bytes


def link_uuid(table: str, *ends: str) -> str:
    """The id of the link row of `table` between the rows with these UUIDs, in column order:
    uuid5(LINK_NAMESPACE, "table:end1:end2"), written out without a UUID object (a mission
    file opened holds tens of thousands of links)."""
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + ":".join((table, *ends)).encode())
                       .digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50          # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80          # RFC 4122 variant
    x = digest.hex()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:]}"


# Pydantic builds a table's validator when first asked to validate, not when the class is
# made: a table model never validates on creation (SQLModel skips it for table=True), and
# building the 23 tables' validators cost start-up about 10 ms.
DEFERRED = SQLModelConfig(defer_build=True)


class GlobalId(SQLModel):
    """Mixin for a table of things: `uuid`, made when the row is made, never changed."""

    model_config = DEFERRED

    uuid: str = Field(default_factory=new_uuid, max_length=UUID_LENGTH, unique=True,
                      index=True, nullable=False)


class LinkId(SQLModel):
    """Mixin for a link table: `uuid` from its ends' UUIDs, filled in at flush (see
    fill_link_uuids). `link_ends` names each end: (foreign-key column, table it refers to)."""

    model_config = DEFERRED
    link_ends: ClassVar[tuple[tuple[str, str], ...]] = ()
    uuid: str | None = Field(default=None, max_length=UUID_LENGTH, unique=True, index=True,
                             nullable=False)


def ends_uuids(session: Session, table: str, ids: set[int]) -> dict[int, str]:
    """id -> uuid of the rows of `table` with these ids, in one query."""
    model = _MODELS[table]
    conn = session.connection()
    return dict(conn.execute(select(model.id, model.uuid).where(model.id.in_(ids))).all())


_MODELS: dict[str, type] = {}          # table name -> model, for the tables links refer to


def register_models(*models: type) -> None:
    for model in models:
        _MODELS[model.__tablename__] = model


@event.listens_for(Session, "before_flush")
def fill_link_uuids(session: Session, _context, _instances) -> None:
    """Give each new link row its derived uuid: one query per table its ends are in, not one
    a row (a mission duplicated with its people makes thousands of links in one flush)."""
    links = [obj for obj in session.new if isinstance(obj, LinkId) and obj.uuid is None]
    if not links:
        return
    wanted: dict[str, set[int]] = {}
    for link in links:
        for column, table in link.link_ends:
            wanted.setdefault(table, set()).add(getattr(link, column))
    known = {table: ends_uuids(session, table, ids) for table, ids in wanted.items()}
    for link in links:
        link.uuid = link_uuid(link.__tablename__, *(
            known[table][getattr(link, column)] for column, table in link.link_ends))
