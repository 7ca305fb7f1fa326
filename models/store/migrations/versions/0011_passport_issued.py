"""The passport's issue date: a passport cannot expire before it was issued, and US sites and
Japanese hotels ask for it beside the number and the expiry.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN, nullable: no table rebuild, so no cascade can touch the child rows.
    op.add_column("person", sa.Column("passport_issued", sa.Date, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.drop_column("passport_issued")
