"""What happens when someone works on gifts: the gift dialog and the undoable commands it
ends in (through ctx.run_command)."""

from __future__ import annotations

from dataclasses import replace

from i18n import _
from ui.common.context import Context
from ui.common.dialogs import confirm, exec_until_saved
from ui.meetings.gift_commands import AddGift, DeleteGift, EditGift
from ui.meetings.gifts_page import GiftsPage


class GiftActions:
    def __init__(self, ctx: Context, page: GiftsPage):
        self.ctx, self.page = ctx, page
        page.add_requested.connect(self.add)
        page.edit_requested.connect(self.edit)
        page.delete_requested.connect(self.delete)
        page.flip_requested.connect(self.flip)

    def _args(self):
        return self.ctx.engine, self.ctx.events, self.ctx.writable_mission_id()

    def _gift(self, gift_id: int):
        return next(g for g in self.page.data.gifts if g.id == gift_id)

    def _dialog(self, before=None):
        from ui.meetings.gift_dialog import GiftDialog

        d = self.page.data
        return GiftDialog(d.item_choices(), d.people_choices(), before, parent=self.ctx.parent)

    def add(self) -> None:
        if self.ctx.writable_mission_id() is None:
            return
        if not self.page.data.item_choices():
            self.ctx.parent.statusBar().showMessage(
                _("Add a courtesy call, meal or other item first: a gift is given at one."),
                10_000)
            return
        dialog = self._dialog()
        exec_until_saved(dialog, lambda: self.ctx.run_command(
            AddGift(*self._args(), dialog.gift())))

    def edit(self, gift_id: int) -> None:
        before = self._gift(gift_id)
        dialog = self._dialog(before)
        exec_until_saved(dialog, lambda: dialog.gift() == before or self.ctx.run_command(
            EditGift(_("Edit gift"), *self._args(), before, dialog.gift())))

    def flip(self, gift_id: int, what: str) -> None:
        before = self._gift(gift_id)
        after = replace(before, **{what: not getattr(before, what)})
        text = (_("Mark gift bought") if what == "bought" and after.bought
                else _("Mark gift not bought") if what == "bought"
                else _("Mark gift handed over") if after.handed
                else _("Mark gift not handed over"))
        self.ctx.run_command(EditGift(text, *self._args(), before, after))

    def delete(self, gift_id: int) -> None:
        if confirm(self.ctx.parent, _("Delete gift"),
                   _("Delete this gift? You can undo this.")):
            self.ctx.run_command(DeleteGift(*self._args(), self._gift(gift_id)))
