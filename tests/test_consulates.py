"""The delegation's consulates and a stay's own hotel phone, from the window to the printed
pack: stored per mission (country visited x citizens served), entered in the mission and item
dialogs (undoable), and read back from real PDFs with pdftotext."""

from __future__ import annotations

from sqlmodel import select

from models import repository as repo
from models.consulates import (
    ConsulateRow,
    consulates_for,
    list_consulates,
    problems,
    set_consulates,
)
from models.entities import Consulate
from models.items import get_item
from models.store.db import read_session, write_session
from tests.conftest import run_cli
from tests.dialogs import when_modal
from tests.test_handouts import CODE, MILLER, TAKAHASHI, pdf_text
from tests.test_window import type_japanese

NY = ConsulateRow("US", "JP", "Consulate General of Japan in New York",
                  "在ニューヨーク日本国総領事館", "299 Park Avenue, New York", "", "+12123718222")


def _mission_id(engine) -> int:
    with read_session(engine) as session:
        return repo.find_mission_by_code(session, code=CODE).id


def test_a_kept_pair_keeps_its_row_and_uuid_and_a_bad_list_changes_nothing(demo_db):
    mission_id = _mission_id(demo_db.engine)
    with read_session(demo_db.engine) as session:
        before = {(c.country, c.nationality): c.uuid for c in session.exec(
            select(Consulate).where(Consulate.mission_id == mission_id)).all()}
    assert set(before) == {("US", "JP"), ("JP", "US")}            # the demo's two
    moved = ConsulateRow("US", "JP", "Consulate General of Japan in New York", "",
                         "Another address", "", "+12123718222")
    with write_session(demo_db.engine) as session:
        set_consulates(session, mission_id=mission_id, rows=[moved])
    with read_session(demo_db.engine) as session:
        rows = session.exec(select(Consulate).where(Consulate.mission_id == mission_id)).all()
        assert [(r.uuid, r.address_en) for r in rows] == [(before[("US", "JP")],
                                                           "Another address")]
    for bad, key in (([NY, NY], "twice"), ([ConsulateRow("USA", "JP", "x")], "country"),
                     ([ConsulateRow("US", "", "x")], "nationality"),
                     ([ConsulateRow("US", "JP")], "name"),
                     ([ConsulateRow("US", "JP", "x", phone="212 371 8222")], "phone")):
        assert key in problems(bad).values(), key
        try:
            with write_session(demo_db.engine) as session:
                set_consulates(session, mission_id=mission_id, rows=bad)
        except ValueError:
            pass
        else:
            raise AssertionError(f"{key}: a list with problems was stored")
    with read_session(demo_db.engine) as session:
        assert list_consulates(session, mission_id=mission_id) == [moved]


def test_a_pack_lists_the_consulates_of_its_reader_in_the_countries_visited():
    tokyo = ConsulateRow("JP", "US", "Embassy of the United States, Tokyo")
    seoul = ConsulateRow("KR", "JP", "Embassy of Japan in Seoul")
    rows = [NY, tokyo, seoul]
    visited = ["JP", "US"]
    assert consulates_for(rows, countries=visited, nationality="JP") == [NY]
    assert consulates_for(rows, countries=visited, nationality="US") == [tokyo]
    assert consulates_for(rows, countries=visited, nationality=None) == [NY, tokyo]
    assert consulates_for(rows, countries=visited, nationality="GB") == []


def _pack(tmp_path, name, *args):
    out = tmp_path / name
    result = run_cli("--db", str(tmp_path / "k.db"), "handout", CODE, "--out", str(out), *args)
    assert result.returncode == 0, result.stderr
    return " ".join(pdf_text(out).split()), pdf_text(out)


def test_each_delegate_gets_their_own_countrys_consulate_and_every_hotel_its_phone(
        qapp, tmp_path):
    text, raw = _pack(tmp_path, "takahashi.pdf", "--person", TAKAHASHI, "--lang", "en")
    contacts = text[text.index("Consulates and embassies"):]
    # A Japanese delegate in the US: Japan's consulate in New York, not the US embassy.
    assert "Consulate General of Japan in New York" in contacts
    assert "+1 212-371-8222" in contacts and "299 Park Avenue, 18th Floor" in contacts
    assert "Embassy of the United States" not in text
    # The Sapporo stay is linked to no site: its own phone on its taxi card and in the
    # contacts (the previous pack had no number for it).
    cards = " ".join(raw[raw.index("Taxi cards"):raw.index("Contacts\n")].split())
    sapporo = cards.index("札幌北ゲートホテル")
    assert "+81 11-555-0180" in cards[sapporo:cards.index("赤坂ヒルズホテル東京")]
    assert "Sapporo Kitagate Hotel Kita 5-jo Nishi 4-chome, Chuo-ku, Sapporo +81 11-555-0180" \
        in contacts
    # A US citizen in Japan, in Japanese: the US embassy in Tokyo, in the reader's language.
    text, _raw = _pack(tmp_path, "miller.pdf", "--person", MILLER, "--lang", "ja")
    contacts = text[text.index("領事館・大使館"):]
    assert "アメリカ合衆国大使館（東京）" in contacts
    assert "〒107-8420 東京都港区赤坂1-10-5" in contacts
    assert "+81 3-3224-5000" in contacts and "在ニューヨーク日本国総領事館" not in text


