"""The readiness check for lodging: nights away from home without a bed.

A confirmed participant who is not a host is away from home from the start of their first
journey (a flight, or a transfer with a from- or to-code) to the end of their last. Each night
in between must be covered at 03:00 local time, in the zone where their previous item ended, by
a hotel stay in which they have a room or by an item they are in (a night flight). People with
no journey (locals who only attend) are never checked. The work is once per group of people
who travel, sleep and stay together: one pass over the group's items and the plan's nights
(what everyone shares at each night is found once, by bisection).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

from models import findings as F
from models.entities import AttendanceStatus, ItemKind, Role
from models.findings import Finding
from models.readiness_data import Plan, PlanItem
from models.times import from_local

NIGHT_HOUR = time(3)       # where someone is at 03:00 local time is where they spend the night

_FLIGHT, _TRANSFER, _HOTEL = ItemKind.FLIGHT.value, ItemKind.TRANSFER.value, ItemKind.HOTEL.value
_CONFIRMED, _HOST = AttendanceStatus.CONFIRMED.value, Role.HOST.value


class _Cover:
    """Merged intervals (sorted, disjoint) with the zone where each one ends; `items` must come
    by start, as the plan's do."""

    def __init__(self, items) -> None:
        starts: list[datetime] = []
        ends: list[datetime] = []
        zones: list[str] = []
        last = None                    # the end of the interval being merged
        for item in items:
            if last is not None and item.start <= last:
                if item.end > last:
                    ends[-1] = last = item.end
                    zones[-1] = item.end_tz
            else:
                starts.append(item.start)
                ends.append(item.end)
                zones.append(item.end_tz)
                last = item.end
        self.starts, self.ends, self.zones = starts, ends, zones


def _night_points(plan: Plan) -> tuple[list[datetime], list[str], list[date]]:
    """The 03:00 local instants of each next day in every zone of the plan, by time, with the
    zone and the night's date of each (three lists, so a trip's nights are found by
    bisection)."""
    if not plan.items:
        return [], [], []
    first = min(i.start for i in plan.items).date() - timedelta(days=2)
    last = max(i.end for i in plan.items).date() + timedelta(days=2)
    zones = {z for i in plan.items for z in (i.start_tz, i.end_tz)}
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    points = sorted((from_local(datetime.combine(d + timedelta(days=1), NIGHT_HOUR), z), z, d)
                    for z in zones for d in days)
    return [p[0] for p in points], [p[1] for p in points], [p[2] for p in points]


def lodging_findings(plan: Plan, schedule_of: Mapping[int, tuple[int, ...]]) -> list[Finding]:
    """The nights without a bed. `schedule_of`: each participant's own items as positions in
    the plan (readiness._Schedules.of; people who travel together share one tuple)."""
    items = plan.items
    stay = [item.kind == _HOTEL for item in items]
    roomed_in: dict[int, list[int]] = defaultdict(list)    # participant -> stays with a room
    for n, item in enumerate(items):
        if stay[n]:
            for pid in plan.roomed.get(item.id, ()):
                roomed_in[pid].append(n)
    nights = _Nights(plan, stay)
    found = []
    no_lodging, rank = F.NO_LODGING, F.RANK_LODGING
    # People who travel, sleep and stay together have the same nights without a bed: each
    # such group's nights are worked out once. Keyed by the schedule's identity: people with
    # the same schedule share one tuple (_Schedules), and hashing its positions for every
    # person cost more than the look-up saved.
    unlodged: dict[tuple, list] = {}        # (schedule, stays with a room) -> the nights
    for pid in plan.active:
        person = plan.people[pid]
        if person.status != _CONFIRMED or person.role == _HOST:
            continue
        schedule = schedule_of.get(pid, ())
        group = (id(schedule), tuple(roomed_in.get(pid, ())))
        unlodged_nights = unlodged.get(group)
        if unlodged_nights is None:
            unlodged_nights = unlodged[group] = nights.without_bed(schedule, group[1])
        if unlodged_nights:
            name = person.name()
            found += [Finding(no_lodging, rank, hotel_id, pid,
                              {"person": name, "night": night, "hotel": title}, point)
                      for hotel_id, title, point, night in unlodged_nights]
    return found


