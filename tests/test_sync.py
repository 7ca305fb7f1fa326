"""Sharing a mission through a real PostgreSQL server (tests/postgres.py) between laptops that
are real SQLite files: join, field-by-field merge, conflicts and their resolution, edit
against delete both ways, a lost reply, versions, privacy on the wire."""

from __future__ import annotations

import pytest

from models.store.db import open_database
from models.sync import (
    NotAllowed,
    NotShared,
    SchemaMismatch,
    add_organizer,
    join_mission,
    last_changed,
    list_conflicts,
    resolve_conflict,
    share_mission,
    sync_mission,
    sync_status,
    wire,
)
from tests.sync_helpers import (
    CODE,
    local_state,
    mission_uuid,
    new_person,
    one,
    run,
    server_rows,
    server_state,
)


def _person(engine) -> str:
    return one(engine, "SELECT uuid FROM person ORDER BY id LIMIT 1")


def _field(engine, person: str, name: str):
    return one(engine, f"SELECT {name} FROM person WHERE uuid = ?", person)


def test_a_joined_laptop_holds_the_shared_mission_alone(two, url):
    a, b = two
    assert local_state(b.engine) == local_state(a.engine) == server_state(
        url, mission_uuid(a.engine))
    assert one(b.engine, "SELECT count(*) FROM mission") == 1        # no demo mission added
    assert one(a.engine, "SELECT count(*) FROM mission") >= 1
    who, when = last_changed(b.engine, "mission", mission_uuid(a.engine))
    assert who == "alice" and when.tzinfo is not None       # put there by alice's share
    assert sync_mission(b.engine, CODE) == sync_mission(a.engine, CODE)


def test_two_organizers_changing_different_fields_of_one_person_both_win(two):
    a, b = two
    person = _person(a.engine)
    run(a.engine, "UPDATE person SET email = 'a@example.com' WHERE uuid = ?", person)
    run(b.engine, "UPDATE person SET phone = '+81 3 1234 5678' WHERE uuid = ?", person)
    assert sync_mission(a.engine, CODE).sent == 1
    report = sync_mission(b.engine, CODE)
    assert (report.sent, report.received, report.open_conflicts) == (1, 1, 0)
    sync_mission(a.engine, CODE)
    for db in two:
        assert _field(db.engine, person, "email") == "a@example.com"
        assert _field(db.engine, person, "phone") == "+81 3 1234 5678"
    assert last_changed(a.engine, "people", person)[0] == "bob"     # phone came last, from b


def test_the_same_field_changed_on_both_sides_is_a_conflict_kept_until_resolved(two):
    a, b = two
    person = _person(a.engine)
    base = _field(a.engine, person, "family_name")
    run(a.engine, "UPDATE person SET family_name = 'Vegetarian' WHERE uuid = ?", person)
    run(b.engine, "UPDATE person SET family_name = 'Halal' WHERE uuid = ?", person)
    sync_mission(a.engine, CODE)
    assert sync_mission(b.engine, CODE).open_conflicts == 1
    sync_mission(a.engine, CODE)
    for db in two:
        [found] = list_conflicts(db.engine, CODE)
        assert (found.kind, found.field, found.base, found.mine, found.theirs) == (
            "people", "family_name", base, "Halal", "Vegetarian")
        # nothing applied silently: both laptops hold the server's value meanwhile
        assert _field(db.engine, person, "family_name") == "Vegetarian"
        assert sync_status(db.engine, CODE).open_conflicts == 1
    resolve_conflict(b.engine, CODE, found.number, "mine")
    sync_mission(a.engine, CODE)
    for db in two:
        assert _field(db.engine, person, "family_name") == "Halal"
        assert list_conflicts(db.engine, CODE) == []


def test_a_value_typed_settles_a_conflict_and_the_values_are_purged(two, url):
    a, b = two
    person = _person(a.engine)
    run(a.engine, "UPDATE person SET notes = 'one' WHERE uuid = ?", person)
    run(b.engine, "UPDATE person SET notes = 'two' WHERE uuid = ?", person)
    sync_mission(a.engine, CODE)
    sync_mission(b.engine, CODE)
    [found] = list_conflicts(b.engine, CODE)
    resolve_conflict(b.engine, CODE, found.number, "three")
    sync_mission(a.engine, CODE)
    assert _field(a.engine, person, "notes") == _field(b.engine, person, "notes") == "three"
    assert server_rows(url, "SELECT base, mine, theirs FROM kakehashi_sync.conflict") == [
        (None, None, None)]
    # nor does the reply that told b of the conflict keep them once b pushed again
    replies = server_rows(url, "SELECT reply::text FROM kakehashi_sync.batch")
    assert not any("'two'" in r or '"two"' in r for (r,) in replies)
    with pytest.raises(NotAllowed):
        resolve_conflict(b.engine, CODE, found.number, "theirs")


