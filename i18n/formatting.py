"""Locale formatting through Babel: dates, times with their zones, names in each language's order,
lists, and the sort key that puts Japanese lists in kana order (五十音順)."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, time
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date as _babel_date
from babel.dates import format_datetime as _babel_datetime
from babel.dates import format_skeleton as _babel_skeleton
from babel.dates import format_time as _babel_time
from babel.lists import format_list as _babel_list

from i18n import babel_locale, current_language

_PATTERNS = {
    "en": {"date": "EEE, MMM d, y", "day": "EEE, MMM d", "time": "h:mm a",
           "datetime": "EEE, MMM d, h:mm a", "short_date": "M/d/y"},
    "ja": {"date": "y年M月d日(E)", "day": "M月d日(E)", "time": "H:mm",
           "datetime": "M月d日(E) H:mm", "short_date": "y/MM/dd"},
}


def _pattern(name: str) -> str:
    return _PATTERNS[current_language()][name]


def format_date(value: date | None, style: str = "date") -> str:
    """Wed, Dec 9, 2026 / 2026年12月9日(水); style "day" drops the year, "short_date" is numeric."""
    if value is None:
        return ""
    return _babel_date(value, _pattern(style), locale=babel_locale())


def month_heading_order() -> tuple[bool, str]:
    """How the language heads a month (CLDR's "yMMMM"): whether the year comes first, and
    what follows the year's number. English: (False, "") for "March 2031"; Japanese: (True,
    "年") for "2031年3月"."""
    locale = babel_locale()
    skeleton = locale.datetime_skeletons.get("yMMMM")
    pattern = skeleton.pattern if skeleton is not None else "MMMM y"
    year_first = pattern.find("y") < pattern.find("M")
    year = _babel_skeleton("y", date(2000, 1, 1), locale=locale)
    return year_first, year.replace("2000", "", 1)


def zone_abbreviation(local: datetime) -> str:
    # zoneinfo knows JST/EST/EDT; Babel's short names are numeric offsets for "foreign" zones.
    return local.tzname() or local.strftime("%z")


@lru_cache(maxsize=512)
def _zone_name(zone: str, language: str) -> str:
    from babel.dates import get_timezone, get_timezone_name
    if zone in ("UTC", "Etc/UTC"):
        return "UTC"
    try:
        name = get_timezone_name(get_timezone(zone), "long", zone_variant="generic",
                                 locale=babel_locale())
    except LookupError:
        return zone
    return name or zone


def zone_name(zone: str) -> str:
    """A zone as people call it, from CLDR: Japan Time / 日本時間, Eastern Time / 米国東部時間
    (the IANA id itself for one CLDR has no name for)."""
    return _zone_name(zone, current_language())


def format_clock(value: time) -> str:
    """A wall-clock time with no zone: 2:30 PM / 14:30 (what a time field shows)."""
    return _babel_time(value, _pattern("time"), locale=babel_locale())


def format_time(instant: datetime, zone_name: str, *, with_zone: bool = True) -> str:
    local = instant.astimezone(ZoneInfo(zone_name))
    text = _babel_datetime(local, _pattern("time"), tzinfo=local.tzinfo, locale=babel_locale())
    return f"{text} {zone_abbreviation(local)}" if with_zone else text


def format_datetime(instant: datetime, zone_name: str, *, with_zone: bool = True) -> str:
    """12月9日(水) 18:30 JST / Wed, Dec 9, 6:30 PM EST: the instant as seen in the named zone."""
    local = instant.astimezone(ZoneInfo(zone_name))
    text = _babel_datetime(local, _pattern("datetime"), tzinfo=local.tzinfo,
                           locale=babel_locale())
    return f"{text} {zone_abbreviation(local)}" if with_zone else text


def format_date_range(start: date, end: date) -> str:
    return f"{format_date(start)} – {format_date(end)}"


def format_list(items: list[str]) -> str:
    return _babel_list(items, locale=babel_locale()) if items else ""


def katakana_only(text: str) -> bool:
    # Katakana (with ー and ・), half-width katakana and spaces: how Japanese writes a
    # foreign name. A kanji or hiragana name is a Japanese one.
    return bool(text) and all("\u30a0" <= c <= "\u30ff" or "\uff65" <= c <= "\uff9f"
                              or c.isspace() for c in text)


def japanese_name(family_ja: str, given_ja: str, *, kana_family: str = "",
                  kana_given: str = "") -> str:
    """The name as Japanese writes it: 山田 太郎 (family name first), but a foreign name in
    katakana given name first with a middle dot, サラ・ミラー. `kana_*` write a reading in the
    order its name is written in (the reading of サラ・ミラー is サラ・ミラー too)."""
    family, given = (kana_family, kana_given) if kana_family or kana_given \
        else (family_ja, given_ja)
    if family and given and katakana_only(family_ja) and katakana_only(given_ja):
        return f"{given.strip()}・{family.strip()}"
    return " ".join(p for p in (family, given) if p)


def person_name(*, family: str, given: str, family_ja: str = "", given_ja: str = "") -> str:
    """Taro Yamada in English; 山田 太郎 (family name first) in Japanese, and a foreign name in
    katakana as サラ・ミラー (see japanese_name).

    A name that exists in only one script is shown in that script, in that script's order.
    """
    latin = " ".join(p for p in (given, family) if p)
    native = japanese_name(family_ja, given_ja)
    if current_language() == "ja":
        return native or latin
    return latin or native


@cache
def _katakana_to_hiragana() -> str:
    """ァ (U+30A1) .. ヶ (U+30F6) to ぁ .. ゖ, the same 0x60 apart throughout, and every other
    character of the BMP to itself, as one string indexed by code point: with a dict, translate
    raises and catches a KeyError for each character it leaves alone, which made folding twice
    as slow. A character beyond the BMP is out of range, and so left alone too. Made when first
    folded (a few milliseconds), not at start-up."""
    first, last = ord("ァ"), ord("ヶ")
    return "".join((*map(chr, range(first)), *map(chr, range(first - 0x60, last - 0x60 + 1)),
                    *map(chr, range(last + 1, 0x10000))))


def fold_kana(text: str) -> str:
    """NFKC and katakana folded to hiragana: ｶﾀｶﾅ, カタカナ and かたかな compare equal."""
    # str.translate, not a loop over characters: this runs for every row of a table.
    return unicodedata.normalize("NFKC", text).translate(_katakana_to_hiragana()).casefold()


def name_sort_key(*, family: str, given: str, family_kana: str = "",
                  given_kana: str = "") -> tuple:
    """Kana reading first in Japanese (五十音順), Latin-only names after; family name in English."""
    return _name_key(current_language() == "ja", family, given, family_kana, given_kana)


@lru_cache(maxsize=16_384)
def _name_key(japanese: bool, family: str, given: str, family_kana: str,
              given_kana: str) -> tuple:
    # Kept: every list of people sorts by it, and a mission switch or reload sorts them again.
    latin = (fold_kana(family), fold_kana(given))
    if japanese:
        reading = (fold_kana(family_kana), fold_kana(given_kana))
        return (0, reading, latin) if any(reading) else (1, latin, latin)
    return (0, latin, (fold_kana(family_kana), fold_kana(given_kana)))
