"""A site's own visitor list: its visit's confirmed visitors in the columns the site requires,
legal names in capitals as in the passport, dates of birth as dates only, and the site's
rules and arrival point in the title block. No clearance status, no highlighting: what is
missing is told to the organizer in the export window, never to the host.

The host's own staff (role "host") are not visitors; invitees not yet confirmed are left out
unless asked for.
"""

from __future__ import annotations

from documents.workbook.cells import DAY_ONLY, Mark
from documents.workbook.data import MissionData
from documents.workbook.lang import country_name, display_name, picked, plain, sort_key
from documents.workbook.page import Column, SheetData, sheet_name
from documents.workbook.receivers import Document, Receiver
from i18n import _, ngettext, pick
from i18n.formatting import format_date, format_datetime
from i18n.labels import SEXES, VISITOR_FIELDS, label
from models.entities import AttendanceStatus, Role
from models.times import local_date
from models.visits import visitor_deadline

PERSONAL = {"date_of_birth", "passport_number", "visa_type", "birth_country",
            "passport_country", "passport_expiry", "us_person", "citizenship", "sex"}


def _yes_no(value) -> str:
    return "" if value is None else _("Yes") if value else _("No")


def _columns(field: str, extra) -> list[tuple[Column, callable]]:
    """The columns of one required field, each with how to read it off a person."""
    if field == "full_legal_name":
        return [(Column(_("Family name (as in passport)"), 20), lambda p: p.family.upper()),
                (Column(_("Given name (as in passport)"), 20), lambda p: p.given.upper())]
    x = lambda name: (lambda p: extra(p).get(name) or "")  # noqa: E731
    table = {
        "citizenship": (Column(_("Citizenship"), 16), lambda p: country_name(p.citizenship)),
        "date_of_birth": (Column(_("Date of birth"), 14),
                          lambda p: Mark(p.date_of_birth, DAY_ONLY) if p.date_of_birth else ""),
        "passport_number": (Column(_("Passport number"), 16, wrap=False),
                            lambda p: p.passport_number),
        "visa_type": (Column(_("Visa type"), 18), lambda p: p.visa_type),
        "organization": (Column(_("Organization"), 30), lambda p: picked(p.org_en, p.org_ja)),
        "title": (Column(_("Job title"), 30), lambda p: picked(p.title_en, p.title_ja)),
        "birth_country": (Column(_("Country of birth"), 16),
                          lambda p: country_name(extra(p).get("birth_country") or "")),
        "passport_country": (Column(_("Passport issued by"), 16),
                             lambda p: country_name(extra(p).get("passport_country") or "")),
        "passport_expiry": (Column(_("Passport expiry"), 14), lambda p: Mark(
            extra(p)["passport_expiry"], DAY_ONLY) if extra(p).get("passport_expiry") else ""),
        "employer": (Column(_("Employer"), 26), lambda p: x("employer")(p)
                     or plain(picked(p.org_en, p.org_ja))),
        "visit_purpose": (Column(_("Purpose of visit"), 28), x("visit_purpose")),
        "us_person": (Column(_("US person"), 10), lambda p: _yes_no(extra(p).get("us_person"))),
        "escort": (Column(_("Host / escort"), 20), x("escort")),
        # Only for a site that asks (a national lab's badge office); the code, in words.
        "sex": (Column(_("Sex"), 12), lambda p: label(SEXES, x("sex")(p)) if x("sex")(p)
                else ""),
    }
    return [table[field]] if field in table else []


def _rules(data: MissionData, site_id: int) -> list[str]:
    rules = data.site_rules.get(site_id, {})
    lines = []
    for label_text, en, ja in ((_("Arrival point"), "arrival_en", "arrival_ja"),
                               (_("Dress code"), "dress_code_en", "dress_code_ja"),
                               (_("Protective equipment"), "ppe_en", "ppe_ja"),
                               (_("Photography"), "photo_rules_en", "photo_rules_ja")):
        text = pick(rules.get(en, ""), rules.get(ja, ""))[0]
        if text:
            lines.append(_("{label}: {text}").format(label=label_text, text=text))
    if rules.get("nda"):
        lines.append(_("Every visitor signs a non-disclosure agreement on arrival."))
    if rules.get("safety_briefing"):
        lines.append(_("A safety briefing is held before the tour."))
    return lines


def site_document(data: MissionData, receiver: Receiver, used: set[str], *,
                  unconfirmed: bool = False) -> Document:
    item = next(i for i in data.items if i.id == receiver.key)
    site = data.sites[item.site_id]
    extra = lambda p: data.person_extra.get(p.pid, {})  # noqa: E731
    spec = [(f, c, read) for f in site.required for c, read in _columns(f, extra)]
    columns = [Column(_("No."), 5), *(c for _f, c, _r in spec)]
    if not any(f == "full_legal_name" for f, _c, _r in spec):
        columns.insert(1, Column(_("Name"), 24))
    missing, rows = [], []
    left_out = 0
    visitors = []
    for visitor in data.visitors[item.id]:
        p = data.people[visitor.participant_id]
        if p.role == Role.HOST.value:
            continue
        if p.status != AttendanceStatus.CONFIRMED.value and not unconfirmed:
            left_out += 1
            continue
        visitors.append((visitor, p))
    visitors.sort(key=lambda vp: sort_key(vp[1]))
    for n, (visitor, p) in enumerate(visitors, 1):
        row = [n]
        if len(columns) > len(spec) + 1:
            row.append(display_name(p))
        row += [read(p) for _f, _c, read in spec]
        rows.append(row)
        if visitor.missing:
            missing.append(_("{name} lacks {fields}.").format(
                name=display_name(p), fields=", ".join(label(VISITOR_FIELDS, f)
                                                       for f in visitor.missing)))
        if extra(p).get("latin_unconfirmed"):
            missing.append(_("{name}: the passport spelling of the name is not checked "
                             "yet.").format(name=display_name(p)))
    if left_out:
        missing.append(ngettext(
            "{n} invited visitor is not confirmed yet and is left out.",
            "{n} invited visitors are not confirmed yet and are left out.", left_out).format(
            n=left_out))
    deadline = visitor_deadline(local_date(item.start, item.start_tz), site.notice_days)
    lines = [_("Visitor list — {site}").format(site=pick(site.name_en, site.name_ja)[0]),
             _("{visit}, {when}").format(visit=pick(item.title_en, item.title_ja)[0],
                                         when=format_datetime(item.start, item.start_tz)),
             _("Organized by {organizers}; {n} visitors; sent for the deadline {deadline}")
             .format(organizers=", ".join(pick(en, ja)[0] for en, ja in data.organizers),
                     n=len(rows), deadline=format_date(deadline)),
             *_rules(data, site.id)]
    personal = [label(VISITOR_FIELDS, f) for f in site.required if f in PERSONAL]
    sheet = SheetData(sheet_name(_("Visitor list"), used), "\n".join(lines), columns, rows)
    return Document([sheet], personal, missing)
