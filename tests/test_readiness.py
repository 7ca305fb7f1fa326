"""The readiness checks: for each, a case that must fire and one that must not; their order,
their wording in both languages, and a fixed number of queries whatever the mission's size."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event

import i18n
from models import findings as F
from models import repository as repo
from models.lodging import RoomData, create_room
from models.readiness import finding_text, run_checks
from models.store.db import read_session, write_session
from models.visits import list_visitors, set_clearance
from tests.conftest import run_cli
from tests.mission_builder import NEW_YORK, TOKYO, Builder

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)

TODAY = date(2026, 11, 1)


def _checks(db, mission_id, today=TODAY):
    with read_session(db.engine) as session:
        return run_checks(session, mission_id=mission_id, today=today)


def _kinds(found) -> list[str]:
    return [f.kind for f in found]


# -- double booking ----------------------------------------------------------------------------

def test_a_person_in_two_overlapping_items_is_a_double_booking(empty_db):
    with write_session(empty_db.engine) as s:
        b = Builder(s)
        sato, ito = b.person("Sato"), b.person("Ito")
        first = b.item("meeting", "2026-12-08T10:00", "2026-12-08T11:00", people=[sato, ito])
        b.item("meal", "2026-12-08T10:30", "2026-12-08T12:00", people=[sato])
    [found] = _checks(empty_db, b.mission_id)
    assert (found.kind, found.item_id, found.participant_id) == (F.OVERLAP, first, sato)
    assert "Taro Sato" in finding_text(found) and "Ito" not in finding_text(found)


def test_items_that_touch_or_share_nobody_or_are_stays_are_no_double_booking(empty_db):
    with write_session(empty_db.engine) as s:
        b = Builder(s)
        sato, ito = b.person("Sato"), b.person("Ito")
        gone = b.person("Gone", status="cancelled")
        b.item("meeting", "2026-12-08T10:00", "2026-12-08T11:00", people=[sato, gone])
        b.item("meal", "2026-12-08T11:00", "2026-12-08T12:00", people=[sato])      # touches
        b.item("seminar", "2026-12-08T10:30", "2026-12-08T11:30", people=[ito, gone])
        b.item("hotel", "2026-12-08T08:00", "2026-12-09T09:00")                     # a stay
        b.item("free_time", "2026-12-08T09:00", "2026-12-08T18:00")
    assert _checks(empty_db, b.mission_id) == []


def test_two_items_for_everyone_overlap_for_every_participant_not_cancelled(empty_db):
    with write_session(empty_db.engine) as s:
        b = Builder(s)
        people = [b.person(name) for name in ("Abe", "Baba", "Chiba", "Doi", "Endo")]
        b.person("Gone", status="cancelled")
        b.item("seminar", "2026-12-08T10:00", "2026-12-08T12:00")
        b.item("meal", "2026-12-08T11:30", "2026-12-08T13:00")
    [found] = _checks(empty_db, b.mission_id)
    assert found.participant_id is None and len(found.params["people"]) == len(people)
    assert "Taro Abe, Taro Baba, Taro Chiba, and 2 others" in finding_text(found)


# -- transfer before landing -------------------------------------------------------------------

def _flight_and_transfer(db, transfer_start: str, **transfer):
    with write_session(db.engine) as s:
        b = Builder(s)
        sato = b.person("Sato")
        b.item("flight", "2026-12-09T17:55", "2026-12-09T16:45", end_tz=NEW_YORK,
               from_code="HND", to_code="JFK", people=[sato])
        t = b.item("transfer", transfer_start, "2026-12-09T21:30", tz=NEW_YORK, people=[sato],
                   **transfer)
    return b.mission_id, t


def test_a_transfer_leaving_the_airport_before_the_flight_lands_is_flagged(empty_db):
    mission_id, transfer = _flight_and_transfer(empty_db, "2026-12-09T16:00", from_code="JFK")
    [found] = _checks(empty_db, mission_id)
    assert (found.kind, found.item_id) == (F.TRANSFER_BEFORE_LANDING, transfer)
    assert "4:00 PM EST" in finding_text(found) and "4:45 PM EST" in finding_text(found)


def test_a_transfer_without_a_code_meets_flights_landing_in_its_zone(empty_db):
    mission_id, _ = _flight_and_transfer(empty_db, "2026-12-09T16:00")
    assert _kinds(_checks(empty_db, mission_id)) == [F.TRANSFER_BEFORE_LANDING]


def test_a_transfer_after_landing_is_not_flagged(empty_db):
    mission_id, _ = _flight_and_transfer(empty_db, "2026-12-09T18:15", from_code="JFK")
    assert _checks(empty_db, mission_id) == []


def test_a_transfer_from_another_airport_during_the_flight_is_a_plain_double_booking(empty_db):
    mission_id, _ = _flight_and_transfer(empty_db, "2026-12-09T16:00", from_code="EWR")
    assert _kinds(_checks(empty_db, mission_id)) == [F.OVERLAP]


# -- visitor lists -----------------------------------------------------------------------------

def _visit(db, *, notice=14, required=("date_of_birth",), statuses=None, **person):
    """A visit to an Albany site on Thu Dec 10 by two people."""
    with write_session(db.engine) as s:
        b = Builder(s)
        sato = b.person("Sato", **({"date_of_birth": date(1980, 1, 2)} | person))
        ito = b.person("Ito", date_of_birth=date(1981, 3, 4), visa_type="ESTA")
        site = repo.create_site(s, name_en="Albany NanoTech", name_ja="オールバニ",
                                tz=NEW_YORK, notice_days=notice, required_fields=",".join(required))
        visit = b.item("site_visit", "2026-12-10T09:00", "2026-12-10T12:00", tz=NEW_YORK,
                       site_id=site, people=[sato, ito])
        for pid, status in zip((sato, ito), statuses or ("not_sent", "cleared"), strict=True):
            set_clearance(s, item_id=visit, participant_id=pid, status=status)
    return b.mission_id, visit, sato


@pytest.mark.parametrize("today, kind", [
    (date(2026, 11, 27), F.DEADLINE_PASSED),    # due Thu Nov 26
    (date(2026, 11, 19), F.DEADLINE_SOON),      # due in 7 days
    (date(2026, 11, 26), F.DEADLINE_SOON),      # due today
])
def test_a_visitor_list_overdue_or_due_within_a_week_is_flagged(empty_db, today, kind):
    mission_id, visit, _ = _visit(empty_db)
    [found] = _checks(empty_db, mission_id, today)
    assert (found.kind, found.item_id, found.params["unsent"]) == (kind, visit, 1)
    assert "Nov 26" in finding_text(found)


@pytest.mark.parametrize("today, statuses", [
    (date(2026, 11, 18), ("not_sent", "cleared")),     # due in 8 days: not yet
    (date(2026, 11, 27), ("submitted", "cleared")),    # overdue but everybody was sent
    (date(2026, 12, 11), ("not_sent", "cleared")),     # the visit is over
])
def test_a_visitor_list_sent_or_not_due_yet_is_not_flagged(empty_db, today, statuses):
    mission_id, _, _ = _visit(empty_db, statuses=statuses)
    assert _checks(empty_db, mission_id, today) == []


def test_a_refused_visitor_is_reported(empty_db):
    mission_id, visit, sato = _visit(empty_db, statuses=("refused", "cleared"))
    [found] = _checks(empty_db, mission_id)
    assert (found.kind, found.item_id, found.participant_id) == (
        F.CLEARANCE_REFUSED, visit, sato)


def test_a_visitor_missing_a_required_field_is_reported(empty_db):
    mission_id, visit, sato = _visit(empty_db, date_of_birth=None,
                                     required=("full_legal_name", "date_of_birth", "visa_type"))
    [found] = _checks(empty_db, mission_id)
    assert (found.kind, found.participant_id, found.params["fields"]) == (
        F.MISSING_VISITOR_FIELDS, sato, ["date_of_birth", "visa_type"])
    assert finding_text(found).endswith("Date of birth and Visa type.")


@pytest.mark.parametrize("field, given", [
    ("sex", "F"), ("birth_country", "JP"), ("passport_country", "JP"),
    ("passport_expiry", date(2031, 5, 1)), ("visit_purpose", "Fab tour"), ("us_person", False),
    ("escort", "Dana Whitfield"), ("employer", "Kioxia")])
def test_each_field_a_site_requires_is_reported_missing_until_given(empty_db, field, given):
    """The same rule as the visitor list: the site asks for it, the visitor lacks it."""
    mission_id, _, sato = _visit(empty_db, required=(field,))
    [found] = _checks(empty_db, mission_id)
    assert (found.kind, found.participant_id, found.params["fields"]) == (
        F.MISSING_VISITOR_FIELDS, sato, [field])
    with write_session(empty_db.engine) as s:
        repo.delete_mission(s, mission_id=mission_id)
    mission_id, visit, sato = _visit(empty_db, required=(field,), **{field: given})
    assert _checks(empty_db, mission_id) == []
    with read_session(empty_db.engine) as s:
        [row] = [r for r in list_visitors(s, item_id=visit) if r.participant_id == sato]
    assert row.missing == ()


def test_citizens_at_home_need_no_visa_and_sent_visitors_are_not_rechecked(empty_db):
    mission_id, _, _ = _visit(empty_db, citizenship="US", required=("visa_type",))
    assert _checks(empty_db, mission_id) == []
    with write_session(empty_db.engine) as s:
        repo.delete_mission(s, mission_id=mission_id)
    mission_id, _, _ = _visit(empty_db, date_of_birth=None, statuses=("submitted", "cleared"))
    assert _checks(empty_db, mission_id) == []


# -- passports ---------------------------------------------------------------------------------

def test_a_passport_too_short_for_the_countries_visited_is_reported(empty_db):
    with write_session(empty_db.engine) as s:
        b = Builder(s)
        ng = b.person("Okafor", citizenship="NG", passport_expiry=date(2027, 5, 31))
        jp = b.person("Kimura", passport_expiry=date(2027, 3, 15))   # six-month club: fine
        b.item("seminar", "2026-12-11T09:30", "2026-12-11T16:30", tz=NEW_YORK, people=[ng, jp])
    consulate, found = _checks(empty_db, b.mission_id)
    assert (consulate.kind, consulate.participant_id) == (F.CONSULATE_MISSING, ng)  # none of NG
    assert (found.kind, found.participant_id, found.params["country"]) == (
        F.PASSPORT_EXPIRY, ng, "US")
    assert "valid until Sun, Jun 13, 2027" in finding_text(found)


# -- lodging -----------------------------------------------------------------------------------

def _trip(session, *, stay=True):
    """Sato flies to New York on Dec 9, spends two nights there and flies back on Dec 11."""
    b = Builder(session)
    sato = b.person("Sato")
    b.item("flight", "2026-12-09T17:55", "2026-12-09T16:45", end_tz=NEW_YORK,
           from_code="HND", to_code="JFK", people=[sato])
    hotel = b.item("hotel", "2026-12-09T20:00", "2026-12-11T08:00", tz=NEW_YORK,
                   title_en="Fuller Road Suites", people=[sato]) if stay else None
    b.item("flight", "2026-12-11T13:00", "2026-12-12T17:15", tz=NEW_YORK, end_tz=TOKYO,
           from_code="JFK", to_code="HND", people=[sato])
    return b, sato, hotel


def test_a_night_away_without_a_room_is_reported(empty_db):
    with write_session(empty_db.engine) as s:
        b, sato, _ = _trip(s, stay=False)
    found = _checks(empty_db, b.mission_id)
    assert [(f.kind, f.participant_id, f.params["night"]) for f in found] == [
        (F.NO_LODGING, sato, date(2026, 12, 9)), (F.NO_LODGING, sato, date(2026, 12, 10))]
    assert finding_text(found[0]) == "Taro Sato has no lodging for the night of Wed, Dec 9."


def test_a_stay_without_a_room_names_the_hotel_and_a_room_covers_every_night(empty_db):
    with write_session(empty_db.engine) as s:
        b, sato, hotel = _trip(s)
    found = _checks(empty_db, b.mission_id)
    assert [(f.item_id, f.params["night"]) for f in found] == [
        (hotel, date(2026, 12, 9)), (hotel, date(2026, 12, 10))]
    assert "no room at “Fuller Road Suites”" in finding_text(found[0])
    with write_session(empty_db.engine) as s:
        create_room(s, RoomData(id=None, item_id=hotel, room_type="single", guest_ids=(sato,)))
    assert _checks(empty_db, b.mission_id) == []   # the night flight home covers Dec 11


def test_hosts_locals_and_the_unconfirmed_need_no_lodging(empty_db):
    with write_session(empty_db.engine) as s:
        b, _, _ = _trip(s, stay=False)
        for role, status in (("host", "confirmed"), ("delegate", "invited")):
            pid = b.person(f"{role}-{status}", role=role, status=status)
            b.item("flight", "2026-12-08T10:00", "2026-12-11T10:00", people=[pid])
            b.item("flight", "2026-12-13T10:00", "2026-12-13T12:00", people=[pid])
        local = b.person("Local")   # attends two days in a row and goes home in between
        b.item("seminar", "2026-12-10T09:00", "2026-12-10T17:00", tz=NEW_YORK, people=[local])
        b.item("seminar", "2026-12-11T09:00", "2026-12-11T17:00", tz=NEW_YORK, people=[local])
    assert {f.params["person"]["family"] for f in _checks(empty_db, b.mission_id)} == {"Sato"}


def test_people_on_one_schedule_are_still_checked_one_by_one(empty_db):
    """The checks work once per distinct schedule (people who travel together): what differs
    between such people (a room, a citizenship, an expiry) must still decide for each."""
    with write_session(empty_db.engine) as s:
        b, sato, hotel = _trip(s)
        kato = b.person("Kato", passport_expiry=date(2027, 1, 10))      # on Sato's items
        ito = b.person("Ito", citizenship="NG", passport_expiry=date(2027, 1, 10))
        for item in repo.list_items(s, mission_id=b.mission_id):
            b.join(item.id, kato)
            b.join(item.id, ito)
        for guest in (sato, ito):
            create_room(s, RoomData(id=None, item_id=hotel, room_type="single",
                                    guest_ids=(guest,)))
    found = _checks(empty_db, b.mission_id)
    assert sorted((f.kind, f.participant_id) for f in found) == sorted([
        (F.NO_LODGING, kato), (F.NO_LODGING, kato),         # no room: both nights, only Kato
        (F.PASSPORT_EXPIRY, ito),                           # Kato's like expiry is his home's
        # Neither country has Nigeria's consulate recorded: for Ito only.
        (F.CONSULATE_MISSING, ito), (F.CONSULATE_MISSING, ito)])
    assert {f.params["night"] for f in found if f.kind == F.NO_LODGING} == {
        date(2026, 12, 9), date(2026, 12, 10)}


# -- all together ------------------------------------------------------------------------------

def test_findings_come_most_urgent_first_and_reword_in_the_current_language(empty_db):
    with write_session(empty_db.engine) as s:
        b, sato, _ = _trip(s, stay=False)
        b.item("meeting", "2026-12-10T10:00", "2026-12-10T11:00", tz=NEW_YORK, people=[sato])
        b.item("meeting", "2026-12-10T10:30", "2026-12-10T11:30", tz=NEW_YORK, people=[sato])
        site = repo.create_site(s, name_en="Albany NanoTech", name_ja="オールバニ", tz=NEW_YORK,
                                notice_days=40, required_fields="date_of_birth")
        b.item("site_visit", "2026-12-10T13:00", "2026-12-10T15:00", tz=NEW_YORK,
               site_id=site, people=[sato])
    found = _checks(empty_db, b.mission_id)
    assert _kinds(found) == [F.DEADLINE_PASSED, F.OVERLAP, F.MISSING_VISITOR_FIELDS,
                             F.NO_LODGING, F.NO_LODGING]
    english = [finding_text(f) for f in found]
    i18n.set_language("ja")
    japanese = [finding_text(f) for f in found]
    assert japanese != english and all(any("\u3040" <= c <= "\u30ff" for c in t)
                                       for t in japanese)
    assert "12月10日(木)" in japanese[0]


def test_the_checks_read_the_plan_in_a_fixed_number_of_queries(demo_db):
    statements: list[str] = []

    def trace(dbapi_connection, _record, _proxy):   # every statement SQLite runs, raw or not
        dbapi_connection.set_trace_callback(statements.append)

    def sent(_conn, _cursor, statement, *_rest):    # a server's: all go through SQLAlchemy
        statements.append(statement)

    with read_session(demo_db.engine) as session:
        mission = repo.list_missions(session)[0]
    hook, listener = ("before_cursor_execute", sent) if demo_db.is_server else ("checkout", trace)
    event.listen(demo_db.engine, hook, listener)
    try:
        with read_session(demo_db.engine) as session:
            run_checks(session, mission_id=mission.id, today=TODAY)
            if not demo_db.is_server:
                session.connection().connection.driver_connection.set_trace_callback(None)
    finally:
        event.remove(demo_db.engine, hook, listener)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert 1 < len(selects) <= 9, selects   # never a query per item or per person


def test_the_readiness_verb_prints_findings_and_their_count(tmp_path):
    db = str(tmp_path / "k.db")
    result = run_cli("--db", db, "readiness", "HKD-ALB-2026", "--today", "2026-11-27")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == f"{len(lines) - 1} findings" and len(lines) > 1
    assert lines[0].startswith("Visitor list for Albany NanoTech Complex")
    result = run_cli("readiness", "HKD-ALB-2026", "--db", db, "--lang", "ja",
                     "--today", "2026-11-27")
    assert result.returncode == 0 and result.stdout.splitlines()[-1] == f"{len(lines) - 1}件"
    result = run_cli("--db", db, "readiness", "NOPE")
    assert result.returncode == 1 and "NOPE" in result.stderr
    assert "Traceback" not in result.stderr