class _Nights:
    """The nights of the plan (the 03:00 instants of each zone, by time) and what every
    participant shares at each: the "everyone" items that hold a night, the "everyone" legs
    and stays. without_bed then works one group of people in one pass over their items and
    their nights, by position (the plan's items come by start, as its nights do)."""

    def __init__(self, plan: Plan, stay: list[bool]) -> None:
        """`stay`: whether each item of the plan is a hotel stay."""
        items = plan.items
        journey = [not is_stay and _is_leg(item)
                   for item, is_stay in zip(items, stay, strict=True)]
        self.items, self.stay, self.journey = items, stay, journey
        self.starts = [i.start for i in items]
        self.ends = [i.end for i in items]
        self.end_zones = [i.end_tz for i in items]
        # Stays for everyone hold every participant checked here (all are active).
        self.shared_hotels = [n for n, i in enumerate(items)
                              if stay[n] and i.everyone and i.people]
        shared_legs = [n for n, i in enumerate(items) if i.everyone and journey[n]]
        # The first of the shared legs by start (the first such position), and their last end.
        self.shared_first = shared_legs[0] if shared_legs else None
        self.shared_back = max((self.ends[n] for n in shared_legs), default=None)
        self.instants, self.zones, self.days = _night_points(plan)
        shared = _Cover([i for n, i in enumerate(items)
                         if i.everyone and i.people and not stay[n]])
        # At each night, the shared interval last begun: (its end, its zone) or (None, None).
        self.shared_at = []
        for point in self.instants:
            j = bisect_right(shared.starts, point) - 1
            self.shared_at.append((shared.ends[j], shared.zones[j]) if j >= 0 else (None, None))
        self._split: dict[int, tuple] = {}   # id(schedule) -> what without_bed reads of it

    def _of(self, schedule: tuple[int, ...]) -> tuple:
        """A schedule's first journey (a position), last return, the items that can hold a
        night (all but stays, as positions) and its stays and everyone's (positions)."""
        found = self._split.get(id(schedule))
        if found is None:
            stay, journey, starts, ends = self.stay, self.journey, self.starts, self.ends
            first = back = None
            beds, stays = [], []
            for n in schedule:
                if stay[n]:
                    stays.append(n)
                    continue
                beds.append(n)
                if journey[n]:
                    if first is None:
                        first = n              # the schedule comes by start: the earliest
                    if back is None or ends[n] > back:
                        back = ends[n]
            shared = self.shared_first
            # The earliest of all their journeys: their own on a tie (as min() over their own
            # first, then the shared ones, chose).
            if shared is not None and (first is None or starts[shared] < starts[first]):
                first = shared
            if self.shared_back is not None and (back is None or self.shared_back > back):
                back = self.shared_back
            stays = sorted(self.shared_hotels + stays) if self.shared_hotels else stays
            found = self._split[id(schedule)] = (first, back, beds, stays)
        return found

    def without_bed(self, schedule: tuple[int, ...], rooms: tuple[int, ...]) -> list[tuple]:
        """(the stay's id or None, its titles or None, the 03:00 instant, the night) for each
        night between the first and last journey that nothing they are in holds: their own
        items but stays, the stays they have a room in, and the shared items."""
        first, back, beds, stays = self._of(schedule)
        if first is None:
            return []                              # no journey: never away from home
        starts, ends, end_zones = self.starts, self.ends, self.end_zones
        instants, zones, shared_at = self.instants, self.zones, self.shared_at
        own = sorted(beds + list(rooms)) if rooms else beds
        count, k = len(own), 0
        # Of their own items begun by the night: the latest end, and the zone of the first
        # item to reach it (where a merged run of their items ends, when the night is not in
        # one: then every item begun by it has ended).
        end = zone = None
        home = self.items[first].start_tz
        found = []
        for n in range(bisect_right(instants, starts[first]), bisect_left(instants, back)):
            point = instants[n]
            while k < count and starts[own[k]] <= point:
                if end is None or ends[own[k]] > end:
                    end, zone = ends[own[k]], end_zones[own[k]]
                k += 1
            if end is not None and end > point:
                continue                                  # in one of their own
            shared_end, shared_zone = shared_at[n]
            if shared_end is not None and shared_end > point:
                continue                                  # in one for everyone
            # Of the two last ended (by end, then zone name; theirs when both are equal), the
            # one ending later says where the night is spent; home before any.
            if end is not None and (shared_end is None
                                    or (shared_end, shared_zone) <= (end, zone)):
                where = zone
            else:
                where = shared_zone if shared_end is not None else home
            if where != zones[n]:
                continue                                  # not where they are that night
            hotel = next((self.items[h] for h in stays
                          if starts[h] < point < ends[h]), None)
            found.append((*_stay(hotel), point, self.days[n]))
        return found


def _stay(hotel: PlanItem | None) -> tuple[int | None, tuple[str, str] | None]:
    """The id and titles of the stay a night without a bed falls in (None, None: no stay)."""
    return (hotel.id, (hotel.title_en, hotel.title_ja)) if hotel else (None, None)


def _is_leg(item: PlanItem) -> bool:
    """A journey: a flight, or a transfer to or from a coded place."""
    return item.kind == _FLIGHT or (item.kind == _TRANSFER and bool(item.from_code
                                                                     or item.to_code))
