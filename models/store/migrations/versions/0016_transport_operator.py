"""The company that runs a transfer (the coach or taxi company), in both languages: the contact
sheet lists a driver under it, with the vehicle beside the name.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_ITEM = ("operator_en", "operator_ja")


def upgrade() -> None:
    # ADD COLUMN with a default: no table rebuild, so no cascade can touch the child rows.
    for name in _ITEM:
        op.add_column("itinerary_item", sa.Column(name, sa.String, nullable=False,
                                                  server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("itinerary_item") as batch:
        for name in reversed(_ITEM):
            batch.drop_column(name)
