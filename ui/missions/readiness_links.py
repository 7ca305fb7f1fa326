"""Runs the readiness checks for the current mission, once per burst of changes and after the
window has drawn the change itself, and follows a clicked finding to what it concerns: an item,
a person, a site visit or a hotel stay, in the tab where it can be put right.

Where each kind of finding leads (and why):
- a double booking or a transfer before landing: the item, in the Itinerary tab (move it);
- a missed or near visitor-list deadline, a refused clearance: the visit in the Sites tab, where
  its visitors and their clearance are (falls back to the item);
- a visitor lacking a field, a passport too short: the person, in the Attendees tab (fill it in);
- no room at a hotel: the stay in the Lodging tab (give a room); no lodging at all: the person;
- no consulate of a traveller's citizenship: Mission details, at its consulates (add it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from models import findings as F
from models.findings import Finding
from models.store.db import read_session
from ui.common import clock
from ui.common.context import Context, Target
from ui.common.events import ATTENDEES, ROOMS, VISITS, Change
from ui.common.refresh import Pending
from ui.missions.readiness_panel import ReadinessPanel

if TYPE_CHECKING:          # the checks' modules load with the first check (see refresh)
    from models.readiness_data import Plan

_TO_ITEM = {F.OVERLAP, F.TRANSFER_BEFORE_LANDING}
_TO_VISIT = {F.DEADLINE_PASSED, F.DEADLINE_SOON, F.CLEARANCE_REFUSED}
# Long enough for the window to draw the change first, short enough to seem immediate.
COALESCE_MS = 40


def targets(finding: Finding) -> list[Target]:
    """Where a finding leads, best first."""
    pid, item_id, kind = finding.participant_id, finding.item_id, finding.kind
    found: list[Target] = []
    if kind == F.CONSULATE_MISSING:
        found.append(Target("consulates"))
    if kind in _TO_VISIT and item_id is not None:
        found.append(Target("visit", item_id=item_id, participant_id=pid))
    if kind == F.NO_LODGING and item_id is not None:
        found.append(Target("stay", item_id=item_id, participant_id=pid))
    if kind in _TO_ITEM and item_id is not None:
        found.append(Target("item", item_id=item_id))
    if pid is not None:
        found.append(Target("person", participant_id=pid))
    if item_id is not None:
        found.append(Target("item", item_id=item_id))
    return found


def _to_read_again(since: Pending | None) -> tuple[set[int] | None, set[int] | None]:
    """(people, items) a kept plan reads again after the changes `since` (None: not that way):
    the attendees an edit of their own fields names; the items an item's commands name (none
    after a room's or a visit's alone, which change only what hangs on items)."""
    if since is None or not since.kinds:
        return None, None
    if since.kinds == {ATTENDEES} and since.ids:
        return since.ids, None
    if since.kinds <= {ROOMS, VISITS}:
        return None, set()
    return None, since.item_ids()


class ReadinessController(QObject):
    counted = Signal(int)       # the number of open findings, for the Overview tab's title

    def __init__(self, ctx: Context, panel: ReadinessPanel):
        super().__init__(panel)
        self.ctx, self.panel = ctx, panel
        self.runs = 0           # how often the checks ran: tests and benchmarks read it
        self.whole_reads = 0    # how many of those read the whole plan: the same readers
        # The plan the last run read, and what changed since (None: not known, read it all):
        # an edit of attendees' own fields then reads only their rows again.
        self._plan: Plan | None = None
        self._since: Pending | None = None
        self._timer = QTimer(self, singleShot=True, interval=COALESCE_MS, timeout=self.refresh)
        # The wait starts once the event loop is back, not when the change is announced: a
        # change whose own work takes longer than the wait (a big mission's switch on a busy
        # machine) would otherwise find the checks due before its paint, and show late.
        self._arm = QTimer(self, singleShot=True, interval=0, timeout=self._timer.start)
        panel.finding_activated.connect(self.go_to)
        ctx.events.changed.connect(self._on_change)

    def _on_change(self, change: Change) -> None:
        if (self._since is None or self._plan is None or change.switched or change.removed
                or change.mission_id != self._plan.mission_id):
            self._since = None
        else:
            self._since.add(change)
        self._timer.stop()      # every kind of row counts; a burst restarts the wait
        self._arm.start()

    def flush(self) -> None:
        """Check now if a change is waiting (before reading the findings)."""
        if self._timer.isActive() or self._arm.isActive():
            self._timer.stop()
            self._arm.stop()
            self.refresh()

    def refresh(self) -> None:
        # Imported on the first check, which comes after the first paint: the checks' modules
        # (holidays, visits, lodging rules) are a tenth of the start-up's own work.
        from models.readiness import check_again

        findings: list[Finding] = []
        mission_id = self.ctx.mission_id()
        since, self._since, kept, self._plan = self._since, None, self._plan, None
        people, items = _to_read_again(since)
        if mission_id is not None:
            with read_session(self.ctx.engine) as session:
                try:
                    self._plan, findings = check_again(
                        session, mission_id=mission_id, today=clock.today(), kept=kept,
                        people=people, items=items)
                except LookupError:                # deleted meanwhile
                    findings = []
            self._since = Pending()
            if self._plan is None or kept is None or (self._plan.people is not kept.people
                                                      and self._plan.items is not kept.items):
                self.whole_reads += 1
        self.runs += 1
        self.panel.set_findings(findings)
        self.counted.emit(len(findings))

    def go_to(self, finding: Finding) -> bool:
        return self.ctx.reveal(targets(finding))
