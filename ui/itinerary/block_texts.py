"""The words and times written on the day timeline: a block's clock times, its "+1 day" mark
and its tooltip. Times are formatted once and remembered, so a day's relayout after an edit
formats only what changed."""

from __future__ import annotations

from datetime import datetime

import i18n
from i18n import ngettext, pick
from i18n.formatting import format_date, format_datetime, format_time
from i18n.labels import ITEM_KINDS, label
from models.times import to_local
from ui.itinerary.day_layout import Block

_times: dict[tuple, str] = {}


def clock(instant: datetime, zone: str, with_zone: bool) -> str:
    """format_time, remembered: a day's relayout after an edit formats only what is new."""
    key = (i18n.current_language(), instant, zone, with_zone)
    text = _times.get(key)
    if text is None:
        if len(_times) > 20_000:
            _times.clear()
        text = _times[key] = format_time(instant, zone, with_zone=with_zone)
    return text


def day_mark(shift: int) -> str:
    """"+1 day" where an item ends on a later local date than it starts, "-1 day" earlier."""
    if shift > 0:
        return ngettext("+{n} day", "+{n} days", shift).format(n=shift)
    return ngettext("−{n} day", "−{n} days", -shift).format(n=-shift) if shift else ""


def block_times(block: Block, day_zone: str) -> str:
    """Start and end, with their zones unless both are on the day's own clock, and the end's
    date when it is another (a return flight lands the next day by the clock it lands by)."""
    row = block.row
    zones = not row.start_tz == row.end_tz == day_zone
    start, end = clock(row.start_utc, row.start_tz, zones), clock(row.end_utc, row.end_tz, zones)
    if block.shift and row.kind != "hotel":
        end = f"{format_date(to_local(row.end_utc, row.end_tz).date(), 'day')} {end}"
    return f"{start} → {end}" if zones else f"{start} – {end}"


def tooltip(block: Block) -> str:
    row = block.row
    lines = [pick(row.title_en, row.title_ja)[0], label(ITEM_KINDS, row.kind),
             f"{format_datetime(row.start_utc, row.start_tz)} – "
             f"{format_datetime(row.end_utc, row.end_tz)}"]
    if block.shift and row.kind != "hotel":
        lines[-1] += f" ({day_mark(block.shift)})"
    place = pick(row.site_en, row.site_ja)[0] or pick(row.location_en, row.location_ja)[0]
    if place:
        lines.append(place)
    return "\n".join(lines)
