"""Gifts (手土産) at items, a hand-set order of greetings (挨拶者), and each mission's rule for
interpreters' breaks (how long at work, how long a break).

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

from models.store.uuid_migration import create_uuid_index, uuid_column

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _person(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer, sa.ForeignKey("participant.id", ondelete="SET NULL"),
                     nullable=True, index=True)


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.String, nullable=False, server_default="")


def upgrade() -> None:
    # ADD COLUMN with a default: no table rebuild, so no cascade can touch the child rows.
    op.add_column("mission", sa.Column("interpreter_work_minutes", sa.Integer, nullable=False,
                                       server_default="180"))
    op.add_column("mission", sa.Column("interpreter_break_minutes", sa.Integer,
                                       nullable=False, server_default="30"))
    op.create_table(
        "gift",
        sa.Column("id", sa.Integer, primary_key=True),
        uuid_column(),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("itinerary_item.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        _person("giver_id"), _person("recipient_id"),
        *(_text(n) for n in ("recipient_en", "recipient_ja", "gift_en", "gift_ja")),
        sa.Column("bought", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("handed", sa.Boolean, nullable=False, server_default=sa.false()),
        _text("notes"),
    )
    create_uuid_index("gift")
    op.create_table(
        "greeting",
        uuid_column(),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("itinerary_item.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("participant_id", sa.Integer,
                  sa.ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True,
                  index=True),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    )
    create_uuid_index("greeting")


def downgrade() -> None:
    op.drop_table("greeting")
    op.drop_table("gift")
    with op.batch_alter_table("mission") as batch:
        batch.drop_column("interpreter_break_minutes")
        batch.drop_column("interpreter_work_minutes")
