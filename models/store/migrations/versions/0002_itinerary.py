"""Sites with their visitor rules, itinerary items and who takes part in them.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "site",
        sa.Column("id", sa.Integer, primary_key=True),
        *[sa.Column(name, sa.String, nullable=False) for name in (
            "name_en", "name_ja", "address_en", "address_ja", "tz", "contact_name",
            "contact_email", "contact_phone")],
        sa.Column("notice_days", sa.Integer, nullable=False),
        sa.Column("required_fields", sa.String, nullable=False),
        sa.Column("nda", sa.Boolean, nullable=False),
        sa.Column("safety_briefing", sa.Boolean, nullable=False),
        *[sa.Column(name, sa.String, nullable=False) for name in (
            "dress_code_en", "dress_code_ja", "photo_rules_en", "photo_rules_ja")],
    )
    op.create_table(
        "itinerary_item",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("mission_id", sa.Integer,
                  sa.ForeignKey("mission.id", ondelete="CASCADE"), nullable=False),
        sa.Column("site_id", sa.Integer,
                  sa.ForeignKey("site.id", ondelete="SET NULL"), nullable=True),
        sa.Column("kind", sa.String, nullable=False),
        *[sa.Column(name, sa.String, nullable=False) for name in (
            "title_en", "title_ja", "notes_en", "notes_ja", "start_tz", "end_tz",
            "location_en", "location_ja", "carrier", "flight_number", "from_code", "to_code",
            "vehicle", "pickup")],
        sa.Column("everyone", sa.Boolean, nullable=False),
        sa.Column("start_utc", sa.DateTime, nullable=False),
        sa.Column("end_utc", sa.DateTime, nullable=False),
    )
    op.create_index("ix_itinerary_item_mission_id", "itinerary_item", ["mission_id"])
    op.create_index("ix_itinerary_item_site_id", "itinerary_item", ["site_id"])
    op.create_table(
        "item_participant",
        sa.Column("item_id", sa.Integer,
                  sa.ForeignKey("itinerary_item.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("participant_id", sa.Integer,
                  sa.ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True),
    )


def downgrade() -> None:
    for table in ("item_participant", "itinerary_item", "site"):
        op.drop_table(table)
