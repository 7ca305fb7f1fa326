"""Columns of the Sites table."""

from __future__ import annotations

from i18n import N_, _, pick
from i18n.formatting import format_list
from i18n.labels import VISITOR_FIELDS, label
from ui.common.table_model import Column
from ui.common.zones import zone_label


def _required(site) -> str:
    keys = [k for k in site.required_fields.split(",") if k]
    return format_list([label(VISITOR_FIELDS, k) for k in keys])


def _yes_no(flag: bool) -> str:
    return _("Required") if flag else _("Not required")


SITE_COLUMNS = [
    Column("name", N_("Site"), lambda s: pick(s.name_en, s.name_ja)),
    Column("address", N_("Address"), lambda s: pick(s.address_en, s.address_ja)),
    Column("zone", N_("Time zone"), lambda s: zone_label(s.tz)),
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
