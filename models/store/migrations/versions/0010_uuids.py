"""Global ids: a UUID on every row a mission holds (models.global_ids), existing rows included.

Revision ID: 0010
Revises: 0009
"""

from alembic import op

from models.store.uuid_migration import add_link_uuid, add_uuid, drop_uuid

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# Things first: a link's id is derived from the ids of its ends.
THINGS = ("mission", "organization", "person", "participant", "site", "itinerary_item", "room")
LINKS = {
    "mission_organizer": (("mission_id", "mission"), ("organization_id", "organization")),
    "item_participant": (("item_id", "itinerary_item"), ("participant_id", "participant")),
    "visit_clearance": (("item_id", "itinerary_item"), ("participant_id", "participant")),
    "room_guest": (("room_id", "room"), ("participant_id", "participant")),
}


INSTANTS = ("start_utc", "end_utc")


def upgrade() -> None:
    for table in THINGS:
        add_uuid(table)
    for table, ends in LINKS.items():
        add_link_uuid(table, ends)
    if op.get_bind().dialect.name == "postgresql":
        # A server keeps instants aware (timestamptz); SQLite has no such type and keeps UTC.
        for column in INSTANTS:
            op.execute(f"ALTER TABLE itinerary_item ALTER COLUMN {column} TYPE timestamptz "
                       f"USING {column} AT TIME ZONE 'UTC'")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for column in INSTANTS:
            op.execute(f"ALTER TABLE itinerary_item ALTER COLUMN {column} TYPE timestamp "
                       f"USING {column} AT TIME ZONE 'UTC'")
    for table in (*reversed(LINKS), *reversed(THINGS)):
        drop_uuid(table)
