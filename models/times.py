"""The one place where stored instants meet time zones.

Instants are stored as naive UTC (SQLite has no zone type) and come back aware in UTC; each end of
an item keeps its IANA zone name in its own column, and local times are derived here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.types import DateTime, TypeDecorator


class UTCDateTime(TypeDecorator):
    """An aware datetime stored as naive UTC in SQLite and as a timestamptz on PostgreSQL;
    refuses naive input so no local time sneaks in."""

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect):
        return dialect.type_descriptor(DateTime(timezone=dialect.name == "postgresql"))

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: store aware instants only")
        value = value.astimezone(UTC)
        return value if dialect.name == "postgresql" else value.replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        return None if value is None else stored_utc(value)


def stored_utc(value: str | datetime) -> datetime:
    """A stored instant aware in UTC, as UTCDateTime gives it: ISO text of naive UTC (SQLite
    read without SQLAlchemy's types, where those cost most), naive UTC, or aware (a server's
    timestamptz, in the session's zone)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def zone(name: str) -> ZoneInfo:
    """The zone for an IANA name; ValueError (not a KeyError subclass) for an unknown one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone: {name!r}") from exc


def is_valid_zone(name: str) -> bool:
    try:
        zone(name)
    except ValueError:
        return False
    return True


def to_local(instant: datetime, zone_name: str) -> datetime:
    """The instant as wall-clock time in the named zone (aware)."""
    return instant.astimezone(zone(zone_name))


def from_local(local: datetime, zone_name: str, *, fold: int = 0) -> datetime:
    """An aware UTC instant for a wall-clock time in the named zone.

    `fold` picks the first (0) or second (1) occurrence of an hour repeated at a fall-back.
    """
    if local.tzinfo is not None:
        raise ValueError("expected a wall-clock (naive) time")
    return local.replace(tzinfo=zone(zone_name), fold=fold).astimezone(UTC)


def local_date(instant: datetime, zone_name: str) -> date:
    return to_local(instant, zone_name).date()


def day_shift(start: datetime, start_zone: str, end: datetime, end_zone: str) -> int:
    """Days between the local start date and the local end date (+1 after a westward date line)."""
    return (local_date(end, end_zone) - local_date(start, start_zone)).days
