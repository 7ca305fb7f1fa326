"""The sheets about the plan: the itinerary (whole mission, or one person's), the transport
manifest and one rooming list per hotel stay.

Every time is written as the place's own wall clock (openpyxl refuses aware times) with the
zone beside it, so a flight shows its departure at HND and its arrival at JFK each in its zone.
"""

from __future__ import annotations

from documents.workbook.cells import GROUP_START, HEADER, MISSING, SPARSE, Mark
from documents.workbook.data import MissionData
from documents.workbook.lang import (
    display_name,
    list_separator,
    phone_text,
    picked,
    plain,
    sort_key,
    titled,
)
from documents.workbook.page import Column, SheetData, band_flags, sheet_name
from i18n import _, ngettext, pick
from i18n.formatting import zone_abbreviation
from i18n.labels import ITEM_KINDS, ROOM_TYPES, label
from models.airports import airport
from models.entities import ItemKind
from models.readiness_data import PlanItem
from models.times import to_local

NAMES_SHOWN = 30       # past this, "and 170 others": a cell is not a roster
_LEGS = {ItemKind.FLIGHT.value, ItemKind.TRANSFER.value}


def _ends(item: PlanItem):
    start, end = to_local(item.start, item.start_tz), to_local(item.end, item.end_tz)
    return start, end


def _zones(start, end) -> str:
    first, last = zone_abbreviation(start), zone_abbreviation(end)
    return first if first == last else f"{first} → {last}"


def item_place(data: MissionData, item: PlanItem):
    if item.location_en or item.location_ja:
        return picked(item.location_en, item.location_ja)
    site = data.sites.get(item.site_id)
    return picked(site.name_en, site.name_ja) if site else ""


def place_code(code: str) -> str:
    """HND Tokyo Haneda / HND 東京国際空港（羽田）: the code people book with, and its name."""
    found = airport(code) if code else None
    if found is None:
        return code
    return f"{found.code} {pick(found.name_en, found.name_ja)[0]}"


def transport_text(item: PlanItem, extra: dict | None = None) -> str:
    """The flight or vehicle, the airports, the pick-up point and the driver, each in the
    document's language where the item's `extra` fields have its Japanese."""
    extra = extra or {}
    parts = []
    if item.kind == ItemKind.FLIGHT.value:
        parts.append(" ".join(x for x in (item.carrier, item.flight_number) if x))
    elif item.vehicle or extra.get("vehicle_ja"):
        parts.append(plain(picked(item.vehicle, extra.get("vehicle_ja", ""))))
    if item.from_code or item.to_code:
        parts.append(" ".join(x for x in (item.from_code, "→", item.to_code) if x))
    if item.pickup or extra.get("pickup_ja"):
        parts.append(_("Pick-up: {place}").format(
            place=plain(picked(item.pickup, extra.get("pickup_ja", "")))))
    if item.driver_name or extra.get("driver_name_ja") or item.driver_phone:
        # the company is in the manifest: here only who to call
        parts.append(_("Driver: {driver}").format(driver=" ".join(x for x in (
            driver_name(item, extra), phone_text(item.driver_phone)) if x)))
    return "\n".join(p for p in parts if p)


def driver_text(item: PlanItem, separator: str = "\n", extra: dict | None = None) -> str:
    """The company running the transfer (from the item's `extra` fields, when given), the
    driver's name (in the document's language when `extra` has the Japanese) and phone
    (grouped as the country writes it); any may be missing."""
    return separator.join(x for x in (operator(extra or {}), driver_name(item, extra),
                                      phone_text(item.driver_phone)) if x)


def driver_name(item, extra: dict | None) -> str:
    """The driver or dispatch desk in the document's language, else the other one."""
    return plain(picked(item.driver_name, (extra or {}).get("driver_name_ja", "")))


def hotel_phone(data: MissionData, item: PlanItem, site) -> str:
    """A stay's front-desk number: its own, else its site's (one number for one hotel in every
    document: the contact sheet, the taxi card, the pack's contacts)."""
    own = data.item_extra.get(item.id, {}).get("hotel_phone", "")
    return own or (site.contact_phone if site is not None else "")


