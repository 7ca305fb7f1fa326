"""Editing selected attendees together: only the ticked fields change, for every one of them,
and one undo puts each back as it was."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel

from models import repository as repo
from models.store.db import read_session
from tests.dialogs import when_modal
from ui.attendees.bulk_edit import BulkEditDialog


def _select(window, names: set[str]) -> list[int]:
    table, model = window.attendee_table, window.attendee_model
    table.clearSelection()
    ids = []
    for row in range(model.rowCount()):
        r = model.row_at(row)
        if r.family_name in names:
            table.selectionModel().select(model.index(row, 0), QItemSelectionModel.SelectionFlag
                                          .Select | QItemSelectionModel.SelectionFlag.Rows)
            ids.append(r.participant_id)
    return ids


def _people(window) -> dict[int, repo.AttendeeRow]:
    with read_session(window.db.engine) as session:
        return {a.participant_id: a for a in repo.list_attendees(
            session, mission_id=window.mission_id)}


def test_ticked_fields_change_for_all_selected_and_one_undo_restores(qtbot, window):
    window.tabs.setCurrentWidget(window.attendees)
    before = _people(window)
    ids = _select(window, {"Sato", "Miller", "Ito"})
    assert len(ids) == 3
    with read_session(window.db.engine) as session:
        jetro = next(o for o in repo.list_organizations(session) if "JETRO" in o.name_en)

    def fill(dialog):
        assert isinstance(dialog, BulkEditDialog) and "3 selected" in dialog.intro.text()
        save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
        assert not save.isEnabled()                 # nothing ticked: nothing to save
        dialog.ticks["status"].setChecked(True)
        dialog.status.setCurrentIndex(dialog.status.findData("cancelled"))
        dialog.ticks["organization"].setChecked(True)
        dialog.organization.setCurrentIndex(dialog.organization.findData(jetro.id))
        dialog.ticks["latin"].setChecked(True)
        dialog.latin.setCurrentIndex(1)               # not yet checked
        dialog.accept()

    when_modal(fill, BulkEditDialog)
    window.attendee_menu_actions.act_bulk_edit.trigger()
    after = _people(window)
    for pid in ids:
        assert after[pid].status == "cancelled" and after[pid].organization_id == jetro.id
        assert after[pid].latin_unconfirmed and after[pid].role == before[pid].role
    others = set(before) - set(ids)
    assert all(after[p] == before[p] for p in others)
    assert window.undo_stack.undoText() == "Edit 3 attendees"
    window.act_undo.trigger()
    assert _people(window) == before
    window.act_redo.trigger()
    assert all(_people(window)[p].status == "cancelled" for p in ids)


def test_the_sex_is_set_for_the_selected_and_undo_gives_each_their_own_back(qtbot, window):
    window.tabs.setCurrentWidget(window.attendees)
    before = _people(window)
    ids = _select(window, {"Sato", "Miller"})
    assert len(ids) == 2

    def fill(dialog):
        dialog.ticks["sex"].setChecked(True)
        assert [dialog.sex.itemText(i) for i in range(dialog.sex.count())] == [
            "Not given", "Female", "Male", "X (unspecified)"]
        dialog.sex.setCurrentIndex(dialog.sex.findData("F"))
        dialog.accept()

    when_modal(fill, BulkEditDialog)
    window.attendee_menu_actions.act_bulk_edit.trigger()
    after = _people(window)
    assert all(after[p].sex == "F" for p in ids)
    assert all(after[p] == before[p] for p in set(before) - set(ids))
    window.act_undo.trigger()
    assert _people(window) == before


def test_a_sex_that_is_no_code_is_refused_and_changes_nothing(empty_db):
    import pytest

    from models import bulk_edits
    from models.store.db import write_session
    from tests.mission_builder import Builder
    with write_session(empty_db.engine) as session:
        b = Builder(session)
        pid = b.person("Sato", sex="M")
    with pytest.raises(ValueError), write_session(empty_db.engine) as session:
        bulk_edits.edit_attendees(session, participant_ids=[pid],
                                  edit=bulk_edits.BulkEdit(sex="female", status="cancelled"))
    with read_session(empty_db.engine) as session:
        [row] = repo.list_attendees(session, mission_id=b.mission_id)
    assert (row.sex, row.status) == ("M", "confirmed")


def test_edit_selected_together_needs_a_selection_and_a_mission_that_can_change(qtbot, window):
    """Greyed with nobody selected (it did nothing when chosen), usable once one is, and
    greyed again when the database is read only."""
    window.tabs.setCurrentWidget(window.attendees)
    act = window.attendee_menu_actions.act_bulk_edit
    window.attendee_table.clearSelection()
    assert not act.isEnabled()
    _select(window, {"Sato", "Miller"})
    assert act.isEnabled()
    window.attendees.set_editable(False)                 # as a read-only database sets it
    assert not act.isEnabled()
