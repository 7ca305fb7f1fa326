"""The Sites tab: adding, editing and deleting a site with undo, and a site visit's visitor list
with each visitor's missing fields and clearance, changed and undone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models import sites
from models.entities import VisitClearance
from models.store.db import read_session
from tests.demo_today import fix_today
from tests.dialogs import when_modal
from tests.tabs import on_tab
from tests.test_window import switch_language, type_japanese

window = on_tab("sites_tab")


@pytest.fixture(autouse=True)
def demo_today(monkeypatch, window):
    fix_today(monkeypatch, window)


def site_names(window) -> list[str]:
    return [r.name_en or r.name_ja for r in window.site_model.rows()]


def choose_site(window, prefix: str) -> int:
    tab = window.sites_tab
    row = next(r for r in window.site_model.rows() if r.name_en.startswith(prefix))
    assert tab.select_site(row.id)
    window.tabs.setCurrentWidget(tab)
    return row.id


def test_a_site_is_added_with_its_requirements_undone_and_redone_with_its_id(qtbot, window):
    tab = window.sites_tab

    def fill(dialog):
        dialog.accept()                                  # no name: an error beside the field
        assert dialog.isVisible() and dialog.errors["name_en"].isVisible()
        type_japanese(dialog.fields["name_ja"], "北海道大学 創成研究機構")
        qtbot.keyClicks(dialog.fields["name_en"], "Hokkaido University CRIS")
        qtbot.keyClicks(dialog.fields["contact_email"], "not-an-address")
        dialog.accept()
        assert "e-mail" in dialog.errors["contact_email"].text()
        dialog.fields["contact_email"].setText("cris@hokudai.example.jp")
        dialog.fields["contact_phone"].setText("011-706-9000")
        dialog.notice.setValue(10)
        dialog.required["citizenship"].setChecked(True)
        dialog.required["passport_number"].setChecked(True)
        dialog.nda.setChecked(True)
        dialog.accept()

    when_modal(fill)
    tab.add_button.click()
    assert "Hokkaido University CRIS" in site_names(window)     # no item names it yet
    site_id = tab.current_site_id()
    with read_session(window.db.engine) as session:
        stored = sites.get_site(session, site_id=site_id)
    assert stored["name_ja"] == "北海道大学 創成研究機構"
    assert stored["contact_phone"] == "+81117069000"
    assert stored["required_fields"] == "citizenship,passport_number"
    assert stored["notice_days"] == 10 and stored["nda"] and not stored["safety_briefing"]
    assert window.act_undo.text() == "&Undo: Add site Hokkaido University CRIS"
    window.act_undo.trigger()
    assert "Hokkaido University CRIS" not in site_names(window)
    window.act_redo.trigger()
    assert tab.site_row(site_id) is not None


def test_editing_a_site_shows_in_the_table_and_undo_restores_it(qtbot, window):
    tab = window.sites_tab
    site_id = choose_site(window, "Albany")

    def edit(dialog):
        assert dialog.notice.value() == 14
        assert dialog.required["visa_type"].isChecked()
        dialog.notice.setValue(21)
        dialog.required["passport_number"].setChecked(True)
        dialog.accept()

    when_modal(edit)
    tab.edit_button.click()
    row = tab.site_row(site_id)
    assert row.notice_days == 21 and "passport_number" in row.required_fields
    assert tab.current_site_id() == site_id                 # still chosen after the reload
    # The visit list follows: a longer notice moves the deadline back a week.
    assert "Nov 19, 2026" in tab.visitors.deadline.text()
    window.act_undo.trigger()
    assert tab.site_row(site_id).notice_days == 14
    assert "Nov 26, 2026" in tab.visitors.deadline.text()


def test_deleting_a_site_asks_and_undo_puts_it_back_on_its_items(qtbot, window):
    tab = window.sites_tab
    site_id = choose_site(window, "JETRO")
    seen = {}

    def answer(box):
        seen["text"] = box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    when_modal(answer)
    tab.delete_button.click()
    assert "2 items of this mission take place there" in seen["text"]
    assert "JETRO Headquarters" not in site_names(window)
    window.act_undo.trigger()
    assert tab.site_row(site_id) is not None
    with read_session(window.db.engine) as session:
        usage = sites.site_usage(session, site_id=site_id, mission_id=window.mission_id)
    assert usage.items_here == 2


def test_a_visit_lists_its_visitors_with_missing_fields_and_the_due_date(window):
    choose_site(window, "Albany")
    tab = window.sites_tab
    assert tab.visit_list.count() == 2
    assert "Site visit: Albany NanoTech Complex" in tab.visit_list.item(0).text()
    visitors = tab.visitors
    names = [visitors.table.item(r, 0).text() for r in range(visitors.table.rowCount())]
    assert "Emi Kato" in names
    kato = names.index("Emi Kato")
    assert visitors.table.item(kato, 1).text() == "Visa type"
    assert visitors.table.cellWidget(kato, 2).currentText() == "Not sent"
    assert visitors.deadline.text() == ("The visitor list was due on Thu, Nov 26, 2026 "
                                        "(14 days of notice).")


def test_a_hotel_site_says_its_stay_has_a_rooming_list_not_a_visitor_list(window):
    choose_site(window, "Sapporo Kitagate")
    tab = window.sites_tab
    assert tab.visit_list.count() == 0 and tab.visitors.table.rowCount() == 0
    assert tab.no_visits.text().startswith("A hotel of this mission's stays")
    choose_site(window, "Hokkaido")            # a host with a meeting, no site visit
    assert tab.no_visits.text().startswith("This mission has no site visit here")


def cells(window, site_id: int) -> dict[str, str]:
    model = window.site_model
    row = next(i for i, r in enumerate(model.rows()) if r.id == site_id)
    return {c.key: model.index(row, n).data() for n, c in enumerate(model.columns)}


def test_a_hotel_shows_no_visitor_rules_and_a_site_to_visit_keeps_them(qtbot, window):
    hotel = cells(window, choose_site(window, "Sapporo Kitagate"))
    assert hotel["required"] == "Hotel: a rooming list, no visitor list"
    assert all(hotel[k] == "" for k in ("notice", "nda", "briefing", "dress", "photo"))
    assert hotel["address"]                    # still a place with its address
    rapidus = cells(window, choose_site(window, "Rapidus"))
    assert rapidus["notice"] != "" and rapidus["nda"] in ("Required", "Not required")
    assert "rooming list" not in rapidus["required"]
    switch_language(qtbot, window, "ja")
    hotel = cells(window, choose_site(window, "Sapporo Kitagate"))
    assert hotel["required"] == "ホテル：ルーミングリストを作成（見学者名簿なし）"


def test_clearance_is_changed_with_the_combo_and_undone(qtbot, window):
    choose_site(window, "Albany")
    visitors = window.sites_tab.visitors
    item_id = window.sites_tab.visit_list.currentItem().data(Qt.ItemDataRole.UserRole)
    kato = next(r for r in visitors.rows if r.family_name == "Kato")
    combo = visitors.combo(kato.participant_id)
    combo.setCurrentIndex(combo.findData("submitted"))
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1)

    def status() -> str | None:
        with read_session(window.db.engine) as session:
            row = session.get(VisitClearance, (item_id, kato.participant_id))
            return row.status if row else None

    assert status() == "submitted"
    assert visitors.combo(kato.participant_id).currentText() == "Submitted"
    assert window.act_undo.text() == "&Undo: Clearance of Emi Kato: Submitted"
    window.act_undo.trigger()
    assert status() is None
    assert visitors.combo(kato.participant_id).currentText() == "Not sent"
    window.act_redo.trigger()
    assert status() == "submitted"


def test_the_sites_tab_speaks_japanese(qtbot, window):
    choose_site(window, "Albany")
    switch_language(qtbot, window, "ja")
    tab = window.sites_tab
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == "訪問先"
    assert tab.add_button.text() == "訪問先を追加(&A)…"
    assert tab.visitors.deadline.text().startswith("見学者名簿の提出期限は2026年11月26日(木)")
    kato = next(r for r in tab.visitors.rows if r.family_name == "Kato")
    assert tab.visitors.combo(kato.participant_id).currentText() == "未提出"
    assert tab.visit_list.item(0).text().startswith("12月10日(木) 9:00 EST")


def test_a_sites_contact_address_is_folded_as_an_attendees_is(qtbot):
    """Typed in full width on a Japanese keyboard, ！ included: the address stored is the one
    meant, as the attendee dialog and the roster import store it (rules.normalize_email)."""
    from ui.sites.site_dialog import SiteDialog

    dialog = SiteDialog()
    qtbot.addWidget(dialog)
    dialog.fields["name_en"].setText("CRIS")
    dialog.fields["contact_email"].setText("ｃｒｉｓ！ｄｅｓｋ＠ｈｏｋｕｄａｉ．ｅｘａｍｐｌｅ．ｊｐ")
    assert "contact_email" not in dialog.check()
    assert dialog.values()["contact_email"] == "cris!desk@hokudai.example.jp"
    dialog.fields["contact_email"].setText("mailto:not an address")
    assert "contact_email" in dialog.check()
