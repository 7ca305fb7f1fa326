"""Any text a user can type in a name or a note comes back from the database: a note unchanged,
a name cleaned (NFKC, no invisible characters: models.rules.clean), a name that cleaning
empties refused."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import attendees as att
from models import repository as repo
from models.rules import clean
from models.store.db import open_database, read_session, write_session
from models.store.errors import InvalidInput

# What a keyboard or an IME can produce: any character but lone surrogates, which no text
# field can hold (Qt would refuse them before they reached us).
typed = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)

@pytest.fixture(scope="module")
def roundtrip_db(tmp_path_factory):
    """One database for every example (a new one each would be most of the test's time), in a
    folder pytest removes with its others."""
    db = open_database(tmp_path_factory.mktemp("roundtrip") / "roundtrip.db")
    with write_session(db.engine) as session:
        repo.create_mission(session, code="RT-1", title_en="Round trip", title_ja="",
                            start_date=date(2027, 1, 1),
                            end_date=date(2027, 1, 2),
                            home_tz="Asia/Tokyo")
    yield db
    db.dispose()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(family=typed, given_name=typed, family_ja=typed, kana=typed, notes=typed, dietary=typed)
def test_names_and_notes_round_trip_unchanged(roundtrip_db, family, given_name, family_ja, kana,
                                              notes, dietary):
    db = roundtrip_db
    person = {"family_name": family, "given_name": given_name, "family_name_ja": family_ja,
              "family_kana": kana, "notes": notes, "dietary": dietary}
    with read_session(db.engine) as session:
        mission_id = repo.get_mission_by_code(session, code="RT-1").id
    if not clean(family) and not clean(family_ja):
        with pytest.raises(InvalidInput), write_session(db.engine) as session:
            att.add_attendee(session, mission_id=mission_id, data=att.AttendeeData(person=person))
        return
    with write_session(db.engine) as session:
        part_id = att.add_attendee(session, mission_id=mission_id,
                                   data=att.AttendeeData(person=person))
    with read_session(db.engine) as session:
        back = att.get_attendee(session, participant_id=part_id).person
    expected = {k: clean(v) if k in att.CLEANED_FIELDS else v for k, v in person.items()}
    assert {k: back[k] for k in person} == expected
