"""Any text a user can type in a name or a note comes back from the database unchanged."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import attendees as att
from models import repository as repo
from models.store.db import open_database, read_session, write_session

# What a keyboard or an IME can produce: any character but lone surrogates, which no text
# field can hold (Qt would refuse them before they reached us).
typed = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)

_db = None


def _database():
    global _db
    if _db is None:
        folder = Path(tempfile.mkdtemp(prefix="kakehashi-roundtrip-"))
        _db = open_database(folder / "roundtrip.db")
        with write_session(_db.engine) as session:
            repo.create_mission(session, code="RT-1", title_en="Round trip", title_ja="",
                                start_date=date(2027, 1, 1),
                                end_date=date(2027, 1, 2),
                                home_tz="Asia/Tokyo")
    return _db


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(family=typed, given_name=typed, family_ja=typed, kana=typed, notes=typed, dietary=typed)
def test_names_and_notes_round_trip_unchanged(family, given_name, family_ja, kana, notes,
                                              dietary):
    db = _database()
    person = {"family_name": family, "given_name": given_name, "family_name_ja": family_ja,
              "family_kana": kana, "notes": notes, "dietary": dietary}
    with read_session(db.engine) as session:
        mission_id = repo.get_mission_by_code(session, code="RT-1").id
    with write_session(db.engine) as session:
        part_id = att.add_attendee(session, mission_id=mission_id,
                                   data=att.AttendeeData(person=person))
    with read_session(db.engine) as session:
        back = att.get_attendee(session, participant_id=part_id).person
    assert {k: back[k] for k in person} == person
