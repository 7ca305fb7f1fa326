"""Settling a conflict as an undoable step: redo applies the chosen value here (the next sync
sends it); undo opens the conflict again with the values it held."""

from __future__ import annotations

from collections.abc import Callable

from i18n import _
from models.repository import MissionRow
from ui.common.context import Context
from ui.common.undo import MissionCommand
from ui.sharing.sync_controller import TABLE_KINDS


class ResolveCommand(MissionCommand):
    def __init__(self, ctx: Context, mission: MissionRow, number: int, take: str, *,
                 after: Callable[[], None]):
        super().__init__(_("Settle conflict {n}").format(n=number), ctx.engine, ctx.events,
                         mission.id)
        self.code, self.number, self.take, self.after = mission.code, number, take, after
        self.conflict = None

    def do_redo(self) -> None:
        from models.sync import list_conflicts, resolve_conflict

        self.conflict = next((c for c in list_conflicts(self.engine, self.code)
                              if c.number == self.number), self.conflict)
        resolve_conflict(self.engine, self.code, self.number, self.take)
        self._done()

    def do_undo(self) -> None:
        from models.sync import reopen_conflict

        reopen_conflict(self.engine, self.code, self.number)
        self._done()

    def _done(self) -> None:
        if self.conflict is not None:
            self.kinds = (TABLE_KINDS.get(self.conflict.kind, "mission"),)
        self._announce()
        self.after()
