"""Readiness checks over a whole mission, most urgent first.

What each check means (the window's panel and `main.py readiness` show the same list):
- Double booking: a person (not cancelled) in two items whose absolute times overlap. Hotel
  stays and free time overlap everything by nature and are left out; "everyone" items hold
  every participant who is not cancelled. One finding per pair of items, naming the people.
- Transfer before landing: a transfer that overlaps a flight it shares people with and that
  picks up where the flight lands (its from-code is the flight's to-code, or it has no code
  and starts in the flight's arrival zone) leaves before the flight is down.
- Visitor lists: site visits (kind site_visit with a site) on the same site and local day form
  one list. It is overdue when its deadline (visit day minus the site's notice) is before
  `today`, due soon within 7 days, while a visitor is still "not sent"; a refused visitor is
  reported; a visitor not sent yet who lacks a field the site requires is reported once per
  site. Visits already past raise nothing.
- Days off: a site visit, meeting or ceremony still to come on a public holiday (the holidays
  package) or a weekend day of the country it is in (the site's zone for a visit).
- Passports: models.rules decides validity for the countries of the person's own items.
- Unchecked Latin names: a person whose Latin name was spelled from the kana reading and not yet
  checked against the passport, on a list still to go out that carries passport names: a
  visitor list of a site asking for the legal name (due on its deadline) or a rooming list
  (due on the check-in day). One finding per person, at the first such list; due within
  DUE_SOON_DAYS or overdue ranks as due soon, later ones as missing data.
- Lodging: nights away from home without a bed (models.readiness_lodging).
- Interpreters (two places at once, needed and missing, no break): see models.interpreting.
- Gifts: a courtesy call still to come with no gift (手土産) planned (models.gifts).
- Consulates: a traveller with no consulate of their citizenship recorded in a country they
  go to (models.readiness_consulates).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date, timedelta
from operator import attrgetter

from sqlmodel import Session

from models import findings as F
from models.collection_pause import no_collection
from models.entities import AttendanceStatus, Clearance, ItemKind, Role
from models.findings import Finding, count_text, finding_text  # noqa: F401 - the public API
from models.interpreting import interpreter_findings
from models.public_holidays import (
    holiday,
    is_weekend,
    state_in_address,
)
from models.readiness_consulates import consulate_findings
from models.readiness_data import Plan, PlanItem, load_plan, reread_items, reread_people
from models.readiness_lodging import lodging_findings
from models.rules import mission_countries, passport_too_short
from models.times import local_date
from models.visits import missing_fields, site_country, visitor_deadline
from models.zone_countries import zone_country

DUE_SOON_DAYS = 7
# Plain strings: enum attribute access costs more than the comparisons in the loops below.
_NO_OVERLAP = {ItemKind.HOTEL.value, ItemKind.FREE_TIME.value}
_FLIGHT, _TRANSFER, _HOTEL = ItemKind.FLIGHT.value, ItemKind.TRANSFER.value, ItemKind.HOTEL.value
_SITE_VISIT, _COURTESY = ItemKind.SITE_VISIT.value, ItemKind.COURTESY_CALL.value
_ON_WORKDAYS = {_SITE_VISIT, ItemKind.MEETING.value, ItemKind.CEREMONY.value}
_NOT_SENT, _REFUSED = Clearance.NOT_SENT.value, Clearance.REFUSED.value
_CONFIRMED, _HOST = AttendanceStatus.CONFIRMED.value, Role.HOST.value
_START, _END = attrgetter("start"), attrgetter("end")


def run_checks(session: Session, *, mission_id: int, today: date) -> list[Finding]:
    # The plan is freed here, while collections still wait: the first one after would walk it.
    with no_collection():      # see models.collection_pause
        return check_again(session, mission_id=mission_id, today=today)[1]


def check_again(session: Session, *, mission_id: int, today: date, kept: Plan | None = None,
                people: Collection[int] | None = None,
                items: Collection[int] | None = None) -> tuple[Plan, list[Finding]]:
    """run_checks for a window that keeps the plan its last run read (returned beside the
    findings, to keep). When the only change since `kept` was read is to the own fields of
    the participants `people`, only their rows are read again; when it is to the items `items`
    (their rows, people, rooms or visitors; none: only rooms or visitors), those items and what
    hangs on items; otherwise the whole plan is. At 2,000 attendees the reading is half of a
    run, and the people and the items each half of that."""
    with no_collection():      # see models.collection_pause
        plan = None
        if kept is not None and kept.mission_id == mission_id:
            if people is not None:
                plan = reread_people(session, kept, people)
            elif items is not None:
                plan = reread_items(session, kept, items)
        if plan is None:
            plan = load_plan(session, mission_id=mission_id)
            if plan is None:
                raise LookupError(f"mission {mission_id} not found")
        return plan, check_plan(plan, today=today)


def check_plan(plan: Plan, *, today: date) -> list[Finding]:
    """The findings on a plan already read with load_plan (a document that reads it anyway)."""
    own = _Schedules(plan)
    found = [*_conflicts(plan, own), *_visits(plan, today), *_days_off(plan, today),
             *_passports(plan, own), *_latin_unchecked(plan, today),
             *lodging_findings(plan, own.of),
             *interpreter_findings(plan), *_gifts(plan, today),
             *consulate_findings(plan, own.countries_of)]
    return sorted(found, key=Finding.sort_key)


def _gifts(plan: Plan, today: date) -> list[Finding]:
    """A courtesy call still to come with no gift (手土産) planned."""
    return [Finding(F.GIFT_MISSING, F.RANK_MISSING, item.id, None, {
        "item": _title(item), "at": (item.start, item.start_tz)}, when=item.start)
        for item in plan.items if item.kind == _COURTESY and item.id not in plan.gifted
        and local_date(item.end, item.end_tz) >= today]


class _Schedules:
    """Each participant's own items (those not for "everyone"), as positions in the plan by
    start, read once for the checks that go person by person (double booking, passports,
    lodging). People who travel together share one tuple, so a check does its work once per
    distinct schedule, not once per person."""

    def __init__(self, plan: Plan) -> None:
        # Items with the same people (load_plan shares one set between them) add their
        # positions to each person's list in one step, not one append per item and person.
        by_people: dict[frozenset[int], list[int]] = defaultdict(list)
        for n, item in enumerate(plan.items):
            if item.people and not item.everyone:
                by_people[item.people].append(n)
        mine: dict[int, list[int]] = defaultdict(list)
        for people, positions in by_people.items():
            for pid in people:
                mine[pid] += positions
        distinct: dict[tuple[int, ...], tuple[int, ...]] = {}
        self.of: dict[int, tuple[int, ...]] = {}
        for pid, positions in mine.items():
            positions.sort()
            key = tuple(positions)
            self.of[pid] = distinct.setdefault(key, key)
        self.distinct = list(distinct)
        self._items = plan.items
        self._everyone_zones: frozenset[str] | None = None
        self._zones: dict[tuple[int, ...], frozenset[str]] = {}
        self._countries: dict[frozenset[str], frozenset[str]] = {}

    def zones(self, schedule: tuple[int, ...]) -> frozenset[str]:
        """The zones a person with this schedule is in: those of their own items and of the
        "everyone" items; once per schedule, for the checks that go by country (passports,
        consulates)."""
        found = self._zones.get(schedule)
        if found is None:
            items = self._items
            if self._everyone_zones is None:
                self._everyone_zones = frozenset(
                    z for item in items if item.everyone and item.people
                    for z in (item.start_tz, item.end_tz))
            found = self._zones[schedule] = self._everyone_zones.union(
                z for n in schedule for z in (items[n].start_tz, items[n].end_tz))
        return found

    def countries(self, zones: frozenset[str]) -> frozenset[str]:
        """The countries of these zones, once per set of zones (many schedules share one)."""
        found = self._countries.get(zones)
        if found is None:
            found = self._countries[zones] = frozenset(mission_countries(zones))
        return found

    def countries_of(self, pid: int) -> frozenset[str]:
        """The countries the participant goes to (empty when none of their zones has one)."""
        return self.countries(self.zones(self.of.get(pid, ())))


def _names(plan: Plan, pids) -> list[dict]:
    people = sorted((plan.people[p] for p in pids), key=lambda p: (p.family, p.given))
    return [p.name() for p in people]


def _title(item: PlanItem) -> tuple[str, str]:
    return item.title_en, item.title_ja


def _meets(transfer: PlanItem, flight: PlanItem) -> bool:
    code = transfer.from_code.strip().upper()
    if code:
        return code == flight.to_code.strip().upper()
    return transfer.start_tz == flight.end_tz


def _conflicts(plan: Plan, own: _Schedules | None = None) -> list[Finding]:
    """Each person's own items swept by start, and the "everyone" items swept once against all:
    the work grows with the items and the overlaps found, not with the square of the items.

    Two items overlap when the earlier (by start, then id) ends after the later starts; the
    findings come by the later item, then the earlier, as a sweep over all pairs gives them.
    """
    items = plan.items
    own = own or _Schedules(plan)
    can = [bool(item.people) and item.kind not in _NO_OVERLAP for item in items]
    candidates = [n for n, flag in enumerate(can) if flag]
    starts, ends = [item.start for item in items], [item.end for item in items]
    pairs: set[tuple[int, int]] = set()              # (later, earlier) positions in the plan
    # People who travel together have the same items: their sweep is done once.
    overlapping = {tuple(n for n in schedule if can[n]) for schedule in own.distinct}
    for mine in overlapping:
        running: list[int] = []
        for n in mine:
            if running:
                start = starts[n]
                running = [r for r in running if ends[r] > start]
                if running:
                    pairs.update((n, r) for r in running)
            running.append(n)
    # An "everyone" item holds every participant not cancelled, so it shares someone with any
    # item that has people: it pairs with whatever runs beside it, "everyone" or not.
    shared: list[int] = []
    others: list[int] = []
    for n in candidates:
        start = starts[n]
        if shared:
            shared = [r for r in shared if ends[r] > start]
            pairs.update((n, r) for r in shared)
        if items[n].everyone:
            others = [r for r in others if ends[r] > start]
            pairs.update((n, r) for r in others)
            shared.append(n)
        else:
            others.append(n)
    return [_conflict(plan, items[first], items[second],
                      items[first].people & items[second].people)
            for second, first in sorted(pairs)]


def _conflict(plan: Plan, first: PlanItem, second: PlanItem, shared) -> Finding:
    one = next(iter(shared)) if len(shared) == 1 else None
    pair = {first.kind, second.kind}
    if pair == {_FLIGHT, _TRANSFER}:
        flight, transfer = (first, second) if first.kind == _FLIGHT else (second, first)
        if _meets(transfer, flight):
            return Finding(F.TRANSFER_BEFORE_LANDING, F.RANK_CONFLICT, transfer.id, one, {
                "transfer": _title(transfer), "start": (transfer.start, transfer.start_tz),
                "flight": _title(flight), "landing": (flight.end, flight.end_tz),
                "flight_id": flight.id}, when=transfer.start)
    return Finding(F.OVERLAP, F.RANK_CONFLICT, first.id, one, {
        "first": _title(first), "first_at": (first.start, first.start_tz),
        "second": _title(second), "second_at": (second.start, second.start_tz),
        "other_item_id": second.id, "people": _names(plan, shared)}, when=second.start)


def _visits(plan: Plan, today: date) -> list[Finding]:
    lists: dict[tuple[int, date], list[PlanItem]] = defaultdict(list)
    for item in plan.items:
        if item.kind == _SITE_VISIT and item.site_id in plan.sites:
            lists[(item.site_id, local_date(item.start, item.start_tz))].append(item)
    found, lacking_reported = [], set()
    for (site_id, day), visits in lists.items():    # items are by start: so are the lists
        if day < today:
            continue
        site = plan.sites[site_id]
        site_name = (site.name_en, site.name_ja)
        unsent: dict[int, PlanItem] = {}
        for visit in visits:
            for pid in visit.people:
                status = plan.clearance.get((visit.id, pid), _NOT_SENT)
                if status == _NOT_SENT:
                    unsent.setdefault(pid, visit)
                elif status == _REFUSED:
                    found.append(Finding(F.CLEARANCE_REFUSED, F.RANK_CONFLICT, visit.id, pid, {
                        "person": plan.people[pid].name(), "site": site_name, "visit": day},
                        when=visit.start))
        deadline = visitor_deadline(day, site.notice_days)
        if unsent and deadline <= today + timedelta(days=DUE_SOON_DAYS):
            passed = deadline < today
            found.append(Finding(
                F.DEADLINE_PASSED if passed else F.DEADLINE_SOON,
                F.RANK_OVERDUE if passed else F.RANK_DUE_SOON, visits[0].id, None,
                {"site": site_name, "visit": day, "deadline": deadline, "unsent": len(unsent)},
                when=visits[0].start))
        country = site_country(site.tz)
        for pid, visit in unsent.items():
            lacking = missing_fields(plan.people[pid], site.required, country)
            if lacking and (site_id, pid) not in lacking_reported:
                lacking_reported.add((site_id, pid))
                found.append(Finding(F.MISSING_VISITOR_FIELDS, F.RANK_MISSING, visit.id, pid, {
                    "person": plan.people[pid].name(), "site": site_name, "visit": day,
                    "fields": lacking}, when=visit.start))
    return found


def _days_off(plan: Plan, today: date) -> list[Finding]:
    """Site visits, meetings and ceremonies still to come on a public holiday or a weekend day
    of the country they are in (the site's for a visit, else the item's start zone's), and of the
    site's state when its address names one (New York's Election Day for a visit in Albany)."""
    found = []
    for item in plan.items:
        if item.kind not in _ON_WORKDAYS:
            continue
        site = plan.sites.get(item.site_id) if item.site_id is not None else None
        zone = site.tz if site is not None and item.kind == _SITE_VISIT else item.start_tz
        day = local_date(item.start, zone)
        country = zone_country(zone)
        if day < today or country is None:
            continue
        state = state_in_address(country, site.address_en) if site is not None else None
        names = holiday(country, day, state)
        if names is not None or is_weekend(country, day):
            found.append(Finding(F.DAY_OFF, F.RANK_CONFLICT, item.id, None, {
                "item": _title(item), "day": day, "country": country, "holiday": names,
                "state": state if names is not None and holiday(country, day) is None
                else None}, when=item.start))
    return found


def _latin_unchecked(plan: Plan, today: date) -> list[Finding]:
    unchecked = {pid for pid in plan.active if plan.people[pid].latin_unconfirmed}
    if not unchecked:
        return []
    first: dict[int, tuple[date, PlanItem]] = {}      # person -> the first list due
    for item in plan.items:
        if item.kind == _SITE_VISIT and item.site_id in plan.sites:
            site = plan.sites[item.site_id]
            day = local_date(item.start, item.start_tz)
            if "full_legal_name" not in site.required or day < today:
                continue
            due = visitor_deadline(day, site.notice_days)
            # Only the visitors not yet sent: a list already sent has gone out as it was.
            people = {p for p in item.people & unchecked
                      if plan.clearance.get((item.id, p), _NOT_SENT) == _NOT_SENT}
        elif item.kind == _HOTEL:
            due = local_date(item.start, item.start_tz)
            if due < today:
                continue
            people = item.people & unchecked
        else:
            continue
        for pid in people:
            if pid not in first or due < first[pid][0]:
                first[pid] = (due, item)
    found = []
    for pid, (due, item) in first.items():
        soon = due <= today + timedelta(days=DUE_SOON_DAYS)
        found.append(Finding(F.LATIN_UNCHECKED, F.RANK_DUE_SOON if soon else F.RANK_MISSING,
                             item.id, pid, {"person": plan.people[pid].name(),
                                            "latin": (plan.people[pid].family,
                                                      plan.people[pid].given),
                                            "list": _title(item), "due": due,
                                            "rooming": item.kind == _HOTEL},
                             when=item.start))
    return found


def _passports(plan: Plan, own: _Schedules) -> list[Finding]:
    home = frozenset(mission_countries({plan.home_tz}))    # for people with no item at all
    rules: dict[tuple, tuple[date, str] | None] = {}   # many share citizenship and expiry
    found = []
    for pid in plan.active:
        person = plan.people[pid]
        if person.passport_expiry is None:
            continue
        zones = own.zones(own.of.get(pid, ()))
        where = own.countries(zones) if zones else home
        key = (person.passport_expiry, person.citizenship, where)
        if key not in rules:
            rules[key] = passport_too_short(person.passport_expiry, person.citizenship,
                                            plan.end_date, where)
        rule = rules[key]
        if rule:
            found.append(Finding(F.PASSPORT_EXPIRY, F.RANK_MISSING, None, pid, {
                "person": person.name(), "expiry": person.passport_expiry, "until": rule[0],
                "country": rule[1]}))
    return found