def test_an_edit_of_a_row_deleted_elsewhere_is_a_conflict_and_mine_revives_it(two):
    a, b = two
    person, participant = new_person(a.engine, "Sato")
    sync_mission(a.engine, CODE)
    sync_mission(b.engine, CODE)
    run(a.engine, "DELETE FROM person WHERE uuid = ?", person)
    run(b.engine, "UPDATE person SET notes = 'arrives late' WHERE uuid = ?", person)
    sync_mission(a.engine, CODE)
    assert sync_mission(b.engine, CODE).open_conflicts == 1
    [found] = list_conflicts(b.engine, CODE)
    assert (found.what, found.field, found.mine) == ("edit-deleted", "notes", "arrives late")
    assert one(b.engine, "SELECT count(*) FROM person WHERE uuid = ?", person) == 0
    resolve_conflict(b.engine, CODE, found.number, "mine")
    sync_mission(a.engine, CODE)
    for db in two:
        assert _field(db.engine, person, "notes") == "arrives late"


def test_a_delete_of_a_row_edited_elsewhere_is_a_conflict_and_the_row_stays(two):
    a, b = two
    person, participant = new_person(a.engine, "Ito")
    sync_mission(a.engine, CODE)
    sync_mission(b.engine, CODE)
    run(a.engine, "UPDATE person SET notes = 'vegetarian' WHERE uuid = ?", person)
    run(b.engine, "DELETE FROM person WHERE uuid = ?", person)
    sync_mission(a.engine, CODE)
    assert sync_mission(b.engine, CODE).open_conflicts == 1
    [found] = list_conflicts(b.engine, CODE)
    assert (found.what, found.kind, found.row_uuid) == ("delete-edited", "people", person)
    assert found.row_label == "New Ito"      # as the app writes names (person_name)
    for db in two:           # the other's edit is not thrown away: the row is back on b
        assert _field(db.engine, person, "notes") == "vegetarian"
        assert one(db.engine, "SELECT count(*) FROM participant WHERE uuid = ?", participant) == 1
    resolve_conflict(b.engine, CODE, found.number, "theirs")
    assert list_conflicts(b.engine, CODE) == []


def test_an_item_kept_against_a_delete_comes_back_without_the_people_deleted_with_it(two, url):
    """b deletes a person and an item the person is in, a edited the item meanwhile: the item
    stays (delete-edited) with its other places, but not the place of the person b deleted,
    which named nobody anywhere (found by test_sync_stateful)."""
    a, b = two
    item = one(a.engine, "SELECT i.uuid FROM itinerary_item i JOIN mission m ON "
               "m.id = i.mission_id WHERE m.code = ? AND NOT i.everyone AND (SELECT count(*) "
               "FROM item_participant ip WHERE ip.item_id = i.id) >= 2 ORDER BY i.id LIMIT 1",
               CODE)
    places = run(a.engine, "SELECT ip.uuid, pe.uuid FROM item_participant ip JOIN itinerary_item "
                 "i ON i.id = ip.item_id JOIN participant pa ON pa.id = ip.participant_id "
                 "JOIN person pe ON pe.id = pa.person_id WHERE i.uuid = ? ORDER BY ip.uuid", item)
    (gone_place, gone_person), (kept_place, _kept_person) = places[0], places[1]
    run(a.engine, "UPDATE itinerary_item SET notes_en = 'bring hard hats' WHERE uuid = ?", item)
    run(b.engine, "DELETE FROM person WHERE uuid = ?", gone_person)
    run(b.engine, "DELETE FROM itinerary_item WHERE uuid = ?", item)
    sync_mission(a.engine, CODE)
    assert sync_mission(b.engine, CODE).open_conflicts == 1
    sync_mission(a.engine, CODE)
    server = server_state(url, mission_uuid(a.engine))
    assert item in server and kept_place in server
    assert gone_place not in server and gone_person not in server
    for db in two:
        assert local_state(db.engine) == server
        assert one(db.engine, "SELECT notes_en FROM itinerary_item WHERE uuid = ?",
                   item) == "bring hard hats"
        assert one(db.engine, "SELECT count(*) FROM item_participant WHERE uuid = ?",
                   gone_place) == 0


