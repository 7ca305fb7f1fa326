"""The country of a time zone, read from the tz database's zone.tab and zone1970.tab (the tzdata
package), with CLDR's zone aliases (through Babel) for old names such as "US/Eastern" or "Japan"."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources


def _rows(name: str) -> Iterable[list[str]]:
    text = resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


@cache
def zone_country_table() -> dict[str, str]:
    """Every zone the tz database places in a country -> that country (ISO alpha-2).

    zone.tab names one country per zone; zone1970.tab lists every country a zone has kept
    since 1970, first the one it is named for, and adds the zones zone.tab lacks."""
    table = {row[2]: row[0] for row in _rows("zone.tab")}
    for row in _rows("zone1970.tab"):
        table.setdefault(row[2], row[0].split(",")[0])
    return table


@cache
def _aliases() -> dict[str, str]:
    from babel.core import get_global

    return dict(get_global("zone_aliases"))


def zone_country(zone: str) -> str | None:
    """The country of an IANA zone ("Asia/Tokyo" -> "JP", "US/Eastern" -> "US"); None for a
    zone of no country (UTC, Etc/GMT+5) or a name the database does not know."""
    table = zone_country_table()
    return table.get(zone) or table.get(_aliases().get(zone, ""))
