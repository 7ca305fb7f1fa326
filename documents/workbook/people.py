"""The sheets about people: the roster, the contact sheet, and one visitor list per site visit
in the columns its host requires."""

from __future__ import annotations

from documents.workbook.cells import MISSING, MUTED, Mark
from documents.workbook.data import MissionData
from documents.workbook.lang import (
    country_name,
    display_name,
    latin_name,
    native_name,
    phone_text,
    picked,
    reading,
    sort_key,
    titled,
    without_prefix,
)
from documents.workbook.page import Column, SheetData, sheet_name
from documents.workbook.travel import Names
from i18n import N_, _, current_language, ngettext, pick
from i18n.formatting import format_date, format_datetime
from i18n.labels import ATTENDANCE, CLEARANCES, ROLES, label
from models.entities import Role
from models.times import local_date
from models.visits import visitor_deadline

# Visitor fields that identify a person beyond doubt: only in the lists that need them.
SENSITIVE_FIELDS = frozenset({"date_of_birth", "passport_number", "visa_type"})

CONTACT_GROUPS = (
    (N_("Organizers"), {Role.HEAD.value, Role.STAFF.value}),
    (N_("Interpreters"), {Role.INTERPRETER.value}),
    (N_("Hosts"), {Role.HOST.value}),
)


def mission_title(data: MissionData) -> str:
    return pick(data.mission.title_en, data.mission.title_ja)[0]


def roster_sheet(data: MissionData, used: set[str]) -> SheetData:
    ja = current_language() == "ja"
    columns = [Column(_("Name"), 24),
               Column(_("Name (Latin script)") if ja else _("Name (Japanese)"), 24)]
    if ja:
        columns.append(Column(_("Reading"), 24))
    columns += [Column(_("Organization"), 32), Column(_("Job title"), 32),
                Column(_("Role"), 16), Column(_("E-mail"), 34, wrap=False),
                Column(_("Mobile"), 17, wrap=False), Column(_("Citizenship"), 14),
                Column(_("Status"), 10)]
    rows, flags = [], []
    names = Names.of(data)
    for pid in names.sorted(data.people):
        p = data.people[pid]
        row = [names.name[pid], latin_name(p) if ja else native_name(p)]
        if ja:
            row.append(reading(p))
        row += [picked(p.org_en, p.org_ja), picked(p.title_en, p.title_ja),
                label(ROLES, p.role), p.email, phone_text(p.phone),
                country_name(p.citizenship), label(ATTENDANCE, p.status)]
        rows.append(row)
        flags.append(MUTED if p.status == "cancelled" else 0)
    n = len(rows)
    title = titled(_("Attendee roster"), mission_title(data),
                   ngettext("{n} attendee", "{n} attendees", n).format(n=n))
    return SheetData(sheet_name(_("Roster"), used), title, columns, rows, flags)


def _field_columns(field: str) -> list[tuple[Column, callable]]:
    """The columns of one required visitor field, each with how to read it off a person."""
    if field == "full_legal_name":
        return [(Column(_("Family name (as in passport)"), 20), lambda p: p.family),
                (Column(_("Given name (as in passport)"), 20), lambda p: p.given)]
    table = {
        "citizenship": (Column(_("Citizenship"), 16), lambda p: country_name(p.citizenship)),
        "date_of_birth": (Column(_("Date of birth"), 16), lambda p: p.date_of_birth),
        "passport_number": (Column(_("Passport number"), 16, wrap=False),
                            lambda p: p.passport_number),
        "visa_type": (Column(_("Visa type"), 18), lambda p: p.visa_type),
        "organization": (Column(_("Organization"), 32), lambda p: picked(p.org_en, p.org_ja)),
        "title": (Column(_("Job title"), 32), lambda p: picked(p.title_en, p.title_ja)),
    }
    return [table[field]] if field in table else []


def visitor_sheets(data: MissionData, used: set[str]) -> list[SheetData]:
    sheets = []
    for item in data.items:
        if item.id not in data.visitors:
            continue
        site = data.sites[item.site_id]
        fields = list(site.required)
        if not data.sensitive:
            fields = [f for f in fields if f not in SENSITIVE_FIELDS]
        spec = [(f, c, read) for f in fields for c, read in _field_columns(f)]
        columns = [Column(_("No."), 5), Column(_("Name"), 24), *(c for _f, c, _r in spec),
                   Column(_("Clearance"), 12)]
        visitors = sorted(data.visitors[item.id],
                          key=lambda v: sort_key(data.people[v.participant_id]))
        rows = []
        for n, visitor in enumerate(visitors, 1):
            p = data.people[visitor.participant_id]
            row = [n, display_name(p)]
            # A Latin name spelled from the kana and not checked against the passport is
            # marked like a missing field: a gate compares it with the passport.
            unchecked = data.person_extra.get(p.pid, {}).get("latin_unconfirmed")
            for field, _column, read in spec:
                value = read(p)
                marked = field in visitor.missing or (unchecked and field == "full_legal_name")
                row.append(Mark(value or None, MISSING) if marked else value)
            row.append(label(CLEARANCES, visitor.clearance))
            rows.append(row)
        site_name = pick(site.name_en, site.name_ja)[0]
        deadline = visitor_deadline(local_date(item.start, item.start_tz), site.notice_days)
        title = _("Visitor list for {site}: {visit}, {when} — due {deadline}").format(
            site=site_name, visit=pick(item.title_en, item.title_ja)[0],
            when=format_datetime(item.start, item.start_tz), deadline=format_date(deadline))
        # The visit's own title names the tab: two visits to one site are told apart.
        visit = without_prefix(pick(item.title_en, item.title_ja)[0]) or site_name
        tab = _("Visitors {name}").format(name=visit)
        sheets.append(SheetData(sheet_name(tab, used), title, columns, rows))
    return sheets
