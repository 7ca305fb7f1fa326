"""Wall-clock times at the edges of daylight saving time, and moving an instant by whole days
while keeping its local clock time (what duplicating a mission to next year needs).

How times.from_local treats the two DST edges (PEP 495 semantics, decided and tested here):
- A repeated hour (New York falls back at 02:00 to 01:00): 01:30 happens twice; `fold=0` is the
  first (EDT), `fold=1` the second (EST). Both are stored as different UTC instants and shown
  with their own offset; `is_ambiguous` tells a form to ask which one is meant.
- A skipped hour (New York springs forward at 02:00 to 03:00): 02:30 never happens. It is not
  refused: it is read with the offset in force before the change, i.e. moved forward by the
  gap (02:30 -> 03:30 EDT), the way a wall clock that was not yet changed would read it.
  `is_nonexistent` lets a form say so before saving.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from models.times import from_local, zone


def is_ambiguous(local: datetime, zone_name: str) -> bool:
    """True when the wall-clock time happens twice in the zone (the fall-back hour)."""
    naive = local.replace(tzinfo=None)
    tz = zone(zone_name)
    # The two folds differ in offset both in a repeated hour and in a skipped one.
    differs = naive.replace(tzinfo=tz, fold=0).utcoffset() != \
        naive.replace(tzinfo=tz, fold=1).utcoffset()
    return differs and not is_nonexistent(naive, zone_name)


def is_nonexistent(local: datetime, zone_name: str) -> bool:
    """True when the wall-clock time never happens in the zone (the spring-forward gap)."""
    naive = local.replace(tzinfo=None)
    back = from_local(naive, zone_name).astimezone(zone(zone_name)).replace(tzinfo=None)
    return back != naive


def shift_keeping_local_time(instant: datetime, zone_name: str, days: int) -> datetime:
    """The UTC instant `days` calendar days later at the same wall-clock time in the zone.

    Adding 24 h per day would move 09:00 to 08:00 or 10:00 across a DST change; this adds days
    to the local date and converts back. The repeated-hour choice (fold) is kept; a time that
    lands in a skipped hour moves forward by the gap (see the module docstring).
    """
    local = instant.astimezone(zone(zone_name))
    moved = local.replace(tzinfo=None) + timedelta(days=days)
    return from_local(moved, zone_name, fold=local.fold)
