"""Columns of the Sites table."""

from __future__ import annotations

from i18n import N_, _, pick
from i18n.formatting import format_list
from i18n.labels import VISITOR_FIELDS, label
from ui.common.table_model import Column
from ui.common.zones import zone_label


def _required(site) -> str:
    if site.is_hotel:
        return _("Hotel: a rooming list, no visitor list")
    keys = [k for k in site.required_fields.split(",") if k]
    return format_list([label(VISITOR_FIELDS, k) for k in keys])


def _yes_no(flag: bool) -> str:
    return _("Required") if flag else _("Not required")


def _rule(shown):
    """A visitor rule's column: empty for a hotel, which has none."""
    return lambda s: "" if s.is_hotel else shown(s)


class SiteRow:
    """A site as the table shows it: the site's own fields, and whether it is a hotel (only
    hotel stays take place there), whose visitor-rule columns stay empty."""

    __slots__ = ("site", "is_hotel")

    def __init__(self, site, is_hotel: bool):
        self.site, self.is_hotel = site, is_hotel

    def __getattr__(self, name):
        return getattr(self.site, name)


SITE_COLUMNS = [
    Column("name", N_("Site"), lambda s: pick(s.name_en, s.name_ja)),
    Column("address", N_("Address"), lambda s: pick(s.address_en, s.address_ja)),
    Column("zone", N_("Time zone"), lambda s: zone_label(s.tz)),
    Column("notice", N_("Notice (days)"), _rule(lambda s: str(s.notice_days)),
           lambda s: (s.is_hotel, s.notice_days), align_right=True),
    Column("required", N_("Visitor list needs"), _required),
    Column("nda", N_("NDA"), _rule(lambda s: _yes_no(s.nda))),
    Column("briefing", N_("Safety briefing"), _rule(lambda s: _yes_no(s.safety_briefing))),
    Column("dress", N_("Dress code / PPE"),
           _rule(lambda s: pick(s.dress_code_en, s.dress_code_ja))),
    Column("photo", N_("Photography"), _rule(lambda s: pick(s.photo_rules_en, s.photo_rules_ja))),
    Column("contact", N_("Contact"), lambda s: " · ".join(
        p for p in (s.contact_name, s.contact_email, s.contact_phone) if p)),
]