def _clash(laptops, here: tuple, there: tuple):
    """Laptop a runs `here` and b `there` (SQL and its parameters) on the same row or on a row
    and its parent; b syncs first, then a, which is left with the one conflict: returned."""
    a, b = laptops[:2]
    run(a.engine, *here)
    run(b.engine, *there)
    sync_mission(b.engine, CODE)
    assert sync_mission(a.engine, CODE).open_conflicts == 1
    [found] = list_conflicts(a.engine, CODE)
    return found


def test_mine_cannot_revive_a_room_whose_stay_was_deleted_and_theirs_settles_it(two, url):
    """a renamed a room, b deleted its stay: keeping a's room would put back a room of a stay
    nobody has, so "mine" is refused and changes nothing; "theirs" settles it."""
    a, b = two
    room, stay = run(a.engine, "SELECT r.uuid, i.uuid FROM room r JOIN itinerary_item i "
                     "ON i.id = r.item_id ORDER BY r.id LIMIT 1")[0]
    found = _clash(two, ("UPDATE room SET label = 'Suite 1201' WHERE uuid = ?", room),
                   ("DELETE FROM itinerary_item WHERE uuid = ?", stay))
    assert (found.what, found.kind, found.row_uuid) == ("edit-deleted", "rooms", room)
    before, _said = _mine_refused_then_theirs(
        two, url, found.number,
        "what it belongs to (a room's hotel stay, a person's place) was deleted too")
    assert room not in before and stay not in before
    for db in two:
        assert one(db.engine, "SELECT count(*) FROM room WHERE uuid = ?", room) == 0


def _mine_refused_then_theirs(two, url, number: int, words: str) -> tuple[dict, str]:
    """Laptop a's "mine" on conflict `number` is refused in `words` and changes nothing on
    the server; "theirs" settles it, and both laptops then hold what the server does. Returns
    the server's rows before, and the refusal as the user reads it."""
    a, b = two
    before = server_state(url, mission_uuid(a.engine))
    with pytest.raises(NotAllowed) as refused:
        resolve_conflict(a.engine, CODE, number, "mine")
    assert words in str(refused.value)
    assert server_state(url, mission_uuid(a.engine)) == before
    resolve_conflict(a.engine, CODE, number, "theirs")
    sync_mission(b.engine, CODE)
    assert list_conflicts(a.engine, CODE) == []
    for db in two:
        assert local_state(db.engine) == server_state(url, mission_uuid(a.engine))
    return before, str(refused.value)


def test_deleting_a_stay_anyway_is_refused_while_its_rooms_are_back_in_plain_words(two, url):
    """a deleted a stay b renamed: the server keeps it, rooms and all. a's "mine" (delete it
    anyway) would leave its rooms under nothing, so it is refused, says so without database
    words, and changes nothing; "theirs" settles it."""
    a, b = two
    stay = one(a.engine, "SELECT i.uuid FROM itinerary_item i JOIN room r ON r.item_id = i.id "
               "ORDER BY i.id LIMIT 1")
    found = _clash(two, ("DELETE FROM itinerary_item WHERE uuid = ?", stay),
                   ("UPDATE itinerary_item SET title_en = 'Hotel Nikko' WHERE uuid = ?", stay))
    assert (found.what, found.kind, found.row_uuid) == ("delete-edited", "items", stay)
    before, said = _mine_refused_then_theirs(
        two, url, found.number, "what it concerns was deleted meanwhile, or other things still "
        "belong to it (a hotel stay's rooms). Take theirs")
    assert stay in before and "row" not in said
    for db in two:
        assert one(db.engine, "SELECT title_en FROM itinerary_item WHERE uuid = ?",
                   stay) == "Hotel Nikko"


