"""Public holidays and weekends of a country, and of its state where the package knows states (a
site in New York gets New York's holidays), from the `holidays` package, with each holiday's
name in English and Japanese (the package's own Japanese where it has it, as for Japan; Japan's
holidays are national, so a prefecture adds none)."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

# What the package lacks: Japanese names of the US federal holidays (it has none for the US).
_JAPANESE = {
    "US": {
        "New Year's Day": "元日", "Martin Luther King Jr. Day": "キング牧師記念日",
        "Washington's Birthday": "ワシントン誕生日（大統領の日）",
        "Memorial Day": "戦没将兵追悼記念日",
        "Juneteenth National Independence Day": "ジューンティーンス（奴隷解放記念日）",
        "Independence Day": "独立記念日", "Labor Day": "レイバー・デー（労働者の日）",
        "Columbus Day": "コロンブス・デー", "Veterans Day": "退役軍人の日",
        "Thanksgiving Day": "感謝祭", "Christmas Day": "クリスマス",
        # New York State's, for the missions' most visited state.
        "Lincoln's Birthday": "リンカーン誕生日",
        "Susan B. Anthony Day": "スーザン・B・アンソニーの日",
        "Election Day": "選挙日",
    },
}


@cache
def _calendar(country: str, year: int, language: str, state: str | None = None):
    import holidays

    try:
        supported = holidays.country_holidays(country, years=year, subdiv=state)
    except NotImplementedError:            # a country (or state) the package does not cover
        return None if state is None else _calendar(country, year, language)
    if language == "ja" and "ja" not in supported.supported_languages:
        return None
    if language not in supported.supported_languages:
        return supported     # no English names: the country's own, better than no holiday
    return holidays.country_holidays(country, years=year, subdiv=state, language=language)


@cache
def _states(country: str) -> dict[str, str]:
    """The country's states the package knows, by folded code and English name."""
    import holidays

    try:
        entity = holidays.country_holidays(country)
    except NotImplementedError:
        return {}
    found = {code.casefold(): code for code in entity.subdivisions}
    found.update((name.casefold(), code)
                 for name, code in getattr(entity, "subdivisions_aliases", {}).items())
    return found


def state_in_address(country: str, address: str) -> str | None:
    """The state code an address ends with ("251 Fuller Rd, Albany, NY 12203" -> "NY",
    "Albany, New York, USA" -> "NY"), None when none is named. Only the last part (before a
    country name) is read, so "Indiana Ave, Chicago, IL" gives IL, never Indiana."""
    states = _states(country)
    if not states:
        return None
    for part in reversed(address.split(",")):
        words = re.sub(r"[\d-]+$", "", part.strip()).strip().casefold()   # the ZIP code goes
        if words in ("usa", "us", "u.s.a.", "united states", "united states of america", ""):
            continue
        return states.get(words)
    return None


def holiday(country: str, day: date, state: str | None = None) -> tuple[str, str] | None:
    """(English name, Japanese name) of the public holiday in `country` (and its `state`, a
    code such as "NY") on `day`, None on an ordinary day or for a country the package does
    not cover; the Japanese may be ""."""
    english = _calendar(country, day.year, "en_US", state)
    if english is None or day not in english:
        return None
    name_en = english.get(day)
    japanese = _calendar(country, day.year, "ja", state)
    name_ja = japanese.get(day) if japanese is not None else None
    return name_en, name_ja or _our_japanese(country, name_en)


def _our_japanese(country: str, name_en: str) -> str:
    """The Japanese for each of the day's names ("A; B"), "" when one is not in our table."""
    table, parts = _JAPANESE.get(country, {}), []
    for part in name_en.split(";"):
        base = part.strip().removesuffix(" (observed)")
        if base not in table:
            return ""
        parts.append(table[base] + ("（振替休日）" if base != part.strip() else ""))
    return "・".join(parts)


def is_weekend(country: str, day: date) -> bool:
    """Whether `day` is a weekend day where it is (Saturday and Sunday in most countries; the
    package knows those that rest on other days)."""
    found = _calendar(country, day.year, "en_US")
    weekend = found.weekend if found is not None else {5, 6}
    return day.weekday() in weekend
