"""Visitor clearance per site visit, and the rooms of hotel stays with their guests.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visit_clearance",
        sa.Column("item_id", sa.Integer,
                  sa.ForeignKey("itinerary_item.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("participant_id", sa.Integer,
                  sa.ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("status", sa.String, nullable=False, server_default="not_sent"),
    )
    op.create_index("ix_visit_clearance_participant_id", "visit_clearance", ["participant_id"])
    op.create_table(
        "room",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("item_id", sa.Integer,
                  sa.ForeignKey("itinerary_item.id", ondelete="CASCADE"), nullable=False),
        sa.Column("room_type", sa.String, nullable=False),
        sa.Column("label", sa.String, nullable=False),
        sa.Column("notes", sa.String, nullable=False),
    )
    op.create_index("ix_room_item_id", "room", ["item_id"])
    op.create_table(
        "room_guest",
        sa.Column("room_id", sa.Integer,
                  sa.ForeignKey("room.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("participant_id", sa.Integer,
                  sa.ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_room_guest_participant_id", "room_guest", ["participant_id"])


def downgrade() -> None:
    for table in ("room_guest", "room", "visit_clearance"):
        op.drop_table(table)
