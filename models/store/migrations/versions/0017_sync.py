"""Sync of a shared mission (models/sync): this laptop's side. The shared missions and their
server, the outbox the triggers fill, the batch saved before a push (resent unchanged after a
lost reply), the rows each shared mission has on the server, the open conflicts as last read,
and who changed a row last. The triggers are made from the tables' own columns
(models/sync/triggers.py), on SQLite only: a server database is never a laptop.

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

from models.sync.triggers import after_schema_change, before_schema_change

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_mission",
        sa.Column("mission_uuid", sa.String(36), primary_key=True),
        sa.Column("code", sa.String, nullable=False),
        sa.Column("server_url", sa.String, nullable=False),
        sa.Column("organizer", sa.String, nullable=False),
        sa.Column("client_id", sa.String(36), nullable=False),
        sa.Column("pulled_seq", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("last_synced_at", sa.String),
        sa.Column("offline_since", sa.String),
        sa.Column("open_conflicts", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_table(
        "sync_outbox",
        # rowid order: a new record always comes after every record still there.
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("row_uuid", sa.String(36), nullable=False),
        sa.Column("op", sa.String, nullable=False),
        sa.Column("field", sa.String),
        sa.Column("old", sa.Text),
        sa.Column("new", sa.Text),
    )
    op.create_table(
        "sync_batch",
        sa.Column("mission_uuid", sa.String(36), primary_key=True),
        sa.Column("batch_id", sa.String(36), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
    )
    op.create_table(
        "sync_known",
        sa.Column("mission_uuid", sa.String(36), primary_key=True),
        sa.Column("row_uuid", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String, nullable=False),
    )
    op.create_table(
        "sync_conflict",
        sa.Column("mission_uuid", sa.String(36), primary_key=True),
        sa.Column("number", sa.Integer, primary_key=True),
        sa.Column("what", sa.String, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("row_uuid", sa.String(36), nullable=False),
        sa.Column("row_label", sa.String, nullable=False),
        sa.Column("field", sa.String, nullable=False),
        sa.Column("base", sa.Text),
        sa.Column("mine", sa.Text),
        sa.Column("theirs", sa.Text),
    )
    op.create_table(
        "sync_changed",
        sa.Column("row_uuid", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("organizer", sa.String, nullable=False),
        sa.Column("changed_at", sa.String, nullable=False),
    )
    op.create_table("sync_applying", sa.Column("flag", sa.Integer))
    after_schema_change(op.get_bind())


def downgrade() -> None:
    before_schema_change(op.get_bind())
    for table in ("sync_applying", "sync_changed", "sync_conflict", "sync_known", "sync_batch",
                  "sync_outbox", "sync_mission"):
        op.drop_table(table)
