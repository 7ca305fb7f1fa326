"""What a travel pack says, worked out in the document's language without Qt: the cover, one
section per local day with each item's times, places, transport and what to wear and bring,
the person's own 商談会 meetings (documents.workbook.schedules), taxi cards for the hotels,
and the contacts with each visited country's emergency numbers.

A day is a date in the place's own calendar: an item belongs to the local date of its start in
its start zone (as on the itinerary tab), and its end is shown in its own zone with "+1 day"
where it falls on another local date.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from documents.handouts.fields import item_transport, site_rules
from documents.handouts.places import clock_name, local_language, zone_country
from documents.workbook.data import MissionData
from documents.workbook.lang import (
    country_name,
    display_name,
    hotel_name,
    latin_name,
    native_name,
    phone_text,
    plain,
    reading,
)
from documents.workbook.people import CONTACT_GROUPS
from documents.workbook.schedules import ScheduleLine, schedule_lines
from documents.workbook.travel import (
    Names,
    hotel_phone,
    item_place,
    operator,
    place_code,
    rooms_by_person,
)
from i18n import _, current_language, ngettext, pick, temporary_language
from i18n.formatting import format_date, format_date_range, format_datetime, format_time
from i18n.labels import ITEM_KINDS, label
from models.consulates import consulates_for
from models.emergency_numbers import emergency_numbers
from models.entities import ItemKind
from models.rules import other_zone
from models.times import day_shift, local_date, to_local


@dataclass
class Entry:
    times: str
    mark: str                       # "+1 day" where the end is on another local date
    other: str                      # the other side's clock, or ""
    kind: str
    title: str
    details: list[tuple[str, str]]  # (heading, text)
    markup: str = ""                # its HTML, once html.py has made it


@dataclass
class Day:
    heading: str
    clock: str
    entries: list[Entry] = field(default_factory=list)


@dataclass
class TaxiCard:
    hotel: str                      # in the local language
    address: str                    # in the local language, for the driver
    request: str                    # "Please take me to:" in the local language
    reader: str                     # the same words in the reader's language, if other
    reader_hotel: str               # the hotel's name in the reader's language, if other
    phone: str
    stay: str                       # the nights, in the reader's language


@dataclass
class Contact:
    group: str
    name: str
    detail: str
    phone: str


@dataclass
class Handout:
    language: str
    code: str
    title: str
    subtitle: str                   # the mission's title in the other language
    dates: str
    person: str                     # "" for the delegation's handout
    person_other: str               # the name in the other script, with its reading
    organizers: list[tuple[str, str]]
    days: list[Day]
    cards: list[TaxiCard]
    contacts: list[Contact]
    emergency: list[tuple[str, list[tuple[str, str]]]]   # country name, (number, service)
    consulates: list[Contact]       # group: the country it is in; detail: address (and whom)
    footer: str
    meetings: list[ScheduleLine] = field(default_factory=list)   # the person's 商談会 meetings


def _times(item) -> tuple[str, str]:
    start, end = item.start, item.end
    same_zone = item.start_tz == item.end_tz
    first = format_time(start, item.start_tz, with_zone=not same_zone)
    last = format_time(end, item.end_tz)
    shift = day_shift(start, item.start_tz, end, item.end_tz)
    mark = ""
    if shift > 0:
        mark = ngettext("+{n} day", "+{n} days", shift).format(n=shift)
    elif shift < 0:
        mark = ngettext("−{n} day", "−{n} days", -shift).format(n=-shift)
    arrow = " → " if not same_zone else " – "
    return first + arrow + last, mark


def _other_clock(item) -> str:
    zone = other_zone(item.start_tz)
    start = format_datetime(item.start, zone, with_zone=False)
    if local_date(item.start, zone) == local_date(item.end, zone):
        end = format_time(item.end, zone, with_zone=False)
    else:
        end = format_datetime(item.end, zone, with_zone=False)
    colon = "：" if current_language() == "ja" else ": "
    return f"{clock_name(zone)}{colon}{start} – {end}"


class Batch:
    """What every handout of one export shares, worked out once: the people not cancelled,
    the countries visited, the crew, each person's items and the formatted entries (Babel's
    formatting and the scans of 2,000 people and their items cost more than the rest)."""

    def __init__(self, data: MissionData) -> None:
        self.data = data
        self.names = Names.of(data)
        active = data.active()
        self.active = sorted(p.pid for p in active)
        # The mission's countries, also when `data` holds one person's items only.
        zones = data.zones or {z for i in data.items for z in (i.start_tz, i.end_tz)}
        self.countries = sorted({zone_country(z) for z in zones} - {""})
        self.both_sides = len(self.countries) > 1
        roles = set().union(*(r for _group, r in CONTACT_GROUPS))
        self.crew = [p for p in active if p.role in roles]
        self.rooms_of = rooms_by_person(data, self.names)
        self.items_of: dict[int, list] = defaultdict(list)
        for item in data.items:
            for pid in item.people:
                self.items_of[pid].append(item)
        self.cache: dict = {}


class Builder:
    """Works out entries, cards and contacts of one handout (or the calendar's events)."""

    def __init__(self, data: MissionData, sites: dict[int, object], person,
                 batch: Batch | None = None) -> None:
        self.data, self.sites, self.person = data, sites, person
        self.batch = batch = batch if batch is not None and batch.data is data else Batch(data)
        self.cache = batch.cache
        self.names = batch.names
        self.rooms = batch.rooms_of.get(person.pid, {}) if person is not None else {}
        self.countries, self.both_sides = batch.countries, batch.both_sides
        self.active = batch.active
        self.crew = self._crew()

    def _crew(self) -> list:
        """The organizers, interpreters and hosts the handout lists: for a person, those who
        travel with them (share an item that is not for everyone), else every one of them, so
        a 2,000-person mission does not hand each delegate all of its 700 staff."""
        everyone = self.batch.crew
        if self.person is None:
            return everyone
        shared = set().union(*(i.people for i in self.items() if not i.everyone))
        return [p for p in everyone if p.pid in shared] or everyone

    def items(self):
        if self.person is None:
            return self.data.items
        return self.batch.items_of.get(self.person.pid, [])

    def entry(self, item) -> Entry:
        key = (item.id, self.person is None)
        shared = self.cache.get(key)
        if shared is None:
            shared = self.cache[key] = self._entry(item)
        room = self.rooms.get(item.id)
        if not room:
            return shared
        details = list(shared.details)
        at = len(details) - (1 if details and details[-1][0] == _("Notes") else 0)
        details.insert(at, (_("Room"), room.replace("\n", " / ")))
        return Entry(shared.times, shared.mark, shared.other, shared.kind, shared.title, details)

    def _entry(self, item) -> Entry:
        """The entry of an item as everyone's handout has it (no room: that is a person's)."""
        times, mark = _times(item)
        other = _other_clock(item) if self.both_sides else ""
        details: list[tuple[str, str]] = []
        place = plain(item_place(self.data, item))
        if item.from_code or item.to_code:
            place = " → ".join(x for x in (place_code(item.from_code),
                                            place_code(item.to_code)) if x) or place
        if place:
            details.append((_("Place"), place))
        site = self.sites.get(item.site_id)
        if site is not None:
            address = pick(site.address_en, site.address_ja)[0]
            if address:
                details.append((_("Address"), address))
        if item.kind == ItemKind.HOTEL.value:
            details.append((_("Check-out"), format_datetime(item.end, item.end_tz)))
        transport = item_transport(item, self.data.item_extra.get(item.id))
        for heading, text in ((_("Flight / vehicle"), transport.vehicle),
                              (_("Pick-up point"), transport.pickup),
                              (_("Driver"), transport.driver)):
            if text:
                details.append((heading, text))
        if site is not None and item.kind in (ItemKind.SITE_VISIT.value, ItemKind.MEETING.value,
                                              ItemKind.CEREMONY.value):
            details += site_rules(site)
        if item.kind == ItemKind.FLIGHT.value and \
                zone_country(item.start_tz) != zone_country(item.end_tz):
            details.append((_("What to bring"), _("Bring your passport.")))
        if self.person is None and not item.everyone:
            details.append((_("Participants"), self.names.listed(item.people, self.active)))
        notes = pick(item.notes_en, item.notes_ja)[0]
        if notes:
            details.append((_("Notes"), notes))
        return Entry(times, mark, other, label(ITEM_KINDS, item.kind),
                     pick(item.title_en, item.title_ja)[0], details)

    def days(self) -> list[Day]:
        grouped: dict[date, list] = defaultdict(list)
        for item in self.items():
            grouped[local_date(item.start, item.start_tz)].append(item)
        days = []
        for day in sorted(grouped):
            items = grouped[day]
            # The day's clocks in the order the delegation meets them (Tokyo, then New York
            # on the day it flies east).
            clocks = dict.fromkeys(self._clock(i) for i in items)
            heading = self.cache.get(day)
            if heading is None:
                heading = self.cache[day] = format_date(day)
            section = Day(heading, " → ".join(clocks))
            section.entries = [self.entry(i) for i in items]
            days.append(section)
        return days

    def _clock(self, item) -> str:
        key = ("clock", item.start, item.start_tz)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = clock_name(item.start_tz,
                                                 to_local(item.start, item.start_tz))
        return found

    def _once(self, key, make):
        """What `make()` gives, worked out once per batch: the same in every pack of it."""
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = make()
        return found

    def cards(self) -> list[TaxiCard]:
        return [self._once(("card", item.id), lambda item=item: self._card(item))
                for item in self.items() if item.kind == ItemKind.HOTEL.value]

    def _card(self, item) -> TaxiCard:
        local = local_language(zone_country(item.start_tz))
        site = self.sites.get(item.site_id)
        stay = format_date_range(local_date(item.start, item.start_tz),
                                 local_date(item.end, item.end_tz))
        reader = _("Please take me to:")
        reader_hotel = hotel_name(pick(item.title_en, item.title_ja)[0])
        with temporary_language(local):
            hotel = hotel_name(pick(item.title_en, item.title_ja)[0])
            address = pick(site.address_en, site.address_ja)[0] if site else ""
            address = address or pick(item.location_en, item.location_ja)[0]
            request = _("Please take me to:")
        phone = phone_text(hotel_phone(self.data, item, site))
        return TaxiCard(hotel, address, request, "" if reader == request else reader,
                        "" if reader_hotel == hotel else reader_hotel, phone, stay)

    def contacts(self) -> list[Contact]:
        found = []
        for group, roles in CONTACT_GROUPS:
            people = [p for p in self.crew if p.role in roles]
            for p in sorted(people, key=lambda p: self.names.key[p.pid]):
                found.append(self._once(("crew", p.pid), lambda p=p, group=group: Contact(
                    _(group), self.names.name[p.pid], pick(p.org_en, p.org_ja)[0],
                    phone_text(p.phone))))
        items = self.items()
        hotels = {i.id: i for i in items if i.kind == ItemKind.HOTEL.value}
        found += [self._once(("hotel", i.id), lambda i=i: self._hotel_contact(i))
                  for i in hotels.values()]
        drivers = {}
        for item in items:
            driver = self._once(("driver", item.id), lambda item=item: self._driver(item))
            if driver:
                drivers.setdefault(driver[:2], driver[2])
        found += [Contact(_("Drivers"), name, vehicle, phone) for (name, phone), vehicle in
                  drivers.items()]
        site_ids = {i.site_id for i in items if i.site_id is not None
                    and i.kind != ItemKind.HOTEL.value}        # a hotel is listed above
        for sid in sorted(site_ids):
            site = self.sites.get(sid)
            if site is not None and (site.contact_name or site.contact_phone):
                found.append(self._once(("host", sid), lambda site=site: Contact(
                    _("Host contacts"), site.contact_name, pick(site.name_en, site.name_ja)[0],
                    phone_text(site.contact_phone))))
        return found

    def _hotel_contact(self, item) -> Contact:
        site = self.sites.get(item.site_id)
        return Contact(_("Hotels"), hotel_name(pick(item.title_en, item.title_ja)[0]),
                       pick(item.location_en, item.location_ja)[0],
                       phone_text(hotel_phone(self.data, item, site)))

    def _driver(self, item) -> tuple[str, str, str] | tuple[()]:
        """(name, phone, company / vehicle) of a ground transfer's driver; () for none. The
        company first: the driver is reached through its dispatch desk; the vehicle in the
        pack's language (its Japanese is among the item's extras)."""
        extra = self.data.item_extra.get(item.id, {})
        transport = item_transport(item, extra)
        if transport.driver and item.kind != ItemKind.FLIGHT.value:
            vehicle = transport.vehicle
            return (transport.driver_name, transport.driver_phone,
                    " / ".join(x for x in (operator(extra), vehicle) if x))
        return ()

    def emergency(self) -> list[tuple[str, list[tuple[str, str]]]]:
        return [(country_name(c), emergency_numbers(c)) for c in self.countries]

    def consulates(self) -> list[Contact]:
        """A delegate's own country's consulates in the countries visited (all of them when
        the citizenship is not known); the delegation's pack has every one, with whom each
        serves."""
        nationality = (self.person.citizenship or None) if self.person is not None else None
        found = []
        for row in consulates_for(self.data.consulates, countries=self.countries,
                                  nationality=nationality):
            address = pick(row.address_en, row.address_ja)[0]
            if nationality is None:
                serves = _("For citizens of: {country}").format(
                    country=country_name(row.nationality))
                address = f"{address}\n{serves}" if address else serves
            found.append(Contact(country_name(row.country), pick(row.name_en, row.name_ja)[0],
                                 address, phone_text(row.phone)))
        return found


def build_handout(data: MissionData, sites: dict[int, object], person=None,
                  batch: Batch | None = None, *, cover_only: bool = False) -> Handout:
    """The handout of `person` (a DocumentAttendee), or of the whole delegation when None;
    in the current language. `batch`: shared by the handouts of one export, in one language.
    `cover_only`: no days, cards or contacts (a preview of the first page, which is the
    cover, of a mission with thousands of items)."""
    m = data.mission
    b = Builder(data, sites, person, batch)
    title, _fallback = pick(m.title_en, m.title_ja)
    other = m.title_ja if current_language() == "en" else m.title_en
    person_name, person_other = "", ""
    if person is not None:
        person_name = display_name(person)
        if current_language() == "ja":
            person_other = latin_name(person)
        else:
            person_other = " ".join(x for x in (native_name(person), f"（{reading(person)}）"
                                                if reading(person) else "") if x)
        if person_other == person_name:
            person_other = ""
    organizers = [(b.names.name[p.pid], phone_text(p.phone)) for p in b.crew
                  if p.role in ("staff", "head") and p.phone]
    footer = f"{m.code}  {title}"
    meetings = (schedule_lines(data.meetings, participant=person.pid)
                if person is not None and data.meetings is not None and not cover_only else [])
    return Handout(current_language(), m.code, title, other if other != title else "",
                   format_date_range(m.start_date, m.end_date), person_name, person_other,
                   organizers, [] if cover_only else b.days(), [] if cover_only else b.cards(),
                   [] if cover_only else b.contacts(), [] if cover_only else b.emergency(),
                   [] if cover_only else b.consulates(), footer, meetings)
