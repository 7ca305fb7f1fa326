"""Columns of the Itinerary table."""

from __future__ import annotations

from datetime import UTC, datetime

import i18n
from i18n import N_, _, ngettext, pick
from i18n.formatting import format_datetime
from i18n.labels import ITEM_KINDS, label
from models.repository import ItemRow
from models.times import day_shift
from ui.common.table_model import Column

_formatted: dict[tuple, str] = {}


def _when(instant: datetime, zone: str) -> str:
    """format_datetime, remembered: a group's items share their times, and a day switch words
    its rows again."""
    key = (i18n.current_language(), instant, zone)
    text = _formatted.get(key)
    if text is None:
        if len(_formatted) > 20_000:
            _formatted.clear()
        text = _formatted[key] = format_datetime(instant, zone)
    return text


def _end_text(r: ItemRow) -> str:
    text = _when(r.end_utc, r.end_tz)
    shift = day_shift(r.start_utc, r.start_tz, r.end_utc, r.end_tz)
    if shift:
        mark = (ngettext("(+{n} day)", "(+{n} days)", shift) if shift > 0
                else ngettext("({n} day)", "({n} days)", -shift))
        text += " " + mark.format(n=shift)
    return text


def widest_times(*, later_day: bool) -> list[str]:
    """The longest texts a time column can show in this language: a long weekday and month at
    a two-digit hour in a zone abbreviated in four letters; `later_day`: the end's, with its
    "(+2 days)" (a start has none)."""
    samples = []
    for month in (5, 9, 11, 12):
        instant = datetime(2026, month, 30, 3, 55, tzinfo=UTC)
        text = format_datetime(instant, "America/New_York")
        samples.append(text + " " + ngettext("(+{n} day)", "(+{n} days)", 2).format(n=2)
                       if later_day else text)
    return samples


def _who(r: ItemRow) -> str:
    return _("All") if r.everyone else _("{n} people").format(n=r.participant_count)


def _route(r: ItemRow) -> str:
    parts = [" ".join(p for p in (r.carrier, r.flight_number) if p)]
    if r.from_code or r.to_code:
        parts.append(f"{r.from_code} → {r.to_code}")
    return "  ".join(p for p in parts if p)


ITEM_COLUMNS = [
    Column("start", N_("Start (local)"), lambda r: _when(r.start_utc, r.start_tz),
           lambda r: r.start_utc),
    Column("end", N_("End (local)"), _end_text, lambda r: r.end_utc),
    # The title before the kind (the timeline beside shows the kind by its colour): what an
    # item is must be in view where the list meets the timeline.
    Column("title", N_("Title"), lambda r: pick(r.title_en, r.title_ja)),
    Column("kind", N_("Kind"), lambda r: label(ITEM_KINDS, r.kind)),
    Column("place", N_("Place"),
           lambda r: pick(r.site_en, r.site_ja) if (r.site_en or r.site_ja)
           else pick(r.location_en, r.location_ja)),
    Column("transport", N_("Transport"), _route),
    Column("who", N_("Who"), _who, lambda r: (not r.everyone, r.participant_count)),
]
