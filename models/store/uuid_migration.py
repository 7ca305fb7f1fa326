"""For Alembic migrations: give a table the `uuid` column of models.global_ids, filling every
existing row first (a thing gets a random UUID, a link the one derived from its ends), then
NOT NULL and a unique index. Runs on SQLite (a batch copy of the table, foreign keys off as
models.store.db.upgrade runs migrations) and on PostgreSQL (plain ALTERs).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from models.global_ids import UUID_LENGTH, link_uuid, new_uuid


def uuid_column() -> sa.Column:
    """The column for a table a migration creates (empty: nothing to fill); call
    `create_uuid_index(table)` after op.create_table."""
    return sa.Column("uuid", sa.String(UUID_LENGTH), nullable=False)


def create_uuid_index(table: str) -> None:
    op.create_index(f"ix_{table}_uuid", table, ["uuid"], unique=True)


def _finish(table: str) -> None:
    with op.batch_alter_table(table) as batch:
        batch.alter_column("uuid", existing_type=sa.String(UUID_LENGTH), nullable=False)
    create_uuid_index(table)


def add_uuid(table: str) -> None:
    """A table of things with an integer `id`: every row gets a new random UUID."""
    op.add_column(table, sa.Column("uuid", sa.String(UUID_LENGTH), nullable=True))
    conn = op.get_bind()
    t = sa.table(table, sa.column("id"), sa.column("uuid"))
    ids = conn.execute(sa.select(t.c.id)).scalars().all()
    if ids:
        conn.execute(t.update().where(t.c.id == sa.bindparam("row_id"))
                     .values(uuid=sa.bindparam("new")),
                     [{"row_id": i, "new": new_uuid()} for i in ids])
    _finish(table)


def add_link_uuid(table: str, ends: tuple[tuple[str, str], ...]) -> None:
    """A link table whose ends, (column, table it refers to), already carry UUIDs: every row
    gets the UUID derived from theirs (models.global_ids.link_uuid), as the app makes it."""
    op.add_column(table, sa.Column("uuid", sa.String(UUID_LENGTH), nullable=True))
    conn = op.get_bind()
    t = sa.table(table, sa.column("uuid"), *(sa.column(c) for c, _ in ends))
    targets = [sa.table(target, sa.column("id"), sa.column("uuid")).alias(f"end{n}")
               for n, (_, target) in enumerate(ends)]
    query = sa.select(*(t.c[c] for c, _ in ends), *(e.c.uuid for e in targets)).select_from(t)
    for (column, _), end in zip(ends, targets, strict=True):
        query = query.join(end, end.c.id == t.c[column])
    rows = conn.execute(query).all()
    if rows:
        n = len(ends)
        where = sa.and_(*(t.c[c] == sa.bindparam(f"k_{c}") for c, _ in ends))
        conn.execute(t.update().where(where).values(uuid=sa.bindparam("new")), [
            {**{f"k_{c}": row[i] for i, (c, _) in enumerate(ends)},
             "new": link_uuid(table, *row[n:])} for row in rows])
    _finish(table)


def drop_uuid(table: str) -> None:
    op.drop_index(f"ix_{table}_uuid", table_name=table)
    with op.batch_alter_table(table) as batch:
        batch.drop_column("uuid")
