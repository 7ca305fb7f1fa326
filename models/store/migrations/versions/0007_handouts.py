"""An itinerary item's revision, raised by every edit: the calendar export's SEQUENCE, so that
a re-imported .ics updates the event instead of being ignored as old.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN with a default: no table rebuild, so no cascade can touch the child rows.
    op.add_column("itinerary_item",
                  sa.Column("revision", sa.Integer, nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("itinerary_item") as batch:
        batch.drop_column("revision")
