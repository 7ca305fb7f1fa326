"""Where a handout's places are and what follows from it: the country of a time zone, the
language a taxi driver there reads, the paper size a receiver prints on, the name of a clock,
and the emergency numbers of a country (from phonenumbers' short-number data)."""

from __future__ import annotations

import re
from functools import cache

from i18n import N_, _
from i18n.formatting import zone_abbreviation

# CLDR's supplemental paperSize data (Babel does not carry it): where US Letter is the norm.
_LETTER_COUNTRIES = frozenset("BZ CA CL CO CR GT MX NI PA PH PR SV US VE".split())

# The clocks the glossary names; any other zone is called by its abbreviation.
_CLOCKS = {"Asia/Tokyo": N_("Japan time"), "America/New_York": N_("US Eastern time")}

# What each emergency number reaches. phonenumbers knows which numbers are emergency numbers
# but not the service behind each; a number not listed here is shown as "Emergency".
_SERVICES = {
    ("JP", "110"): N_("Police"),
    ("JP", "119"): N_("Fire and ambulance"),
    ("JP", "118"): N_("Coast guard"),
    ("US", "911"): N_("Police, fire and ambulance"),
    ("CA", "911"): N_("Police, fire and ambulance"),
}
_EMERGENCY = N_("Emergency")


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


@cache
def _emergency_numbers(country: str) -> tuple[str, ...]:
    import phonenumbers
    from phonenumbers import shortnumberinfo

    metadata = phonenumbers.PhoneMetadata.short_metadata_for_region(country)
    if metadata is None or metadata.emergency is None:
        return ()
    # The metadata gives the numbers as a pattern and their lengths: try every number of those
    # lengths against the pattern (a thousand at three digits), then ask phonenumbers itself.
    desc = metadata.emergency
    pattern = re.compile(desc.national_number_pattern or "")
    lengths = desc.possible_length or metadata.general_desc.possible_length or (2, 3, 4)
    candidates = (str(n).zfill(width) for width in lengths for n in range(10 ** width))
    found = {n for n in candidates if pattern.fullmatch(n)
             and shortnumberinfo.is_emergency_number(n, country)}
    known = [n for (c, n) in _SERVICES if c == country and n in found]
    return tuple(known + sorted(found - set(known), key=lambda n: (len(n), n)))


def emergency_numbers(country: str) -> list[tuple[str, str]]:
    """(number, service) of a country's emergency numbers, the ones we can name first."""
    return [(n, _(_SERVICES.get((country, n), _EMERGENCY)))
            for n in _emergency_numbers(country)]
