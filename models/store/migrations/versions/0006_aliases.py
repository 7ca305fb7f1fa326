"""Organizations' other names (aliases, both languages), and the sites a mission has put on its
list (a shared site picked from the library before any item names it).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN with a default: no table rebuild, so no cascade can touch the child rows.
    op.add_column("organization",
                  sa.Column("aliases", sa.String, nullable=False, server_default=""))
    op.create_table(
        "mission_site",
        sa.Column("mission_id", sa.Integer,
                  sa.ForeignKey("mission.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("site_id", sa.Integer,
                  sa.ForeignKey("site.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_mission_site_site_id", "mission_site", ["site_id"])


def downgrade() -> None:
    op.drop_index("ix_mission_site_site_id", table_name="mission_site")
    op.drop_table("mission_site")
    with op.batch_alter_table("organization") as batch:
        batch.drop_column("aliases")
