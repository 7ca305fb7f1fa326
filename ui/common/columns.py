"""Column definitions of the Attendees, Itinerary and Sites tables."""

from __future__ import annotations

from i18n import N_, _, ngettext, pick
from i18n.formatting import format_datetime, format_list, name_sort_key, person_name
from i18n.labels import ATTENDANCE, ITEM_KINDS, ROLES, VISITOR_FIELDS, label
from models.repository import AttendeeRow, ItemRow
from models.times import day_shift
from ui.common.table_model import Column


def _attendee_name(r: AttendeeRow) -> str:
    return person_name(family=r.family_name, given=r.given_name, family_ja=r.family_name_ja,
                       given_ja=r.given_name_ja)


def _attendee_key(r: AttendeeRow) -> tuple:
    return name_sort_key(family=r.family_name, given=r.given_name, family_kana=r.family_kana,
                         given_kana=r.given_kana)


def _reading(r: AttendeeRow) -> str:
    return " ".join(p for p in (r.family_kana, r.given_kana) if p)


def _latin_name(r: AttendeeRow) -> str:
    text = " ".join(p for p in (r.family_name.upper(), r.given_name) if p)
    if not (r.latin_unconfirmed and text):
        return text
    # Also in the text, not only in the style: a filter finds them, a grey-scale print shows it.
    return _("{name} (unconfirmed)").format(name=text)


def _latin_warning(r: AttendeeRow) -> str:
    if not r.latin_unconfirmed:
        return ""
    return _("Spelled from the kana reading at import: check it against the passport.")


ATTENDEE_COLUMNS = [
    Column("name", N_("Name"), _attendee_name, _attendee_key),
    Column("name_latin", N_("Name (Latin script)"), _latin_name,
           lambda r: (r.family_name.casefold(), r.given_name.casefold()),
           warning=_latin_warning),
    Column("name_ja", N_("Name (Japanese)"),
           lambda r: " ".join(p for p in (r.family_name_ja, r.given_name_ja) if p),
           _attendee_key),
    Column("reading", N_("Reading"), _reading, _attendee_key),
    Column("organization", N_("Organization"),
           lambda r: pick(r.organization_en, r.organization_ja)),
    Column("job_title", N_("Job title"), lambda r: pick(r.title_en, r.title_ja)),
    Column("role", N_("Role"), lambda r: label(ROLES, r.role)),
    Column("status", N_("Status"), lambda r: label(ATTENDANCE, r.status)),
    Column("email", N_("E-mail"), lambda r: r.email),
    Column("phone", N_("Mobile"), lambda r: r.phone),
    Column("citizenship", N_("Citizenship"), lambda r: r.citizenship),
    Column("dietary", N_("Dietary needs"), lambda r: r.dietary),
]


def _end_text(r: ItemRow) -> str:
    text = format_datetime(r.end_utc, r.end_tz)
    shift = day_shift(r.start_utc, r.start_tz, r.end_utc, r.end_tz)
    if shift:
        mark = (ngettext("(+{n} day)", "(+{n} days)", shift) if shift > 0
                else ngettext("({n} day)", "({n} days)", -shift))
        text += " " + mark.format(n=shift)
    return text


def _who(r: ItemRow) -> str:
    return _("All") if r.everyone else _("{n} people").format(n=r.participant_count)


def _route(r: ItemRow) -> str:
    parts = [" ".join(p for p in (r.carrier, r.flight_number) if p)]
    if r.from_code or r.to_code:
        parts.append(f"{r.from_code} → {r.to_code}")
    return "  ".join(p for p in parts if p)


ITEM_COLUMNS = [
    Column("start", N_("Start (local)"), lambda r: format_datetime(r.start_utc, r.start_tz),
           lambda r: r.start_utc),
    Column("end", N_("End (local)"), _end_text, lambda r: r.end_utc),
    Column("kind", N_("Kind"), lambda r: label(ITEM_KINDS, r.kind)),
    Column("title", N_("Title"), lambda r: pick(r.title_en, r.title_ja)),
    Column("place", N_("Place"),
           lambda r: pick(r.site_en, r.site_ja) if (r.site_en or r.site_ja)
           else pick(r.location_en, r.location_ja)),
    Column("transport", N_("Transport"), _route),
    Column("who", N_("Who"), _who, lambda r: (not r.everyone, r.participant_count)),
]


def _required(site) -> str:
    keys = [k for k in site.required_fields.split(",") if k]
    return format_list([label(VISITOR_FIELDS, k) for k in keys])


def _yes_no(flag: bool) -> str:
    return _("Required") if flag else _("Not required")


SITE_COLUMNS = [
    Column("name", N_("Site"), lambda s: pick(s.name_en, s.name_ja)),
    Column("address", N_("Address"), lambda s: pick(s.address_en, s.address_ja)),
    Column("zone", N_("Time zone"), lambda s: s.tz),
    Column("notice", N_("Notice (days)"), lambda s: str(s.notice_days), lambda s: s.notice_days,
           align_right=True),
    Column("required", N_("Visitor list needs"), _required),
    Column("nda", N_("NDA"), lambda s: _yes_no(s.nda)),
    Column("briefing", N_("Safety briefing"), lambda s: _yes_no(s.safety_briefing)),
    Column("dress", N_("Dress code / PPE"), lambda s: pick(s.dress_code_en, s.dress_code_ja)),
    Column("photo", N_("Photography"), lambda s: pick(s.photo_rules_en, s.photo_rules_ja)),
    Column("contact", N_("Contact"), lambda s: " · ".join(
        p for p in (s.contact_name, s.contact_email, s.contact_phone) if p)),
]
