"""What is wrong with an itinerary item's times as typed, worded for the person at the keyboard:
an unknown zone, a local time that never happens (the spring-forward gap), an end that is not
after the start once both are instants. Also the two readings of a repeated fall-back hour.

Wall-clock times are naive datetimes here; the stored instants come from models.times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from i18n import _
from i18n.formatting import format_date, format_datetime, format_time, zone_name
from models.times import from_local, is_valid_zone, to_local
from models.wallclock import is_ambiguous, is_nonexistent


@dataclass(frozen=True)
class End:
    """One end of an item as the form holds it."""

    local: datetime              # naive wall-clock time
    zone: str
    fold: int = 0                # 1: the second of a repeated hour

    def instant(self) -> datetime:
        return from_local(self.local, self.zone, fold=self.fold)


def _wall(local: datetime) -> str:
    """A wall-clock time as the language writes it, without a zone (it may never happen)."""
    return format_time(local.replace(tzinfo=UTC), "UTC", with_zone=False)


def next_valid(local: datetime, zone: str) -> datetime:
    """The first wall-clock time after a skipped stretch (aware, in the zone): 3:00 EDT for
    2:30 on the night New York springs forward."""
    before = from_local(local, zone, fold=1)    # read with the offset after the change
    after = from_local(local, zone, fold=0)     # read with the offset before it
    low, high = min(before, after), max(before, after)
    offset = to_local(low, zone).utcoffset()
    while high - low > timedelta(minutes=1):    # the change lies between the two readings
        middle = low + (high - low) / 2
        if to_local(middle, zone).utcoffset() == offset:
            low = middle
        else:
            high = middle
    return to_local(high.replace(second=0, microsecond=0), zone)


def _offset(local: datetime) -> str:
    minutes = int(local.utcoffset().total_seconds() // 60)
    sign = "+" if minutes >= 0 else "\u2212"    # a real minus sign, as printed timetables do
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def fold_choices(local: datetime, zone: str) -> list[str]:
    """The two readings of a repeated hour, e.g. "1:30 AM EDT (UTC−4)", "1:30 AM EST (UTC−5)"."""
    out = []
    for fold in (0, 1):
        instant = from_local(local, zone, fold=fold)
        out.append(f"{format_time(instant, zone)} ({_offset(to_local(instant, zone))})")
    return out


def end_state(end: End) -> str | None:
    """"zone", "gap" or "twice" when the end needs a word beside it, else None."""
    if not is_valid_zone(end.zone):
        return "zone"
    if is_nonexistent(end.local, end.zone):
        return "gap"
    if is_ambiguous(end.local, end.zone):
        return "twice"
    return None


def end_message(end: End) -> str:
    """The word beside one end: why it cannot be saved, or which hour it is asking about."""
    state = end_state(end)
    if state == "zone":
        return _("Unknown time zone “{zone}”: use a name such as Asia/Tokyo or "
                 "America/New_York, or type an airport code in From or To.").format(
            zone=zone_name(end.zone))
    if state == "gap":
        return _("{time} does not exist on {date} in {zone}: the clocks go forward that "
                 "night. The next valid time is {next}.").format(
            time=_wall(end.local), date=format_date(end.local.date()), zone=zone_name(end.zone),
            next=format_time(next_valid(end.local, end.zone), end.zone))
    if state == "twice":
        return _("{time} happens twice on {date} in {zone}: the clocks go back that night. "
                 "Which one is meant?").format(
            time=_wall(end.local), date=format_date(end.local.date()), zone=zone_name(end.zone))
    return ""


def find_problems(*, title_en: str, title_ja: str, start: End, end: End) -> dict[str, str]:
    """Field key ("title", "start", "end") -> what must be put right before saving."""
    errors: dict[str, str] = {}
    if not (title_en.strip() or title_ja.strip()):
        errors["title"] = _("Give the item a title, in English or Japanese.")
    for key, value in (("start", start), ("end", end)):
        if end_state(value) in ("zone", "gap"):
            errors[key] = end_message(value)
    if not errors.keys() & {"start", "end"} and end.instant() <= start.instant():
        errors["end"] = _("The end ({end}) must come after the start ({start}); at the "
                          "start's place the end is {end_there}.").format(
            end=format_datetime(end.instant(), end.zone),
            start=format_datetime(start.instant(), start.zone),
            end_there=format_datetime(end.instant(), start.zone))
    return errors
