"""The library in the window: a new mission's Sites tab takes a site other missions visit, a new
site like an existing one is offered the existing one first, sites and organizations are merged
and the merge undone as one step, aliases typed in the organizations dialog."""

from __future__ import annotations

import os
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlmodel import select

import i18n
from models import repository as repo
from models.entities import ItineraryItem, Organization, Person, Site
from models.organization_names import split_aliases
from models.sites import create_site
from models.store.db import read_session, write_session
from tests.dialogs import when_modal
from tests.test_window import switch_language, type_japanese
from ui.attendees.organizations_dialog import OrganizationsDialog
from ui.common.merge_dialog import MergeDialog
from ui.sites.site_picker import SitePicker

SHOTS = os.environ.get("KAKEHASHI_SHOTS")      # a folder: the dialogs are saved there as PNGs


def _shot(widget, name: str) -> None:
    if SHOTS:
        widget.grab().save(os.path.join(SHOTS, f"{name}-{i18n.current_language()}.png"))


def _new_mission(window) -> int:
    with write_session(window.db.engine) as s:
        mission_id = repo.create_mission(s, code="ALB-2027", title_en="Albany 2027",
                                         title_ja="", start_date=date(2027, 12, 6),
                                         end_date=date(2027, 12, 10), home_tz="Asia/Tokyo")
    window.reload_missions(select_id=mission_id)
    window.tabs.setCurrentWidget(window.sites_tab)
    return mission_id


def _site_names(window) -> list[str]:
    return [r.name_en for r in window.site_model.rows()]


def test_a_new_mission_takes_a_site_from_the_library_and_undo_takes_it_off(qtbot, window):
    _new_mission(window)
    assert _site_names(window) == []

    def pick(picker: SitePicker):
        assert picker.list.count() >= 3                  # the demo mission's sites
        _shot(picker, "site-picker")
        qtbot.keyClicks(picker.filter, "nanotech")
        shown = [picker.list.item(r).text() for r in range(picker.list.count())
                 if not picker.list.item(r).isHidden()]
        assert len(shown) == 1 and shown[0].startswith("Albany NanoTech Complex")
        qtbot.keyClick(picker.filter, Qt.Key.Key_Return)      # Enter adds the one shown

    when_modal(pick, SitePicker, must_close=True)
    window.sites_tab.add_button.click()
    assert _site_names(window) == ["Albany NanoTech Complex"]
    window.undo()
    assert _site_names(window) == []
    window.redo()
    assert _site_names(window) == ["Albany NanoTech Complex"]


def _site_count(window) -> int:
    with read_session(window.db.engine) as s:
        return len(s.exec(select(Site)).all())


def test_a_new_site_like_an_existing_one_is_offered_the_existing_one(qtbot, window):
    _new_mission(window)
    before = _site_count(window)

    def new_site(picker: SitePicker):
        picker.new_button.click()

    def fill(dialog):
        qtbot.keyClicks(dialog.fields["name_en"], "albany nanotech  COMPLEX")
        dialog.accept()

    def use_existing(box: QMessageBox):
        assert "Albany NanoTech Complex" in box.text()
        _shot(box, "similar-site")
        next(b for b in box.buttons() if "existing" in b.text()).click()

    when_modal(new_site, SitePicker)
    when_modal(fill)
    when_modal(use_existing, QMessageBox)
    window.sites_tab.add_button.click()
    assert _site_names(window) == ["Albany NanoTech Complex"]   # no second one made
    assert _site_count(window) == before


def test_merging_two_sites_moves_the_visits_and_undoes_as_one_step(qtbot, window):
    with write_session(window.db.engine) as s:
        dup = create_site(s, values={"name_en": "Albany Nanotech complex",
                                     "tz": "America/New_York"})
        albany = next(x.id for x in s.exec(select(Site)) if x.name_en.startswith("Albany"))
        visit = next(i for i in s.exec(select(ItineraryItem)) if i.site_id == albany)
        original, visit_id = visit.site_id, visit.id
        visit.site_id = dup
        s.add(visit)
    window.reload_missions(switch=True)
    window.tabs.setCurrentWidget(window.sites_tab)
    tab = window.sites_tab
    assert tab.select_site(dup)

    def merge(dialog: MergeDialog):
        assert dialog.chosen() == original                # the near-duplicate comes first
        assert "1 item" in dialog.effect.text()
        _shot(dialog, "merge-sites")
        dialog.accept()

    when_modal(merge, MergeDialog, must_close=True)
    tab.merge_button.click()
    with read_session(window.db.engine) as s:
        assert s.get(ItineraryItem, visit_id).site_id == original
    assert "Albany Nanotech complex" not in _site_names(window)
    window.undo()
    with read_session(window.db.engine) as s:
        assert s.get(ItineraryItem, visit_id).site_id == dup
    assert "Albany Nanotech complex" in _site_names(window)


def _org_id(window, prefix: str) -> int:
    with read_session(window.db.engine) as s:
        return next(o.id for o in s.exec(select(Organization)) if o.name_en.startswith(prefix))