def operator(extra: dict) -> str:
    """The coach or taxi company of a transfer, in the document's language (else the other)."""
    return plain(picked(extra.get("operator_en", ""), extra.get("operator_ja", "")))


class Names:
    """Display names and sort keys of the mission's people, worked out once per export (see
    `of`): every sheet lists the same people."""

    @classmethod
    def of(cls, data: MissionData) -> Names:
        found = getattr(data, "_names", None)
        if found is None:
            found = data._names = cls(data)
        return found

    def __init__(self, data: MissionData) -> None:
        self.people = data.people
        self.name = {pid: display_name(p) for pid, p in data.people.items()}
        self.key = {pid: sort_key(p) for pid, p in data.people.items()}
        self._listed: dict[tuple, str] = {}     # tracks repeat the same people item after item

    def sorted(self, pids) -> list[int]:
        return sorted(pids, key=self.key.__getitem__)

    def listed(self, pids, everyone: list[int]) -> str:
        """The names of `pids`, or "All except ..." when the people left out are fewer."""
        key = tuple(pids)
        if key not in self._listed:
            missing = set(everyone) - set(pids)
            if missing and len(missing) < len(pids) and len(missing) <= NAMES_SHOWN:
                text = _("All except {names}").format(names=self._names(missing))
            else:
                text = self._names(pids)
            self._listed[key] = text
        return self._listed[key]

    def _names(self, pids) -> str:
        shown = [self.name[p] for p in self.sorted(pids)[:NAMES_SHOWN]]
        rest = len(pids) - len(shown)
        if rest:
            shown.append(ngettext("{n} other", "{n} others", rest).format(n=rest))
        return list_separator().join(shown)


def itinerary_sheet(data: MissionData, used: set[str], *, person=None,
                    notes_for: dict[int, str] | None = None) -> SheetData:
    """The day-by-day itinerary; for `person` only their items, without the who column, and
    `notes_for` (their room, say) ahead of each item's notes."""
    # Narrow enough that a landscape page printed one page wide stays readable: long texts
    # wrap onto more lines instead.
    columns = [Column(_("Date"), 16), Column(_("Start"), 9), Column(_("End"), 9),
               Column(_("End date"), 16), Column(_("Time zone"), 9, min_width=5),
               Column(_("Kind"), 18), Column(_("Activity"), 26), Column(_("Place"), 22)]
    if person is None:
        columns.append(Column(_("Participants"), 26))
    columns += [Column(_("Transport"), 20), Column(_("Notes"), 30 if person is None else 40)]
    names = Names.of(data)
    items = data.items if person is None else [i for i in data.items if person.pid in i.people]
    everyone = _("All")
    active = sorted(p.pid for p in data.active())
    rows, days = [], []
    for item in items:
        start, end = _ends(item)
        row = [start.date(), start.time(), end.time(),
               end.date() if end.date() != start.date() else None, _zones(start, end),
               label(ITEM_KINDS, item.kind), picked(item.title_en, item.title_ja),
               item_place(data, item)]
        if person is None:
            row.append(everyone if item.everyone else names.listed(item.people, active))
        notes = picked(item.notes_en, item.notes_ja)
        extra = (notes_for or {}).get(item.id)
        if extra:
            notes = "\n".join(x for x in (extra, plain(notes)) if x)
        row += [transport_text(item, data.item_extra.get(item.id)), notes]
        rows.append(row)
        days.append(start.date())
    if person is None:
        title = titled(_("Itinerary"), _mission(data))
    else:
        title = titled(_("Itinerary for {name}").format(name=display_name(person)),
                       _mission(data))
    return SheetData(sheet_name(_("Itinerary"), used), title, columns, rows, band_flags(days))


def _mission(data: MissionData) -> str:
    return pick(data.mission.title_en, data.mission.title_ja)[0]


def _trip_key(item: PlanItem) -> tuple:
    """Legs that are one trip: a flight by its number and times, a transfer by its vehicle,
    company and times (two groups booked on one flight are one block)."""
    what = item.flight_number if item.kind == ItemKind.FLIGHT.value else (
        item.vehicle, item.driver_name, item.pickup)
    return (item.kind, what, item.start, item.end, item.from_code, item.to_code)


