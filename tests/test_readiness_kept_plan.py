"""The window's readiness checks keep the plan they read: after an edit of attendees' own fields
only those attendees are read again, and what they find is what a whole new run finds; any
other change, or one that changes who takes part in the items, reads the whole plan again."""

from __future__ import annotations

import copy
import random
from datetime import date

from models import findings as F
from models import repository as repo
from models.attendees import get_attendee, update_attendee
from models.readiness import run_checks
from models.readiness_data import load_plan, reread_people
from models.store.db import read_session, write_session
from tests.plan_ui_helpers import fix_today
from tests.test_readiness_panel import add_double_booking
from ui.attendees.commands import EditAttendee

TODAY = date(2026, 11, 16)
SHORT = date(2026, 12, 1)        # a passport that ends before the trip begins


def edit(window, participant_id: int, **fields) -> None:
    """As the attendee dialog's Save runs it: person fields, or the participation's status."""
    with read_session(window.db.engine) as session:
        before = get_attendee(session, participant_id=participant_id)
    after = copy.deepcopy(before)
    for key, value in fields.items():
        if key == "status":
            after.status = value
        else:
            after.person[key] = value
    assert window.run_command(EditAttendee(window.db.engine, window.events, window.mission_id,
                                           participant_id, before, after, ""))


def fresh_findings(window) -> list:
    with read_session(window.db.engine) as session:
        return run_checks(session, mission_id=window.mission_id, today=TODAY)


def shown(window) -> list:
    window.readiness.flush()
    return list(window.readiness_panel.findings)


def short_passport(findings, participant_id: int) -> bool:
    return any(f.kind == F.PASSPORT_EXPIRY and f.participant_id == participant_id
               for f in findings)


def a_traveller(session, mission_id: int):
    return next(a for a in repo.list_attendees(session, mission_id=mission_id)
                if a.status == "confirmed" and a.role == "delegate")


def test_an_attendee_edit_reads_only_that_attendee_and_finds_what_a_whole_run_finds(
        monkeypatch, window):
    fix_today(monkeypatch, window, TODAY)
    with read_session(window.db.engine) as session:
        pid = a_traveller(session, window.mission_id).participant_id
    assert not short_passport(shown(window), pid)
    reads = window.readiness.whole_reads
    edit(window, pid, passport_expiry=SHORT)
    found = shown(window)
    assert window.readiness.whole_reads == reads          # the kept plan, one person read again
    assert short_passport(found, pid)
    assert found == fresh_findings(window)
    window.undo()                                          # the same way back
    found = shown(window)
    assert window.readiness.whole_reads == reads
    assert not short_passport(found, pid)
    assert found == fresh_findings(window)


def test_cancelling_an_attendee_reads_the_whole_plan_again(monkeypatch, window):
    fix_today(monkeypatch, window, TODAY)
    add_double_booking(window)        # Takahashi, in two items at once
    with read_session(window.db.engine) as session:
        pid = next(a.participant_id for a in repo.list_attendees(
            session, mission_id=window.mission_id) if a.family_name == "Takahashi"
            and a.status == "confirmed")
    assert any(f.kind == F.OVERLAP for f in shown(window))
    reads = window.readiness.whole_reads
    edit(window, pid, status="cancelled")     # out of every item: the items' people change
    found = shown(window)
    assert window.readiness.whole_reads == reads + 1
    assert not any(f.kind == F.OVERLAP for f in found)
    assert found == fresh_findings(window)
    window.undo()
    found = shown(window)
    assert window.readiness.whole_reads == reads + 2
    assert any(f.kind == F.OVERLAP for f in found)
    assert found == fresh_findings(window)


def test_an_attendee_edit_and_another_change_in_one_burst_read_the_whole_plan(
        monkeypatch, window):
    fix_today(monkeypatch, window, TODAY)
    with read_session(window.db.engine) as session:
        pid = a_traveller(session, window.mission_id).participant_id
    shown(window)
    reads = window.readiness.whole_reads
    edit(window, pid, passport_expiry=SHORT)   # not checked yet: the burst goes on
    add_double_booking(window)                 # an item, announced, then checked
    found = shown(window)
    assert window.readiness.whole_reads == reads + 1
    assert short_passport(found, pid) and any(f.kind == F.OVERLAP for f in found)
    assert found == fresh_findings(window)


def test_another_mission_shown_reads_its_whole_plan(monkeypatch, window):
    fix_today(monkeypatch, window, TODAY)
    shown(window)
    reads = window.readiness.whole_reads
    window.show_mission(window.mission_id)     # as a switch does, to the same one
    shown(window)
    assert window.readiness.whole_reads == reads + 1


def test_rereading_people_keeps_the_rest_and_refuses_what_it_cannot_do(demo_db):
    engine = demo_db.engine
    with read_session(engine) as session:
        mission_id = repo.list_missions(session)[0].id
        plan = load_plan(session, mission_id=mission_id)
        person = a_traveller(session, mission_id)
        pid = person.participant_id
    with read_session(engine) as session:
        again = reread_people(session, plan, [pid])
        assert again is not None and again.items is plan.items and again.people == plan.people
        assert again.people is not plan.people                # the kept plan is left alone
        assert reread_people(session, plan, [max(plan.people) + 1]) is None   # new to it
        assert reread_people(session, plan, []) is None
    with read_session(engine) as session:                       # cancelled since: not enough
        before = get_attendee(session, participant_id=pid)
    after = copy.deepcopy(before)
    after.status = "cancelled"
    with write_session(engine) as session:
        update_attendee(session, participant_id=pid, data=after)
    with read_session(engine) as session:
        assert reread_people(session, plan, [pid]) is None


def test_random_attendee_edits_undos_and_other_changes_always_find_what_a_whole_run_finds(
        monkeypatch, window):
    """A seeded walk of 40 steps: whatever kept plan the checks reuse, the list shown is the
    list a whole run finds, after every step."""
    fix_today(monkeypatch, window, TODAY)
    rnd = random.Random(10)
    with read_session(window.db.engine) as session:
        pids = [a.participant_id for a in repo.list_attendees(session,
                                                              mission_id=window.mission_id)]
    edits = (("passport_expiry", (SHORT, date(2027, 1, 10), date(2031, 5, 1), None)),
             ("citizenship", ("JP", "US", "TW", "")),
             ("status", ("confirmed", "invited", "cancelled")),
             ("latin_unconfirmed", (True, False)))
    kept, changed, last = 0, 0, shown(window)
    for _step in range(40):
        before = window.readiness.whole_reads
        move = rnd.random()
        if move < 0.6:
            field, values = rnd.choice(edits)
            edit(window, rnd.choice(pids), **{field: rnd.choice(values)})
        elif move < 0.75:
            window.undo()
        elif move < 0.9:
            window.redo()
        else:
            add_double_booking(window)
        found = shown(window)
        assert found == fresh_findings(window)
        kept += window.readiness.whole_reads == before
        changed += found != last
        last = found
    # The walk took the short way, and changed what is found, often enough to test both.
    assert kept >= 10 and changed >= 10
