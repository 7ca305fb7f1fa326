"""Visitor lists of site visits: who is on them, their clearance, what the host still needs."""

from __future__ import annotations

from datetime import date

import pytest

from models import repository as repo
from models.store.db import read_session, write_session
from models.visits import list_visitors, set_clearance, visitor_deadline
from tests.mission_builder import TOKYO, Builder

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)


def _demo_visit(session, title: str):
    mission = repo.list_missions(session)[0]
    return next(i for i in repo.list_items(session, mission_id=mission.id) if i.title_en == title)


def test_the_demo_albany_visit_lists_everyone_not_cancelled_with_a_mix_of_statuses(demo_db):
    with read_session(demo_db.engine) as s:
        visit = _demo_visit(s, "Site visit: Albany NanoTech Complex")
        visitors = list_visitors(s, item_id=visit.id)
    by_name = {v.family_name: v for v in visitors}
    assert visit.everyone and len(visitors) == 20 and "Hayashi" not in by_name  # cancelled
    assert {v.clearance for v in visitors} == {"cleared", "submitted", "not_sent"}
    assert (by_name["Kato"].clearance, by_name["Kato"].missing) == ("not_sent", ("visa_type",))
    assert by_name["Miller"].missing == ()          # a US citizen needs no visa in the US


def test_clearance_is_recorded_and_gives_back_the_old_status_for_undo(empty_db):
    with write_session(empty_db.engine) as s:
        b = Builder(s)
        sato = b.person("Sato", date_of_birth=date(1980, 1, 2))
        site = repo.create_site(s, name_en="Rapidus IIM-1", tz=TOKYO, notice_days=21,
                                required_fields="full_legal_name,passport_number,organization")
        visit = b.item("site_visit", "2026-12-07T12:15", "2026-12-07T15:00", site_id=site,
                       people=[sato])
    with write_session(empty_db.engine) as s:
        assert set_clearance(s, item_id=visit, participant_id=sato, status="submitted") == \
            "not_sent"
        assert set_clearance(s, item_id=visit, participant_id=sato, status="cleared") == \
            "submitted"
        with pytest.raises(ValueError):
            set_clearance(s, item_id=visit, participant_id=sato, status="maybe")
    with read_session(empty_db.engine) as s:
        [row] = list_visitors(s, item_id=visit)
    # A Japanese citizen at a Japanese site: no passport column; no organization is missing.
    assert (row.clearance, row.missing) == ("cleared", ("organization",))
    with write_session(empty_db.engine) as s:
        assert set_clearance(s, item_id=visit, participant_id=sato, status="not_sent") == \
            "cleared"
        [row] = list_visitors(s, item_id=visit)
    assert row.clearance == "not_sent"


def test_the_list_is_due_the_site_notice_before_the_local_visit_day():
    assert visitor_deadline(date(2026, 12, 10), 14) == date(2026, 11, 26)
    assert visitor_deadline(date(2026, 12, 10), 0) == date(2026, 12, 10)
