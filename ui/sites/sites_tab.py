"""The Sites tab: the sites with what each host requires (add, edit, delete), and below, the
mission's visits of the chosen site with each visit's visitor list and clearance.

The tab lists the sites the mission visits and the sites no mission uses yet, so that a site
just added stays in view until an item names it. It reads what it shows; every change is asked
for with a signal and carried out by ui.sites.actions as an undoable command.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from i18n import _, pick
from i18n.formatting import format_datetime
from models import sites
from models.store.db import read_session
from models.visits import list_visitors
from ui.common import retranslate
from ui.common.context import Context
from ui.common.events import ATTENDEES, ITEMS, PARTICIPANTS, SITES, VISITS
from ui.common.refresh import Pending, Refresher
from ui.common.table_model import RowTableModel
from ui.common.tables import make_table
from ui.sites.columns import SITE_COLUMNS, SiteRow
from ui.sites.visitors_table import VisitorsTable

ID_ROLE = Qt.ItemDataRole.UserRole


class SitesTab(QWidget):
    add_requested = Signal()
    edit_requested = Signal(int)              # site id
    delete_requested = Signal(int)
    merge_requested = Signal(int)
    clearance_chosen = Signal(int, int, str, str, str)   # item, participant, before, after, name

    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sitesTab")
        self.ctx = ctx
        self.model = model = RowTableModel(SITE_COLUMNS, self)
        self.table = table = make_table(model, "siteTable")
        self.mission_id: int | None = None
        self.editable = False
        self._site_id: int | None = None       # the site to keep chosen across reloads
        self._visit_id: int | None = None
        self._stays = 0                         # hotel stays at the chosen site
        self.visits: list[sites.VisitRow] = []
        self.add_button = QPushButton(objectName="addSite",
                                      clicked=lambda: self.add_requested.emit())
        self.edit_button = QPushButton(objectName="editSite", clicked=lambda: self._emit_for(
            self.edit_requested))
        self.delete_button = QPushButton(objectName="deleteSite", clicked=lambda: self._emit_for(
            self.delete_requested))
        self.merge_button = QPushButton(objectName="mergeSite", clicked=lambda: self._emit_for(
            self.merge_requested))
        self.visit_list = QListWidget(objectName="visitList")
        self.visit_list.setWordWrap(True)
        self.visit_list.setSpacing(3)
        self.visit_list.currentItemChanged.connect(self._on_visit_picked)
        self.no_visits = QLabel(objectName="noVisits")
        self.no_visits.setWordWrap(True)
        self.no_visits.setStyleSheet("color: palette(placeholder-text);")
        self.visitors = VisitorsTable()
        self.visitors.clearance_chosen.connect(self._on_clearance)
        self._build_layout()
        table.doubleClicked.connect(lambda _index: self._emit_for(self.edit_requested))
        table.selectionModel().currentRowChanged.connect(self._on_site_picked)
        model.modelReset.connect(self._after_reset)
        self.refresher = Refresher(self, ctx,
                                   (SITES, ITEMS, VISITS, ATTENDEES, PARTICIPANTS), self._reload)
        retranslate.register(self)
        self.retranslate_ui()

    def _build_layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        self.visits_group, self.visitors_group = QGroupBox(), QGroupBox()
        visits = QVBoxLayout(self.visits_group)
        visits.addWidget(self.visit_list, 1)
        visits.addWidget(self.no_visits)
        QVBoxLayout(self.visitors_group).addWidget(self.visitors)
        below = QSplitter(Qt.Orientation.Horizontal, objectName="visitSplitter")
        below.addWidget(self.visits_group)
        below.addWidget(self.visitors_group)
        below.setStretchFactor(1, 2)
        below.setSizes([360, 760])
        split = QSplitter(Qt.Orientation.Vertical, objectName="sitesSplitter")
        split.addWidget(self.table)
        split.addWidget(below)
        split.setSizes([200, 460])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)

    def retranslate_ui(self) -> None:
        self.add_button.setText(_("&Add site…"))
        self.edit_button.setText(_("&Edit site…"))
        self.delete_button.setText(_("&Delete site…"))
        self.merge_button.setText(_("&Merge into…"))
        self.merge_button.setToolTip(_("Join this site with another that is the same place: "
                                       "its visits, in every mission, move to the other."))
        self.visits_group.setTitle(_("Site visits of this mission"))
        self.visitors_group.setTitle(_("Visitor list"))
        self._say_no_visits()
        self.refresher.language()

    def _say_no_visits(self) -> None:
        # A hotel is a site for its address and phone; its stay has a rooming list, not a
        # visitor list.
        self.no_visits.setText(
            _("A hotel of this mission's stays: a stay has a rooming list, not a visitor list.")
            if self._stays else
            _("This mission has no site visit here. A site visit is an itinerary item of the "
              "kind “Site visit” at this site."))

    @property
    def engine(self):
        return self.ctx.engine

    # data ------------------------------------------------------------------------------------
    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self._update_buttons()

    def _reload(self, pending: Pending) -> None:
        """Reload the sites, the chosen site's visits and the chosen visit's visitors."""
        self.mission_id = self.ctx.mission_id()
        rows = []
        if self.mission_id is not None:
            with read_session(self.engine) as session:
                hotels = sites.hotel_sites(session)
                rows = [SiteRow(site, site.id in hotels)
                        for site in sites.list_tab_sites(session, mission_id=self.mission_id)]
        self.model.set_rows(rows)                 # _after_reset chooses the site again
        self.table.doItemsLayout()                # now, not in a second paint after the first
        self._update_buttons()

    def current_site_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).id if index.isValid() else None

    def select_site(self, site_id: int | None) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == site_id:
                index = self.model.index(row, 0)
                self.table.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                self.table.scrollTo(index)
                return True
        return False

    def reveal_site(self, site_id: int) -> bool:
        """Bring the tab up to date, then select_site."""
        self.refresher.flush()
        return self.select_site(site_id)

    def select_visit(self, item_id: int, participant_id: int | None = None) -> bool:
        """Choose the site of the visit, the visit, and the visitor when given."""
        self.refresher.flush()
        with read_session(self.engine) as session:
            site_id = sites.site_of_item(session, item_id=item_id)
        if site_id is None or not self.select_site(site_id):
            return False
        for row in range(self.visit_list.count()):
            if self.visit_list.item(row).data(ID_ROLE) == item_id:
                self.visit_list.setCurrentRow(row)
                break
        else:
            return False
        if participant_id is not None and (row := self.visitors.row_of(participant_id)) >= 0:
            self.visitors.table.selectRow(row)
        return True

    def _after_reset(self) -> None:
        first = self.model.row_at(0).id if self.model.rowCount() else None
        if not (self.select_site(self._site_id) or self.select_site(first)):
            self._on_site_picked(QModelIndex(), None)      # no site: no visits either
        self._update_buttons()

    def _on_site_picked(self, current, _previous) -> None:
        site_id = self.model.row_at(current.row()).id if current.isValid() else None
        if site_id is not None:
            self._site_id = site_id
        self.visits, self._stays = [], 0
        if site_id is not None and self.mission_id is not None:
            with read_session(self.engine) as session:
                self.visits = sites.list_site_visits(session, mission_id=self.mission_id,
                                                     site_id=site_id)
                self._stays = sites.count_stays(session, mission_id=self.mission_id,
                                                site_id=site_id)
        self._say_no_visits()
        self._fill_visits()
        self._update_buttons()

    def _fill_visits(self) -> None:
        keep = self._visit_id
        self.visit_list.blockSignals(True)
        self.visit_list.clear()
        for visit in self.visits:
            title = pick(visit.title_en, visit.title_ja)[0]
            item = QListWidgetItem(f"{format_datetime(visit.start_utc, visit.start_tz)}\n{title}")
            item.setData(ID_ROLE, visit.item_id)
            self.visit_list.addItem(item)
        self.visit_list.blockSignals(False)
        ids = [v.item_id for v in self.visits]
        self.visit_list.setVisible(bool(ids))
        self.no_visits.setVisible(not ids)
        if ids:
            self.visit_list.setCurrentRow(ids.index(keep) if keep in ids else 0)
        else:
            self._on_visit_picked(None, None)

    def _on_visit_picked(self, current: QListWidgetItem | None, _previous) -> None:
        item_id = current.data(ID_ROLE) if current is not None else None
        visit = next((v for v in self.visits if v.item_id == item_id), None)
        rows = []
        if visit is not None:
            self._visit_id = item_id
            with read_session(self.engine) as session:
                rows = list_visitors(session, item_id=item_id)
        self.visitors.show_visit(visit, rows, self.editable)

    def _on_clearance(self, participant_id: int, before: str, after: str, name: str) -> None:
        if self._visit_id is not None:
            self.clearance_chosen.emit(self._visit_id, participant_id, before, after, name)

    # actions ---------------------------------------------------------------------------------
    def _emit_for(self, signal) -> None:
        site_id = self.current_site_id()
        if site_id is not None and self.editable:
            signal.emit(site_id)

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self.editable)
        on_row = self.editable and self.table.currentIndex().isValid()
        self.edit_button.setEnabled(on_row)
        self.delete_button.setEnabled(on_row)
        self.merge_button.setEnabled(on_row)

    def site_row(self, site_id: int):
        return next((self.model.row_at(r) for r in range(self.model.rowCount())
                     if self.model.row_at(r).id == site_id), None)

