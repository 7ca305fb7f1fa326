"""Rooms for a whole stay in one dialog: heads and interpreters single, the others paired by
organization (and sex where known), made as one undo step."""

from __future__ import annotations

from models import lodging
from models.lodging import RoomData
from models.room_plan import PlanGuest, propose_rooms
from models.store.db import read_session, write_session
from tests.dialogs import when_modal
from ui.lodging.assign_rooms import AssignRoomsDialog


def test_the_proposal_keeps_heads_and_interpreters_alone_and_pairs_colleagues():
    guests = [PlanGuest(1, "head", 10), PlanGuest(2, "delegate", 10),
              PlanGuest(3, "delegate", 20), PlanGuest(4, "interpreter", 30),
              PlanGuest(5, "delegate", 10), PlanGuest(6, "delegate", 20),
              PlanGuest(7, "delegate", 10, sex="f"), PlanGuest(8, "delegate", 10, sex="m")]
    rooms = {(r.room_type, r.guest_ids) for r in propose_rooms(item_id=9, guests=guests)}
    assert rooms == {("single", (1,)), ("single", (4,)), ("twin", (2, 5)), ("twin", (3, 6)),
                     ("single", (7,)), ("single", (8,))}      # known and different: apart


def _stay(window, item_id):
    with read_session(window.db.engine) as session:
        return next(s for s in lodging.rooming_list(session, mission_id=window.mission_id)
                    if s.item_id == item_id)


def test_assigning_a_whole_stay_is_one_undo_step(qtbot, window):
    stay = _stay(window, 19)
    with write_session(window.db.engine) as session:      # an empty stay to start from
        for room in stay.nights[0].rooms:
            lodging.delete_room(session, room_id=room.id)
    window.undo_stack.clear()
    window.tabs.setCurrentWidget(window.lodging_tab)
    window.lodging_tab.refresher.flush()
    window.lodging_tab.select_stay(19)
    empty = _stay(window, 19)
    assert not empty.nights[0].rooms and len(empty.unroomed) > 5
    seen = {}

    def look(dialog):
        seen["rooms"] = list(dialog.rooms)
        seen["lines"] = dialog.list.count()
        dialog.accept()

    when_modal(look, AssignRoomsDialog)
    window.lodging_tab.assign_button.click()
    rooms: list[RoomData] = seen["rooms"]
    assert seen["lines"] == len(rooms)
    assert sorted(p for r in rooms for p in r.guest_ids) == sorted(
        g.participant_id for g in empty.unroomed)
    after = _stay(window, 19)
    assert not after.unroomed and len(after.nights[0].rooms) == len(rooms)
    assert window.undo_stack.count() == 1
    window.act_undo.trigger()
    assert not _stay(window, 19).nights[0].rooms
    window.act_redo.trigger()
    assert len(_stay(window, 19).nights[0].rooms) == len(rooms)
