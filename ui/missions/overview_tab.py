"""The Overview tab: a mission's details and counts at a glance, and below them the readiness
panel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from i18n import _, ngettext, pick
from i18n.formatting import format_date_range, format_list
from i18n.labels import MISSION_STATUS, label
from models import repository as repo
from models.entities import Organization
from models.repository import MissionRow
from models.store.db import read_session
from ui.common import retranslate
from ui.common.context import Context
from ui.common.events import ATTENDEES, ITEMS, MISSION, ORGANIZATIONS, SITES
from ui.common.refresh import Pending, Refresher
from ui.common.zones import zone_label
from ui.missions.readiness_links import ReadinessController
from ui.missions.readiness_panel import ReadinessPanel

FIELDS = ("code", "title", "other_title", "dates", "zone", "status", "organizers", "attendees",
          "items", "sites")


class OverviewTab(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.mission: MissionRow | None = None
        self.organizations: list[Organization] = []
        self.counts: dict[str, int] = {}
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.captions = {key: QLabel() for key in FIELDS}
        self.values = {key: QLabel(objectName=f"overview_{key}") for key in FIELDS}
        for key in FIELDS:
            self.values[key].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.form.addRow(self.captions[key], self.values[key])
        self.values["title"].setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.readiness_panel = ReadinessPanel()
        self.layout_.addWidget(self.readiness_panel, 1)   # the rest of the height
        self.readiness = ReadinessController(ctx, self.readiness_panel)
        retranslate.register(self)
        self.retranslate_ui()
        self.refresher = Refresher(self, ctx,
                                   (MISSION, ORGANIZATIONS, ATTENDEES, ITEMS, SITES), self._reload)

    def _reload(self, pending: Pending) -> None:
        mission, organizations, counts = self.ctx.current_mission(), [], {}
        if pending.needs_data():
            with read_session(self.ctx.engine) as session:
                organizations = repo.list_organizations(session)
                if mission is not None:
                    counts = repo.mission_counts(session, mission_id=mission.id)
            self.mission, self.organizations, self.counts = mission, organizations, counts
        self._fill()

    def retranslate_ui(self) -> None:
        captions = {"code": _("Code"), "title": _("Title"), "other_title": _("Other language"),
                    "dates": _("Dates"), "zone": _("Home time zone"), "status": _("Status"),
                    "organizers": _("Organizing bodies"), "attendees": _("Attendees"),
                    "items": _("Itinerary"), "sites": _("Sites")}
        for key, text in captions.items():
            self.captions[key].setText(text)
        self._fill()

    def _fill(self) -> None:
        m = self.mission
        if m is None:
            for value in self.values.values():
                value.clear()
            self.values["title"].setText(_("No mission selected"))
            return
        title, _fallback = pick(m.title_en, m.title_ja)
        other = m.title_ja if title == m.title_en else m.title_en
        by_id = {o.id: o for o in self.organizations}
        c = self.counts
        texts = {
            "code": m.code,
            "title": title,
            "other_title": other if other != title else "",
            "dates": format_date_range(m.start_date, m.end_date),
            "zone": zone_label(m.home_tz),
            "status": label(MISSION_STATUS, m.status),
            "organizers": format_list([pick(by_id[i].name_en, by_id[i].name_ja)[0]
                                       for i in m.organizer_ids if i in by_id]),
            "attendees": ngettext("{n} attendee", "{n} attendees", c.get("attendees", 0)).format(
                n=c.get("attendees", 0)) + " · " + _("{n} confirmed").format(
                n=c.get("confirmed", 0)),
            "items": ngettext("{n} item", "{n} items", c.get("items", 0)).format(
                n=c.get("items", 0)),
            # the places visited, then the stays: a hotel is a site but not a visit
            "sites": ngettext("{n} site visited", "{n} sites visited", c.get("sites", 0)).format(
                n=c.get("sites", 0)) + " · " + ngettext(
                "{n} hotel stay", "{n} hotel stays", c.get("stays", 0)).format(
                n=c.get("stays", 0)),
        }
        for key, text in texts.items():
            self.values[key].setText(text)