def test_a_room_put_back_by_a_refused_delete_then_changed_here_stays_as_changed(two, url):
    """a deletes a stay b renamed: the server keeps it and puts its rooms back. b, not having
    pulled that yet, deletes one room and renames another, then syncs: its pull brings the
    older putting-back, which must not undo b's newer delete and name (found by
    test_sync_stateful)."""
    a, b = two
    stay = one(a.engine, "SELECT i.uuid FROM itinerary_item i JOIN room r ON r.item_id = i.id "
               "GROUP BY i.id HAVING count(*) >= 2 ORDER BY i.id LIMIT 1")
    gone, renamed = (u for (u,) in run(a.engine, "SELECT r.uuid FROM room r JOIN itinerary_item "
                                       "i ON i.id = r.item_id WHERE i.uuid = ? ORDER BY r.uuid "
                                       "LIMIT 2", stay))
    _clash(two, ("DELETE FROM itinerary_item WHERE uuid = ?", stay),     # delete-edited: kept
           ("UPDATE itinerary_item SET title_en = 'Hotel Nikko' WHERE uuid = ?", stay))
    run(b.engine, "DELETE FROM room WHERE uuid = ?", gone)
    run(b.engine, "UPDATE room SET label = 'Suite 1201' WHERE uuid = ?", renamed)
    sync_mission(b.engine, CODE)
    sync_mission(a.engine, CODE)
    server = server_state(url, mission_uuid(a.engine))
    assert gone not in server and server[renamed]["label"] == "Suite 1201"
    for db in two:
        assert local_state(db.engine) == server
        assert one(db.engine, "SELECT count(*) FROM room WHERE uuid = ?", gone) == 0
        assert one(db.engine, "SELECT label FROM room WHERE uuid = ?", renamed) == "Suite 1201"


def _place(engine) -> tuple[str, str, str]:
    """(an item's place, the item, the person) of a person in an item with others."""
    return run(engine, "SELECT ip.uuid, i.uuid, pe.uuid FROM item_participant ip JOIN "
               "itinerary_item i ON i.id = ip.item_id JOIN participant pa ON pa.id = "
               "ip.participant_id JOIN person pe ON pe.id = pa.person_id WHERE NOT i.everyone "
               "ORDER BY ip.uuid LIMIT 1")[0]


def test_a_place_put_back_twice_survives_its_persons_delete_and_return(three, url):
    """b deletes a person a edited, so the server keeps the person and puts their place in an
    item back; c deletes that item b renamed, so it is kept and the place put back again,
    for c. c's pull then brings the person's delete and return: done here, the delete would
    take the place with it by cascade (found by test_sync_stateful)."""
    a, b, c = three
    place, item, person = _place(a.engine)
    run(a.engine, "UPDATE person SET notes = 'window seat' WHERE uuid = ?", person)
    run(b.engine, "DELETE FROM person WHERE uuid = ?", person)
    sync_mission(a.engine, CODE)
    assert sync_mission(b.engine, CODE).open_conflicts == 1          # the person kept
    run(b.engine, "UPDATE itinerary_item SET title_en = 'Site tour' WHERE uuid = ?", item)
    run(c.engine, "DELETE FROM itinerary_item WHERE uuid = ?", item)
    sync_mission(b.engine, CODE)
    sync_mission(c.engine, CODE)                                   # the item kept
    for db in (a, b):
        sync_mission(db.engine, CODE)
    server = server_state(url, mission_uuid(a.engine))
    assert place in server and item in server
    for db in three:
        assert local_state(db.engine) == server
        assert one(db.engine, "SELECT count(*) FROM item_participant WHERE uuid = ?",
                   place) == 1


def test_a_person_brought_back_by_mine_comes_without_the_passport_the_delete_removed(
        three, url):
    """a edited a person b deleted; the delete removed the passport from the server, and a's
    "mine" brings the person back without it. c, which never deleted them, holds them as the
    server does: no passport number, no birth date."""
    a, b, c = three
    person = one(a.engine, "SELECT uuid FROM person WHERE passport_number <> '' "
                 "AND date_of_birth IS NOT NULL ORDER BY uuid LIMIT 1")
    found = _clash((a, b), ("UPDATE person SET notes = 'arrives late' WHERE uuid = ?", person),
                   ("DELETE FROM person WHERE uuid = ?", person))
    assert found.what == "edit-deleted"
    resolve_conflict(a.engine, CODE, found.number, "mine")
    for db in (b, c):
        sync_mission(db.engine, CODE)
    server = server_state(url, mission_uuid(a.engine))
    assert server[person]["notes"] == "arrives late"
    for db in three:
        assert local_state(db.engine) == server
        assert run(db.engine, "SELECT notes, passport_number, date_of_birth FROM person "
                   "WHERE uuid = ?", person) == [("arrives late", "", None)]


