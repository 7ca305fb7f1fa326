"""How the running app spends its GUI thread: its cycle collections run in the pause after an
interaction (ui/window/collector.py), Python's own collector is only a far-off safety net
meanwhile, and Qt fills without its GUI thread pool (ui/window/app.serial_raster_fills)."""

from __future__ import annotations

import gc
import os
import weakref

import pytest
from PySide6.QtCore import QObject

from models.collection_pause import no_collection
from ui.window.app import collect_when_idle
from ui.window.collector import SAFETY_FACTOR, IdleCollector


class Node:
    def __init__(self):
        self.me = self          # a cycle: only a collection frees it


@pytest.fixture
def usual_gc():
    """Python's own thresholds, and collections on, before and after each test."""
    thresholds, enabled = gc.get_threshold(), gc.isenabled()
    gc.enable()
    yield thresholds
    gc.set_threshold(*thresholds)
    if not enabled:
        gc.disable()


@pytest.fixture
def collector(usual_gc):
    """A collector whose timer does not fire during the test: the test calls it."""
    collector = IdleCollector(interval_ms=60_000)
    yield collector
    collector.close()


def dropped_cycle() -> weakref.ref:
    node = Node()
    ref = weakref.ref(node)
    del node
    return ref


def allocate(n: int) -> list:
    return [[i] for i in range(n)]       # tracked objects: they count towards a collection


def test_a_dropped_cycle_waits_for_the_timer_and_goes_then(qtbot, usual_gc):
    owner = QObject()
    collector = IdleCollector(owner, interval_ms=50)
    try:
        assert gc.get_threshold()[0] == usual_gc[0] * SAFETY_FACTOR
        gc.collect()
        ref = dropped_cycle()
        kept = allocate(usual_gc[0] * 3)   # past the usual threshold: it would have collected
        assert ref() is not None, "Python's own collector ran inside the work"
        qtbot.waitUntil(lambda: ref() is None, timeout=3000)
        assert collector.spent, "the timer's collection was not the one that freed it"
        del kept
    finally:
        collector.close()
    assert gc.get_threshold() == usual_gc


def test_nothing_is_collected_when_nothing_is_due(collector, usual_gc):
    gc.collect()
    assert collector.collect_due() is None
    assert not collector.spent
    kept = allocate(usual_gc[0] * 2)
    assert collector.collect_due() == 0            # the first generation only
    assert len(collector.spent) == 1
    del kept


def test_an_older_generation_is_collected_when_enough_younger_ones_were(collector, usual_gc):
    gc.collect()
    found = []
    for _ in range(usual_gc[1] + 2):      # a generation is due past its threshold
        kept = allocate(usual_gc[0] + 200)   # more than the lists reused from a free list
        found.append(collector.collect_due())
        del kept
    assert found[:-1] == [0] * (usual_gc[1] + 1) and found[-1] == 1


def test_a_paused_block_is_left_alone(collector, usual_gc):
    gc.collect()
    ref = dropped_cycle()
    with no_collection():
        kept = allocate(usual_gc[0] * 2)
        assert collector.collect_due() is None
        assert ref() is not None
    assert collector.collect_due() == 0 and ref() is None
    del kept


def test_a_second_collector_replaces_the_first_and_close_restores_pythons_own(usual_gc):
    first = IdleCollector(interval_ms=60_000)
    second = IdleCollector(interval_ms=60_000)
    assert not first.timer.isActive() and second.timer.isActive()
    assert gc.get_threshold()[0] == usual_gc[0] * SAFETY_FACTOR   # raised once, not twice
    first.close()                                                 # already replaced: no-op
    assert gc.get_threshold()[0] == usual_gc[0] * SAFETY_FACTOR
    second.close()
    assert gc.get_threshold() == usual_gc


def test_start_up_freezes_its_objects_then_collects_when_idle(qtbot, usual_gc):
    owner = QObject()
    gc.unfreeze()               # what the suite froze after collecting (conftest.py)
    assert gc.get_freeze_count() == 0
    try:
        collector = collect_when_idle(owner)
        assert gc.get_freeze_count() > 0
        assert isinstance(collector, IdleCollector) and collector.timer.isActive()
        assert collector.parent() is owner
        collector.close()
    finally:
        gc.freeze()


def test_collections_paused_for_the_start_up_come_back_once_it_is_frozen(qtbot, usual_gc):
    """main.run turns collections off before the imports; the window's first idle moment
    must turn them on again, or no cycle would ever be freed while the window is open."""
    owner = QObject()
    gc.disable()
    collector = collect_when_idle(owner)
    try:
        assert gc.isenabled()
        gc.collect()
        ref = dropped_cycle()
        kept = allocate(usual_gc[0] * 2)
        assert collector.collect_due() == 0 and ref() is None
        del kept
    finally:
        collector.close()


def test_a_verb_runs_with_collections_on_though_start_up_paused_them(usual_gc, tmp_path):
    """main.run pauses collections for every start; a verb (an export of 2,000 people, a
    sync) must not run its whole work without them."""
    from tests.conftest import run_cli

    gc.disable()
    result = run_cli("--db", str(tmp_path / "m.db"), "missions")
    assert result.returncode == 0, result.stderr
    assert gc.isenabled()


def test_the_app_draws_without_qts_gui_thread_pool_unless_the_user_says(monkeypatch):
    """Qt reads QT_NO_GUI_THREADPOOL when its pool is first wanted; any value turns it off."""
    from ui.window.app import serial_raster_fills

    monkeypatch.delenv("QT_NO_GUI_THREADPOOL", raising=False)
    serial_raster_fills()
    assert os.environ["QT_NO_GUI_THREADPOOL"] == "1"
    monkeypatch.setenv("QT_NO_GUI_THREADPOOL", "yes")
    serial_raster_fills()
    assert os.environ["QT_NO_GUI_THREADPOOL"] == "yes"
