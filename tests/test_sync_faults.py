"""The server stopped in the middle of a push, and a laptop killed (SIGKILL) while it syncs
again and again: nothing lost, nothing applied twice. (A reply lost after the server
committed is in test_sync.py.)"""

from __future__ import annotations

import threading
import time

import psycopg
import pytest

from models.sync import ServerUnreachable, sync_mission, sync_status
from tests.sync_helpers import (
    CODE,
    laptops,
    local_state,
    mission_uuid,
    run,
    server_rows,
    server_state,
)


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


@pytest.mark.slow
def test_a_laptop_killed_mid_push_and_mid_pull_loses_nothing(pg_server, demo_db, tmp_path):
    import os
    import random
    import signal
    import subprocess
    import sys
    from pathlib import Path

    url = pg_server.new_database("template_empty")
    a, b = laptops(demo_db, tmp_path, url, 2)
    child = Path(__file__).with_name("sync_kill_child.py")
    people = [u for (u,) in run(a.engine, "SELECT uuid FROM person ORDER BY id")]
    rng = random.Random(16)
    values = iter(range(100_000))
    try:
        for _round in range(3):
            for person in people:            # edits on both: the killed one pushes and pulls
                run(a.engine, "UPDATE person SET notes = ? WHERE uuid = ?",
                    f"a{next(values)}", person)
                run(b.engine, "UPDATE person SET email = ? WHERE uuid = ?",
                    f"b{next(values)}@example.com", person)
            sync_mission(b.engine, CODE)
            proc = subprocess.Popen([sys.executable, str(child), str(a.path), CODE],
                                    stdout=subprocess.PIPE, text=True)
            assert proc.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.0, 0.3))
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        for db in (a, b, a, b):
            sync_mission(db.engine, CODE)
        assert local_state(a.engine) == local_state(b.engine) == server_state(
            url, mission_uuid(a.engine))
        log = server_rows(url, "SELECT uuid, field, value FROM kakehashi_sync.change_log "
                          "WHERE op = 'update'")
        assert len(log) == len(set(map(repr, log)))            # nothing applied twice
        last = {p: run(a.engine, "SELECT notes, email FROM person WHERE uuid = ?", p)[0]
                for p in people}
        assert all(n.startswith("a") and e.startswith("b") for n, e in last.values())
    finally:
        b.dispose()
