"""The itinerary's days and the layout of one day's timeline, without Qt: which items a day
holds, the stretch of time its picture covers, and which items sit side by side.

A day follows the local date of the place the delegation is in: an item belongs to the local
date of its start in its start zone. The day's place is the start zone of its first item. A day
on which the delegation crosses the Pacific has items in two zones, so its picture runs from the
first item to the last in absolute time, however many hours that is.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from heapq import heappop, heappush
from operator import attrgetter

from models.repository import ItemRow
from models.rules import other_zone
from models.times import day_shift, from_local, local_date, to_local

HOUR = timedelta(hours=1)
MIN_HOURS = 8                        # a day with one short item still shows its morning
EVENING_CAP = timedelta(hours=36)    # a long item never stretches a picture past this
# An item in any zone listed before a day starts before that day's earliest midnight plus this
# (zones run from UTC-12 to UTC+14).
LOCAL_DAY_REACH = timedelta(hours=27)

_days: dict[tuple[datetime, str], date] = {}
BY_START = attrgetter("start_utc", "id")   # the rows' order (a C key: 3,000 rows per read)


def item_day(row: ItemRow) -> date:
    """The day an item is listed under: the local date of its start in its start zone."""
    key = (row.start_utc, row.start_tz)
    day = _days.get(key)
    if day is None:
        if len(_days) > 50_000:      # rows come and go with edits; keep the memo bounded
            _days.clear()
        day = _days[key] = local_date(row.start_utc, row.start_tz)
    return day


_shifts: dict[tuple[datetime, str, datetime, str], int] = {}


def _shift(row: ItemRow) -> int:
    """day_shift of the item, remembered like item_day: a group's items share their times."""
    key = (row.start_utc, row.start_tz, row.end_utc, row.end_tz)
    shift = _shifts.get(key)
    if shift is None:
        if len(_shifts) > 50_000:
            _shifts.clear()
        shift = _shifts[key] = day_shift(*key)
    return shift


def clock_order(zone: str, home_zone: str) -> tuple[str, str]:
    """The timeline's two clocks, the mission's home side first every day: home and where
    the delegation is, or home and the other side's clock on a day at home."""
    return (home_zone, zone) if zone != home_zone else (home_zone, other_zone(home_zone))


def mission_days(start: date, end: date, rows: list[ItemRow]) -> list[date]:
    """The mission's days, and any day an item falls on outside them."""
    days = {start + timedelta(days=n) for n in range((end - start).days + 1)}
    days.update(item_day(r) for r in rows)
    return sorted(days)


def day_zone(day: date, rows: list[ItemRow], home_zone: str) -> str:
    """Where the delegation is on `day`: its first item's start zone, else where the last
    earlier item ended, else the mission's home."""
    own = [r for r in rows if item_day(r) == day]
    if own:
        return min(own, key=lambda r: (r.start_utc, r.id)).start_tz
    before = [r for r in rows if item_day(r) < day]
    return max(before, key=lambda r: (r.start_utc, r.id)).end_tz if before else home_zone


@dataclass(frozen=True, slots=True)
class Block:
    """An item placed on the picture; top and bottom in hours from the picture's start."""

    row: ItemRow
    top: float
    bottom: float
    column: int
    columns: int
    cut_top: bool                    # began before the picture (shown from its edge)
    cut_bottom: bool
    shift: int                       # local end date minus local start date


@dataclass(frozen=True)
class DayLayout:
    day: date
    zone: str                        # the day's place
    other: str                       # the clock shown beside the day's place
    clocks: tuple[str, str]          # the two clock columns, the mission's home side first
    start: datetime                  # the picture's first instant (UTC, on a whole hour)
    hours: float
    blocks: tuple[Block, ...]        # everything but hotel stays, side by side when they meet
    bands: tuple[Block, ...]         # hotel stays: thin bands, in lanes of their own
    ticks: dict[str, tuple[tuple[float, datetime], ...]]  # zone -> (hours, local whole hour)

    def at(self, hours: float) -> datetime:
        return self.start + timedelta(hours=hours)


def _floor_hour(instant: datetime, zone: str) -> datetime:
    local = to_local(instant, zone)
    return instant - timedelta(minutes=local.minute, seconds=local.second,
                               microseconds=local.microsecond)


def _ceil_hour(instant: datetime, zone: str) -> datetime:
    floor = _floor_hour(instant, zone)
    return floor if floor == instant else floor + HOUR


def _span(day: date, own: list[ItemRow], arrivals: list[datetime], zone: str,
          ) -> tuple[datetime, datetime]:
    """From half an hour before the first thing happening on the day (an item's start, a
    landing) to half an hour after the last, on whole hours of the day's place."""
    timed = [r for r in own if r.kind != "hotel"]
    if timed:
        first = min([r.start_utc for r in timed] + arrivals)
        last = min(max(r.end_utc for r in timed), first + EVENING_CAP)
        start, end = _floor_hour(first - HOUR / 2, zone), _ceil_hour(last + HOUR / 2, zone)
    elif own:                        # only a hotel check-in: its evening
        start = _floor_hour(min(r.start_utc for r in own) - HOUR / 2, zone)
        end = start
    else:
        start = end = from_local(datetime.combine(day, time(8)), zone)
    return start, max(end, start + MIN_HOURS * HOUR)


