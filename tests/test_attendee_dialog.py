"""Attendees added, edited, duplicated and removed through the window, as a user would, on the
demo database: the dialog's checks beside each field, undo and redo, organizations."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QApplication, QMessageBox
from sqlmodel import select

from i18n.formatting import format_date
from models import attendees as att
from models import repository as repo
from models.entities import ItemParticipant, Organization
from models.store.db import read_session
from tests.dialogs import when_modal as _when_modal
from tests.tabs import on_tab
from tests.test_window import switch_language, type_japanese
from ui.attendees.attendee_dialog import AttendeeDialog
from ui.attendees.organizations_dialog import OrganizationsDialog

window = on_tab("attendees")


END = date(2026, 12, 13)


def when_modal(act) -> None:
    """when_modal for answers that close their dialog: one left open fails the test."""
    _when_modal(act, must_close=True)


def _rows(window) -> list:
    with read_session(window.db.engine) as session:
        return repo.list_attendees(session, mission_id=window.mission_id)


def _row(window, family: str):
    return next(r for r in _rows(window) if r.family_name == family)


def _data(window, participant_id: int) -> att.AttendeeData:
    with read_session(window.db.engine) as session:
        return att.get_attendee(session, participant_id=participant_id)


def _org_named(window, name: str) -> Organization | None:
    with read_session(window.db.engine) as session:
        return session.exec(select(Organization).where(Organization.name_en == name)).first()


def _dialog(qtbot, **kwargs) -> AttendeeDialog:
    dialog = AttendeeDialog([], mission_end=END, countries={"JP", "US"}, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _answer(button_text: str) -> None:
    """Click the button with this text on the next message box (the warnings before saving)."""
    def click(box):
        seen.append(box.text() + "\n" + box.informativeText())
        next(b for b in box.buttons() if b.text() == button_text).click()
    seen: list[str] = []
    when_modal(click)
    return seen


def test_an_attendee_is_added_through_the_dialog_with_japanese_names(qtbot, window):
    count = len(_rows(window))

    def fill(dialog):
        qtbot.keyClicks(dialog.fields["family_name"], "Fujimoto")
        qtbot.keyClicks(dialog.fields["given_name"], "Ayaka")
        type_japanese(dialog.fields["family_name_ja"], "藤本")
        type_japanese(dialog.fields["given_name_ja"], "彩花")
        type_japanese(dialog.fields["family_kana"], "ふじもと")
        type_japanese(dialog.fields["given_kana"], "あやか")
        dialog.organization.setCurrentText("nY crEATES")          # found ignoring case
        qtbot.keyClicks(dialog.fields["email"], "a.fujimoto@example.jp")
        qtbot.keyClicks(dialog.fields["phone"], "090-1234-5678")
        dialog.citizenship.set_code("JP")
        dialog.role.setCurrentIndex(dialog.role.findData("speaker"))
        dialog.accept()

    when_modal(fill)
    window.attendee_actions.add()
    assert len(_rows(window)) == count + 1
    row = _row(window, "Fujimoto")
    assert (row.family_name_ja, row.given_name_ja, row.family_kana) == ("藤本", "彩花", "ふじもと")
    assert (row.phone, row.citizenship, row.role) == ("+819012345678", "JP", "speaker")
    assert row.organization_en == "NY CREATES"
    assert window.attendee_model.rowCount() == count + 1
    assert window.act_undo.text() == "&Undo: Add Ayaka Fujimoto"
    window.act_undo.trigger()
    assert len(_rows(window)) == count
    window.act_redo.trigger()
    assert _row(window, "Fujimoto").participant_id == row.participant_id   # the same row


def test_each_problem_is_shown_beside_its_field_and_the_first_gets_focus(qtbot):
    dialog = _dialog(qtbot)
    dialog.accept()
    assert dialog.isVisible()
    assert "needed for passports and hotel systems" in dialog.errors["latin"].text()
    assert dialog.errors["latin"].isVisible() and not dialog.errors["email"].isVisible()
    assert dialog.focusWidget() is dialog.fields["family_name"]
    qtbot.keyClicks(dialog.fields["family_name"], "Okafor")
    qtbot.keyClicks(dialog.fields["given_name"], "Chidi")
    qtbot.keyClicks(dialog.fields["email"], "chidi@")
    qtbot.keyClicks(dialog.fields["phone"], "12345")
    dialog.citizenship.setCurrentText("NG")
    dialog.passport_expiry.setText("2027-05-31")
    dialog.accept()
    assert dialog.isVisible()
    assert not dialog.errors["latin"].isVisible()
    assert "not an e-mail address" in dialog.errors["email"].text()
    assert "Not a phone number" in dialog.errors["phone"].text()
    assert dialog.focusWidget() is dialog.fields["email"]
    # Six months beyond the departure for Nigeria entering the US: the date is in the message.
    assert format_date(date(2027, 6, 13)) in dialog.errors["passport_expiry"].text()
    assert "Sun, Jun 13, 2027" in dialog.errors["passport_expiry"].text()


def test_a_passport_expiring_too_soon_is_a_warning_that_can_be_overridden(qtbot):
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.fields["family_name"], "Miller")
    qtbot.keyClicks(dialog.fields["given_name"], "Ann")
    dialog.citizenship.set_code("US")
    dialog.passport_expiry.setText("12/1/2026")
    seen = _answer("Go back")
    dialog.accept()
    assert dialog.isVisible() and dialog.focusWidget() is dialog.passport_expiry
    assert "Sun, Dec 13, 2026" in seen[0] and "Japan" in seen[0]
    dialog.passport_expiry.setText("12/13/2026")                 # through the stay: fine
    dialog.accept()
    assert not dialog.isVisible()
    assert dialog.attendee().person["passport_expiry"] == END


def test_phone_numbers_are_shown_back_in_international_form(qtbot):
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.fields["phone"], "090-1234-5678")
    dialog.fields["phone"].editingFinished.emit()
    assert dialog.fields["phone"].text() == "+819012345678"
    dialog.fields["phone"].clear()
    dialog.citizenship.set_code("US")
    qtbot.keyClicks(dialog.fields["phone"], "(518) 555-0123")
    dialog.fields["phone"].editingFinished.emit()
    assert dialog.fields["phone"].text() == "+15185550123"
    dialog.citizenship.set_code("JP")                 # read as a Japanese number: not one
    dialog.fields["phone"].setText("(518) 555-0123")
    assert "phone" in dialog.check()[0]


def test_the_same_name_and_email_warn_and_can_be_saved_anyway(qtbot, window):
    count = len(_rows(window))
    seen = {}

    def fill(dialog):
        qtbot.keyClicks(dialog.fields["family_name"], "TAKAHASHI")
        qtbot.keyClicks(dialog.fields["given_name"], "masayuki")
        qtbot.keyClicks(dialog.fields["email"], "m.takahashi@jetro.example.jp")
        seen["back"] = _answer("Go back")
        dialog.accept()
        seen["open"] = dialog.isVisible()
        seen["save"] = _answer("Save anyway")
        dialog.accept()

    when_modal(fill)
    window.attendee_actions.add()
    assert seen["open"]
    assert "Masayuki Takahashi is already in this mission" in seen["back"][0]
    assert seen["save"]
    assert len(_rows(window)) == count + 1


def test_an_edit_is_undone_and_redone_to_the_exact_values(qtbot, window):
    row = _row(window, "Miller")
    before = _data(window, row.participant_id)

    def edit(dialog):
        assert dialog.fields["email"].text() == "smiller@nycreates.example.org"
        # Sensitive fields stay out of window titles (they show in task bars and screen shares).
        secret = (before.person["passport_number"], str(before.person["date_of_birth"]))
        assert all(secret)
        assert not any(s in dialog.windowTitle() or s in window.windowTitle() for s in secret)
        dialog.fields["title_en"].setText("Vice President, Partnerships")
        dialog.fields["dietary"].setText("Vegetarian")
        dialog.passport_expiry.setText("2031-01-15")
        dialog.status.setCurrentIndex(dialog.status.findData("cancelled"))
        dialog.accept()

    when_modal(edit)
    window.attendee_actions.edit(row.participant_id)
    after = _data(window, row.participant_id)
    assert after.person["title_en"] == "Vice President, Partnerships"
    assert after.person["passport_expiry"] == date(2031, 1, 15)
    assert after.status == "cancelled"
    assert window.act_undo.text() == "&Undo: Edit Sarah Miller"
    window.act_undo.trigger()
    assert _data(window, row.participant_id) == before
    assert window.act_redo.text() == "&Redo: Edit Sarah Miller"
    window.act_redo.trigger()
    assert _data(window, row.participant_id) == after


def test_a_long_value_opens_at_its_beginning(qtbot, window):
    """A job title longer than its box (in either language) is shown from its start, as it
    reads, not scrolled to its end. The field the dialog opens in keeps its cursor at the end,
    where typing goes on."""
    shown, first = {}, []

    def look(dialog):
        for key in ("title_en", "title_ja"):
            field = dialog.fields[key]
            wide = field.fontMetrics().horizontalAdvance(field.text()) > field.width()
            shown[key] = (wide, field.cursorPosition())
        family = dialog.fields["family_name"]
        qtbot.waitUntil(lambda: dialog.focusWidget() is not None)    # opened and focused
        first.append((dialog.focusWidget() is family,
                      family.cursorPosition() == len(family.text())))
        dialog.reject()

    when_modal(look)
    window.attendee_actions.edit(_row(window, "O'Connor").participant_id)
    assert shown and all(wide for wide, _at in shown.values()), shown   # too long to fit
    assert all(at == 0 for _wide, at in shown.values()), shown
    assert first == [(True, True)]


def test_an_edit_that_changes_nothing_is_not_an_undo_step(qtbot, window):
    when_modal(lambda dialog: dialog.accept())
    window.attendee_actions.edit(_row(window, "Miller").participant_id)
    assert window.undo_stack.count() == 0


def test_removing_asks_first_and_undo_brings_back_the_itinerary_links(qtbot, window):
    with read_session(window.db.engine) as session:
        part_id = session.exec(select(ItemParticipant.participant_id)).first()
        links = set(session.exec(select(ItemParticipant.item_id).where(
            ItemParticipant.participant_id == part_id)).all())
    before = _data(window, part_id)
    count = len(_rows(window))
    asked = {}

    def cancel(box):
        asked["text"] = box.text()
        box.button(QMessageBox.StandardButton.Cancel).click()

    when_modal(cancel)
    window.attendee_actions.delete(part_id)
    assert "You can undo this." in asked["text"]
    assert len(_rows(window)) == count
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    window.attendee_actions.delete(part_id)
    assert len(_rows(window)) == count - 1
    assert window.act_undo.text().startswith("&Undo: Remove ")
    window.act_undo.trigger()
    assert _data(window, part_id) == before
    with read_session(window.db.engine) as session:
        assert set(session.exec(select(ItemParticipant.item_id).where(
            ItemParticipant.participant_id == part_id)).all()) == links


def test_a_new_organization_typed_in_the_dialog_is_created_and_undone(qtbot, window):
    def fill(dialog):
        qtbot.keyClicks(dialog.fields["family_name"], "Chen")
        qtbot.keyClicks(dialog.fields["given_name"], "Lily")
        qtbot.keyClicks(dialog.organization.lineEdit(), "Albany Photonics Inc.")
        assert dialog.organization_note.isVisible()
        assert "Albany Photonics Inc." in dialog.organization_note.text()
        dialog.accept()

    when_modal(fill)
    window.attendee_actions.add()
    org = _org_named(window, "Albany Photonics Inc.")
    assert org is not None
    assert _row(window, "Chen").organization_id == org.id
    window.act_undo.trigger()
    assert _org_named(window, "Albany Photonics Inc.") is None
    assert not any(r.family_name == "Chen" for r in _rows(window))
    window.act_redo.trigger()
    assert _org_named(window, "Albany Photonics Inc.").id == org.id
    assert _row(window, "Chen").organization_id == org.id


def test_duplicating_fills_the_dialog_without_personal_details(qtbot, window):
    source = _row(window, "Miller")
    seen = {}

    def look(dialog):
        seen.update(email=dialog.fields["email"].text(),
                    passport=dialog.fields["passport_number"].text(),
                    org=dialog.organization.currentText(), title=dialog.windowTitle())
        dialog.fields["given_name"].setText("Sam")
        dialog.accept()

    when_modal(look)
    window.attendee_actions.duplicate(source.participant_id)
    assert seen["email"] == "" and seen["passport"] == ""
    assert seen["org"] == "NY CREATES" and seen["title"] == "Add attendee"
    copy = next(r for r in _rows(window) if r.given_name == "Sam")
    assert (copy.family_name, copy.organization_id) == ("Miller", source.organization_id)
    assert window.act_undo.text() == "&Undo: Add Sam Miller"


def test_the_attendees_menu_follows_the_database_and_the_selection(qtbot, window):
    actions, tab = window.attendee_menu_actions, window.attendees
    assert window.attendee_menu.title() == "&Attendees"
    assert tab.act_add in window.attendee_menu.actions()       # one action, menu and tab alike
    assert tab.act_add.isEnabled() and actions.act_organizations.isEnabled()
    window.attendee_table.setCurrentIndex(window.attendee_model.index(0, 0))
    assert tab.act_edit.isEnabled() and tab.act_delete.isEnabled()
    window.show_mission(None)
    assert not tab.act_add.isEnabled() and not tab.act_edit.isEnabled()


def test_organizations_are_added_renamed_and_kept_while_people_belong(qtbot, window):
    dialog = OrganizationsDialog(window.ctx, parent=window)
    qtbot.addWidget(dialog)
    dialog.add_row()
    new_row = dialog.table.rowCount() - 1
    dialog.table.item(new_row, 0).setText("Albany Photonics Inc.")
    org = _org_named(window, "Albany Photonics Inc.")
    assert org is not None and dialog.changed
    dialog.table.item(new_row, 1).setText("オールバニ・フォトニクス")
    dialog.table.item(new_row, 0).setText("Albany Photonics")
    with read_session(window.db.engine) as session:
        renamed = session.get(Organization, org.id)
    assert (renamed.name_en, renamed.name_ja) == ("Albany Photonics", "オールバニ・フォトニクス")

    dialog.table.item(new_row, 0).setText("NY CREATES")                # taken: refused
    assert "already has this name" in dialog.message.text()
    assert dialog.table.item(new_row, 0).text() == "Albany Photonics"

    jetro = next(o for o in _orgs(window) if "JETRO" in o.name_en)
    dialog.table.setCurrentCell(dialog.row_of(jetro.id), 0)
    dialog.delete_current()
    assert "cannot be deleted: 4 people belong to it." in dialog.message.text()
    assert any(o.id == jetro.id for o in _orgs(window))

    dialog.table.setCurrentCell(dialog.row_of(org.id), 0)
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    dialog.delete_current()
    assert not any(o.id == org.id for o in _orgs(window))


def _orgs(window) -> list[Organization]:
    with read_session(window.db.engine) as session:
        return repo.list_organizations(session)


def test_renaming_an_organization_shows_in_the_attendee_table(qtbot, window):
    def rename(dialog):
        row = next(r for r in range(dialog.table.rowCount())
                   if dialog.table.item(r, 0).text() == "NY CREATES")
        dialog.table.item(row, 0).setText("NY CREATES (Albany)")
        dialog.reject()

    when_modal(rename)
    window.attendee_actions.organizations()
    assert _row(window, "Miller").organization_en == "NY CREATES (Albany)"
    assert "NY CREATES (Albany)" in {r.organization_en for r in window.attendee_model.rows()}


def test_the_dialog_speaks_japanese_and_switches_while_open(qtbot, window):
    dialog = AttendeeDialog([], mission_end=END, countries={"JP", "US"}, parent=window)
    dialog.show()
    dialog.accept()
    assert dialog.labels["family"].text() == "Family name"
    assert "Latin script is required" in dialog.errors["latin"].text()
    switch_language(qtbot, window, "ja")
    QApplication.processEvents()
    assert dialog.labels["family"].text() == "姓"
    assert dialog.windowTitle() == "参加者の追加"
    assert dialog.errors["latin"].text() == (
        "ローマ字の氏名は必須です。パスポートやホテルのシステムで必要になります。")
    dialog.close()
    fresh = AttendeeDialog([], mission_end=END, countries={"JP", "US"}, parent=window)
    fresh.show()
    type_japanese(fresh.fields["family_name"], "山田")
    fresh.accept()
    assert fresh.errors["latin"].text().startswith("パスポートの表記どおりローマ字で")
    assert fresh.labels["passport_expiry"].text() == "パスポートの有効期限"
    fresh.close()
    switch_language(qtbot, window, "en")


def test_an_import_is_one_undo_step_and_redo_restores_the_same_rows(qtbot, window):
    from ui.attendees.commands import ImportAttendees

    miller = _row(window, "Miller")
    before = _data(window, miller.participant_id)
    rows = [{"person": {"family_name": "Okafor", "given_name": "Chidi", "email": "c@example.org"},
             "organization": "Albany Photonics Inc.", "role": "speaker", "person_id": None},
            {"person": {"title_en": "Chief Partnerships Officer", "email": ""},
             "organization": "", "role": "", "person_id": miller.person_id}]
    command = ImportAttendees(window.db.engine, window.events, window.mission_id, rows)
    assert window.run_command(command)
    assert (command.created_count, command.updated_count) == (1, 1)
    assert window.act_undo.text() == "&Undo: Import 2 attendees"
    added = _row(window, "Okafor")
    org = _org_named(window, "Albany Photonics Inc.")
    after = _data(window, miller.participant_id)
    assert after.person["title_en"] == "Chief Partnerships Officer"
    window.act_undo.trigger()
    assert _data(window, miller.participant_id) == before
    assert not any(r.family_name == "Okafor" for r in _rows(window))
    assert _org_named(window, "Albany Photonics Inc.") is None
    window.act_redo.trigger()
    assert _row(window, "Okafor") == added
    assert _org_named(window, "Albany Photonics Inc.").id == org.id
    assert _data(window, miller.participant_id) == after
