"""Runs the readiness checks for the window's mission and follows a clicked finding to what it
concerns: an item, a person, a site visit or a hotel stay, in the tab where it can be put right.

Where each kind of finding leads (and why):
- a double booking or a transfer before landing: the item, in the Itinerary tab (move it);
- a missed or near visitor-list deadline, a refused clearance: the visit in the Sites tab, where
  its visitors and their clearance are (falls back to the item);
- a visitor lacking a field, a passport too short: the person, in the Attendees tab (fill it in);
- no room at a hotel: the stay in the Lodging tab (give a room); no lodging at all: the person.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QTabWidget, QWidget

from i18n import _
from models import findings as F
from models.findings import Finding
from models.readiness import run_checks
from models.store.db import read_session
from ui.common import clock
from ui.common.table_model import ROW_ROLE
from ui.missions.readiness_panel import ReadinessPanel

_TO_ITEM = {F.OVERLAP, F.TRANSFER_BEFORE_LANDING}
_TO_VISIT = {F.DEADLINE_PASSED, F.DEADLINE_SOON, F.CLEARANCE_REFUSED}


def page_of(tabs: QTabWidget, widget: QWidget) -> QWidget | None:
    """The tab page holding `widget` (itself or an ancestor), None when it is in no tab."""
    while widget is not None and tabs.indexOf(widget) < 0:
        widget = widget.parentWidget()
    return widget


def select_row(tabs: QTabWidget, view: QAbstractItemView, match) -> bool:
    """Show the tab of `view` and select its first row whose ROW_ROLE value `match`es."""
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        value = index.data(ROW_ROLE)
        if value is not None and match(value):
            page = page_of(tabs, view)
            if page is not None:
                tabs.setCurrentWidget(page)
            flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                     | QItemSelectionModel.SelectionFlag.Rows)
            view.selectionModel().setCurrentIndex(index, flags)
            view.scrollTo(index)
            view.setFocus()
            return True
    return False


class ReadinessController:
    def __init__(self, window, panel: ReadinessPanel):
        self.window, self.panel = window, panel
        panel.finding_activated.connect(self.go_to)

    def refresh(self, mission_id: int | None) -> None:
        """Check again: the window calls this on every change and mission switch (< 100 ms)."""
        findings: list[Finding] = []
        if mission_id is not None:
            with read_session(self.window.db.engine) as session:
                try:
                    findings = run_checks(session, mission_id=mission_id,
                                          today=clock.today())
                except LookupError:                # deleted meanwhile
                    findings = []
        self.panel.set_findings(findings)
        self.update_title()

    def update_title(self) -> None:
        tabs = self.window.tabs
        index = tabs.indexOf(self.window.overview)
        n = self.panel.count()
        tabs.setTabText(index, _("Overview ({n})").format(n=n) if n else _("Overview"))

    # following a finding ---------------------------------------------------------------------
    def go_to(self, finding: Finding) -> bool:
        plan, tabs = self.window.plan, self.window.tabs
        pid, item_id, kind = finding.participant_id, finding.item_id, finding.kind
        if kind in _TO_VISIT and item_id is not None and plan.sites_tab.select_visit(item_id,
                                                                                      pid):
            tabs.setCurrentWidget(plan.sites_tab)
            return True
        if kind == F.NO_LODGING and item_id is not None and plan.lodging_tab.select_stay(item_id,
                                                                                          pid):
            tabs.setCurrentWidget(plan.lodging_tab)
            return True
        if kind in _TO_ITEM and item_id is not None and self.show_item(item_id):
            return True
        if pid is not None and self.show_person(pid):
            return True
        return item_id is not None and self.show_item(item_id)

    def show_item(self, item_id: int) -> bool:
        """Select the item in the Itinerary tab, through the tab's own select_item when it has
        one (a timeline draws no rows), else the row of the item table."""
        window, tabs = self.window, self.window.tabs
        candidates = [getattr(window, name, None) for name in ("itinerary", "itinerary_tab")]
        candidates += [tabs.widget(i) for i in range(tabs.count())]
        for tab in candidates:
            if tab is not None and callable(getattr(tab, "select_item", None)):
                page = page_of(tabs, tab)
                if page is not None:
                    tabs.setCurrentWidget(page)
                if tab.select_item(item_id) is not False:
                    return True
        return select_row(tabs, window.item_table, lambda row: row.id == item_id)

    def show_person(self, participant_id: int) -> bool:
        attendees = self.window.attendees

        def match(row) -> bool:
            return row.participant_id == participant_id
        if select_row(self.window.tabs, attendees.table, match):
            return True
        if attendees.filter.text():                 # the filter may hide them: show everyone
            attendees.filter.clear()
            return select_row(self.window.tabs, attendees.table, match)
        attendees.table.setCurrentIndex(QModelIndex())
        return False