def test_the_delegations_pack_has_every_consulate_with_whom_it_serves(qapp, tmp_path):
    text, _raw = _pack(tmp_path, "all-ja.pdf", "--lang", "ja")
    contacts = text[text.index("領事館・大使館"):]
    assert "在ニューヨーク日本国総領事館" in contacts and "日本国籍の方向け" in contacts
    assert "アメリカ合衆国大使館（東京）" in contacts and "アメリカ合衆国国籍の方向け" in contacts


def _consulate_dialog(qtbot, dialog, seen):
    """In the consulate dialog: a bad phone and a taken pair are refused, then a good one."""
    dialog.country.set_code("US")
    dialog.nationality.set_code("JP")                 # the demo already has this pair
    qtbot.keyClicks(dialog.fields["name_en"], "Consulate of Japan, Albany office")
    type_japanese(dialog.fields["name_ja"], "在オールバニ日本国領事事務所")
    qtbot.keyClicks(dialog.fields["phone"], "12345")
    dialog.accept()
    seen["refused"] = (dialog.isVisible(), dialog.errors["nationality"].text(),
                       dialog.errors["phone"].text())
    dialog.nationality.set_code("KR")
    dialog.fields["phone"].setText("(518) 555-0199")   # read in the US, where it is
    dialog.accept()


def test_a_consulate_entered_in_the_mission_dialog_is_stored_and_undone(qtbot, window):
    seen: dict = {}

    def in_mission(dialog):
        when_modal(lambda inner: _consulate_dialog(qtbot, inner, seen))
        dialog.consulate_buttons["add"].click()
        seen["listed"] = [dialog.consulate_list.item(i).text()
                          for i in range(dialog.consulate_list.count())]
        dialog.accept()

    when_modal(in_mission)
    window.mission_actions.act_edit.trigger()
    visible, taken, phone = seen["refused"]
    assert visible and taken.startswith("The mission already has") and \
        phone.startswith("Not a phone number")
    assert "Consulate of Japan, Albany office\nIn: United States · For citizens of: South Korea" \
        in seen["listed"]
    engine = window.db.engine
    mission_id = window.mission_id
    with read_session(engine) as session:
        rows = list_consulates(session, mission_id=mission_id)
    added = next(r for r in rows if r.nationality == "KR")
    assert (added.country, added.name_ja, added.phone) == ("US", "在オールバニ日本国領事事務所",
                                                           "+15185550199")
    window.undo_stack.undo()
    with read_session(engine) as session:
        assert {r.nationality for r in list_consulates(session, mission_id=mission_id)} == \
            {"JP", "US"}
    window.undo_stack.redo()
    with read_session(engine) as session:
        assert added in list_consulates(session, mission_id=mission_id)


def test_a_hotel_phone_is_read_where_the_stay_is_and_refused_when_not_a_number(qtbot, window):
    window.tabs.setCurrentWidget(window.itinerary)
    seen: dict = {}

    def act(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("hotel"))
        dialog.fields["title_en"].setText("Hotel: Chitose Airport Inn")
        dialog.start.set_zone("Asia/Tokyo")
        dialog.end.set_zone("Asia/Tokyo")
        qtbot.keyClicks(dialog.fields["hotel_phone"], "not a phone")
        dialog.accept()
        seen["refused"] = (dialog.isVisible(), dialog.errors["hotel_phone"].text(),
                           dialog.focusWidget() is dialog.fields["hotel_phone"])
        dialog.fields["hotel_phone"].setText("0123-45-6789")      # as a Chitose hotel gives it
        dialog.accept()

    when_modal(act)
    window.itinerary.act_add.trigger()
    visible, error, focus = seen["refused"]
    assert visible and focus and error.startswith("Not a phone number")
    with read_session(window.db.engine) as session:
        item_id = next(r.id for r in repo.list_items(session, mission_id=window.mission_id)
                       if r.title_en == "Hotel: Chitose Airport Inn")
        assert get_item(session, item_id=item_id).values["hotel_phone"] == "+81123456789"


def test_in_a_batch_of_packs_each_keeps_its_own_consulate_and_room(qapp, tmp_path):
    """Every pack of --everyone shares one batch of worked-out entries: what is a person's own
    (their consulate, their room) must not leak into the next pack."""
    out = tmp_path / "everyone.pdf"
    result = run_cli("--db", str(tmp_path / "k.db"), "handout", CODE, "--out", str(out),
                     "--everyone", "--lang", "en")
    assert result.returncode == 0, result.stderr
    packs = [" ".join(p.split()) for p in pdf_text(out).split("Travel pack for")[1:]]
    takahashi = next(p for p in packs if p.startswith("Masayuki Takahashi"))
    miller = next(p for p in packs if p.startswith("Sarah Miller"))
    assert "Consulate General of Japan in New York" in takahashi
    assert "Embassy of the United States of America, Tokyo" not in takahashi
    assert "Embassy of the United States of America, Tokyo" in miller
    assert "Consulate General of Japan in New York" not in miller
    assert "Room: Room 1201 (Suite)" in takahashi and "Room 1201 (Suite)" not in miller


def test_next_years_mission_starts_with_the_same_consulates(demo_db):
    from datetime import date

    from models.duplicate import duplicate_mission

    mission_id = _mission_id(demo_db.engine)
    with write_session(demo_db.engine) as session:
        copy = duplicate_mission(session, mission_id=mission_id, new_code="HKD-ALB-2027",
                                 new_start=date(2027, 12, 6), copy_people=False)
    with read_session(demo_db.engine) as session:
        assert list_consulates(session, mission_id=copy) == \
            list_consulates(session, mission_id=mission_id) != []
        uuids = session.exec(select(Consulate.uuid)).all()
        assert len(set(uuids)) == len(uuids) == 4          # the copies have their own ids
