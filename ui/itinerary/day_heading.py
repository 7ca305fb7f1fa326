"""The words over a day of the timeline: its date and, when it is a public holiday where the day
is spent (or in the state of a site visited that day), the holiday's name and country."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from i18n import _, babel_locale, pick
from i18n.formatting import format_date
from models.public_holidays import holiday, state_in_address
from models.zone_countries import zone_country


def day_holiday(day: date, zone: str, addresses: Iterable[str] = ()) -> str:
    """"Thanksgiving Day (United States)" / "感謝祭（アメリカ合衆国）", "" on an ordinary day;
    with the `addresses` of the sites visited that day, a holiday of their state too:
    "Election Day (United States, NY)"."""
    country = zone_country(zone)
    names = holiday(country, day) if country else None
    name = babel_locale().territories.get(country, country)
    if names is not None:
        return _("{holiday} ({country})").format(holiday=pick(*names)[0], country=name)
    # Each address once: a day of a hundred groups visiting one site names it 200 times, and
    # the header reads them on every paint (0.5 ms at 2,000 attendees, 0.02 once each).
    for state in sorted({state_in_address(country, a) for a in set(addresses)} - {None}
                        if country else ()):
        if (names := holiday(country, day, state)) is not None:
            return _("{holiday} ({country}, {state})").format(
                holiday=pick(*names)[0], country=name, state=state)
    return ""


def day_heading(day: date, zone: str, addresses: Iterable[str] = ()) -> str:
    """The date, and the holiday when there is one: "Thu, Nov 26, 2026 · Thanksgiving Day
    (United States)"."""
    text, extra = format_date(day), day_holiday(day, zone, addresses)
    return _("{date} · {holiday}").format(date=text, holiday=extra) if extra else text
