"""Nothing acknowledged is lost: a writer SIGKILLed mid-work leaves a sound, complete file.

Twenty kills on one database file, continuing; after each: SQLite's integrity and foreign-key
checks pass, every acknowledged edit is there, and every multi-row transaction is all or nothing.
bench/crash.py runs the same loop with many more kills.
"""

from __future__ import annotations

import pytest

from tests.kill_checks import kill_rounds, posix_kill_available

pytestmark = pytest.mark.skipif(
    not posix_kill_available(), reason="needs POSIX SIGKILL to kill the writer without warning")

KILLS = 20
SEED = 20260501  # fixed, so a failure replays with the same delays and the same edits


def test_a_killed_writer_loses_no_acknowledged_edit_and_leaves_no_half_transaction(tmp_path):
    killed = total_acks = 0
    for rnd, acks in kill_rounds(tmp_path / "kill.db", KILLS, SEED):
        killed += rnd.run.killed
        total_acks = acks.total
        assert rnd.findings.ok, (
            f"after kill {rnd.index + 1} (delay {rnd.delay:.3f} s, seed {SEED}): "
            f"{rnd.findings.summary()}\nhelper stderr:\n{rnd.run.stderr}")
    # Guard against a loop that checks nothing: the helper must have been cut off while it
    # was writing, after having acknowledged some work.
    assert killed == KILLS
    assert total_acks > KILLS
