"""The shared mission in the server's own tables (models/sync/typed_tables.py): the app opened
on the server database reads the mission as merged there, by the same models the window uses,
against a real PostgreSQL (tests/postgres.py) and laptops that are real SQLite files."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from models import repository
from models.store.db import open_database
from models.sync import (
    SchemaMismatch,
    add_organizer,
    list_conflicts,
    resolve_conflict,
    sync_mission,
)
from tests.sync_helpers import CODE, document, new_person, one, run, server_rows


@pytest.fixture
def server(url, two):
    """The server database opened as the app opens one (`main.py --db postgresql://...`)."""
    db = open_database(url)
    yield db
    db.dispose()


def _attendees(engine) -> list[tuple]:
    with Session(engine) as session:
        mission = repository.get_mission_by_code(session, code=CODE)
        rows = repository.list_attendees(session, mission_id=mission.id)
        items = repository.list_items(session, mission_id=mission.id)
        return (sorted((r.family_name, r.given_name, r.email, r.phone) for r in rows),
                sorted((i.title_en, i.start_utc) for i in items))


def _field(engine, person: str, name: str):
    return one(engine, f"SELECT {name} FROM person WHERE uuid = ?", person)


def _served(url: str, sql: str, *params):
    [(value,)] = server_rows(url, sql, *params)
    return value


def _person(engine) -> str:
    return one(engine, "SELECT uuid FROM person WHERE passport_number <> '' ORDER BY id LIMIT 1")


def test_the_shared_mission_is_in_the_servers_own_tables_as_merged(two, server, url):
    a, b = two
    assert document(server.engine) == document(a.engine) == document(b.engine)
    person = _person(a.engine)
    run(a.engine, "UPDATE person SET email = 'a@example.com' WHERE uuid = ?", person)
    run(b.engine, "UPDATE person SET phone = '+81 3 1234 5678', passport_number = 'TZ1234567' "
        "WHERE uuid = ?", person)
    added, _participant = new_person(b.engine, "Sato")
    item = one(a.engine, "SELECT uuid FROM itinerary_item ORDER BY id DESC LIMIT 1")
    run(a.engine, "UPDATE itinerary_item SET start_utc = '2026-05-12 01:30:00.000000' "
        "WHERE uuid = ?", item)
    for laptop in (a, b, a):
        assert sync_mission(laptop.engine, CODE).open_conflicts == 0
    merged = document(server.engine)
    assert merged == document(a.engine) == document(b.engine)
    [row] = [p for p in merged["people"] if p["uuid"] == person]
    assert (row["email"], row["phone"], row["passport_number"]) == (
        "a@example.com", "+81 3 1234 5678", "TZ1234567")      # both laptops' fields won
    assert any(p["uuid"] == added for p in merged["people"])
    assert _attendees(server.engine) == _attendees(a.engine)
    # the instant as the laptop meant it (naive UTC on the wire, a timestamptz here)
    assert str(_served(url, "SELECT start_utc AT TIME ZONE 'UTC' FROM itinerary_item "
                            "WHERE uuid = %s", item)) == "2026-05-12 01:30:00"
    assert server_rows(url, "SELECT * FROM kakehashi_sync.typed_lag") == []


def test_a_delete_reaches_the_servers_tables(two, server, url):
    a, b = two
    person, participant = new_person(a.engine, "Kato")
    sync_mission(a.engine, CODE)
    assert _served(url, "SELECT count(*) FROM person WHERE uuid = %s", person) == 1
    sync_mission(b.engine, CODE)
    run(b.engine, "DELETE FROM person WHERE uuid = ?", person)
    item = one(b.engine, "SELECT uuid FROM itinerary_item ORDER BY id LIMIT 1")
    run(b.engine, "DELETE FROM itinerary_item WHERE uuid = ?", item)
    sync_mission(b.engine, CODE)
    sync_mission(a.engine, CODE)
    for table, gone in (("person", person), ("participant", participant),
                        ("itinerary_item", item)):
        assert _served(url, f"SELECT count(*) FROM {table} WHERE uuid = %s", gone) == 0
    assert document(server.engine) == document(a.engine) == document(b.engine)


def test_a_conflict_leaves_the_servers_value_until_resolved(two, server, url):
    a, b = two
    person = _person(a.engine)
    run(a.engine, "UPDATE person SET family_name = 'Vegetarian' WHERE uuid = ?", person)
    run(b.engine, "UPDATE person SET family_name = 'Halal' WHERE uuid = ?", person)
    sync_mission(a.engine, CODE)
    assert sync_mission(b.engine, CODE).open_conflicts == 1
    typed = "SELECT family_name FROM person WHERE uuid = %s"
    assert _served(url, typed, person) == "Vegetarian"
    [found] = list_conflicts(b.engine, CODE)
    resolve_conflict(b.engine, CODE, found.number, "mine")
    assert _served(url, typed, person) == "Halal"
    sync_mission(a.engine, CODE)
    assert _field(a.engine, person, "family_name") == "Halal"
    assert document(server.engine) == document(a.engine) == document(b.engine)


def test_an_organizers_role_gets_no_grant_on_the_servers_tables(two, url, pg_server):
    a, _b = two
    pg_server.admin("DROP ROLE IF EXISTS bob_typed; CREATE ROLE bob_typed LOGIN")
    add_organizer(a.engine, CODE, "bob_typed", sensitive=True)
    for table in ("person", "participant", "mission"):
        assert _served(url, "SELECT has_table_privilege('bob_typed', %s, 'SELECT')",
                       f"public.{table}") is False
    assert _served(url, "SELECT count(*) FROM person WHERE passport_number <> ''") > 0


def test_a_row_the_servers_tables_refuse_waits_and_does_not_stop_the_sync(two, server, url):
    a, b = two
    person = _person(a.engine)
    # Someone working on the server database itself took the code another mission needs.
    server_rows(url, "INSERT INTO mission (code, title_en, title_ja, start_date, end_date, "
                "home_tz, status, uuid, interpreter_work_minutes, interpreter_break_minutes) "
                "VALUES ('TAKEN', 't', 't', '2026-01-01', '2026-01-02', 'UTC', 'planning', "
                "'local-only', 180, 30) RETURNING 1")
    run(a.engine, "UPDATE mission SET code = 'TAKEN' WHERE code = ?", CODE)
    run(a.engine, "UPDATE person SET notes = 'still travels' WHERE uuid = ?", person)
    assert sync_mission(a.engine, CODE).sent == 2
    assert _served(url, "SELECT notes FROM person WHERE uuid = %s", person) == "still travels"
    assert server_rows(url, "SELECT sqlstate, refused_by FROM kakehashi_sync.typed_lag") == [
        ("23505", "mission uq_mission_code")]
    server_rows(url, "DELETE FROM mission WHERE uuid = 'local-only' RETURNING 1")
    run(a.engine, "UPDATE person SET notes = 'and the code too' WHERE uuid = ?", person)
    sync_mission(a.engine, CODE)
    assert server_rows(url, "SELECT * FROM kakehashi_sync.typed_lag") == []
    assert _served(url, "SELECT count(*) FROM mission WHERE code = 'TAKEN'") == 1


def test_a_server_of_another_sync_version_is_refused(two, url):
    a, _b = two
    server_rows(url, "UPDATE kakehashi_sync.meta SET version = version - 1 RETURNING 1")
    with pytest.raises(SchemaMismatch) as raised:
        sync_mission(a.engine, CODE)
    assert "sync 1" in raised.value.user_message()
