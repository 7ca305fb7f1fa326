"""What happens when someone adds, edits or deletes a site, or sets a visitor's clearance: the
dialogs, the questions, and the undoable commands they end in (through ctx.run_command)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from i18n import _, ngettext
from models import items, site_library, sites
from models.store.db import read_session
from ui.common.context import Context
from ui.common.dialogs import confirm, discard, exec_until_saved
from ui.common.layout_memory import remember
from ui.sites.commands import (
    AddSite,
    AddSiteToMission,
    DeleteSite,
    EditSite,
    MergeSites,
    SetClearance,
    site_name,
)
from ui.sites.site_picker import site_label
from ui.sites.sites_tab import SitesTab


class SiteActions:
    def __init__(self, ctx: Context, tab: SitesTab):
        self.ctx, self.tab = ctx, tab
        tab.add_requested.connect(self.add_site)
        tab.edit_requested.connect(self.edit_site)
        tab.delete_requested.connect(self.delete_site)
        tab.merge_requested.connect(self.merge_site)
        tab.clearance_chosen.connect(self.set_clearance)

    def add_site(self) -> None:
        """The shared library first (a site other missions visit); a new site only when it
        has none that fits, and even then a near-duplicate is offered before it is made."""
        mission_id = self.ctx.writable_mission_id()
        if mission_id is None:
            return
        with read_session(self.ctx.engine) as session:
            library = site_library.library_sites(session, mission_id=mission_id)
        if library:
            from ui.sites.site_picker import NEW_SITE, SitePicker

            picker = remember(self.ctx.settings, SitePicker(library, parent=self.ctx.parent))
            picker.exec()
            chosen = picker.chosen()
            discard(picker)
            if chosen is None:
                return
            if chosen != NEW_SITE:
                self._add_existing(mission_id, chosen)
                return
        self._add_new(mission_id)

    def _add_existing(self, mission_id: int, site_id: int) -> None:
        with read_session(self.ctx.engine) as session:
            name = site_name(sites.get_site(session, site_id=site_id))
        if self.ctx.run_command(AddSiteToMission(self.ctx.engine, self.ctx.events, mission_id,
                                                 site_id, name)):
            self.tab.select_site(site_id)

    def _add_new(self, mission_id: int) -> None:
        from ui.sites.site_dialog import SiteDialog

        dialog = SiteDialog(parent=self.ctx.parent)
        commands = []

        def save() -> bool:
            values = dialog.values()
            with read_session(self.ctx.engine) as session:
                similar = site_library.similar_sites(session, values=values)
            if similar:
                answer = ask_similar(dialog, similar)
                if answer is None:
                    return False                    # back to the dialog, as it was left
                if answer:
                    commands.append(AddSiteToMission(
                        self.ctx.engine, self.ctx.events, mission_id, answer,
                        site_name(values)))
                    return self.ctx.run_command(commands[-1])
            commands.append(AddSite(self.ctx.engine, self.ctx.events, mission_id, values))
            return self.ctx.run_command(commands[-1])

        if exec_until_saved(dialog, save):
            self.tab.select_site(commands[-1].site_id)

    def merge_site(self, site_id: int) -> None:
        mission_id = self.ctx.writable_mission_id()
        if mission_id is None:
            return
        with read_session(self.ctx.engine) as session:
            values = sites.get_site(session, site_id=site_id)
            likely = [s.id for s in site_library.similar_sites(session, values=values,
                                                                exclude_id=site_id)]
            others = sorted(items.list_all_sites(session),
                            key=lambda s: (s.id not in likely, site_name(s.model_dump())))
        choices = [(s.id, site_label(s)) for s in others if s.id != site_id]
        if not choices:
            return

        def describe(target: int) -> str:
            with read_session(self.ctx.engine) as session:
                usage = sites.site_usage(session, site_id=site_id, mission_id=mission_id)
            n = usage.items_here + usage.items_elsewhere
            return ngettext("{n} item at “{name}” (in every mission) will name the site kept; "
                            "“{name}” is then removed.",
                            "{n} items at “{name}” (in every mission) will name the site kept; "
                            "“{name}” is then removed.", n).format(n=n, name=site_name(values))

        from ui.common.merge_dialog import MergeDialog

        dialog = MergeDialog(lambda: _("Merge sites"), site_name(values), choices, describe,
                             parent=self.ctx.parent)
        keep = dialog.chosen() if dialog.exec() else None
        discard(dialog)
        if keep is not None:
            if self.ctx.run_command(MergeSites(self.ctx.engine, self.ctx.events, mission_id,
                                               keep, site_id, site_name(values))):
                self.tab.select_site(keep)

    def edit_site(self, site_id: int) -> None:
        mission_id = self.ctx.writable_mission_id()
        if mission_id is None:
            return
        with read_session(self.ctx.engine) as session:
            before = sites.get_site(session, site_id=site_id)
        from ui.sites.site_dialog import SiteDialog

        dialog = SiteDialog(before, editing=True, parent=self.ctx.parent)
        exec_until_saved(dialog, lambda: dialog.values() == before or self.ctx.run_command(
            EditSite(self.ctx.engine, self.ctx.events, mission_id, site_id, before,
                     dialog.values())))

    def delete_site(self, site_id: int) -> None:
        mission_id = self.ctx.writable_mission_id()
        if mission_id is None:
            return
        with read_session(self.ctx.engine) as session:
            name = site_name(sites.get_site(session, site_id=site_id))
            usage = sites.site_usage(session, site_id=site_id, mission_id=mission_id)
        n, others = usage.items_here, usage.missions_elsewhere
        text = _("Delete the site {name}?").format(name=name)
        if n:
            text = ngettext(
                "Delete the site {name}? {n} item of this mission takes place there: it keeps "
                "its place but will no longer name the site.",
                "Delete the site {name}? {n} items of this mission take place there: they keep "
                "their place but will no longer name the site.", n).format(name=name, n=n)
        if others:
            text += " " + ngettext("Items of {n} other mission lose the site too.",
                                   "Items of {n} other missions lose the site too.",
                                   others).format(n=others)
        text += " " + _("You can undo this.")
        if confirm(self.ctx.parent, _("Delete site"), text):
            self.ctx.run_command(DeleteSite(self.ctx.engine, self.ctx.events, mission_id,
                                            site_id, name))

    def set_clearance(self, item_id: int, participant_id: int, before: str, after: str,
                      name: str) -> None:
        mission_id = self.ctx.writable_mission_id()
        if mission_id is not None:
            self.ctx.run_command(SetClearance(self.ctx.engine, self.ctx.events, mission_id,
                                              item_id, participant_id, name, before, after))


def ask_similar(parent: QWidget, similar: list) -> int | None | bool:
    """The site the user would rather use (its id), False to create the new one anyway, None
    to go back to the dialog."""
    box = QMessageBox(QMessageBox.Icon.Question, _("A similar site exists"), "", parent=parent)
    box.setText(_("The library already has a site like this one:") + "\n\n"
                + "\n".join(f"• {site_label(s)}" for s in similar[:5]))
    box.setInformativeText(_("Use “{name}” for this mission instead of creating another?")
                           .format(name=site_label(similar[0])))
    use = box.addButton(_("&Use the existing site"), QMessageBox.ButtonRole.AcceptRole)
    create = box.addButton(_("&Create a new site"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(use)
    box.exec()
    discard(box)
    if box.clickedButton() is use:
        return similar[0].id
    if box.clickedButton() is create:
        return False
    return None