def manifest_sheet(data: MissionData, used: set[str]) -> SheetData:
    """One block per trip: the leg in its first row, with the headcount, then its
    passengers (with their mobiles: this is the organizers' copy)."""
    columns = [Column(_("Kind"), 9), Column(_("Flight / vehicle"), 16),
               Column(_("Departure date"), 16), Column(_("Departs"), 9),
               Column(_("Zone"), 12, min_width=4), Column(_("From"), 26),
               Column(_("Arrival date"), 16), Column(_("Arrives"), 9),
               Column(_("Zone"), 12, min_width=4), Column(_("To"), 26),
               Column(_("Pick-up point"), 24), Column(_("Drop-off"), 24),
               Column(_("Driver"), 24), Column(_("Headcount"), 9),
               Column(_("Passenger"), 22), Column(_("Mobile"), 16, wrap=False)]
    names = Names.of(data)
    trips: dict[tuple, tuple[PlanItem, set[int]]] = {}
    for item in data.items:
        if item.kind in _LEGS:
            first, people = trips.setdefault(_trip_key(item), (item, set()))
            people.update(item.people)
    rows, flags = [], []
    for n, (item, people) in enumerate(trips.values()):
        start, end = _ends(item)
        extra = data.item_extra.get(item.id, {})
        if item.kind == ItemKind.FLIGHT.value:
            what = " ".join(x for x in (item.flight_number, f"({item.carrier})"
                                        if item.carrier else "") if x)
        else:
            what = picked(item.vehicle, extra.get("vehicle_ja", ""))
        pickup = picked(item.pickup, extra.get("pickup_ja", ""))
        dropoff = picked(extra.get("dropoff_en", ""), extra.get("dropoff_ja", ""))
        to = place_code(item.to_code)
        if item.kind == ItemKind.TRANSFER.value and not to and not plain(dropoff):
            to = Mark(None, MISSING)           # the coach company needs to know where
        rows.append([label(ITEM_KINDS, item.kind), what, start.date(), start.time(),
                     zone_abbreviation(start), place_code(item.from_code), end.date(),
                     end.time(), zone_abbreviation(end), to, pickup, dropoff,
                     driver_text(item, extra=extra), len(people), None, None])
        flags.append(HEADER | (GROUP_START if n else 0))
        for pid in names.sorted(people):
            rows.append([None] * 14 + [names.name[pid], phone_text(names.people[pid].phone)])
            flags.append(SPARSE)
        if not people:
            rows.append([None] * 14 + [Mark(None, MISSING), None])
            flags.append(0)
    title = titled(_("Transport manifest"), _mission(data))
    return SheetData(sheet_name(_("Manifest"), used), title, columns, rows, flags,
                     filter=False)


def _room_text(room, pid: int, guests: list[int], names: Names) -> str:
    text = _("Room {room} ({type})").format(
        room=room.label or "—", type=label(ROOM_TYPES, room.room_type))
    others = [names.name[g] for g in names.sorted(guests) if g != pid]
    if others:
        text += "\n" + _("Sharing with {names}").format(names=list_separator().join(others))
    return text


def person_rooms(data: MissionData, pid: int, names: Names | None = None) -> dict[int, str]:
    """For one person's itinerary: their room in each hotel stay, and who shares it."""
    names = names or Names.of(data)
    found = {}
    for stay in data.stays:
        for room in stay.nights[0].rooms if stay.nights else ():
            guests = [g.participant_id for g in room.guests]
            if pid in guests:
                found[stay.item_id] = _room_text(room, pid, guests, names)
    return found


def rooms_by_person(data: MissionData, names: Names | None = None) -> dict[int, dict[int, str]]:
    """person_rooms of everyone at once, in one pass over the stays (a batch of packs)."""
    names = names or Names.of(data)
    found: dict[int, dict[int, str]] = {}
    for stay in data.stays:
        for room in stay.nights[0].rooms if stay.nights else ():
            guests = [g.participant_id for g in room.guests]
            for pid in guests:
                found.setdefault(pid, {})[stay.item_id] = _room_text(room, pid, guests, names)
    return found