def test_aliases_and_a_merge_of_organizations_in_the_dialog_with_undo(qtbot, window):
    tel = _org_id(window, "Tokyo Electron")
    with write_session(window.db.engine) as s:
        dup = repo.create_organization(s, name_en="", name_ja="キオクシア")
        kioxia = repo.create_organization(s, name_en="Kioxia Corporation")
        pid = repo.create_person(s, family_name="Mori", given_name="Ken", organization_id=dup)
    dialog = OrganizationsDialog(window.ctx, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    row = dialog.row_of(tel)
    dialog.table.setCurrentCell(row, 2)
    dialog.table.item(row, 2).setText("TEL; 東京エレクトロン；Tokyo Electron")
    with read_session(window.db.engine) as s:
        assert split_aliases(s.get(Organization, tel).aliases) == [
            "TEL", "東京エレクトロン", "Tokyo Electron"]
    assert dialog.table.item(row, 2).text() == "TEL; 東京エレクトロン; Tokyo Electron"
    dialog.table.setCurrentCell(dialog.row_of(dup), 0)

    def merge(merge_dialog: MergeDialog):
        merge_dialog.target.setCurrentIndex(merge_dialog.target.findData(kioxia))
        assert "1 person and 0 missions" in merge_dialog.effect.text()
        _shot(merge_dialog, "merge-organizations")
        merge_dialog.accept()

    when_modal(merge, MergeDialog, must_close=True)
    dialog.merge_button.click()
    _shot(dialog, "organizations")
    with read_session(window.db.engine) as s:
        assert s.get(Organization, dup) is None
        assert s.get(Person, pid).organization_id == kioxia
        assert split_aliases(s.get(Organization, kioxia).aliases) == ["キオクシア"]
    dialog.close()
    window.undo()                                          # the merge, in one step
    with read_session(window.db.engine) as s:
        assert s.get(Organization, dup).name_ja == "キオクシア"
        assert s.get(Person, pid).organization_id == dup
        assert s.get(Organization, kioxia).aliases == ""
    window.undo()                                          # then the aliases
    with read_session(window.db.engine) as s:
        assert s.get(Organization, tel).aliases == ""


def test_the_library_dialogs_speak_japanese(qtbot, window):
    switch_language(qtbot, window, "ja")
    _new_mission(window)
    seen = {}

    def pick(picker: SitePicker):
        seen["title"] = picker.windowTitle()
        seen["ok"] = picker.new_button.text()
        seen["add"] = picker.add_button.text()          # not reset to "OK" by the language
        # Hiragana finds ナノテック (おーるばに would find the Albany hotel too).
        type_japanese(picker.filter, "なのてっく")
        seen["shown"] = [picker.list.item(r).text() for r in range(picker.list.count())
                         if not picker.list.item(r).isHidden()]
        _shot(picker, "site-picker")
        picker.reject()

    when_modal(pick, SitePicker, must_close=True)
    window.sites_tab.add_button.click()
    shown = seen.pop("shown")
    assert seen == {"title": "訪問先の追加", "ok": "新しい訪問先(&N)…",
                    "add": "このミッションに追加(&A)"}
    assert len(shown) == 1 and shown[0].startswith("オールバニ")
    dialog = OrganizationsDialog(window.ctx, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.merge_button.text() == "統合(&M)…"
    merge = MergeDialog(lambda: "組織の統合", "キオクシア", [(1, "Kioxia")], lambda _i: "",
                        parent=dialog)
    qtbot.addWidget(merge)
    assert merge.merge_button.text() == "統合(&M)"
    _shot(dialog, "organizations")


def test_the_attendee_dialog_finds_an_organization_by_another_name(qtbot, window):
    from ui.attendees.attendee_dialog import AttendeeDialog

    with read_session(window.db.engine) as s:
        orgs = repo.list_organizations(s)
    tel = _org_id(window, "Tokyo Electron")
    dialog = AttendeeDialog(orgs, mission_end=date(2026, 12, 13), countries={"JP", "US"})
    qtbot.addWidget(dialog)
    dialog.show()
    for typed in ("TEL", "Tokyo Electron"):
        dialog.organization.lineEdit().clear()
        qtbot.keyClicks(dialog.organization.lineEdit(), typed)
        assert dialog.organization.choice() == (tel, "")
        assert not dialog.organization_note.isVisible()       # not "a new organization"
    dialog.organization.lineEdit().clear()
    type_japanese(dialog.organization.lineEdit(), "東京エレクトロン")
    assert dialog.organization.choice() == (tel, "")


def test_the_citizenship_field_offers_every_cldr_country_as_typed(qtbot, window):
    from ui.attendees.attendee_dialog import AttendeeDialog

    dialog = AttendeeDialog([], mission_end=date(2026, 12, 13), countries={"JP", "US"})
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.citizenship
    completer = combo.completer()
    assert completer.model().rowCount() > 240
    qtbot.keyClicks(combo.lineEdit(), "germ")
    offered = [completer.completionModel().index(r, 0).data()
               for r in range(completer.completionModel().rowCount())]
    assert offered == ["DE — Germany"]
    combo.setCurrentText(offered[0])
    assert combo.code() == "DE"
    combo.setCurrentText("DEU")                                # alpha-3 from CLDR
    assert combo.code() == "DE"
    switch_language(qtbot, window, "ja")
    combo.retranslate_ui()
    combo.lineEdit().clear()
    type_japanese(combo.lineEdit(), "ドイツ")
    assert combo.code() == "DE"
    assert any(combo.completer().model().index(r, 0).data() == "DE — ドイツ"
               for r in range(combo.completer().model().rowCount()))
