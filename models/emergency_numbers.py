"""The emergency numbers of a country, from phonenumbers' short-number data, with the service
each reaches where we can name it: the travel pack's contacts page and the contact sheet."""

from __future__ import annotations

import re
from functools import cache

from i18n import N_, _

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