def test_undo_of_a_delete_after_a_sync_brings_the_row_back_everywhere(two):
    a, b = two
    person, participant = new_person(a.engine, "Kato")
    sync_mission(a.engine, CODE)
    sync_mission(b.engine, CODE)
    row = run(a.engine, "SELECT * FROM person WHERE uuid = ?", person)[0]
    part = run(a.engine, "SELECT * FROM participant WHERE uuid = ?", participant)[0]
    run(a.engine, "DELETE FROM person WHERE uuid = ?", person)
    sync_mission(a.engine, CODE)
    sync_mission(b.engine, CODE)
    assert one(b.engine, "SELECT count(*) FROM person WHERE uuid = ?", person) == 0
    # the undo puts the same rows back (same UUIDs), as ui/common/undo.py's steps do
    run(a.engine, f"INSERT INTO person VALUES ({', '.join('?' * len(row))})", *row)
    run(a.engine, f"INSERT INTO participant VALUES ({', '.join('?' * len(part))})", *part)
    assert sync_mission(a.engine, CODE).sent == 2
    sync_mission(b.engine, CODE)
    assert local_state(b.engine) == local_state(a.engine)
    assert one(b.engine, "SELECT count(*) FROM participant WHERE uuid = ?", participant) == 1


def test_a_push_resent_after_a_lost_reply_applies_nothing_twice(two, url, monkeypatch):
    a, b = two
    person = _person(a.engine)
    run(a.engine, "UPDATE person SET notes = 'once' WHERE uuid = ?", person)
    real_push = wire.push

    def push_then_lose_the_reply(conn, *args):
        # Mocked: the network dropping the reply after the server committed.
        real_push(conn, *args)
        conn.commit()
        raise wire.ServerUnreachable("server", "reply lost")

    monkeypatch.setattr(wire, "push", push_then_lose_the_reply)
    with pytest.raises(wire.ServerUnreachable):
        sync_mission(a.engine, CODE)
    status = sync_status(a.engine, CODE)
    assert status.offline_since is not None and status.waiting == 1
    run(a.engine, "UPDATE person SET notes = 'once more' WHERE uuid = ?", person)
    monkeypatch.setattr(wire, "push", real_push)
    sync_mission(a.engine, CODE)           # the saved batch again, then the new edit
    log = server_rows(url, "SELECT field, value FROM kakehashi_sync.change_log "
                      "WHERE uuid = %s AND op = 'update'", person)
    assert log == [("notes", "once"), ("notes", "once more")]
    assert sync_status(a.engine, CODE).offline_since is None
    sync_mission(b.engine, CODE)
    assert _field(b.engine, person, "notes") == "once more"


def test_a_server_is_set_up_by_the_first_share(demo_db, pg_server):
    from models.store.db import current_revision
    from models.store.files import SCHEMA_HEAD
    from models.store.server import make_server_engine

    empty = pg_server.new_database()
    share_mission(demo_db.engine, CODE, empty, organizer="alice")
    engine = make_server_engine(empty, pooled=False)
    try:
        assert current_revision(engine) == SCHEMA_HEAD
    finally:
        engine.dispose()
    assert server_rows(empty, "SELECT code FROM kakehashi_sync.mission") == [(CODE,)]


def test_a_server_of_another_version_is_refused(demo_db, pg_server):
    from models.store.db import upgrade

    older = pg_server.new_database()
    upgrade(older, "0011")
    with pytest.raises(SchemaMismatch) as raised:
        share_mission(demo_db.engine, CODE, older, organizer="alice")
    assert "0011" in raised.value.user_message()
    assert one(demo_db.engine, "SELECT count(*) FROM sync_mission") == 0


def test_a_laptop_refuses_to_sync_once_the_server_has_another_version(two, url):
    a, _b = two
    server_rows(url, "UPDATE alembic_version SET version_num = '0099' RETURNING 1")
    with pytest.raises(SchemaMismatch):
        sync_mission(a.engine, CODE)


def test_a_mission_not_shared_says_so(demo_db):
    with pytest.raises(NotShared) as raised:
        sync_mission(demo_db.engine, CODE)
    assert CODE in raised.value.user_message()


