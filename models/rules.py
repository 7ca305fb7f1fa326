"""Domain checks on an attendee and a mission: passport validity for the countries a mission
visits, and the shape of names, readings, e-mail, phone, dates, passport and mission codes.

Each rule is written once here and returns a value or a Problem code, never a message: the
attendee dialog, the roster import and the mission dialogs word the code in the user's language
(tests/test_rule_agreement.py holds them to the same verdict). No Qt here.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from models.zone_countries import zone_country


class Problem(StrEnum):
    """What a value check found; each caller has its own words for it."""

    EMAIL_SHAPE = "email_shape"                  # not text@text, or a space in it
    EMAIL_NO_DOMAIN_DOT = "email_no_domain_dot"  # a@localhost: no domain after the @
    EMAIL_DOUBLE_DOT = "email_double_dot"        # an empty label: a@b..jp, a@.jp, a@b.jp.
    EMAIL_SHORT_TLD = "email_short_tld"          # a@b.c: no domain ends in one letter
    PHONE_INVALID = "phone_invalid"
    BIRTH_IN_FUTURE = "birth_in_future"
    BIRTH_TOO_OLD = "birth_too_old"
    PASSPORT_NUMBER_SHAPE = "passport_number_shape"
    PASSPORT_EXPIRY_TOO_FAR = "passport_expiry_too_far"
    PASSPORT_EXPIRY_BEFORE_ISSUE = "passport_expiry_before_issue"  # or before the birth
    PASSPORT_ISSUE_IMPLAUSIBLE = "passport_issue_implausible"  # in the future, before birth
    NAME_EMPTY = "name_empty"                    # nothing left once invisible marks are gone
    COUNTRY_UNKNOWN = "country_unknown"
    MISSION_CODE_MISSING = "mission_code_missing"
    MISSION_CODE_SHAPE = "mission_code_shape"


# Countries whose citizens the US lets in with a passport valid only through the stay (CBP's
# "six-month club"). A subset of CBP's list: a country left out gets the stricter six-month
# rule, so a gap here errs on the side of a warning, never a missed one.
US_SIX_MONTH_CLUB = frozenset({
    "AR", "AT", "AU", "BE", "BR", "CA", "CH", "CL", "CN", "CZ", "DE", "DK", "EE", "ES", "FI",
    "FR", "GB", "GR", "HK", "HU", "IE", "IL", "IN", "IS", "IT", "JP", "KR", "LT", "LU", "LV",
    "MX", "MY", "NL", "NO", "NZ", "PH", "PL", "PT", "SE", "SG", "SI", "SK", "TH", "TW", "VN",
})

def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (Aug 31 + 6 ->
    Feb 28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def other_zone(zone: str) -> str:
    """The other side's clock: New York beside Japan, Tokyo beside anywhere else."""
    return "America/New_York" if zone_country(zone) == "JP" else "Asia/Tokyo"


def mission_countries(zones: Iterable[str]) -> set[str]:
    """The countries (ISO alpha-2) of the zones a mission's itinerary and home use, as the tz
    database places them; a zone of no country (UTC) adds none."""
    return {country for z in zones if (country := zone_country(z))}


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
PASSPORT_PATTERN = re.compile(r"^[A-Z0-9]{5,20}$")
MISSION_CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$")
OLDEST_AGE_YEARS = 120          # the oldest person on record reached 122: older is a typo
EARLIEST_BIRTH = date(1900, 1, 1)   # whatever `today` a caller passes, year 1 is a typo
LONGEST_PASSPORT_YEARS = 11     # ten years at most (ICAO 9303, JP, US), plus a year's slack


# Kept by clean(): a line break and a tab are layout in notes; every other control or format
# character (zero-width space and joiners, BOM, bidi overrides, soft hyphen, NUL) is invisible,
# so two texts that look the same would compare different, or a name would look empty.
_KEPT_CONTROLS = frozenset("\n\t")


# The full-width punctuation of Japanese writing, kept as typed: NFKC makes each of them ASCII,
# and 日本貿易振興機構（ジェトロ） or 部長（技術担当） came back with (ジェトロ), (技術担当).
# Searching still treats both widths as one (i18n.formatting.fold_kana, organization keys).
_JAPANESE_PUNCTUATION = re.compile("([！？（）：；～［］｛｝＜＞])")


