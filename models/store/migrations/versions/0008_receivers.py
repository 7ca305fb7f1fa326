"""Each receiver's own document: dietary needs as codes, what visitor lists of US fabs and
national labs ask, the sites' PPE and arrival point, the transfers' drop-off, operational
texts in both languages and a hotel stay's confirmation number.

The free dietary text of every person is read into codes here (models/dietary.read_dietary);
what it could not read goes to dietary_note, and the text itself stays as it was.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_PERSON = ("dietary_codes", "dietary_note", "birth_country", "passport_country", "employer",
           "visit_purpose", "escort")
_SITE = ("ppe_en", "ppe_ja", "arrival_en", "arrival_ja")
_ITEM = ("vehicle_ja", "pickup_ja", "dropoff_en", "dropoff_ja", "driver_notes_en",
         "driver_notes_ja", "confirmation")


def upgrade() -> None:
    # ADD COLUMN with a default: no table rebuild, so no cascade can touch the child rows.
    for table, names in (("person", _PERSON), ("site", _SITE), ("itinerary_item", _ITEM)):
        for name in names:
            op.add_column(table, sa.Column(name, sa.String, nullable=False, server_default=""))
    op.add_column("person", sa.Column("us_person", sa.Boolean, nullable=True))
    _read_dietary_text()


def _read_dietary_text() -> None:
    from models.dietary import encode, read_dietary

    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, dietary FROM person WHERE dietary != ''")).all()
    for person_id, text in rows:
        diet = read_dietary(text)
        conn.execute(sa.text("UPDATE person SET dietary_codes = :codes, dietary_note = :note "
                             "WHERE id = :id"),
                     {"codes": encode(diet.needs), "note": diet.note, "id": person_id})


def downgrade() -> None:
    for table, names in (("itinerary_item", _ITEM), ("site", _SITE),
                         ("person", (*_PERSON, "us_person"))):
        with op.batch_alter_table(table) as batch:
            for name in reversed(names):
                batch.drop_column(name)
