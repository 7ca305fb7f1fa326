"""What the window does when someone adds, edits, duplicates or removes an attendee, or manages
the organizations: the menu actions, the dialogs, and the undoable commands they end in.

Every change goes through window.run_command, so a storage error is shown and the step is
recorded for undo only once it is committed.
"""

from __future__ import annotations

import copy

from PySide6.QtGui import QAction, QKeySequence

from i18n import _
from models import attendees as att
from models import repository as repo
from models import rules
from models.store.db import read_session
from ui.attendees.commands import AddAttendee, EditAttendee, RemoveAttendee, attendee_name
from ui.common.dialogs import confirm, exec_until_saved

# Cleared when duplicating: what identifies or belongs to one person only.
PERSONAL_FIELDS = ("email", "phone", "passport_number", "passport_expiry", "date_of_birth")


class AttendeeActions:
    def __init__(self, window):
        self.window = window
        self.act_add = QAction(window, shortcut=QKeySequence("Ctrl+Shift+A"),
                               triggered=lambda: self.add())
        self.act_edit = QAction(window, triggered=lambda: self._on_current(self.edit))
        self.act_duplicate = QAction(window, shortcut=QKeySequence("Ctrl+D"),
                                     triggered=lambda: self._on_current(self.duplicate))
        self.act_delete = QAction(window, triggered=lambda: self._on_current(self.delete))
        self.act_organizations = QAction(window, triggered=lambda: self.organizations(),
                                         enabled=not window.db.read_only)
        # The tab knows whether a row is current and the database writable; mirror it.
        tab = window.attendees
        for mine, theirs in ((self.act_add, tab.act_add), (self.act_edit, tab.act_edit),
                             (self.act_duplicate, tab.act_duplicate),
                             (self.act_delete, tab.act_delete)):
            mine.setEnabled(theirs.isEnabled())
            theirs.enabledChanged.connect(mine.setEnabled)
        tab.add_requested.connect(self.add)
        tab.edit_requested.connect(self.edit)
        tab.duplicate_requested.connect(self.duplicate)
        tab.delete_requested.connect(self.delete)

    def menu_actions(self) -> list[QAction | None]:
        """The Attendees menu, None for a separator."""
        return [self.act_add, self.act_edit, self.act_duplicate, self.act_delete, None,
                self.act_organizations]

    def retranslate_ui(self) -> None:
        self.act_add.setText(_("&Add attendee…"))
        self.act_edit.setText(_("&Edit attendee…"))
        self.act_duplicate.setText(_("D&uplicate attendee…"))
        self.act_delete.setText(_("&Remove attendee…"))
        self.act_organizations.setText(_("&Organizations…"))

    # helpers ---------------------------------------------------------------------------------
    def _writable_mission(self):
        mission = self.window.current_mission()
        return None if mission is None or self.window.db.read_only else mission

    def _on_current(self, handler) -> None:
        participant_id = self.window.attendees.current_participant_id()
        if participant_id is not None:
            self.window.tabs.setCurrentWidget(self.window.attendees)
            handler(participant_id)

    def _dialog(self, mission, data: att.AttendeeData | None, *, editing: bool,
                except_id: int | None = None):
        # Imported when first used, like every dialog: start-up needs none of them.
        from ui.attendees.attendee_dialog import AttendeeDialog

        engine = self.window.db.engine
        with read_session(engine) as session:
            organizations = repo.list_organizations(session)
            zones = [mission.home_tz]
            for item in repo.list_items(session, mission_id=mission.id):
                zones += [item.start_tz, item.end_tz]

        def duplicates(family: str, given: str, email: str) -> list[str]:
            with read_session(engine) as session:
                ids = set(att.find_duplicates(session, mission_id=mission.id, family=family,
                                              given=given, email=email,
                                              except_participant_id=except_id))
                rows = repo.list_attendees(session, mission_id=mission.id) if ids else []
            return [attendee_name(vars(r)) for r in rows if r.participant_id in ids]

        return AttendeeDialog(organizations, mission_end=mission.end_date,
                              countries=rules.mission_countries(zones), data=data,
                              editing=editing, duplicates=duplicates, parent=self.window)

    def _load(self, participant_id: int) -> att.AttendeeData:
        with read_session(self.window.db.engine) as session:
            return att.get_attendee(session, participant_id=participant_id)

    # handlers --------------------------------------------------------------------------------
    def add(self, data: att.AttendeeData | None = None) -> None:
        mission = self._writable_mission()
        if mission is None:
            return
        dialog = self._dialog(mission, data, editing=False)
        exec_until_saved(dialog, lambda: self.window.run_command(AddAttendee(
            self.window.db.engine, self.window.events, mission.id, dialog.attendee(),
            dialog.new_organization())))

    def edit(self, participant_id: int) -> None:
        mission = self._writable_mission()
        if mission is None:
            return
        before = self._load(participant_id)
        dialog = self._dialog(mission, before, editing=True, except_id=participant_id)

        def save() -> bool:
            after = dialog.attendee()
            if after == before and not dialog.new_organization():
                return True                          # nothing changed: no empty undo step
            return self.window.run_command(EditAttendee(
                self.window.db.engine, self.window.events, mission.id, participant_id, before,
                after, dialog.new_organization()))

        exec_until_saved(dialog, save)

    def duplicate(self, participant_id: int) -> None:
        """A new attendee, the dialog filled from this one without their personal details."""
        data = copy.deepcopy(self._load(participant_id))
        for key in PERSONAL_FIELDS:
            data.person[key] = None if key in ("passport_expiry", "date_of_birth") else ""
        self.add(data)

    def delete(self, participant_id: int) -> None:
        mission = self._writable_mission()
        if mission is None:
            return
        name = attendee_name(self._load(participant_id).person)
        if confirm(
            self.window, _("Remove attendee"),
            _("Remove {name} from this mission? You can undo this.").format(name=name)):
            self.window.run_command(RemoveAttendee(self.window.db.engine, self.window.events,
                                                   mission.id, participant_id, name))

    def organizations(self) -> None:
        from ui.attendees.organizations_dialog import OrganizationsDialog

        dialog = OrganizationsDialog(self.window.db.engine, read_only=self.window.db.read_only,
                                     parent=self.window)
        dialog.exec()
        if dialog.changed:                           # organization names show in every tab
            self.window.events.changed.emit(self.window.mission_id or 0, "organizations")
