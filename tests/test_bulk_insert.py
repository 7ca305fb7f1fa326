"""models.store.bulk on both engines: what goes in through COPY (PostgreSQL) or the cursor's
executemany (SQLite) reads back as the ORM wrote it: text with tabs, newlines, backslashes and
"\\N", empty text apart from NULL, aware instants, dates, booleans; a key left out gets its
default; a failure is the store's error, naming no value, and writes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from models.entities import ItineraryItem, Mission, Organization, Person
from models.global_ids import new_uuid
from models.store.bulk import insert_rows
from models.store.db import read_session, write_session
from models.store.errors import Conflict

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)

TRICKY = ("tab\there", "line\nbreak\r\n", "back\\slash", "\\N", "", "北海道\u3000札幌",
          "=1+1", "comma, \"quote\"")


def test_rows_read_back_as_they_went_in(empty_db):
    people = [{"uuid": new_uuid(), "family_name": text, "given_name": "x",
               "date_of_birth": date(1980, 2, 29) if n % 2 else None,
               "latin_unconfirmed": bool(n % 2), "notes": text}
              for n, text in enumerate(TRICKY)]
    with write_session(empty_db.engine) as session:
        insert_rows(session.connection(), Person.__table__, people)
    with read_session(empty_db.engine) as session:
        got = {p.uuid: p for p in session.exec(select(Person)).scalars()}
    assert len(got) == len(TRICKY)
    for row in people:
        stored = got[row["uuid"]]
        assert (stored.family_name, stored.notes) == (row["family_name"], row["notes"])
        assert stored.date_of_birth == row["date_of_birth"]
        assert stored.latin_unconfirmed is row["latin_unconfirmed"]
        assert stored.title_en == "" and stored.id is not None     # defaults, a new id


def test_instants_stay_the_same_instant(demo_db):
    tokyo = timezone(timedelta(hours=9))
    start = datetime(2026, 12, 8, 9, 30, tzinfo=tokyo)
    with read_session(demo_db.engine) as session:
        mission_id = session.execute(select(Mission.id)).scalar_one()
        template = dict(session.execute(select(ItineraryItem.__table__)).mappings().first())
    row = template | {"uuid": new_uuid(), "start_utc": start, "end_utc": start + timedelta(
        hours=1), "title_en": "Bulk", "mission_id": mission_id, "site_id": None}
    del row["id"]
    with write_session(demo_db.engine) as session:
        insert_rows(session.connection(), ItineraryItem.__table__, [row])
    with read_session(demo_db.engine) as session:
        item = session.exec(select(ItineraryItem).where(
            ItineraryItem.uuid == row["uuid"])).scalar_one()
    assert item.start_utc == start and item.start_utc.tzinfo is not None
    assert item.start_utc.astimezone(UTC).hour == 0


def test_a_failure_is_sqlalchemys_error_and_writes_nothing(empty_db):
    same = new_uuid()
    rows = [{"uuid": new_uuid(), "name_en": "A", "name_ja": ""},
            {"uuid": same, "name_en": "B", "name_ja": ""},
            {"uuid": same, "name_en": "C", "name_ja": ""}]          # the unique index says no
    with pytest.raises(Conflict) as refused, write_session(empty_db.engine) as session:
        insert_rows(session.connection(), Organization.__table__, rows)
    assert same not in refused.value.user_message() and same not in str(refused.value)
    with read_session(empty_db.engine) as session:
        assert session.execute(select(Organization.id)).first() is None
    with pytest.raises(ValueError), write_session(empty_db.engine) as session:
        insert_rows(session.connection(), Organization.__table__,
                    [rows[0], {"uuid": new_uuid(), "name_en": "no name_ja"}])
