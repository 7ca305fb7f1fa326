"""The server stopped in the middle of a push: nothing lost, nothing applied twice. (A reply
lost after the server committed is in test_sync.py.)"""

from __future__ import annotations

import threading
import time

import psycopg
import pytest

from models.sync import ServerUnreachable, sync_mission, sync_status
from tests.sync_helpers import CODE, laptops, local_state, mission_uuid, run, server_rows


def _wait_for_a_push_waiting(url: str) -> None:
    for _ in range(200):
        waiting = server_rows(url, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type"
                              " = 'Lock' AND position('kakehashi_sync.push' in query) > 0")[0][0]
        if waiting:
            return
        time.sleep(0.05)
    raise AssertionError("the push never reached the server")


def test_the_server_stopped_mid_push_loses_nothing_and_applies_nothing_twice(
        pg_server, demo_db, tmp_path):
    url = pg_server.new_database("template_empty")
    a, b = laptops(demo_db, tmp_path, url, 2)
    halted = False
    try:
        mission = mission_uuid(a.engine)
        people = [u for (u,) in run(a.engine, "SELECT uuid FROM person ORDER BY id LIMIT 5")]
        for n, person in enumerate(people):
            run(a.engine, "UPDATE person SET notes = ? WHERE uuid = ?", f"edit {n}", person)
        # The mission's lock held elsewhere keeps a's push waiting inside the server ...
        holder = psycopg.connect(url)
        holder.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (mission,))
        failed = []

        def sync_a():
            try:
                sync_mission(a.engine, CODE)
            except ServerUnreachable as exc:
                failed.append(exc)

        pushing = threading.Thread(target=sync_a)
        pushing.start()
        _wait_for_a_push_waiting(url)
        pg_server.halt()              # ... when the server stops
        halted = True
        pushing.join(60)
        holder.close()
        assert failed and "cannot be reached" in failed[0].user_message()
        assert sync_status(a.engine, CODE).waiting == 5        # kept, in the saved batch
        with pytest.raises(ServerUnreachable):
            sync_mission(b.engine, CODE)
    finally:
        if halted:
            pg_server.resume()
    try:
        assert sync_mission(a.engine, CODE).sent == 5
        assert sync_mission(b.engine, CODE).received == 5
        assert local_state(a.engine) == local_state(b.engine)
        log = server_rows(url, "SELECT uuid, value FROM kakehashi_sync.change_log "
                          "WHERE op = 'update' ORDER BY seq")
        assert sorted(log) == sorted((p, f"edit {n}") for n, p in enumerate(people))
    finally:
        b.dispose()
