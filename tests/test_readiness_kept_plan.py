"""The window's readiness checks keep the plan they read: after an edit of attendees' own fields
only those attendees are read again, and what they find is what a whole new run finds; any
other change, or one that changes who takes part in the items, reads the whole plan again."""

from __future__ import annotations

import copy
import random
from datetime import date, timedelta

from models import findings as F
from models import repository as repo
from models.attendees import get_attendee, update_attendee
from models.lodging import RoomData
from models.readiness import run_checks
from models.readiness_data import load_plan, reread_people
from models.store.db import read_session, write_session
from models.visits import list_visitors
from tests.demo_today import fix_today
from tests.test_readiness_panel import add_double_booking
from ui.attendees.commands import EditAttendee
from ui.itinerary.commands import DeleteItem, MoveItem
from ui.lodging.commands import AddRoom
from ui.sites.commands import SetClearance

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


def test_moving_an_item_reads_that_item_again_and_not_the_people(monkeypatch, window):
    fix_today(monkeypatch, window, TODAY)
    item_id = add_double_booking(window)
    assert any(f.kind == F.OVERLAP and f.item_id == item_id for f in shown(window))
    reads = window.readiness.whole_reads
    with read_session(window.db.engine) as session:
        item = next(i for i in repo.list_items(session, mission_id=window.mission_id)
                    if i.id == item_id)
    early = timedelta(hours=-3)                # breakfast before the visit, not across it
    assert window.run_command(MoveItem(
        window.db.engine, window.events, window.mission_id, item_id, item.title_en,
        (item.start_utc, item.end_utc), (item.start_utc + early, item.end_utc + early)))
    found = shown(window)
    assert window.readiness.whole_reads == reads
    assert not any(f.kind == F.OVERLAP and f.item_id == item_id for f in found)
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


def test_random_edits_undos_and_other_changes_always_find_what_a_whole_run_finds(
        monkeypatch, window):
    """A seeded walk of 60 steps (attendees' fields and status, items moved and deleted, a
    visitor's clearance, a room added, undo, redo, an item announced without ids): whatever
    the checks read again, the list shown is the list a whole run finds, after every step."""
    fix_today(monkeypatch, window, TODAY)
    rnd = random.Random(10)
    engine, mission_id = window.db.engine, window.mission_id
    with read_session(engine) as session:
        pids = [a.participant_id for a in repo.list_attendees(session, mission_id=mission_id)]
    edits = (("passport_expiry", (SHORT, date(2027, 1, 10), date(2031, 5, 1), None)),
             ("citizenship", ("JP", "US", "TW", "")),
             ("status", ("confirmed", "invited", "cancelled")),
             ("latin_unconfirmed", (True, False)))

    def items():
        with read_session(engine) as session:
            return repo.list_items(session, mission_id=mission_id)

    def move_item():
        item = rnd.choice(items())
        shift = timedelta(hours=rnd.choice((-30, -3, 2, 26)))
        return MoveItem(engine, window.events, mission_id, item.id, item.title_en,
                        (item.start_utc, item.end_utc),
                        (item.start_utc + shift, item.end_utc + shift))

    def delete_item():
        item = rnd.choice(items())
        return DeleteItem(engine, window.events, mission_id, item.id, item.title_en)

    def clearance():
        visit = rnd.choice([i for i in items() if i.kind == "site_visit"])
        with read_session(engine) as session:
            visitor = rnd.choice(list_visitors(session, item_id=visit.id))
        return SetClearance(engine, window.events, mission_id, visit.id,
                            visitor.participant_id, "", visitor.clearance,
                            rnd.choice(("refused", "cleared", "not_sent")))

    def room():
        stay = rnd.choice([i for i in items() if i.kind == "hotel"])
        with read_session(engine) as session:
            roomed = load_plan(session, mission_id=mission_id).roomed.get(stay.id, set())
        free = [pid for pid in pids if pid not in roomed]
        return AddRoom(engine, window.events, mission_id, RoomData(
            id=None, item_id=stay.id, room_type="single", label="",
            guest_ids=(rnd.choice(free),) if free else ()))

    kept, changed, last = 0, 0, shown(window)
    for _step in range(60):
        before = window.readiness.whole_reads
        move = rnd.random()
        if move < 0.35:
            field, values = rnd.choice(edits)
            edit(window, rnd.choice(pids), **{field: rnd.choice(values)})
        elif move < 0.7:
            command = rnd.choice((move_item, move_item, delete_item, clearance, room))()
            assert window.run_command(command)
        elif move < 0.8:
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
    # The walk took the short ways, and changed what is found, often enough to test them.
    assert kept >= 20 and changed >= 15
