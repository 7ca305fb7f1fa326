"""Public holidays and weekends of a country from the `holidays` package, with each holiday's
name in English and Japanese (the package's own Japanese where it has it, as for Japan)."""

from __future__ import annotations

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
    },
}


@cache
def _calendar(country: str, year: int, language: str):
    import holidays

    try:
        supported = holidays.country_holidays(country, years=year)
    except NotImplementedError:            # a country the package does not cover
        return None
    if language == "ja" and "ja" not in supported.supported_languages:
        return None
    if language not in supported.supported_languages:
        return supported     # no English names: the country's own, better than no holiday
    return holidays.country_holidays(country, years=year, language=language)


def holiday(country: str, day: date) -> tuple[str, str] | None:
    """(English name, Japanese name) of the public holiday in `country` on `day`, None on an
    ordinary day or for a country the package does not cover; the Japanese may be ""."""
    english = _calendar(country, day.year, "en_US")
    if english is None or day not in english:
        return None
    name_en = english.get(day)
    japanese = _calendar(country, day.year, "ja")
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
