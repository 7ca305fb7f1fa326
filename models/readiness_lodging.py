"""The readiness check for lodging: nights away from home without a bed.

A confirmed participant who is not a host is away from home from the start of their first
journey (a flight, or a transfer with a from- or to-code) to the end of their last. Each night
in between must be covered at 03:00 local time, in the zone where their previous item ended, by
a hotel stay in which they have a room or by an item they are in (a night flight). People with
no journey (locals who only attend) are never checked. The work is once per group of people
who travel, sleep and stay together, and each night is found by bisection.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from operator import attrgetter

from models import findings as F
from models.entities import AttendanceStatus, ItemKind, Role
from models.findings import Finding
from models.readiness_data import Plan, PlanItem
from models.times import from_local

NIGHT_HOUR = time(3)       # where someone is at 03:00 local time is where they spend the night

_FLIGHT, _TRANSFER, _HOTEL = ItemKind.FLIGHT.value, ItemKind.TRANSFER.value, ItemKind.HOTEL.value
_CONFIRMED, _HOST = AttendanceStatus.CONFIRMED.value, Role.HOST.value
_START, _END = attrgetter("start"), attrgetter("end")


class _Cover:
    """Merged intervals (sorted, disjoint) with the zone where each one ends; `items` must come
    by start, as the plan's do."""

    def __init__(self, items) -> None:
        starts: list[datetime] = []
        ends: list[datetime] = []
        zones: list[str] = []
        last = None                    # the end of the interval being merged (locals: this
        for item in items:             # runs once per distinct schedule, on all its items)
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
    journey = [not is_stay and _is_leg(item) for item, is_stay in zip(items, stay, strict=True)]
    shared_cover = [i for n, i in enumerate(items) if i.everyone and i.people and not stay[n]]
    shared_legs = [i for n, i in enumerate(items) if i.everyone and journey[n]]
    # Stays for everyone hold every participant checked here (all are active).
    shared_hotels = [n for n, i in enumerate(items) if stay[n] and i.everyone and i.people]
    roomed_in: dict[int, list[int]] = defaultdict(list)    # participant -> stays with a room
    for n, item in enumerate(items):
        if stay[n]:
            for pid in plan.roomed.get(item.id, ()):
                roomed_in[pid].append(n)
    shared = _Cover(shared_cover)
    points = _night_points(plan)
    found = []
    # People who travel, sleep and stay together have the same nights without a bed: each
    # such group's nights are worked out once. A person's three lists, as positions in the
    # plan by start: their journeys, what covers their nights (their own items but stays, and
    # the stays they have a room in) and the stays they are on. A schedule's split is read
    # once and each person's rooms merged into it. Keyed by the schedule's identity: people
    # with the same schedule share one tuple (_Schedules), and hashing its positions for
    # every person cost more than the look-up saved.
    split: dict[int, tuple] = {}
    unlodged: dict[tuple, list] = {}        # (schedule, stays with a room) -> the nights
    for pid in plan.active:
        person = plan.people[pid]
        if person.status != _CONFIRMED or person.role == _HOST:
            continue
        schedule = schedule_of.get(pid, ())
        group = (id(schedule), tuple(roomed_in.get(pid, ())))
        nights = unlodged.get(group)
        if nights is None:
            three = split.get(group[0])
            if three is None:
                three = split[group[0]] = (
                    [items[n] for n in schedule if journey[n]] + shared_legs,
                    tuple(n for n in schedule if not stay[n]),
                    [items[n] for n in sorted((*shared_hotels,
                                               *(n for n in schedule if stay[n])))])
            trip, beds, stays = three
            rooms = group[1]
            nights = unlodged[group] = [
                (*_stay(hotel), point, night)
                for hotel, point, night in _nights_without_bed(
                    trip, shared,
                    _Cover(items[n] for n in (sorted((*beds, *rooms)) if rooms else beds)),
                    stays, points)] if trip else []
        if nights:
            name = person.name()
            found += [Finding(F.NO_LODGING, F.RANK_LODGING, hotel_id, pid,
                              {"person": name, "night": night, "hotel": title}, point)
                      for hotel_id, title, point, night in nights]
    return found


def _stay(hotel: PlanItem | None) -> tuple[int | None, tuple[str, str] | None]:
    """The id and titles of the stay a night without a bed falls in (None, None: no stay)."""
    return (hotel.id, (hotel.title_en, hotel.title_ja)) if hotel else (None, None)


def _is_leg(item: PlanItem) -> bool:
    """A journey: a flight, or a transfer to or from a coded place."""
    return item.kind == _FLIGHT or (item.kind == _TRANSFER and bool(item.from_code
                                                                     or item.to_code))


def _nights_without_bed(trip: list[PlanItem], shared: _Cover, own: _Cover,
                        hotels: list[PlanItem], points) -> list[tuple]:
    """(the stay they are on or None, the 03:00 instant, the night) for each night between the
    first and last journey of `trip` that neither cover holds. Runs once per group of people
    who travel and sleep together (600 groups at 100x): the covers are bisected inline."""
    first = min(trip, key=_START)
    away, home_zone, back = first.start, first.start_tz, max(map(_END, trip))
    instants, zones, days = points
    own_starts, own_ends, own_zones = own.starts, own.ends, own.zones
    all_starts, all_ends, all_zones = shared.starts, shared.ends, shared.zones
    nights = []
    for n in range(bisect_right(instants, away), bisect_left(instants, back)):
        point = instants[n]
        i = bisect_right(own_starts, point) - 1
        j = bisect_right(all_starts, point) - 1 if all_starts else -1
        # Of the two intervals last begun, the one ending later (by end, then zone name;
        # ours when both are equal) says where the night is spent.
        if i >= 0 and (j < 0 or (all_ends[j], all_zones[j]) <= (own_ends[i], own_zones[i])):
            end, zone = own_ends[i], own_zones[i]
        elif j >= 0:
            end, zone = all_ends[j], all_zones[j]
        else:
            end, zone = None, home_zone
        if end is not None and end > point:
            continue                                  # covered
        if zone != zones[n]:
            continue                                  # not where they are that night
        hotel = next((h for h in hotels if h.start < point < h.end), None)
        nights.append((hotel, point, days[n]))
    return nights
