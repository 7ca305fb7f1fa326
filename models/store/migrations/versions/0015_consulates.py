"""The travel pack's contacts page: the consulates and embassies that serve the mission's
delegates in the countries it visits, and a hotel stay's own front-desk phone (a stay not
linked to a site had none to print).

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

from models.store.uuid_migration import create_uuid_index, uuid_column

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_TEXTS = ("country", "nationality", "name_en", "name_ja", "address_en", "address_ja", "phone")


def upgrade() -> None:
    # ADD COLUMN with a default: no table rebuild, so no cascade can touch the child rows.
    op.add_column("itinerary_item", sa.Column("hotel_phone", sa.String, nullable=False,
                                              server_default=""))
    op.create_table(
        "consulate",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("mission_id", sa.Integer, sa.ForeignKey("mission.id", ondelete="CASCADE"),
                  nullable=False),
        *(sa.Column(n, sa.String, nullable=False, server_default="") for n in _TEXTS),
        uuid_column(),
        sa.UniqueConstraint("mission_id", "country", "nationality", name="uq_consulate"),
    )
    op.create_index("ix_consulate_mission_id", "consulate", ["mission_id"])
    create_uuid_index("consulate")


def downgrade() -> None:
    op.drop_table("consulate")
    with op.batch_alter_table("itinerary_item") as batch:
        batch.drop_column("hotel_phone")