def test_tls_is_verify_full_unless_the_url_says_otherwise():
    assert wire.with_tls_defaults("postgresql://u@db.example.com/k") == (
        "postgresql://u@db.example.com/k?sslmode=verify-full")
    assert wire.with_tls_defaults("postgresql://u@db.example.com/k?sslmode=require").endswith(
        "sslmode=require")
    assert wire.with_tls_defaults("postgresql://u@127.0.0.1:5432/k") == (
        "postgresql://u@127.0.0.1:5432/k")


def _role_url(url: str, role: str) -> str:
    return url.replace("postgresql://postgres@", f"postgresql://{role}@")


def test_a_colleague_without_the_sensitive_privilege_never_receives_a_passport(
        demo_db, tmp_path, url, pg_server, monkeypatch):
    share_mission(demo_db.engine, CODE, url, organizer="alice")
    mission = mission_uuid(demo_db.engine)
    team = "kakehashi_team_" + mission.replace("-", "")
    pg_server.admin("DROP ROLE IF EXISTS bob_kk; CREATE ROLE bob_kk LOGIN")
    add_organizer(demo_db.engine, CODE, "bob_kk")              # on the team, not sensitive
    assert server_rows(url, "SELECT pg_has_role('bob_kk', %s, 'MEMBER')", team) == [(True,)]
    passports = {p for (p,) in run(demo_db.engine, "SELECT passport_number FROM person "
                                   "WHERE passport_number <> ''")}
    assert passports
    seen = []

    def recording(name):
        real = getattr(wire, name)

        def call(conn, *args):
            result = real(conn, *args)
            if conn.info.user == "bob_kk":      # what reached bob's laptop
                seen.append(repr(result))
            return result
        return call

    for name in ("snapshot", "pull", "open_conflicts"):
        monkeypatch.setattr(wire, name, recording(name))
    bob_url = _role_url(url, "bob_kk")
    join_mission(bob_url, CODE, tmp_path / "bob.db", organizer="bob")
    person = _person(demo_db.engine)
    run(demo_db.engine, "UPDATE person SET passport_number = 'TZ9988776', notes = 'seen' "
        "WHERE uuid = ?", person)
    sync_mission(demo_db.engine, CODE)
    bob = open_database(tmp_path / "bob.db")
    try:
        assert sync_mission(bob.engine, CODE).received == 1        # the notes, not the number
        assert _field(bob.engine, person, "notes") == "seen"
        wire_text = "".join(seen)
        assert "seen" in wire_text and len(seen) >= 3
        assert all(p not in wire_text for p in passports | {"TZ9988776"})
        assert one(bob.engine, "SELECT count(*) FROM person WHERE passport_number <> ''") == 0
        assert one(bob.engine, "SELECT count(*) FROM person WHERE date_of_birth IS NOT NULL") == 0
    finally:
        bob.dispose()
    # a role not on the team sees nothing of the mission
    pg_server.admin("DROP ROLE IF EXISTS eve_kk; CREATE ROLE eve_kk LOGIN")
    with pytest.raises(NotAllowed):
        join_mission(_role_url(url, "eve_kk"), CODE, tmp_path / "eve.db", organizer="eve")
    with pytest.raises(NotAllowed):
        add_organizer(demo_db.engine, CODE, "no_such_role")
    with pytest.raises(Exception):   # noqa: B017 - any refusal: the tables are not granted
        server_rows(_role_url(url, "eve_kk"), "SELECT * FROM kakehashi_sync.shared_row")


def test_a_removed_person_leaves_no_passport_number_in_the_outbox(two):
    from models.entities import SENSITIVE_FIELDS
    from models.sync.triggers import SENSITIVE

    assert SENSITIVE["person"] == SENSITIVE_FIELDS
    a, _b = two
    person = one(a.engine, "SELECT uuid FROM person WHERE passport_number <> '' LIMIT 1")
    number = one(a.engine, "SELECT passport_number FROM person WHERE uuid = ?", person)
    run(a.engine, "DELETE FROM person WHERE uuid = ?", person)
    outbox = run(a.engine, "SELECT coalesce(old, '') || coalesce(new, '') FROM sync_outbox")
    assert outbox and not any(number in text for (text,) in outbox)
    sync_mission(a.engine, CODE)
    assert one(a.engine, "SELECT count(*) FROM person WHERE uuid = ?", person) == 0


