"""A traveller whose citizenship has no consulate or embassy recorded in a country they go to
(other than their own) is a readiness finding: their travel pack's contacts page could not name
one. Worded in English and Japanese, gone once the consulate is added, and in the window's
readiness panel it leads to Mission details with the consulates list focused. Real demo
database, real widgets offscreen."""

from __future__ import annotations

import i18n
from models import findings as F
from models import repository as repo
from models.consulates import ConsulateRow, list_consulates, set_consulates
from models.entities import ItemParticipant
from models.readiness import run_checks
from models.store.db import read_session, write_session
from tests.dialogs import when_modal
from tests.test_consulates import _consulate_dialog
from tests.test_export import TODAY

SEOUL_IN_NY = ConsulateRow("US", "KR", "Consulate General of the Republic of Korea in New York")


def _add_korean(db, mission_id: int, family: str = "Kim", citizenship: str = "KR") -> int:
    """A Korean delegate on the delegation's shared items (all in Albany)."""
    with write_session(db.engine) as session:
        person = repo.create_person(session, family_name=family, given_name="Minji",
                                    citizenship=citizenship)
        return repo.add_participant(session, mission_id=mission_id, person_id=person,
                                    role="delegate", status="confirmed")


def _missing(db, mission_id: int) -> list:
    with read_session(db.engine) as session:
        return [f for f in run_checks(session, mission_id=mission_id, today=TODAY)
                if f.kind == F.CONSULATE_MISSING]


def _in(language: str, finding) -> str:
    i18n.set_language(language)
    try:
        return F.finding_text(finding)
    finally:
        i18n.set_language("en")


def test_a_citizenship_without_its_consulate_where_they_go_is_found_until_it_is_added(
        demo_db):
    mission_id = 1
    assert _missing(demo_db, mission_id) == []     # the demo has Japan's and the US's
    kim = _add_korean(demo_db, mission_id)
    # No Korean consulate in the US, where she goes with everyone: a finding naming her.
    found = _missing(demo_db, mission_id)
    assert [(f.params["country"], f.params["nationality"], f.participant_id, f.rank)
            for f in found] == [("US", "KR", kim, F.RANK_MISSING)]
    in_us = found[0]
    assert _in("en", in_us) == ("Minji Kim goes to the United States, where no consulate or "
                                "embassy of South Korea is recorded for the travel pack.")
    assert _in("ja", in_us) == ("Minji Kim：訪問先の米国に、韓国の領事館・大使館が登録されて"
                                "いません（旅行資料に記載できません）。")
    # A second Korean and a host of Korean citizenship: one line for the two travellers,
    # none for the host (at home there).
    _add_korean(demo_db, mission_id, "Park")
    with write_session(demo_db.engine) as session:
        host = repo.create_person(session, family_name="Lee", given_name="Joon",
                                  citizenship="KR")
        repo.add_participant(session, mission_id=mission_id, person_id=host, role="host",
                             status="confirmed")
    (found,) = _missing(demo_db, mission_id)
    assert found.participant_id is None and found.params["n"] == 2
    assert [p["family"] for p in found.params["people"]] == ["Kim", "Park"]
    assert _in("en", found) == ("Minji Kim and Minji Park go to the United States, where no "
                                "consulate or embassy of South Korea is recorded for the "
                                "travel packs.")
    # Korea's consulate in New York recorded: gone.
    with write_session(demo_db.engine) as session:
        rows = list_consulates(session, mission_id=mission_id)
        set_consulates(session, mission_id=mission_id, rows=[*rows, SEOUL_IN_NY])
    assert _missing(demo_db, mission_id) == []
    # Sent to Tokyo on her own: Korea's embassy there is missing, for her only.
    with write_session(demo_db.engine) as session:
        tokyo = next(i.id for i in repo.list_items(session, mission_id=mission_id)
                     if i.start_tz == "Asia/Tokyo" and not i.everyone)
        session.add(ItemParticipant(item_id=tokyo, participant_id=kim))
    (found,) = _missing(demo_db, mission_id)
    assert (found.params["country"], found.participant_id) == ("JP", kim)


def test_a_citizen_at_home_or_of_no_known_citizenship_needs_none(demo_db):
    with write_session(demo_db.engine) as session:
        rows = list_consulates(session, mission_id=1)
        # The Americans in Japan lose their embassy: that is a finding; at home in the US
        # nobody needs one.
        set_consulates(session, mission_id=1, rows=[r for r in rows if r.nationality != "US"])
    found = _missing(demo_db, 1)
    assert [(f.params["country"], f.params["nationality"]) for f in found] == [("JP", "US")]
    _add_korean(demo_db, 1, "Unknown", citizenship="")      # who knows whose consulate
    assert len(_missing(demo_db, 1)) == 1


def test_the_panel_leads_to_the_mission_consulates_where_adding_it_clears_the_finding(
        qtbot, window):
    from ui.common.events import ATTENDEES

    mission_id = window.mission_id
    _add_korean(window.db, mission_id)
    window.events.announce(mission_id, ATTENDEES)
    window.readiness.flush()
    panel = window.readiness_panel
    row = next(i for i, f in enumerate(panel.findings) if f.kind == F.CONSULATE_MISSING)
    assert "where no consulate or embassy of South Korea is recorded" in panel.texts()[row]
    seen: dict = {}

    def in_mission(dialog):
        seen["focus"] = dialog.focusWidget() is dialog.consulate_list
        seen["title"] = dialog.windowTitle()
        # The consulate dialog's own test adds Korea's in the US after two refusals.
        when_modal(lambda inner: _consulate_dialog(qtbot, inner, {}))
        dialog.consulate_buttons["add"].click()
        dialog.accept()

    when_modal(in_mission)
    assert window.readiness.go_to(panel.findings[row])
    assert seen == {"focus": True, "title": "Mission details"}
    window.readiness.flush()
    assert not [f for f in panel.findings if f.kind == F.CONSULATE_MISSING]
