"""The demo mission: realistic, complete, and seeded only into a new file."""

from __future__ import annotations

import pytest

from models import repository as repo
from models.demo import DEMO_CODE, load_demo
from models.store.db import open_database, read_session, write_session

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)


def test_the_demo_mission_has_attendees_sites_and_a_date_line_itinerary(demo_db):
    with read_session(demo_db.engine) as session:
        mission = repo.get_mission_by_code(session, code=DEMO_CODE)
        attendees = repo.list_attendees(session, mission_id=mission.id)
        items = repo.list_items(session, mission_id=mission.id)
        sites = repo.list_sites(session, mission_id=mission.id)
    assert mission.title_ja and mission.title_en and len(mission.organizer_ids) == 2
    assert 18 <= len(attendees) <= 25
    assert any(a.family_name_ja and a.family_kana for a in attendees)
    assert any(a.citizenship == "US" for a in attendees)
    names = {s.name_en for s in sites}
    assert "Albany NanoTech Complex" in names and any("Rapidus" in n for n in names)
    kinds = {i.kind for i in items}
    assert {"flight", "transfer", "site_visit", "ceremony", "seminar", "meal"} <= kinds
    assert all(i.end_utc > i.start_utc for i in items)
    crossing = [i for i in items if i.kind == "flight" and i.start_tz != i.end_tz]
    assert {(i.from_code, i.to_code) for i in crossing} >= {("HND", "JFK"), ("JFK", "HND")}


def test_the_demo_file_names_no_unknown_keys():
    data = load_demo()
    people = {p["key"] for p in data["people"]}
    sites = {s["key"] for s in data["sites"]}
    orgs = {o["key"] for o in data["organizations"]}
    for item in data["items"]:
        assert item.get("site") in sites | {None}
        who = item.get("participants", "all")
        assert who == "all" or set(who) <= people
    assert {p["organization"] for p in data["people"]} <= orgs
    for item in data["items"]:
        for room in item.get("rooms", ()):
            assert item["kind"] == "hotel" and set(room["guests"]) <= people
        for status, keys in item.get("clearance", {}).items():
            assert item["kind"] == "site_visit"
            assert status == "rest" or (status in {"not_sent", "submitted", "cleared",
                                                   "refused"} and set(keys) <= people)


def test_the_demo_readiness_shows_a_few_realistic_findings(demo_db):
    from datetime import date

    from models import findings as F
    from models.readiness import run_checks

    with read_session(demo_db.engine) as session:
        mission = repo.get_mission_by_code(session, code=DEMO_CODE)
        found = run_checks(session, mission_id=mission.id, today=date(2026, 11, 27))
    people = {f.participant_id: f.params.get("person", {}).get("family") for f in found}
    assert [(f.kind, people[f.participant_id]) for f in found] == [
        (F.DEADLINE_PASSED, None),                  # Albany: Emi Kato's details not sent
        (F.DAY_OFF, None),                          # the debrief at Haneda is on a Sunday
        (F.MISSING_VISITOR_FIELDS, "Kato"),         # ... because her visa type is missing
        (F.NO_LODGING, "Miller"),                   # no room in Tokyo on Dec 8
    ]
    assert found[2].params["fields"] == ["visa_type"]
    with read_session(demo_db.engine) as session:   # weeks before: only the data gaps remain
        early = run_checks(session, mission_id=mission.id, today=date(2026, 10, 1))
    assert [f.kind for f in early] == [F.DAY_OFF, F.MISSING_VISITOR_FIELDS, F.NO_LODGING]


def test_the_demo_is_seeded_into_a_new_file_only(tmp_path, monkeypatch):
    from models.first_open import open_with_demo as open_db

    path = tmp_path / "user.db"
    db = open_db(path)
    with write_session(db.engine) as session:
        mission = repo.get_mission_by_code(session, code=DEMO_CODE)
        repo.delete_mission(session, mission_id=mission.id)
    db.dispose()
    again = open_db(path)  # the user deleted the demo: it must not come back
    with read_session(again.engine) as session:
        assert repo.list_missions(session) == []
    again.dispose()
    plain = open_database(path)
    assert not plain.created
    plain.dispose()