def clean(text: str) -> str:
    """NFKC, without invisible characters, trimmed: full-width ＹＡＭＡＤＡ and half-width
    ｶﾀｶﾅ become the usual forms, and "Ta\u200bro" becomes "Taro"; the full-width brackets,
    colons, marks and wave dashes of Japanese text stay as they are. Every text a person types
    or a roster holds goes through this before it is compared or stored."""
    if _JAPANESE_PUNCTUATION.search(text):
        # Folded between the marks: a half-width ｶﾞ and its voicing mark stay in one part.
        text = "".join(part if n % 2 else unicodedata.normalize("NFKC", part)
                       for n, part in enumerate(_JAPANESE_PUNCTUATION.split(text)))
    else:
        text = unicodedata.normalize("NFKC", text)
    if not text.isprintable():  # fast path: nearly every text has nothing to remove
        text = "".join(c for c in text if c in _KEPT_CONTROLS
                       or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    return text.strip()


def name_problem(family: str, family_ja: str = "") -> Problem | None:
    """A person needs a family name, in either script, that still has a character once
    cleaned (a name of zero-width spaces would be an invisible attendee)."""
    return None if clean(family) or clean(family_ja) else Problem.NAME_EMPTY


def is_latin_name(text: str) -> bool:
    """Latin letters (accents allowed), spaces, hyphens, apostrophes and periods only."""
    return all(c in _NAME_MARKS or (c.isalpha() and "LATIN" in unicodedata.name(c, ""))
               for c in text)


def is_kana(text: str) -> bool:
    return all(c in _KANA_MARKS or "\u3041" <= c <= "\u30ff" for c in text)


def normalize_email(text: str) -> str:
    """NFKC (Japanese keyboards type ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ), trimmed, no "mailto:". All of
    NFKC: the Japanese punctuation clean() keeps in names has no place in an address, where
    ｔａｒｏ！ｙ is taro!y."""
    text = unicodedata.normalize("NFKC", clean(text))
    if text.casefold().startswith("mailto:"):
        text = text[len("mailto:"):].strip()
    return text


def email_key(text: str) -> str:
    """What two spellings of one address share (TARO@example.jp, ｔａｒｏ＠…): the duplicate
    check, the roster's matching and `export --person` compare addresses by it."""
    return normalize_email(text).casefold()


def email_problem(text: str) -> Problem | None:
    """What is wrong with a (normalized) e-mail address; None for a good one or "".

    Lenient before the @: Japanese carriers (docomo, au) long issued addresses with two dots
    in a row or a dot before the @, and mail to them is delivered. Strict after it, stricter
    than the HTML spec (which takes a@b): an empty label (a@b..jp) cannot be resolved, and no
    top-level domain has one letter, so a@b.c is a typo or a placeholder. A roster row or a
    dialog that lets it through sends the delegation's mail nowhere.
    """
    if not text:
        return None
    local, at, domain = text.rpartition("@")
    if not at or not local or not domain or "@" in local or any(c.isspace() for c in text):
        return Problem.EMAIL_SHAPE
    labels = domain.split(".")
    if len(labels) < 2:
        return Problem.EMAIL_NO_DOMAIN_DOT
    if not all(labels):
        return Problem.EMAIL_DOUBLE_DOT
    if len(labels[-1]) < 2:
        return Problem.EMAIL_SHORT_TLD
    return None


def is_email(text: str) -> bool:
    return email_problem(text) is None


def normalize_passport_number(text: str) -> str:
    """Letters and digits, upper case: spaces are typing, not data (ICAO 9303)."""
    return re.sub(r"\s+", "", clean(text)).upper()


def passport_number_problem(number: str) -> Problem | None:
    """For a number already normalized; None for a good one or ""."""
    if number and not PASSPORT_PATTERN.match(number):
        return Problem.PASSPORT_NUMBER_SHAPE
    return None


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


def phone_problem(text: str, citizenship: str = "") -> Problem | None:
    return Problem.PHONE_INVALID if normalize_phone(text, citizenship) is None else None


# -- dates --------------------------------------------------------------------------------------

def birth_date_problem(born: date | None, *, today: date) -> Problem | None:
    """A date of birth must be past, not before 1900, and not beyond a human lifetime (1875
    for 1975)."""
    if born is None:
        return None
    if born > today:
        return Problem.BIRTH_IN_FUTURE
    if born < EARLIEST_BIRTH or born < add_months(today, -12 * OLDEST_AGE_YEARS):
        return Problem.BIRTH_TOO_OLD
    return None


def passport_expiry_problem(expiry: date | None, *, today: date, born: date | None = None,
                            issued: date | None = None) -> Problem | None:
    """An expiry no passport issued today can reach is a typo (2063 for 2036); so is one
    before the passport's issue date, or before its holder was born (the earliest issue there
    can be when the issue date is not known).

    One already past, or too soon for a trip, is not a problem of the value: passport_too_short
    warns about it against the mission's dates.
    """
    if expiry is None:
        return None
    if expiry > add_months(today, 12 * LONGEST_PASSPORT_YEARS):
        return Problem.PASSPORT_EXPIRY_TOO_FAR
    if any(start is not None and expiry <= start for start in (born, issued)):
        return Problem.PASSPORT_EXPIRY_BEFORE_ISSUE
    return None


def passport_issue_problem(issued: date | None, *, today: date,
                           born: date | None = None) -> Problem | None:
    """A passport is issued on a day that has come, and not before its holder was born."""
    if issued is None:
        return None
    if issued > today or (born is not None and issued < born):
        return Problem.PASSPORT_ISSUE_IMPLAUSIBLE
    return None


def person_problems(person: dict, *, today: date) -> list[tuple[str, Problem]]:
    """Every rule above over a person's stored fields, (field, problem): what models refuses
    whatever the caller (dialog, roster, command line) checked before."""
    found: list[tuple[str, Problem]] = []
    if p := name_problem(person.get("family_name") or "", person.get("family_name_ja") or ""):
        found.append(("family_name", p))
    born = person.get("date_of_birth")
    if p := birth_date_problem(born, today=today):
        found.append(("date_of_birth", p))
    issued = person.get("passport_issued")
    if p := passport_issue_problem(issued, today=today, born=born):
        found.append(("passport_issued", p))
    if p := passport_expiry_problem(person.get("passport_expiry"), today=today, born=born,
                                    issued=issued):
        found.append(("passport_expiry", p))
    if p := passport_number_problem(person.get("passport_number") or ""):
        found.append(("passport_number", p))
    return found


# -- missions -----------------------------------------------------------------------------------

def mission_code_problem(code: str) -> Problem | None:
    """2 to 40 ASCII letters, digits, hyphens or underscores: it names files and URLs."""
    code = code.strip()
    if not code:
        return Problem.MISSION_CODE_MISSING
    if not MISSION_CODE_PATTERN.match(code):
        return Problem.MISSION_CODE_SHAPE
    return None
