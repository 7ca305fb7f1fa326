"""Domain checks on an attendee: passport validity for the countries a mission visits, and the
shape of names, readings, e-mail addresses and phone numbers.

The functions return values or findings, never messages: the window and the importer word them
in the user's language. No Qt here.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable
from datetime import date

# Countries whose citizens the US lets in with a passport valid only through the stay (CBP's
# "six-month club"). A subset of CBP's list: a country left out gets the stricter six-month
# rule, so a gap here errs on the side of a warning, never a missed one.
US_SIX_MONTH_CLUB = frozenset({
    "AR", "AT", "AU", "BE", "BR", "CA", "CH", "CL", "CN", "CZ", "DE", "DK", "EE", "ES", "FI",
    "FR", "GB", "GR", "HK", "HU", "IE", "IL", "IN", "IS", "IT", "JP", "KR", "LT", "LU", "LV",
    "MX", "MY", "NL", "NO", "NZ", "PH", "PL", "PT", "SE", "SG", "SI", "SK", "TH", "TW", "VN",
})

# The zones a US-Japan itinerary uses, by country; a zone not listed adds no country (and so no
# passport rule), which only happens for legs outside the two countries.
ZONE_COUNTRIES = {
    "Asia/Tokyo": "JP", "Japan": "JP",
    **{zone: "US" for zone in (
        "America/New_York", "America/Detroit", "America/Chicago", "America/Denver",
        "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "America/Boise",
        "America/Indiana/Indianapolis", "America/Kentucky/Louisville", "Pacific/Honolulu",
        "US/Eastern", "US/Central", "US/Mountain", "US/Pacific", "US/Alaska", "US/Hawaii")},
}


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (Aug 31 + 6 ->
    Feb 28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def mission_countries(zones: Iterable[str]) -> set[str]:
    """The countries (ISO alpha-2) of the zones a mission's itinerary and home use."""
    return {ZONE_COUNTRIES[z] for z in zones if z in ZONE_COUNTRIES}


def passport_valid_until(citizenship: str, mission_end: date, destination: str) -> date | None:
    """The earliest passport expiry `destination` accepts from a citizen of `citizenship`
    leaving on `mission_end`; None when the person is at home there.

    An unknown citizenship is treated as foreign everywhere: better a warning too many.
    """
    citizenship, destination = citizenship.upper(), destination.upper()
    if citizenship and citizenship == destination:
        return None
    if destination == "US" and citizenship in US_SIX_MONTH_CLUB:
        return mission_end                      # valid through the stay suffices
    if destination == "JP":
        return mission_end                      # Japan asks for validity through the stay
    return add_months(mission_end, 6)           # the common rule: six months beyond departure


def passport_requirement(citizenship: str, mission_end: date,
                         countries: Iterable[str]) -> tuple[date, str] | None:
    """The strictest rule over the mission's countries: (valid until, the country asking)."""
    rules = [(until, country) for country in sorted(countries)
             if (until := passport_valid_until(citizenship, mission_end, country)) is not None]
    return max(rules) if rules else None


def passport_too_short(expiry: date | None, citizenship: str, mission_end: date,
                       countries: Iterable[str]) -> tuple[date, str] | None:
    """The rule the passport fails, or None when it passes (or no expiry is known)."""
    rule = passport_requirement(citizenship, mission_end, countries)
    if expiry is None or rule is None or expiry >= rule[0]:
        return None
    return rule


# -- names, e-mail, phone ----------------------------------------------------------------------

_NAME_MARKS = set(" -'.,")
_KANA_MARKS = set(" ー・゛゜ゝゞヽヾ")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
PASSPORT_PATTERN = re.compile(r"^[A-Z0-9]{5,20}$")


def clean(text: str) -> str:
    """NFKC and trimmed: full-width ＹＡＭＡＤＡ and half-width ｶﾀｶﾅ become the usual forms."""
    return unicodedata.normalize("NFKC", text).strip()


def is_latin_name(text: str) -> bool:
    """Latin letters (accents allowed), spaces, hyphens, apostrophes and periods only."""
    return all(c in _NAME_MARKS or (c.isalpha() and "LATIN" in unicodedata.name(c, ""))
               for c in text)


def is_kana(text: str) -> bool:
    return all(c in _KANA_MARKS or "\u3041" <= c <= "\u30ff" for c in text)


def is_email(text: str) -> bool:
    return bool(EMAIL_PATTERN.match(text))


def normalize_passport_number(text: str) -> str:
    return clean(text).replace(" ", "").upper()


def normalize_phone(text: str, citizenship: str = "") -> str | None:
    """The number in E.164 (+819012345678), "" for no number, None when it is not a number.

    A number written with a leading 0 is read as Japanese (090-…, 03-…); any other is read in
    the region of the person's citizenship, else as a US number.
    """
    text = clean(text)
    if not text:
        return ""
    # Imported here: phonenumbers loads its metadata on import, too slow for start-up.
    import phonenumbers

    region = None if text.startswith("+") else (
        "JP" if text.startswith("0") else (citizenship.upper() or "US"))
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