def test_a_removed_persons_passport_number_leaves_the_server_too(two, url):
    a, b = two
    person = one(a.engine, "SELECT uuid FROM person WHERE passport_number <> '' LIMIT 1")
    number = one(a.engine, "SELECT passport_number FROM person WHERE uuid = ?", person)
    run(a.engine, "UPDATE person SET passport_number = 'XK1234567' WHERE uuid = ?", person)
    sync_mission(a.engine, CODE)
    text = "SELECT count(*) FROM kakehashi_sync.{} t WHERE t::text LIKE %s"
    assert server_rows(url, text.format("change_log"), "%XK1234567%") == [(1,)]
    run(b.engine, "DELETE FROM person WHERE uuid = ?", person)
    sync_mission(b.engine, CODE)
    for table in ("change_log", "shared_row", "conflict", "batch"):
        for gone in (number, "XK1234567"):
            assert server_rows(url, text.format(table), f"%{gone}%") == [(0,)], table
    sync_mission(a.engine, CODE)
    assert one(a.engine, "SELECT count(*) FROM person WHERE uuid = ?", person) == 0


def test_every_part_of_a_mission_is_watched_and_a_gift_and_a_consulate_travel(two):
    from models.mission_document import PARTS

    a, b = two
    watched = {r for r, in a.engine.connect().exec_driver_sql(
        "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger'")}
    assert {part.table.name for part in PARTS} <= watched
    from models.gifts import GiftData, create_gift
    from models.store.db import write_session

    item = one(a.engine, "SELECT id FROM itinerary_item ORDER BY id LIMIT 1")
    with write_session(a.engine) as session:         # a gift made after the share travels too
        gift = create_gift(session, data=GiftData(item_id=item, recipient_en="Governor",
                                                  gift_en="Vase")).uuid
    consulate = one(a.engine, "SELECT uuid FROM consulate ORDER BY id LIMIT 1")
    assert consulate             # the demo's, taken along by the share
    assert sync_mission(a.engine, CODE).sent == 1
    assert sync_mission(b.engine, CODE).received == 1
    run(a.engine, "UPDATE gift SET bought = 1 - bought, gift_en = 'Kutani ware' WHERE uuid = ?",
        gift)
    run(a.engine, "UPDATE consulate SET phone = '+12123718200' WHERE uuid = ?", consulate)
    assert sync_mission(a.engine, CODE).sent == 3          # a change is one field
    assert sync_mission(b.engine, CODE).received == 3
    assert one(b.engine, "SELECT gift_en FROM gift WHERE uuid = ?", gift) == "Kutani ware"
    assert one(b.engine, "SELECT bought FROM gift WHERE uuid = ?", gift) == 1
    assert one(b.engine, "SELECT phone FROM consulate WHERE uuid = ?", consulate) == \
        "+12123718200"


def test_a_sync_says_which_parts_it_wrote_here(two):
    a, b = two
    person = _person(a.engine)
    assert sync_mission(b.engine, CODE).changed == frozenset()       # nothing to do
    run(a.engine, "UPDATE person SET email = 'one@example.com' WHERE uuid = ?", person)
    sync_mission(a.engine, CODE)
    assert sync_mission(b.engine, CODE).changed == {"people"}
    item = one(a.engine, "SELECT uuid FROM itinerary_item ORDER BY id LIMIT 1")
    run(a.engine, "UPDATE itinerary_item SET title_en = 'Moved' WHERE uuid = ?", item)
    assert sync_mission(a.engine, CODE).changed == frozenset()     # its own, sent not written
    assert sync_mission(b.engine, CODE).changed == {"items"}
    # A conflict takes the server's value back here: that is a write too.
    run(a.engine, "UPDATE person SET notes = 'a' WHERE uuid = ?", person)
    run(b.engine, "UPDATE person SET notes = 'b' WHERE uuid = ?", person)
    sync_mission(a.engine, CODE)
    report = sync_mission(b.engine, CODE)
    assert report.open_conflicts == 1 and report.changed == {"people"}
    [found] = list_conflicts(b.engine, CODE)
    assert resolve_conflict(b.engine, CODE, found.number, "mine").changed == {"people"}
    # A person removed there takes their places on the mission with them here.
    new, _participant = new_person(a.engine, "Mori")
    sync_mission(a.engine, CODE)
    assert sync_mission(b.engine, CODE).changed == {"people", "participants"}
    run(a.engine, "DELETE FROM person WHERE uuid = ?", new)
    sync_mission(a.engine, CODE)
    assert {"people", "participants"} <= sync_mission(b.engine, CODE).changed