def _columns(blocks: list[tuple[datetime, datetime, ItemRow]]) -> list[tuple[int, int]]:
    """Column and column count of each (start, end, row), in order: items that overlap, even
    through a third one, share the width of their group. Each takes the leftmost column free
    at its start; free and busy columns are heaps, so a day of a hundred groups side by side
    costs a log per item, not a look at every column."""
    placed: list[tuple[int, int]] = []
    group: list[int] = []            # indexes of the current group of overlapping items
    free: list[int] = []             # columns of the group free again, leftmost first
    busy: list[tuple[datetime, int]] = []   # (end, column) of the items still going on
    columns = 0                      # columns the group has used
    group_end = None

    def close() -> None:
        for i in group:
            placed[i] = (placed[i][0], columns)

    for i, (start, end, _row) in enumerate(blocks):
        if group_end is not None and start >= group_end:
            close()
            group, free, busy, columns, group_end = [], [], [], 0, None
        while busy and busy[0][0] <= start:
            heappush(free, heappop(busy)[1])
        if free:
            column = heappop(free)
        else:
            column, columns = columns, columns + 1
        heappush(busy, (end, column))
        placed.append((column, 0))
        group.append(i)
        group_end = end if group_end is None else max(group_end, end)
    close()
    return placed


def _place(rows: list[ItemRow], start: datetime, end: datetime) -> tuple[Block, ...]:
    spans = sorted(((max(r.start_utc, start), min(r.end_utc, end), r) for r in rows),
                   key=lambda s: (s[0], s[1], s[2].id))
    out = []
    for (a, b, row), (column, columns) in zip(spans, _columns(spans), strict=True):
        out.append(Block(row, (a - start) / HOUR, (b - start) / HOUR, column, columns,
                         row.start_utc < start, row.end_utc > end, _shift(row)))
    return tuple(out)


def _ticks(start: datetime, end: datetime, zone: str) -> tuple[tuple[float, datetime], ...]:
    tick = _ceil_hour(start, zone)
    out = []
    while tick <= end:
        out.append(((tick - start) / HOUR, to_local(tick, zone)))
        tick += HOUR
    return tuple(out)


def layout_day(day: date, rows: list[ItemRow], home_zone: str) -> DayLayout:
    """The picture of `day` from all the rows shown (those of other days that reach into it
    are drawn cut at its edge)."""
    return DayIndex(rows).layout(day, home_zone)


class DayIndex:
    """The rows shown, grouped by day once per change of rows: a day switch then looks up the
    day's own rows and finds those reaching into it by bisection, not by a pass over the
    mission, and a day laid out once is not laid out again."""

    def __init__(self, rows: list[ItemRow]):
        self.rows = sorted(rows, key=BY_START)        # usually sorted already
        self._starts = [r.start_utc for r in self.rows]
        self.by_day: dict[date, list[ItemRow]] = {}
        for r in self.rows:
            self.by_day.setdefault(item_day(r), []).append(r)
        self._days = sorted(self.by_day)
        # Stays last for days, so they are searched apart; any other item lasts at most this.
        self._hotels = [r for r in self.rows if r.kind == "hotel"]
        self._longest = max((r.end_utc - r.start_utc for r in self.rows if r.kind != "hotel"),
                            default=timedelta(0))
        self._layouts: dict[tuple[date, str], DayLayout] = {}

    def mission_days(self, start: date, end: date) -> list[date]:
        """mission_days of these rows."""
        return sorted({start + timedelta(days=n) for n in range((end - start).days + 1)}
                      | self.by_day.keys())

    def own(self, day: date) -> list[ItemRow]:
        """The items listed under `day`, by start."""
        return self.by_day.get(day, [])

    def _starting(self, after: datetime, before: datetime) -> list[ItemRow]:
        """The items other than stays that start in [after - longest, before): all that can
        still be going on at `after`."""
        lo = bisect_left(self._starts, after - self._longest)
        hi = bisect_left(self._starts, before)
        return [r for r in self.rows[lo:hi] if r.kind != "hotel"]

    def zone(self, day: date, home_zone: str) -> str:
        """day_zone, without a pass over every row."""
        own = self.own(day)
        if own:
            return own[0].start_tz                     # by (start, id): the first
        at = bisect_left(self._days, day)
        if not at:
            return home_zone
        # A local date spans 14 h before to 36 h after its UTC midnight: the latest earlier item
        # is on the last earlier day with items or on one of the two before it.
        last = self._days[at - 1]
        before = [r for d in self._days[max(0, at - 3):at] if (last - d).days <= 2
                  for r in self.by_day[d]]
        return max(before, key=lambda r: (r.start_utc, r.id)).end_tz

    def layout(self, day: date, home_zone: str) -> DayLayout:
        key = (day, home_zone)
        laid = self._layouts.get(key)
        if laid is None:
            laid = self._layouts[key] = self._layout(day, home_zone)
        return laid

    def _layout(self, day: date, home_zone: str) -> DayLayout:
        own = self.own(day)
        zone = self.zone(day, home_zone)
        # A flight that lands this morning began the day before; its landing is part of the day.
        midnight = min((from_local(datetime.combine(day, time()), z)
                        for z in {r.start_tz for r in own}), default=None)
        arrivals = [] if midnight is None else [
            r.end_utc for r in self._starting(midnight, midnight + LOCAL_DAY_REACH)
            if r.end_utc > midnight and item_day(r) < day]
        start, end = _span(day, own, arrivals, zone)
        blocks = _place([r for r in self._starting(start, end) if r.end_utc > start],
                        start, end)
        bands = _place([r for r in self._hotels if r.start_utc < end and r.end_utc > start],
                       start, end)
        clocks = clock_order(zone, home_zone)
        other = clocks[1] if clocks[0] == zone else clocks[0]
        return DayLayout(day=day, zone=zone, other=other, clocks=clocks, start=start,
                         hours=(end - start) / HOUR, blocks=blocks, bands=bands,
                         ticks={z: _ticks(start, end, z) for z in clocks})
