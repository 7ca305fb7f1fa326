"""What happens when someone adds, edits, duplicates or removes an attendee, or manages the
organizations: the dialogs, and the undoable commands they end in.

Every change goes through ctx.run_command, so a storage error is shown and the step is
recorded for undo only once it is committed.
"""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import QObject

from i18n import _
from models import attendees as att
from models import repository as repo
from models import rules
from models.store.db import read_session
from ui.attendees.attendees_tab import AttendeesTab
from ui.attendees.commands import AddAttendee, EditAttendee, RemoveAttendee, attendee_name
from ui.common.context import Context
from ui.common.dialogs import confirm, discard, exec_until_saved
from ui.common.layout_memory import remember

# Cleared when duplicating: what identifies or belongs to one person only.
PERSONAL_FIELDS = ("email", "phone", "passport_number", "passport_expiry", "date_of_birth")


def run_import(ctx: Context, path: Path | None = None) -> bool:
    # The roster reader and its window load when first used: start-up needs neither.
    from ui.attendees.import_dialog import run_import as run

    return run(ctx, path)


def run_paste(ctx: Context, text: str) -> bool:
    from ui.attendees.import_dialog import run_paste as run

    return run(ctx, text)


class AttendeeActions(QObject):
    """Carries out what the Attendees tab's actions ask for; the menu shows the same actions."""

    def __init__(self, ctx: Context, tab: AttendeesTab):
        super().__init__(tab)   # goes with it
        self.ctx, self.tab = ctx, tab
        tab.files_dropped.connect(lambda paths: paths and run_import(ctx, Path(paths[0])))
        tab.rows_pasted.connect(lambda text: run_paste(ctx, text))
        tab.add_requested.connect(self.add)
        tab.edit_requested.connect(self.edit)
        tab.duplicate_requested.connect(self.duplicate)
        tab.delete_requested.connect(self.delete)

    def _dialog(self, mission, data: att.AttendeeData | None, *, editing: bool,
                except_id: int | None = None):
        # Imported when first used, like every dialog: start-up needs none of them.
        from models.readiness_data import mission_zones
        from ui.attendees.attendee_dialog import AttendeeDialog

        engine = self.ctx.engine
        with read_session(engine) as session:
            organizations = repo.list_organizations(session)
            # The zones only, not the items (3,000 rows at the large end, for a dozen zones).
            zones = {mission.home_tz, *mission_zones(session, mission_id=mission.id)}

        def duplicates(family: str, given: str, email: str) -> list[str]:
            with read_session(engine) as session:
                ids = set(att.find_duplicates(session, mission_id=mission.id, family=family,
                                              given=given, email=email,
                                              except_participant_id=except_id))
                rows = repo.list_attendees(session, mission_id=mission.id) if ids else []
            return [attendee_name(r._asdict()) for r in rows if r.participant_id in ids]

        return AttendeeDialog(organizations, mission_end=mission.end_date,
                              countries=rules.mission_countries(zones), data=data,
                              editing=editing, duplicates=duplicates, parent=self.ctx.parent)

    def _load(self, participant_id: int) -> att.AttendeeData:
        with read_session(self.ctx.engine) as session:
            return att.get_attendee(session, participant_id=participant_id)

    # handlers --------------------------------------------------------------------------------
    def add(self, data: att.AttendeeData | None = None) -> None:
        mission = self.ctx.writable_mission()
        if mission is None:
            return
        self.ctx.show_page(self.tab)                 # where the new attendee will show
        dialog = self._dialog(mission, data, editing=False)
        exec_until_saved(dialog, lambda: self.ctx.run_command(AddAttendee(
            self.ctx.engine, self.ctx.events, mission.id, dialog.attendee(),
            dialog.new_organization())))

    def edit(self, participant_id: int) -> None:
        mission = self.ctx.writable_mission()
        if mission is None:
            return
        self.ctx.show_page(self.tab)                 # from the menu: show whom it concerns
        before = self._load(participant_id)
        dialog = self._dialog(mission, before, editing=True, except_id=participant_id)

        def save() -> bool:
            after = dialog.attendee()
            if after == before and not dialog.new_organization():
                return True                          # nothing changed: no empty undo step
            return self.ctx.run_command(EditAttendee(
                self.ctx.engine, self.ctx.events, mission.id, participant_id, before,
                after, dialog.new_organization()))

        exec_until_saved(dialog, save)

    def duplicate(self, participant_id: int) -> None:
        """A new attendee, the dialog filled from this one without their personal details."""
        self.ctx.show_page(self.tab)
        data = copy.deepcopy(self._load(participant_id))
        for key in PERSONAL_FIELDS:
            data.person[key] = None if key in ("passport_expiry", "date_of_birth") else ""
        self.add(data)

    def delete(self, participant_id: int) -> None:
        mission = self.ctx.writable_mission()
        if mission is None:
            return
        self.ctx.show_page(self.tab)
        name = attendee_name(self._load(participant_id).person)
        if confirm(
            self.ctx.parent, _("Remove attendee"),
            _("Remove {name} from this mission? You can undo this.").format(name=name)):
            self.ctx.run_command(RemoveAttendee(self.ctx.engine, self.ctx.events, mission.id,
                                                participant_id, name))

    def bulk_edit(self) -> bool:
        from ui.attendees.bulk_edit import run_bulk_edit

        self.ctx.show_page(self.tab)
        return run_bulk_edit(self.ctx, self.tab.selected_participant_ids())

    def organizations(self) -> None:
        from ui.attendees.organizations_dialog import OrganizationsDialog

        dialog = remember(self.ctx.settings, OrganizationsDialog(self.ctx, parent=self.ctx.parent))
        dialog.exec()
        discard(dialog)
