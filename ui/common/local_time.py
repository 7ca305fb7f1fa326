"""An instant on the laptop's own clock, as the status bar and the tooltips say it: "9:12 AM"
today, "Wed, Dec 2, 9:12 AM" another day (the sync's times are the organizer's, not a
mission's zone)."""

from __future__ import annotations

from datetime import UTC, datetime

from i18n import _
from i18n.formatting import format_clock, format_date


def aware(instant: datetime) -> datetime:
    """SQLite hands back UTC without its zone: a naive time here is UTC."""
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=UTC)


def local_when(instant: datetime, now: datetime | None = None) -> str:
    """The clock time alone when it is `now`'s day, else with the day."""
    local = aware(instant).astimezone()
    clock = format_clock(local.time())
    if now is not None and local.date() == aware(now).astimezone().date():
        return clock
    return _("{day}, {time}").format(day=format_date(local.date(), "day"), time=clock)
