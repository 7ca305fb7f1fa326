"""Global ids for the tables added beside 0010: a mission's site list and the meetings and
protocol tables (models.global_ids), existing rows included.

Revision ID: 0014
Revises: 0013
"""

from models.store.uuid_migration import add_link_uuid, add_uuid, drop_uuid

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

THINGS = ("counterpart", "meeting_request")
# A row keyed by the one thing it extends is a link with one end (its id is that thing's).
LINKS = {
    "mission_site": (("mission_id", "mission"), ("site_id", "site")),
    "matchmaking_session": (("item_id", "itinerary_item"),),
    "meeting": (("request_id", "meeting_request"),),
    "interpreter_assignment": (("item_id", "itinerary_item"), ("participant_id", "participant")),
    "item_protocol": (("item_id", "itinerary_item"),),
    "protocol_rank": (("participant_id", "participant"),),
    "seat": (("item_id", "itinerary_item"), ("participant_id", "participant")),
}


def upgrade() -> None:
    for table in THINGS:
        add_uuid(table)
    for table, ends in LINKS.items():
        add_link_uuid(table, ends)


def downgrade() -> None:
    for table in (*reversed(LINKS), *reversed(THINGS)):
        drop_uuid(table)
