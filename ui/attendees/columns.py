"""Columns of the Attendees table."""

from __future__ import annotations

from i18n import N_, _, pick
from i18n.formatting import japanese_name, name_sort_key, person_name
from i18n.labels import ATTENDANCE, ROLES, label
from models.repository import AttendeeRow
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
           lambda r: japanese_name(r.family_name_ja, r.given_name_ja),
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
