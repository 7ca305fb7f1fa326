"""The server's change log compacted (server_schema.sql purge_log, run by each pull): what
every laptop of the mission holds goes, except each row's last change; what a known laptop
still needs stays; a new laptop joins from the snapshot; a laptop forgotten after a long
absence is told to join again. Real PostgreSQL (tests/postgres.py), real SQLite laptops."""

from __future__ import annotations

import pytest

from models.store.db import open_database
from models.sync import NotAllowed, join_mission, last_changed, sync_mission
from tests.sync_helpers import (
    CODE,
    document,
    local_state,
    mission_uuid,
    one,
    run,
    server_rows,
    server_state,
)


def _log(url: str, person: str) -> list[tuple]:
    return server_rows(url, "SELECT op, field, value FROM kakehashi_sync.change_log "
                            "WHERE uuid = %s ORDER BY seq", person)


def _person(engine) -> str:
    return one(engine, "SELECT uuid FROM person ORDER BY id LIMIT 1")


def _edit_five_times(engine, person: str) -> None:
    for n in range(5):
        run(engine, "UPDATE person SET notes = ? WHERE uuid = ?", f"note {n}", person)
        sync_mission(engine, CODE)


def test_what_a_known_laptop_has_not_pulled_is_kept_and_then_purged(two, url, tmp_path):
    a, b = two
    person = _person(a.engine)
    _edit_five_times(a.engine, person)
    # the share's insert went (both laptops hold it); the five edits b has not pulled stay
    assert [field for _op, field, _v in _log(url, person)] == ["notes"] * 5
    assert sync_mission(b.engine, CODE).received == 5
    assert len(_log(url, person)) == 5        # b's pull said only where b was before it
    for laptop in (b, a):                     # now each laptop has said it holds them all
        sync_mission(laptop.engine, CODE)
    assert _log(url, person) == [("update", "notes", "note 4")]     # the row's last change
    assert (server_rows(url, "SELECT count(*) FROM kakehashi_sync.change_log")[0][0]
            == server_rows(url, "SELECT count(*) FROM kakehashi_sync.shared_row")[0][0])
    # a laptop joining now starts from the snapshot, and knows who changed the row last
    join_mission(url, CODE, tmp_path / "carol.db", organizer="carol")
    carol = open_database(tmp_path / "carol.db")
    try:
        assert last_changed(carol.engine, "people", person)[0] == "alice"
        assert local_state(carol.engine) == server_state(url, mission_uuid(a.engine))
        run(carol.engine, "UPDATE person SET email = 'c@example.com' WHERE uuid = ?", person)
        sync_mission(carol.engine, CODE)
        for laptop in (a, b):
            assert sync_mission(laptop.engine, CODE).received == 1
        assert document(carol.engine) == document(a.engine) == document(b.engine)
    finally:
        carol.dispose()


def test_a_rows_kept_change_goes_once_it_changes_again_while_a_laptop_stays_behind(two, url):
    a, b = two
    person = _person(a.engine)
    run(a.engine, "UPDATE person SET notes = 'first' WHERE uuid = ?", person)
    for laptop in (a, b, b, a):              # both hold 'first': the purge keeps it, the last
        sync_mission(laptop.engine, CODE)
    assert _log(url, person) == [("update", "notes", "first")]
    run(a.engine, "UPDATE person SET notes = 'second' WHERE uuid = ?", person)
    sync_mission(a.engine, CODE)             # b, offline, is where it was: past 'first'
    assert _log(url, person) == [("update", "notes", "second")]
    assert sync_mission(b.engine, CODE).received == 1
    assert one(b.engine, "SELECT notes FROM person WHERE uuid = ?", person) == "second"


def test_a_sync_with_nothing_to_do_writes_nothing(two, url):
    a, _b = two
    sync_mission(a.engine, CODE)
    seen = server_rows(url, "SELECT client, pulled, seen FROM kakehashi_sync.client")
    sync_mission(a.engine, CODE)
    assert server_rows(url, "SELECT client, pulled, seen FROM kakehashi_sync.client") == seen


def test_a_laptop_forgotten_after_a_long_absence_is_told_to_join_again(two, url):
    a, b = two
    person = _person(a.engine)
    b_client = one(b.engine, "SELECT client_id FROM sync_mission")
    server_rows(url, "UPDATE kakehashi_sync.client SET seen = now() - interval '91 days' "
                     "WHERE client = %s RETURNING 1", b_client)
    _edit_five_times(a.engine, person)
    sync_mission(a.engine, CODE)               # b forgotten: nothing holds the log back
    assert len(_log(url, person)) == 1
    with pytest.raises(NotAllowed) as raised:
        sync_mission(b.engine, CODE)
    assert "join the mission again" in raised.value.user_message()
    assert one(b.engine, "SELECT notes FROM person WHERE uuid = ?", person) != "note 4"


def test_a_rows_last_change_kept_by_one_purge_goes_with_a_later_one(two, url):
    a, b = two
    person = _person(a.engine)
    for round_ in range(2):
        run(a.engine, "UPDATE person SET notes = ? WHERE uuid = ?", f"round {round_}", person)
        for laptop in (a, b, b, a):
            sync_mission(laptop.engine, CODE)
        assert _log(url, person) == [("update", "notes", f"round {round_}")]
