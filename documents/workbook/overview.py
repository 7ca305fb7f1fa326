"""The Overview sheet: the mission at a glance, then the readiness findings still open."""

from __future__ import annotations

from datetime import date

from documents.workbook.cells import HEADER
from documents.workbook.data import MissionData
from documents.workbook.lang import list_separator
from documents.workbook.page import Column, SheetData, sheet_name
from documents.workbook.people import mission_title
from i18n import N_, _, pick
from i18n.labels import MISSION_STATUS, label
from models import findings as F
from models.readiness import finding_text

RANKS = {
    F.RANK_OVERDUE: N_("Overdue"),
    F.RANK_CONFLICT: N_("Cannot happen as planned"),
    F.RANK_DUE_SOON: N_("Due soon"),
    F.RANK_MISSING: N_("Missing information"),
    F.RANK_LODGING: N_("Lodging"),
}


def overview_sheet(data: MissionData, used: set[str], *, today: date) -> SheetData:
    m = data.mission
    organizers = list_separator().join(pick(en, ja)[0] for en, ja in data.organizers)
    counts = data.counts
    rows = [
        [_("Code"), m.code],
        [_("Title (English)"), m.title_en],
        [_("Title (Japanese)"), m.title_ja],
        [_("First day"), m.start_date],
        [_("Last day"), m.end_date],
        [_("Status"), label(MISSION_STATUS, m.status)],
        [_("Home time zone"), m.home_tz],
        [_("Organizing bodies"), organizers],
        [_("Attendees"), counts.get("attendees", 0)],
        [_("Confirmed"), counts.get("confirmed", 0)],
        [_("Itinerary items"), counts.get("items", 0)],
        [_("Sites visited"), counts.get("sites", 0)],
        [_("Hotel stays"), counts.get("stays", 0)],
        [_("Exported on"), today],
        [_("Passport numbers, dates of birth, visa types"),
         _("Included in the visitor lists that require them") if data.sensitive
         else _("Left out of this workbook")],
        [None, None],
    ]
    flags = [0] * len(rows)
    rows.append([_("Urgency"), _("Open readiness findings")])
    flags.append(HEADER)
    for finding in data.findings:
        rows.append([_(RANKS.get(finding.rank, N_("Other"))), finding_text(finding)])
        flags.append(0)
    if not data.findings:
        rows.append([None, _("Nothing open: every readiness check passes.")])
        flags.append(0)
    columns = [Column(_("Subject"), 26), Column(_("Details"), 100, centered=False)]
    return SheetData(sheet_name(_("Overview"), used), mission_title(data), columns, rows, flags,
                     filter=False)
