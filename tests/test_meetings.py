"""Meetings and protocol on a real SQLite file: a 商談会's slots, requests scheduled and stored,
moves and pins checked against the rules, deletions that undo with every meeting row, the
interpreter findings of the readiness checks, counterparts imported, ranks and seats."""

from __future__ import annotations

from datetime import date

import pytest

from models import counterparts as cps
from models import findings as F
from models import interpreting, protocol, seating
from models import meetings as mt
from models.attendees import remove_attendee, restore_attendee
from models.entities import Organization
from models.items import delete_item, restore_item
from models.mission_removal import remove_mission, restore_mission
from models.readiness import run_checks
from models.store.db import read_session, write_session
from tests.mission_builder import Builder

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)


@pytest.fixture
def fair(empty_db):
    """A 商談会 on 9 Dec 2026, 13:00-15:00 Tokyo: 25-minute slots, 5-minute breaks (4 slots),
    2 tables; three delegates (two of one company), an interpreter, three counterparts."""
    with write_session(empty_db.engine) as session:
        b = Builder(session)
        org = Organization(name_en="Rapidus", name_ja="ラピダス")
        session.add(org)
        session.flush()
        ids = {
            "aoki": b.person("Aoki", organization_id=org.id),
            "baba": b.person("Baba", organization_id=org.id),
            "chiba": b.person("Chiba"),
            "ito": b.person("Ito", role="interpreter"),
        }
        ids["fair"] = b.item("matchmaking", "2026-12-09T13:00", "2026-12-09T15:00",
                             title_en="B2B session")
        mt.set_settings(session, data=mt.SessionData(ids["fair"], 25, 5, 2))
        for key, name in (("gf", "GlobalFoundries"), ("ibm", "IBM"), ("suny", "SUNY Poly")):
            ids[key] = cps.create_counterpart(session, mission_id=b.mission_id,
                                              data=cps.CounterpartData(name_en=name))
        ids["mission"], ids["org"] = b.mission_id, org.id
        ids["builder"] = b
    return empty_db, ids


def _builder(ids, session) -> Builder:
    ids["builder"].session = session       # the fixture's session is closed
    return ids["builder"]


def _request(session, ids, cp, who=None, org=None, priority=2, interpreter=False) -> int:
    return mt.create_request(session, data=mt.RequestData(
        None, ids["fair"], ids[cp], participant_id=ids[who] if who else None,
        organization_id=org, priority=priority, interpreter=interpreter))


