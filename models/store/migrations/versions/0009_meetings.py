"""Meetings and protocol: counterparts, 商談会 sessions with their requests and meetings,
interpreters at items, protocol ranks and seating plans.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _fk(target: str, *, nullable: bool = False, ondelete: str = "CASCADE", **kw) -> sa.Column:
    name = kw.pop("name")
    return sa.Column(name, sa.Integer, sa.ForeignKey(target, ondelete=ondelete),
                     nullable=nullable, **kw)


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.String, nullable=False, server_default="")


def upgrade() -> None:
    op.create_table(
        "counterpart",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("mission.id", name="mission_id"),
        *(_text(n) for n in ("name_en", "name_ja", "contact_en", "contact_ja",
                             "contact_title_en", "contact_title_ja", "email", "phone",
                             "notes")),
    )
    op.create_index("ix_counterpart_mission_id", "counterpart", ["mission_id"])
    op.create_table(
        "matchmaking_session",
        _fk("itinerary_item.id", name="item_id", primary_key=True),
        sa.Column("slot_minutes", sa.Integer, nullable=False, server_default="25"),
        sa.Column("break_minutes", sa.Integer, nullable=False, server_default="5"),
        sa.Column("tables", sa.Integer, nullable=False, server_default="10"),
    )
    op.create_table(
        "meeting_request",
        sa.Column("id", sa.Integer, primary_key=True),
        _fk("itinerary_item.id", name="item_id"),
        _fk("participant.id", name="participant_id", nullable=True),
        _fk("organization.id", name="organization_id", nullable=True),
        _fk("counterpart.id", name="counterpart_id"),
        sa.Column("priority", sa.Integer, nullable=False, server_default="2"),
        sa.Column("interpreter", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    for column in ("item_id", "participant_id", "organization_id", "counterpart_id"):
        op.create_index(f"ix_meeting_request_{column}", "meeting_request", [column])
    op.create_table(
        "meeting",
        _fk("meeting_request.id", name="request_id", primary_key=True),
        sa.Column("slot", sa.Integer, nullable=False, server_default="0"),
        sa.Column("table_no", sa.Integer, nullable=False, server_default="1"),
        _fk("participant.id", name="interpreter_id", nullable=True, ondelete="SET NULL"),
        sa.Column("pinned", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_meeting_interpreter_id", "meeting", ["interpreter_id"])
    op.create_table(
        "interpreter_assignment",
        _fk("itinerary_item.id", name="item_id", primary_key=True),
        _fk("participant.id", name="participant_id", primary_key=True),
    )
    op.create_index("ix_interpreter_assignment_participant_id", "interpreter_assignment",
                    ["participant_id"])
    op.create_table(
        "item_protocol",
        _fk("itinerary_item.id", name="item_id", primary_key=True),
        sa.Column("interpreter_needed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("convention", sa.String, nullable=False, server_default="japanese"),
        sa.Column("shape", sa.String, nullable=False, server_default="long"),
        sa.Column("tables", sa.Integer, nullable=False, server_default="1"),
        sa.Column("seats_per_table", sa.Integer, nullable=False, server_default="10"),
    )
    op.create_table(
        "protocol_rank",
        _fk("participant.id", name="participant_id", primary_key=True),
        sa.Column("rank", sa.Integer, nullable=False, server_default="99"),
    )
    op.create_table(
        "seat",
        _fk("itinerary_item.id", name="item_id", primary_key=True),
        _fk("participant.id", name="participant_id", primary_key=True),
        sa.Column("table_no", sa.Integer, nullable=False, server_default="1"),
        sa.Column("seat_no", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_seat_participant_id", "seat", ["participant_id"])


def downgrade() -> None:
    for table in ("seat", "protocol_rank", "item_protocol", "interpreter_assignment",
                  "meeting", "meeting_request", "matchmaking_session", "counterpart"):
        op.drop_table(table)