def test_a_big_push_goes_in_chunks_and_a_reply_lost_mid_way_applies_nothing_twice(
        two, url, monkeypatch):
    from models.sync import local

    a, b = two
    monkeypatch.setattr(local, "CHUNK", 7)
    made = [new_person(a.engine, f"Chunk{n:02}") for n in range(20)]        # 40 inserts
    gone = [_person(a.engine)]
    run(a.engine, "DELETE FROM person WHERE uuid = ?", gone[0])             # and its cascade
    calls: list[tuple[str, list]] = []
    real_push = wire.push

    def push(conn, mission, batch_id, client, organizer, changes):
        calls.append((batch_id, changes))
        reply = real_push(conn, mission, batch_id, client, organizer, changes)
        if len(calls) == 3:
            conn.commit()          # Mocked: the network dropping the third chunk's reply.
            raise wire.ServerUnreachable("server", "reply lost")
        return reply

    monkeypatch.setattr(wire, "push", push)
    with pytest.raises(wire.ServerUnreachable):
        sync_mission(a.engine, CODE)
    assert sum(len(c) for _i, c in calls[:2]) == 14
    waiting = sync_status(a.engine, CODE).waiting
    sync_mission(a.engine, CODE)
    assert waiting == sum(len(c) for _i, c in calls[3:])   # what the first two took is off
    ids = [i for i, _c in calls]
    assert ids[2] == ids[3] and len(set(ids)) == len(ids) - 1      # the lost one resent as is
    assert all(len(c) <= 7 for _i, c in calls if c[0]["op"] != "delete")
    deletes = [c for _i, c in calls if any(x["op"] == "delete" for x in c)]
    assert len(deletes) == 1 and all(x["op"] == "delete" for x in deletes[0])   # together
    assert len(deletes[0]) >= 2                         # the person and their participation
    inserted = server_rows(url, "SELECT uuid, count(*) FROM kakehashi_sync.change_log "
                           "WHERE op = 'insert' AND organizer = 'alice' AND kind = 'people' "
                           "GROUP BY uuid HAVING count(*) > 1")
    assert inserted == []          # seeded once each, the new ones inserted once each
    assert sync_status(a.engine, CODE).waiting == 0
    assert sync_mission(b.engine, CODE).received == sum(len(c) for _i, c in calls[:3]) + sum(
        len(c) for _i, c in calls[4:])
    assert local_state(b.engine) == local_state(a.engine)
    assert all(one(b.engine, "SELECT count(*) FROM person WHERE uuid = ?", p) == 1
               for p, _part in made)


def test_mine_typed_as_a_value_is_the_word_not_the_choice(two):
    a, b = two
    person = _person(a.engine)
    run(a.engine, "UPDATE person SET notes = 'one' WHERE uuid = ?", person)
    run(b.engine, "UPDATE person SET notes = 'two' WHERE uuid = ?", person)
    sync_mission(a.engine, CODE)
    sync_mission(b.engine, CODE)
    [found] = list_conflicts(b.engine, CODE)
    resolve_conflict(b.engine, CODE, found.number, "mine", typed=True)
    sync_mission(a.engine, CODE)
    assert _field(a.engine, person, "notes") == _field(b.engine, person, "notes") == "mine"


def test_a_conflicts_row_is_named_in_the_users_language(two):
    import i18n

    a, b = two
    person = one(a.engine, "SELECT uuid FROM person WHERE family_name_ja <> '' "
                 "AND given_name_ja <> '' ORDER BY id LIMIT 1")
    family_ja, family = run(a.engine, "SELECT family_name_ja, family_name FROM person "
                            "WHERE uuid = ?", person)[0]
    run(a.engine, "UPDATE person SET notes = 'one' WHERE uuid = ?", person)
    run(b.engine, "UPDATE person SET notes = 'two' WHERE uuid = ?", person)
    sync_mission(a.engine, CODE)
    sync_mission(b.engine, CODE)
    [found] = list_conflicts(b.engine, CODE)
    assert family in found.row_label and family_ja not in found.row_label
    i18n.set_language("ja")
    try:
        [found] = list_conflicts(b.engine, CODE)
        assert found.row_label.startswith(family_ja) and family not in found.row_label
    finally:
        i18n.set_language("en")
