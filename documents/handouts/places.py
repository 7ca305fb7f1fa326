"""Where a handout's places are and what follows from it: the country of a time zone, the
language a taxi driver there reads, the paper size a receiver prints on, the name of a clock,
(the emergency numbers of a country are in models.emergency_numbers)."""

from __future__ import annotations

from functools import cache

from i18n import N_, _
from i18n.formatting import zone_abbreviation

# CLDR's supplemental paperSize data (Babel does not carry it): where US Letter is the norm.
_LETTER_COUNTRIES = frozenset("BZ CA CL CO CR GT MX NI PA PH PR SV US VE".split())

# The clocks the glossary names; any other zone is called by its abbreviation.
_CLOCKS = {"Asia/Tokyo": N_("Japan time"), "America/New_York": N_("US Eastern time")}



@cache
def zone_country(zone: str) -> str:
    """JP for Asia/Tokyo, US for America/New_York (CLDR's zone territories); "" if unknown."""
    from babel.core import get_global

    territories = get_global("zone_territories")
    aliases = get_global("zone_aliases")
    return territories.get(zone) or territories.get(aliases.get(zone, ""), "") or ""


def local_language(country: str) -> str:
    """The language of ours that a taxi driver in the country reads."""
    return "ja" if country == "JP" else "en"


def paper_for(country: str) -> str:
    """"letter" or "a4": what a receiver in the country prints on."""
    return "letter" if country.upper() in _LETTER_COUNTRIES else "a4"


def clock_name(zone: str, local=None) -> str:
    """Japan time / 日本時間, US Eastern time / 米国東部時間; else EST-style abbreviation."""
    if zone in _CLOCKS:
        return _(_CLOCKS[zone])
    return zone_abbreviation(local) if local is not None else zone
