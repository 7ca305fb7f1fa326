"""A transfer's driver: name and phone, for the contact sheet and the transport manifest.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN with a default: no table rebuild, so no cascade can touch the child rows.
    for name in ("driver_name", "driver_phone"):
        op.add_column("itinerary_item",
                      sa.Column(name, sa.String, nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("itinerary_item") as batch:
        batch.drop_column("driver_phone")
        batch.drop_column("driver_name")
