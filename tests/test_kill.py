"""Nothing acknowledged is lost: a writer SIGKILLed mid-work leaves a sound, complete file.

Twenty-four kills on one database file, continuing: sixteen of the repository writer, eight of the
`import-attendees` verb (four of them just after its write transaction began). After each:
SQLite's integrity and foreign-key checks pass, every acknowledged edit (and every import that
exited 0) is there, and every multi-row transaction and import is all or nothing.
bench/crash.py runs the same loop with many more kills.
"""

from __future__ import annotations

import pytest

from tests.kill_checks import IMPORT_EVERY, kill_rounds, posix_kill_available

pytestmark = [
    pytest.mark.skipif(not posix_kill_available(),
                       reason="needs POSIX SIGKILL to kill the writer without warning"),
    pytest.mark.slow,
    pytest.mark.timeout(300),  # 24 child processes, each started, killed and checked
]

KILLS = 24
SEED = 20260501  # fixed, so a failure replays with the same delays and the same edits


def test_a_killed_writer_loses_no_acknowledged_edit_and_leaves_no_half_transaction(tmp_path):
    writers_killed = imports = imports_cut_mid_transaction = total_acks = 0
    for rnd, acks in kill_rounds(tmp_path / "kill.db", KILLS, SEED):
        total_acks = acks.total
        assert rnd.findings.ok, (
            f"after kill {rnd.index + 1} ({rnd.run.kind}, delay {rnd.delay:.3f} s, seed {SEED}):"
            f" {rnd.findings.summary()}\nhelper stderr:\n{rnd.run.stderr}")
        if rnd.run.kind == "writer":
            writers_killed += rnd.run.killed
        else:
            imports += 1
            # Killed, or finished and told the user so; never died on its own.
            assert rnd.run.killed or rnd.run.returncode == 0, rnd.run.stderr
            imports_cut_mid_transaction += rnd.findings.in_flight_committed is not None
    # Guard against a loop that checks nothing: the writers must have been cut off while they
    # were writing, after having acknowledged some work, and some import inside its transaction.
    assert writers_killed == KILLS - KILLS // IMPORT_EVERY
    assert imports == KILLS // IMPORT_EVERY
    assert imports_cut_mid_transaction >= 1
    assert total_acks > KILLS
