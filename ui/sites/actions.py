"""What happens when someone adds, edits or deletes a site, or sets a visitor's clearance: the
dialogs, the questions, and the undoable commands they end in (through ctx.run_command)."""

from __future__ import annotations

from i18n import _, ngettext
from models import sites
from models.store.db import read_session
from ui.common.context import Context
from ui.common.dialogs import confirm, exec_until_saved
from ui.sites.commands import AddSite, DeleteSite, EditSite, SetClearance, site_name
from ui.sites.sites_tab import SitesTab


class SiteActions:
    def __init__(self, ctx: Context, tab: SitesTab):
        self.ctx, self.tab = ctx, tab
        tab.add_requested.connect(self.add_site)
        tab.edit_requested.connect(self.edit_site)
        tab.delete_requested.connect(self.delete_site)
        tab.clearance_chosen.connect(self.set_clearance)

    def add_site(self) -> None:
        mission_id = self.ctx.writable_mission_id()
        if mission_id is None:
            return
        from ui.sites.site_dialog import SiteDialog

        dialog = SiteDialog(parent=self.ctx.parent)
        commands = []

        def save() -> bool:
            commands.append(AddSite(self.ctx.engine, self.ctx.events, mission_id,
                                    dialog.values()))
            return self.ctx.run_command(commands[-1])

        if exec_until_saved(dialog, save):
            self.tab.select_site(commands[-1].site_id)

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
