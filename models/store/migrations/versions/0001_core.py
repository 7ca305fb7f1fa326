"""Missions, organizations, people and participants.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mission",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(40), nullable=False),
        sa.Column("title_en", sa.String, nullable=False),
        sa.Column("title_ja", sa.String, nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date, nullable=False),
        sa.Column("home_tz", sa.String, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.UniqueConstraint("code", name="uq_mission_code"),
    )
    op.create_table(
        "organization",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name_en", sa.String, nullable=False),
        sa.Column("name_ja", sa.String, nullable=False),
    )
    op.create_table(
        "mission_organizer",
        sa.Column("mission_id", sa.Integer,
                  sa.ForeignKey("mission.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("organization_id", sa.Integer,
                  sa.ForeignKey("organization.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_table(
        "person",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("family_name", sa.String, nullable=False),
        sa.Column("given_name", sa.String, nullable=False),
        sa.Column("family_name_ja", sa.String, nullable=False),
        sa.Column("given_name_ja", sa.String, nullable=False),
        sa.Column("family_kana", sa.String, nullable=False),
        sa.Column("given_kana", sa.String, nullable=False),
        sa.Column("title_en", sa.String, nullable=False),
        sa.Column("title_ja", sa.String, nullable=False),
        sa.Column("email", sa.String, nullable=False),
        sa.Column("phone", sa.String, nullable=False),
        sa.Column("citizenship", sa.String, nullable=False),
        sa.Column("dietary", sa.String, nullable=False),
        sa.Column("notes", sa.String, nullable=False),
        sa.Column("date_of_birth", sa.Date, nullable=True),
        sa.Column("passport_number", sa.String, nullable=False),
        sa.Column("passport_expiry", sa.Date, nullable=True),
        sa.Column("organization_id", sa.Integer,
                  sa.ForeignKey("organization.id", ondelete="SET NULL"), nullable=True),
    )
    op.create_index("ix_person_organization_id", "person", ["organization_id"])
    op.create_table(
        "participant",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("mission_id", sa.Integer,
                  sa.ForeignKey("mission.id", ondelete="CASCADE"), nullable=False),
        sa.Column("person_id", sa.Integer,
                  sa.ForeignKey("person.id", ondelete="CASCADE"), nullable=False),
        sa.Column("role", sa.String, nullable=False),
        sa.Column("status", sa.String, nullable=False),
        sa.UniqueConstraint("mission_id", "person_id", name="uq_participant"),
    )
    op.create_index("ix_participant_mission_id", "participant", ["mission_id"])
    op.create_index("ix_participant_person_id", "participant", ["person_id"])


def downgrade() -> None:
    for table in ("participant", "person", "mission_organizer", "organization", "mission"):
        op.drop_table(table)
