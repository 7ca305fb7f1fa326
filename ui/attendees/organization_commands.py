"""Undoable changes to the organizations every mission shares: add, rename, delete, set
other names (aliases), merge two.

A deleted organization comes back with its id, so the steps recorded before still name it; only
an organization nobody belongs to can be deleted, so nothing else goes with it.
"""

from __future__ import annotations

from i18n import _, pick
from models import merging
from models import repository as repo
from models.store.db import write_session
from ui.common.events import ATTENDEES, MISSION, ORGANIZATIONS, MissionEvents
from ui.common.undo import DbCommand


def organization_name(names: tuple[str, str]) -> str:
    return pick(*names)[0]


class _OrganizationCommand(DbCommand):
    def __init__(self, text: str, engine, events: MissionEvents, mission_id: int | None,
                 organization_id: int | None, names: tuple[str, str]):
        super().__init__(text)
        self.engine, self.events, self.mission_id = engine, events, mission_id
        self.organization_id, self.names = organization_id, names

    def _create(self) -> None:
        with write_session(self.engine) as session:
            self.organization_id = repo.create_organization(
                session, name_en=self.names[0], name_ja=self.names[1],
                organization_id=self.organization_id)
        self._announce()

    def _delete(self) -> None:
        with write_session(self.engine) as session:
            repo.delete_organization(session, organization_id=self.organization_id)
        self._announce()

    def _announce(self) -> None:
        self.events.announce(self.mission_id, ORGANIZATIONS, ids=[self.organization_id])


class AddOrganization(_OrganizationCommand):
    def __init__(self, engine, events: MissionEvents, mission_id: int | None,
                 names: tuple[str, str]):
        super().__init__(_("Add organization {name}").format(name=organization_name(names)),
                         engine, events, mission_id, None, names)

    def do_redo(self) -> None:
        self._create()

    def do_undo(self) -> None:
        self._delete()


class DeleteOrganization(_OrganizationCommand):
    def __init__(self, engine, events: MissionEvents, mission_id: int | None,
                 organization_id: int, names: tuple[str, str]):
        super().__init__(_("Delete organization {name}").format(name=organization_name(names)),
                         engine, events, mission_id, organization_id, names)

    def do_redo(self) -> None:
        self._delete()

    def do_undo(self) -> None:
        self._create()


class RenameOrganization(_OrganizationCommand):
    def __init__(self, engine, events: MissionEvents, mission_id: int | None,
                 organization_id: int, before: tuple[str, str], after: tuple[str, str]):
        super().__init__(_("Rename organization {name}").format(name=organization_name(after)),
                         engine, events, mission_id, organization_id, after)
        self.before, self.after = before, after

    def _store(self, names: tuple[str, str]) -> None:
        with write_session(self.engine) as session:
            repo.update_organization(session, organization_id=self.organization_id,
                                     name_en=names[0], name_ja=names[1])
        self._announce()

    def do_redo(self) -> None:
        self._store(self.after)

    def do_undo(self) -> None:
        self._store(self.before)


class SetAliases(_OrganizationCommand):
    """The other names an organization answers to in an imported roster (TEL, 東京エレクトロン)."""

    def __init__(self, engine, events: MissionEvents, mission_id: int | None,
                 organization_id: int, names: tuple[str, str], before: str, after: str):
        super().__init__(_("Other names of {name}").format(name=organization_name(names)),
                         engine, events, mission_id, organization_id, names)
        self.before, self.after = before, after

    def _store(self, aliases: str) -> None:
        with write_session(self.engine) as session:
            repo.update_organization(session, organization_id=self.organization_id,
                                     name_en=self.names[0], name_ja=self.names[1],
                                     aliases=aliases)
        self._announce()

    def do_redo(self) -> None:
        self._store(self.after)

    def do_undo(self) -> None:
        self._store(self.before)


class MergeOrganizations(DbCommand):
    """Two organizations that are one joined: people and missions move to the one kept, which
    keeps the other's names as aliases."""

    def __init__(self, engine, events: MissionEvents, mission_id: int | None, keep_id: int,
                 drop_id: int, names: tuple[str, str]):
        super().__init__(_("Merge organization {name}").format(name=organization_name(names)))
        self.engine, self.events, self.mission_id = engine, events, mission_id
        self.keep_id, self.drop_id = keep_id, drop_id
        self.record: merging.MergedOrganization | None = None

    def _announce(self) -> None:
        # People of every mission change organization: the roster shows it.
        self.events.announce(self.mission_id, ORGANIZATIONS, ATTENDEES, MISSION,
                             ids=[self.keep_id, self.drop_id])

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.record = merging.merge_organizations(session, keep_id=self.keep_id,
                                                      drop_id=self.drop_id)
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            merging.unmerge_organizations(session, self.record)
        self._announce()
