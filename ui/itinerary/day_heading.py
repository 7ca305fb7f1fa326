"""The words over a day of the timeline: its date and, when it is a public holiday where the day
is spent, the holiday's name and country."""

from __future__ import annotations

from datetime import date

from i18n import _, babel_locale, pick
from i18n.formatting import format_date
from models.public_holidays import holiday
from models.zone_countries import zone_country


def day_holiday(day: date, zone: str) -> str:
    """"Thanksgiving Day (United States)" / "感謝祭（アメリカ合衆国）", "" on an ordinary day."""
    country = zone_country(zone)
    names = holiday(country, day) if country else None
    if names is None:
        return ""
    return _("{holiday} ({country})").format(
        holiday=pick(*names)[0], country=babel_locale().territories.get(country, country))


def day_heading(day: date, zone: str) -> str:
    """The date, and the holiday when there is one: "Thu, Nov 26, 2026 · Thanksgiving Day
    (United States)"."""
    text, extra = format_date(day), day_holiday(day, zone)
    return _("{date} · {holiday}").format(date=text, holiday=extra) if extra else text
