"""Undoable changes to sites and to the visitor clearance of a site visit.

Each keeps the ids it made or removed, so that undo and redo put back the very same rows and
later commands on the stack still find them.
"""

from __future__ import annotations

from i18n import _, pick
from i18n.labels import CLEARANCES, label
from models import merging, site_library, sites
from models.store.db import write_session
from models.visits import set_clearance
from ui.common.events import ITEMS, SITES, VISITS, MissionEvents
from ui.common.undo import MissionCommand


def site_name(values: dict) -> str:
    return pick(values.get("name_en", ""), values.get("name_ja", ""))[0]


class AddSite(MissionCommand):
    kinds = (SITES,)

    def __init__(self, engine, events: MissionEvents, mission_id: int, values: dict):
        super().__init__(_("Add site {name}").format(name=site_name(values)), engine, events,
                         mission_id)
        self.values = dict(values)
        self.site_id: int | None = None

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.site_id = sites.create_site(session, values=self.values, site_id=self.site_id)
            # On this mission's list, so it stays there once another mission uses it too.
            site_library.add_to_mission(session, mission_id=self.mission_id,
                                        site_id=self.site_id)
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            sites.delete_site(session, site_id=self.site_id)
        self._announce()


class AddSiteToMission(MissionCommand):
    """A site of the shared library put on this mission's list."""

    kinds = (SITES,)

    def __init__(self, engine, events: MissionEvents, mission_id: int, site_id: int,
                 name: str):
        super().__init__(_("Add site {name}").format(name=name), engine, events, mission_id)
        self.site_id = site_id
        self.added = False

    def announced_ids(self) -> tuple[int, ...]:
        return (self.site_id,)

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.added = site_library.add_to_mission(session, mission_id=self.mission_id,
                                                     site_id=self.site_id)
        self._announce()

    def do_undo(self) -> None:
        if self.added:
            with write_session(self.engine) as session:
                site_library.remove_from_mission(session, mission_id=self.mission_id,
                                                 site_id=self.site_id)
        self._announce()


class MergeSites(MissionCommand):
    """Two sites that are one place joined: the visits of every mission move to the one kept."""

    kinds = (SITES, ITEMS, VISITS)

    def __init__(self, engine, events: MissionEvents, mission_id: int, keep_id: int,
                 drop_id: int, name: str):
        super().__init__(_("Merge site {name}").format(name=name), engine, events, mission_id)
        self.keep_id, self.drop_id = keep_id, drop_id
        self.record: merging.MergedSite | None = None

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.record = merging.merge_sites(session, keep_id=self.keep_id,
                                              drop_id=self.drop_id)
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            merging.unmerge_sites(session, self.record)
        self._announce()


class EditSite(MissionCommand):
    kinds = (SITES, ITEMS)      # items show their site's name

    def __init__(self, engine, events: MissionEvents, mission_id: int, site_id: int,
                 before: dict, after: dict):
        super().__init__(_("Edit site {name}").format(name=site_name(after)), engine, events,
                         mission_id)
        self.site_id, self.before, self.after = site_id, dict(before), dict(after)

    def _store(self, values: dict) -> None:
        with write_session(self.engine) as session:
            sites.update_site(session, site_id=self.site_id, values=values)
        self._announce()

    def do_redo(self) -> None:
        self._store(self.after)

    def do_undo(self) -> None:
        self._store(self.before)


class DeleteSite(MissionCommand):
    kinds = (SITES, ITEMS, VISITS)

    def __init__(self, engine, events: MissionEvents, mission_id: int, site_id: int,
                 name: str):
        super().__init__(_("Delete site {name}").format(name=name), engine, events, mission_id)
        self.site_id = site_id
        self.removed: sites.RemovedSite | None = None

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.removed = sites.delete_site(session, site_id=self.site_id)
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            sites.restore_site(session, self.removed)
        self._announce()


class SetClearance(MissionCommand):
    kinds = (VISITS,)

    def __init__(self, engine, events: MissionEvents, mission_id: int, item_id: int,
                 participant_id: int, name: str, before: str, after: str):
        super().__init__(_("Clearance of {name}: {status}").format(
            name=name, status=label(CLEARANCES, after)), engine, events, mission_id)
        self.item_id, self.participant_id = item_id, participant_id
        self.before, self.after = before, after

    def _store(self, status: str) -> None:
        with write_session(self.engine) as session:
            set_clearance(session, item_id=self.item_id, participant_id=self.participant_id,
                          status=status)
        self._announce()

    def do_redo(self) -> None:
        self._store(self.after)

    def do_undo(self) -> None:
        self._store(self.before)