def test_a_session_of_two_hours_holds_four_slots_of_25_minutes_with_5_minute_breaks(fair):
    db, ids = fair
    with read_session(db.engine) as session:
        (row,) = mt.list_sessions(session, mission_id=ids["mission"])
        slots = mt.slot_times(row.start, row.end, row.settings)
    assert len(slots) == 4
    assert [(e - s).seconds // 60 for s, e in slots] == [25] * 4
    assert (slots[1][0] - slots[0][1]).seconds // 60 == 5


def test_schedule_stores_meetings_that_keep_every_rule_and_names_why_the_rest_are_unmet(fair):
    db, ids = fair
    with write_session(db.engine) as session:
        # Chiba is at a lunch over the first two slots and the last; only slot 2 is free.
        _builder(ids, session).item("meal", "2026-12-09T12:30", "2026-12-09T14:00",
                            people=[ids["chiba"]])
        _builder(ids, session).item("meeting", "2026-12-09T14:30", "2026-12-09T15:30",
                            people=[ids["chiba"]])
        company = _request(session, ids, "gf", org=ids["org"], priority=1, interpreter=True)
        first = _request(session, ids, "ibm", who="chiba", priority=1)
        second = _request(session, ids, "suny", who="chiba", priority=3)
        before, result = mt.run_schedule(session, item_id=ids["fair"])
    assert before == []
    with read_session(db.engine) as session:
        stored = {m.request_id: m for m in mt.get_meetings(session, item_id=ids["fair"])}
        reasons = mt.unmet_reasons(session, item_id=ids["fair"])
        problem = mt.build_problem(session, item_id=ids["fair"])
    assert stored.keys() == {company, first}
    assert stored[first].slot == 2
    assert stored[company].interpreter == ids["ito"]
    assert problem.requests[0].people == {ids["aoki"], ids["baba"]}   # the company's delegates
    assert reasons == {second: "people_booked"} == result.unmet


def test_a_move_onto_a_taken_cell_swaps_and_a_move_that_breaks_a_rule_is_refused(fair):
    db, ids = fair
    with write_session(db.engine) as session:
        a = _request(session, ids, "gf", who="aoki")
        c = _request(session, ids, "ibm", who="chiba")
        mt.set_meetings(session, item_id=ids["fair"], meetings=[
            mt.mm.Placed(a, 0, 1), mt.mm.Placed(c, 1, 1)])
        meetings = mt.get_meetings(session, item_id=ids["fair"])
        swapped = mt.moved(meetings, a, 1, 1)
        assert {m.request_id: (m.slot, m.table) for m in swapped} == {a: (1, 1), c: (0, 1)}
        assert mt.rule_problems(session, item_id=ids["fair"], meetings=swapped) == []
        # Aoki meets GlobalFoundries twice at once: refused.
        twice = _request(session, ids, "gf", who="baba")
        clash = [*swapped, mt.mm.Placed(twice, 1, 2)]
        assert mt.rule_problems(session, item_id=ids["fair"], meetings=clash)
        pinned = mt.pinned(swapped, {a}, True)
        mt.set_meetings(session, item_id=ids["fair"], meetings=pinned)
        _before, result = mt.run_schedule(session, item_id=ids["fair"])
    assert result.meetings[a] == mt.mm.Placed(a, 1, 1, None, True)


def test_deleting_the_session_item_and_undoing_it_brings_back_requests_and_meetings(fair):
    db, ids = fair
    with write_session(db.engine) as session:
        _request(session, ids, "gf", who="aoki", interpreter=True)
        _request(session, ids, "ibm", org=ids["org"])
        mt.run_schedule(session, item_id=ids["fair"])
        interpreting.set_interpreting(session, item_id=ids["fair"], needed=True,
                                      interpreter_ids=(ids["ito"],))
        before = (mt.list_requests(session, item_id=ids["fair"]),
                  mt.get_meetings(session, item_id=ids["fair"]),
                  mt.get_settings(session, item_id=ids["fair"]))
        removed = delete_item(session, item_id=ids["fair"])
        assert mt.list_requests(session, item_id=ids["fair"]) == []
        restore_item(session, removed)
        after = (mt.list_requests(session, item_id=ids["fair"]),
                 mt.get_meetings(session, item_id=ids["fair"]),
                 mt.get_settings(session, item_id=ids["fair"]))
        assert interpreting.assigned_interpreters(session, item_id=ids["fair"]) == (ids["ito"],)
    assert after == before and len(before[1]) == 2


def test_removing_an_attendee_and_undoing_it_brings_back_their_requests_and_interpreting(fair):
    db, ids = fair
    with write_session(db.engine) as session:
        mine = _request(session, ids, "gf", who="aoki", interpreter=True)
        mt.run_schedule(session, item_id=ids["fair"])
        protocol.set_ranks(session, mission_id=ids["mission"], ranks={ids["aoki"]: 1})
        meetings = mt.get_meetings(session, item_id=ids["fair"])
        gone = remove_attendee(session, participant_id=ids["ito"])
        assert mt.get_meetings(session, item_id=ids["fair"])[0].interpreter is None
        restore_attendee(session, gone)
        assert mt.get_meetings(session, item_id=ids["fair"]) == meetings
        gone = remove_attendee(session, participant_id=ids["aoki"])
        assert mt.list_requests(session, item_id=ids["fair"]) == []
        restore_attendee(session, gone)
        assert [r.id for r in mt.list_requests(session, item_id=ids["fair"])] == [mine]
        assert mt.get_meetings(session, item_id=ids["fair"]) == meetings
        assert protocol.get_ranks(session, mission_id=ids["mission"]) == {ids["aoki"]: 1}


def test_a_removed_mission_comes_back_with_its_counterparts_and_meetings(fair):
    db, ids = fair
    with write_session(db.engine) as session:
        _request(session, ids, "gf", who="aoki")
        mt.run_schedule(session, item_id=ids["fair"])
        meetings = mt.get_meetings(session, item_id=ids["fair"])
        removed = remove_mission(session, mission_id=ids["mission"])
        restore_mission(session, removed)
        assert mt.get_meetings(session, item_id=ids["fair"]) == meetings
        assert len(cps.list_counterparts(session, mission_id=ids["mission"])) == 3


def _findings(db, mission_id, kinds):
    with read_session(db.engine) as session:
        return [f for f in run_checks(session, mission_id=mission_id, today=date(2026, 11, 1))
                if f.kind in kinds]


def test_an_interpreter_at_a_meeting_and_a_lunch_at_once_is_a_finding(fair):
    db, ids = fair
    with write_session(db.engine) as session:
        _request(session, ids, "gf", who="aoki", interpreter=True)
        _, result = mt.run_schedule(session, item_id=ids["fair"])
        lunch = _builder(ids, session).item("meal", "2026-12-09T12:00", "2026-12-09T16:00",
                                    people=[ids["chiba"]], title_en="Lunch")
        interpreting.set_interpreting(session, item_id=lunch, needed=True, interpreter_ids=())
    (missing,) = _findings(db, ids["mission"], {F.INTERPRETER_MISSING})
    assert missing.item_id == lunch
    assert "needs an interpreter" in F.finding_text(missing)
    with write_session(db.engine) as session:
        interpreting.set_interpreting(session, item_id=lunch, needed=True,
                                      interpreter_ids=(ids["ito"],))
    (clash,) = _findings(db, ids["mission"], {F.INTERPRETER_CLASH})
    assert clash.participant_id == ids["ito"]
    assert "Lunch" in F.finding_text(clash) and "B2B session" in F.finding_text(clash)
    assert not _findings(db, ids["mission"], {F.INTERPRETER_MISSING})


def test_meetings_that_need_an_interpreter_and_have_none_are_one_finding_per_session(fair):
    db, ids = fair
    with write_session(db.engine) as session:
        for who in ("aoki", "baba", "chiba"):
            _request(session, ids, "gf" if who != "baba" else "ibm", who=who, interpreter=True)
        mt.run_schedule(session, item_id=ids["fair"])
        meetings = mt.get_meetings(session, item_id=ids["fair"])
        mt.set_meetings(session, item_id=ids["fair"], meetings=[
            mt.mm.Placed(m.request_id, m.slot, m.table, None) for m in meetings])
    (found,) = _findings(db, ids["mission"], {F.MEETINGS_WITHOUT_INTERPRETER})
    assert found.params["n"] == 3
    assert F.finding_text(found) == ("3 meetings at “B2B session” need an interpreter and "
                                     "have none.")


def test_an_interpreter_working_four_hours_without_a_break_is_a_finding(fair):
    db, ids = fair
    with write_session(db.engine) as session:
        b = _builder(ids, session)
        morning = b.item("courtesy_call", "2026-12-10T09:00", "2026-12-10T10:30",
                         title_en="Courtesy call")
        visit = b.item("site_visit", "2026-12-10T10:40", "2026-12-10T13:10")
        later = b.item("meal", "2026-12-10T14:00", "2026-12-10T15:00")
        for item in (morning, visit, later):
            interpreting.set_interpreting(session, item_id=item, needed=True,
                                          interpreter_ids=(ids["ito"],))
    (tired,) = _findings(db, ids["mission"], {F.INTERPRETER_NO_BREAK})
    assert tired.item_id == morning and tired.participant_id == ids["ito"]
    text = F.finding_text(tired)
    assert "Ito" in text and "3 hours" in text


def test_counterparts_import_skips_rows_without_a_name_bad_addresses_and_repeats(fair):
    db, ids = fair
    rows = [{"name_en": "Ｔｏｋｙｏ Ｅｌｅｃｔｒｏｎ", "name_ja": "東京エレクトロン",
             "contact_en": "Kenji Sato", "email": "SATO@example.jp"},
            {"name_en": "", "name_ja": ""},
            {"name_en": "ibm"},
            {"name_en": "Nokia", "email": "not an address"}]
    with write_session(db.engine) as session:
        made, skipped = cps.import_counterparts(session, mission_id=ids["mission"], rows=rows)
        names = [c.name_en for c in cps.list_counterparts(session, mission_id=ids["mission"])]
    assert len(made) == 1 and "Tokyo Electron" in names
    assert skipped == [(2, "name_missing"), (3, "duplicate"), (4, "email_shape")]


def test_greetings_go_host_first_then_the_head_of_delegation_by_rank():
    people = [protocol.Ranked(1, "delegate", ("a",)), protocol.Ranked(2, "head", ("z",)),
              protocol.Ranked(3, "host", ("b",), rank=2), protocol.Ranked(4, "host", ("c",), 1),
              protocol.Ranked(5, "interpreter", ("d",))]
    assert protocol.greeting_order(people) == [4, 2, 3, 1]
    assert protocol.precedence(people) == {"host": [4, 3], "guest": [2, 1]}


@pytest.mark.parametrize("shape", ["long", "round"])
def test_japanese_seating_puts_the_chief_guest_farthest_from_the_door_facing_the_host(shape):
    settings = seating.PlanSettings(1, "japanese", shape, 1, 8)
    spots = {(s.table, s.seat): s for s in seating.layout(settings)}
    seats = seating.assign(list(spots.values()), hosts=[10, 11, 12], guests=[20, 21, 22])
    chief_guest, chief_host = spots[seats[20]], spots[seats[10]]
    assert chief_guest.y == min(s.y for s in spots.values())          # farthest from the door
    assert chief_host.y == max(s.y for s in spots.values())
    assert abs(chief_guest.x - chief_host.x) < 0.01                    # facing each other
    assert all(spots[seats[g]].side == "guest" for g in (20, 21, 22))


def test_western_seating_puts_hosts_at_the_ends_and_alternates_hosts_and_guests():
    settings = seating.PlanSettings(1, "western", "long", 1, 8)
    spots = seating.layout(settings)
    seats = seating.assign(spots, hosts=[10, 11, 12, 13], guests=[20, 21, 22, 23])
    where = {pid: next(s for s in spots if (s.table, s.seat) == spot)
             for pid, spot in seats.items()}
    xs = sorted(s.x for s in spots)
    assert {where[10].x, where[11].x} == {xs[0], xs[-1]}               # the two ends
    for row_y in {s.y for s in spots if s.seat >= 2}:
        row = sorted((s for s in where.values() if s.y == row_y and s.seat >= 2),
                     key=lambda s: s.x)
        sides = [s.side for s in row]
        assert all(a != b for a, b in zip(sides, sides[1:], strict=False)), sides
    assert where[20].x < 0 and where[20].y == 0.0      # at the host's right, by the host's end


def test_a_seating_plan_is_stored_and_refuses_two_people_in_one_seat(fair):
    db, ids = fair
    settings = seating.PlanSettings(ids["fair"], "western", "round", 2, 6)
    with write_session(db.engine) as session:
        before = seating.set_plan(session, settings=settings,
                                  seats={ids["aoki"]: (1, 0), ids["baba"]: (2, 3)})
        assert before == (seating.PlanSettings(ids["fair"]), {})
        with pytest.raises(ValueError):
            seating.set_plan(session, settings=settings,
                             seats={ids["aoki"]: (1, 0), ids["baba"]: (1, 0)})
        assert seating.get_settings(session, item_id=ids["fair"]) == settings
        assert seating.get_seats(session, item_id=ids["fair"]) == {ids["aoki"]: (1, 0),
                                                                   ids["baba"]: (2, 3)}


def test_deleting_a_counterpart_takes_its_requests_and_meetings_and_undo_brings_them(fair):
    db, ids = fair
    with write_session(db.engine) as session:
        _request(session, ids, "gf", who="aoki")
        _request(session, ids, "ibm", who="aoki")
        mt.run_schedule(session, item_id=ids["fair"])
        before = (mt.list_requests(session, item_id=ids["fair"]),
                  mt.get_meetings(session, item_id=ids["fair"]))
        removed = cps.delete_counterpart(session, counterpart_id=ids["gf"])
        assert [r.counterpart_id for r in mt.list_requests(session, item_id=ids["fair"])] == [
            ids["ibm"]]
        cps.restore_counterpart(session, removed)
        after = (mt.list_requests(session, item_id=ids["fair"]),
                 mt.get_meetings(session, item_id=ids["fair"]))
    assert after == before


def test_gifts_keep_their_giver_through_an_undone_removal_and_go_with_their_item(fair):
    from models import gifts

    db, ids = fair
    with write_session(db.engine) as session:
        b = _builder(ids, session)
        call = b.item("courtesy_call", "2026-12-10T09:00", "2026-12-10T10:00",
                      title_en="Courtesy call")
        host = b.person("Reynolds", role="host")
        with pytest.raises(ValueError, match="gift_missing"):
            gifts.create_gift(session, data=gifts.GiftData(item_id=call, recipient_id=host))
        with pytest.raises(ValueError, match="recipient_missing"):
            gifts.create_gift(session, data=gifts.GiftData(item_id=call, gift_en="Sake"))
        gift = gifts.create_gift(session, data=gifts.GiftData(
            item_id=call, giver_id=ids["aoki"], recipient_id=host, gift_ja="日本酒"))
        protocol.set_greetings(session, item_id=call, order=[host, ids["aoki"]])
        gone = remove_attendee(session, participant_id=ids["aoki"])
        assert gifts.list_gifts(session, mission_id=ids["mission"])[0].giver_id is None
        assert protocol.get_greetings(session, item_id=call) == [host]
        restore_attendee(session, gone)
        assert gifts.list_gifts(session, mission_id=ids["mission"]) == [gift]
        assert protocol.get_greetings(session, item_id=call) == [host, ids["aoki"]]
        removed = delete_item(session, item_id=call)
        assert gifts.list_gifts(session, mission_id=ids["mission"]) == []
        restore_item(session, removed)
        assert gifts.list_gifts(session, mission_id=ids["mission"]) == [gift]
        assert protocol.get_greetings(session, item_id=call) == [host, ids["aoki"]]
        with pytest.raises(ValueError):
            protocol.set_greetings(session, item_id=call, order=[host, host])


def test_a_courtesy_call_still_to_come_without_a_gift_is_a_finding(fair):
    from models import gifts

    db, ids = fair
    with write_session(db.engine) as session:
        b = _builder(ids, session)
        call = b.item("courtesy_call", "2026-12-10T09:00", "2026-12-10T10:00",
                      title_en="Courtesy call on the Governor")
        b.item("courtesy_call", "2026-10-10T09:00", "2026-10-10T10:00", title_en="Past call")
    (found,) = _findings(db, ids["mission"], {F.GIFT_MISSING})
    assert found.item_id == call and "Governor" in F.finding_text(found)
    with write_session(db.engine) as session:
        gifts.create_gift(session, data=gifts.GiftData(item_id=call, gift_en="Sake",
                                                       recipient_en="Governor"))
    assert _findings(db, ids["mission"], {F.GIFT_MISSING}) == []


def test_the_missions_break_rule_decides_the_no_break_finding(fair):
    db, ids = fair
    with write_session(db.engine) as session:
        b = _builder(ids, session)
        lunch = b.item("meal", "2026-12-10T12:00", "2026-12-10T14:00", title_en="Lunch")
        interpreting.set_interpreting(session, item_id=lunch, needed=True,
                                      interpreter_ids=(ids["ito"],))
    assert _findings(db, ids["mission"], {F.INTERPRETER_NO_BREAK}) == []
    with write_session(db.engine) as session:
        assert interpreting.set_break_rule(session, mission_id=ids["mission"],
                                           rule=(90, 15)) == (180, 30)
        with pytest.raises(ValueError):
            interpreting.set_break_rule(session, mission_id=ids["mission"], rule=(10, 15))
    (tired,) = _findings(db, ids["mission"], {F.INTERPRETER_NO_BREAK})
    assert "1 hour 30 minutes" in F.finding_text(tired) and "15 minutes" in F.finding_text(tired)
