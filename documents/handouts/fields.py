"""The one place the handouts and the calendar read an item's transport and a site's rules, so
that bilingual fields (vehicle_en/_ja, pickup_en/_ja, ...) replace today's single ones here only.

Today an item has one `vehicle` and one `pickup` (written in whatever language the organizer
used) and a site has its dress code and photography rules in both languages. Where a pair
exists (`<name>_en`, `<name>_ja`) it is read in the document's language; otherwise the single
field is used as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from documents.workbook.lang import phone_text
from i18n import _, current_language, pick


def bilingual(row, name: str) -> str:
    """`row.<name>_en` / `row.<name>_ja` in the current language, else `row.<name>`."""
    en, ja = getattr(row, f"{name}_en", None), getattr(row, f"{name}_ja", None)
    if en is None and ja is not None:
        en = getattr(row, name, "")     # vehicle, pickup, driver_name: the single one is English
    if en is not None or ja is not None:
        return pick(en or "", ja or "")[0]
    return getattr(row, name, "") or ""


@dataclass(frozen=True)
class Transport:
    vehicle: str
    pickup: str
    driver_name: str
    driver_phone: str               # grouped as the country writes it

    @property
    def driver(self) -> str:
        return " ".join(x for x in (self.driver_name, self.driver_phone) if x)


def item_transport(item, extra: dict | None = None) -> Transport:
    """The vehicle (or flight), the pick-up point and the driver with their phone, in the
    current language; `extra` (models.receivers.item_extras) has the Japanese of a plan's item
    that does not carry it."""
    def both(name: str) -> str:
        if extra and f"{name}_ja" in extra:
            return pick(getattr(item, name, "") or "", extra[f"{name}_ja"] or "")[0]
        return bilingual(item, name)

    if item.kind == "flight":
        vehicle = " ".join(x for x in (item.carrier, item.flight_number) if x)
    else:
        vehicle = both("vehicle")
    return Transport(vehicle, both("pickup"), both("driver_name"),
                     phone_text(item.driver_phone))


# What a visitor brings when the host checks identity against the visitor list.
_ID_FIELDS = frozenset({"passport_number", "citizenship", "date_of_birth"})


def site_rules(site) -> list[tuple[str, str]]:
    """(heading, text) of what to wear and bring and what the host asks, for a site (a
    models.entities.Site or anything with its fields)."""
    rules = []
    wear = bilingual(site, "dress_code")
    if wear:
        rules.append((_("What to wear"), wear))
    photos = bilingual(site, "photo_rules")
    if photos:
        rules.append((_("Photography"), photos))
    asks = []
    required = set(filter(None, (getattr(site, "required_fields", "") or "").split(",")))
    if required & _ID_FIELDS:
        asks.append(_("Bring your passport: the host checks it against the visitor list."))
    if getattr(site, "safety_briefing", False):
        asks.append(_("A safety briefing comes first."))
    if getattr(site, "nda", False):
        asks.append(_("You will be asked to sign a non-disclosure agreement (NDA)."))
    if asks:
        joiner = "" if current_language() == "ja" else " "    # no spaces between Japanese sentences
        rules.append((_("What to bring"), joiner.join(asks)))
    return rules
