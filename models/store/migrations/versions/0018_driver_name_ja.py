"""A transfer's driver (or the coach company's dispatch desk) in Japanese too, like the vehicle,
pick-up point and transport company: a Japanese roster or manifest no longer prints the English
name an organizer typed only because there was no Japanese field.

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

from models.sync.triggers import after_schema_change, before_schema_change

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN with a default: no table rebuild, so no cascade can touch the child rows.
    op.add_column("itinerary_item", sa.Column("driver_name_ja", sa.String, nullable=False,
                                              server_default=""))
    # The outbox must record the new column: the triggers are made from the table's columns.
    after_schema_change(op.get_bind())


def downgrade() -> None:
    before_schema_change(op.get_bind())
    with op.batch_alter_table("itinerary_item") as batch:
        batch.drop_column("driver_name_ja")
    after_schema_change(op.get_bind())
