"""Undoable attendee changes: add (also for a duplicate), edit, remove and import.

Each command keeps the ids it made, so that undo and redo put back the very same rows: a later
command on the stack (an edit of the attendee just added) names them by id. An organization
typed new in the dialog is created in the attendee's own transaction; undo deletes it again, and
redo brings it back with its id (models.organizations).
"""

from __future__ import annotations

import copy

from i18n import _, ngettext
from i18n.formatting import person_name
from models import attendees as att
from models.organizations import MadeOrganizations
from models.store.backup_scrub import scrub_removed_later
from models.store.db import write_session
from ui.common.events import (
    ATTENDEES,
    ORGANIZATIONS,
    PARTICIPANTS,
    ROOMS,
    VISITS,
    MissionEvents,
)
from ui.common.undo import MissionCommand


def attendee_name(person: dict) -> str:
    return person_name(family=person.get("family_name", ""), given=person.get("given_name", ""),
                       family_ja=person.get("family_name_ja", ""),
                       given_ja=person.get("given_name_ja", ""))


class _AttendeeCommand(MissionCommand):
    kinds: tuple[str, ...] = (ATTENDEES,)
    participant_id: int | None = None
    orgs: MadeOrganizations | None = None

    def announced_ids(self) -> tuple[int, ...]:
        return () if self.participant_id is None else (self.participant_id,)

    def _announce(self) -> None:
        # An organization typed new in the dialog is made (or removed) with the attendee.
        kinds = self.kinds + ((ORGANIZATIONS,) if self.orgs and self.orgs.new_name else ())
        self.events.announce(self.mission_id, *kinds, ids=self.announced_ids())


class AddAttendee(_AttendeeCommand):
    kinds = (ATTENDEES, PARTICIPANTS, ROOMS, VISITS)    # undo removes them with their places

    def __init__(self, engine, events: MissionEvents, mission_id: int, data: att.AttendeeData,
                 new_organization: str = ""):
        super().__init__(_("Add {name}").format(name=attendee_name(data.person)), engine,
                         events, mission_id)
        self.data = copy.deepcopy(data)
        self.orgs = MadeOrganizations(new_organization)
        self.participant_id: int | None = None
        self.removed: att.Removed | None = None

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            org_id = self.orgs.resolve(session, self.data.organization_id)
            if self.removed is None:
                self.data.organization_id = org_id
                self.participant_id = att.add_attendee(session, mission_id=self.mission_id,
                                                       data=self.data)
            else:
                self.removed.person["organization_id"] = org_id
                att.restore_attendee(session, self.removed)
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            self.removed = att.remove_attendee(session, participant_id=self.participant_id)
            self.orgs.remove(session)
        self._announce()


# A duplicate is an addition whose dialog was filled from another attendee.
DuplicateAttendee = AddAttendee


class EditAttendee(_AttendeeCommand):
    def __init__(self, engine, events: MissionEvents, mission_id: int, participant_id: int,
                 before: att.AttendeeData, after: att.AttendeeData, new_organization: str = ""):
        super().__init__(_("Edit {name}").format(name=attendee_name(after.person)), engine,
                         events, mission_id)
        self.participant_id = participant_id
        self.before, self.after = copy.deepcopy(before), copy.deepcopy(after)
        self.orgs = MadeOrganizations(new_organization)

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.after.organization_id = self.orgs.resolve(session, self.after.organization_id)
            att.update_attendee(session, participant_id=self.participant_id, data=self.after)
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            att.update_attendee(session, participant_id=self.participant_id, data=self.before)
            self.orgs.remove(session)
        self._announce()


class RemoveAttendee(_AttendeeCommand):
    kinds = (ATTENDEES, PARTICIPANTS, ROOMS, VISITS)    # their places go with them

    def __init__(self, engine, events: MissionEvents, mission_id: int, participant_id: int,
                 name: str):
        super().__init__(_("Remove {name}").format(name=name), engine, events, mission_id)
        self.participant_id = participant_id
        self.removed: att.Removed | None = None

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.removed = att.remove_attendee(session, participant_id=self.participant_id)
        if self.removed.person_deleted:  # their personal data leaves the backups too
            scrub_removed_later(self.engine, [self.removed.person])
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            att.restore_attendee(session, self.removed)
        self._announce()


class ImportAttendees(_AttendeeCommand):
    """Rows of models.attendees.import_attendees, added and updated in one step.

    The first redo runs import_attendees; undo works like undo_import but keeps what it
    deleted, so a redo restores the same ids instead of importing afresh.
    """

    kinds = (ATTENDEES, PARTICIPANTS, ORGANIZATIONS)

    def __init__(self, engine, events: MissionEvents, mission_id: int, rows: list[dict]):
        super().__init__(ngettext("Import {n} attendee", "Import {n} attendees",
                                  len(rows)).format(n=len(rows)), engine, events, mission_id)
        self.rows = rows
        self.result: att.ImportResult | None = None
        self.after: list[tuple[int, att.AttendeeData]] = []   # updated rows as imported
        self.removed: list[att.Removed] = []
        self.orgs = MadeOrganizations("")

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            if self.result is None:
                self.result = att.import_attendees(session, mission_id=self.mission_id,
                                                   rows=self.rows)
                self.orgs.created = list(self.result.organizations)
                self.after = [(pid, att.get_attendee(session, participant_id=pid))
                              for pid, _before in self.result.updated]
            else:
                ids = self.orgs.restore(session)
                for removed in self.removed:
                    org_id = removed.person["organization_id"]
                    removed.person["organization_id"] = ids.get(org_id, org_id)
                    att.restore_attendee(session, removed)
                for pid, data in self.after:
                    data.organization_id = ids.get(data.organization_id, data.organization_id)
                    att.update_attendee(session, participant_id=pid, data=data)
                self.removed = []
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            for pid, before in self.result.updated:
                att.update_attendee(session, participant_id=pid, data=before)
            self.removed = [att.remove_attendee(session, participant_id=pid)
                            for pid in self.result.created]
            self.orgs.remove(session)
        self._announce()

    @property
    def created_count(self) -> int:
        return len(self.result.created) if self.result else 0

    @property
    def updated_count(self) -> int:
        return len(self.result.updated) if self.result else 0
