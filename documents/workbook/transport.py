"""A coach company's own trips: one block per vehicle and leg (from -> to with the pick-up
point and the drop-off, local departure and arrival with their zones, headcount, driver and
dispatch phone, one lead contact's mobile), the passengers listed under it. No passenger's
own mobile: the company calls the lead contact.
"""

from __future__ import annotations

from functools import lru_cache

from documents.workbook.cells import GROUP_START, HEADER
from documents.workbook.data import MissionData
from documents.workbook.lang import phone_text, picked, plain
from documents.workbook.page import Column, SheetData, sheet_name
from documents.workbook.receivers import Document, Receiver, company_trips
from documents.workbook.travel import Names, driver_text, place_code
from i18n import _, current_language, ngettext, pick
from i18n.formatting import format_date
from i18n.formatting import format_datetime as _format_datetime
from models.entities import Role
from models.times import local_date

# Who the driver calls about the group, in this order of roles.
_LEADS = (Role.STAFF.value, Role.HEAD.value, Role.INTERPRETER.value)
_ACROSS = 4


@lru_cache(maxsize=4096)       # Babel's formatting is slow, and trips share their times
def format_datetime(instant, zone: str, language: str | None = None) -> str:
    return _format_datetime(instant, zone)


def transfer_ends(data: MissionData, item) -> tuple[str, str]:
    """Where a transfer starts and ends: the airport and the pick-up point, the airport or
    the drop-off; empty when nothing says."""
    extra = data.item_extra.get(item.id, {})
    pickup = plain(picked(item.pickup, extra.get("pickup_ja", "")))
    dropoff = plain(picked(extra.get("dropoff_en", ""), extra.get("dropoff_ja", "")))
    start = "\n".join(x for x in (place_code(item.from_code), pickup) if x)
    end = "\n".join(x for x in (place_code(item.to_code), dropoff) if x)
    return start, end


def lead_contact(data: MissionData, names: Names, people) -> str:
    # In Latin-script order whatever the language: the coach company gets the same person
    # in its English and its Japanese manifest (kana order would pick another).
    ordered = sorted(people, key=lambda pid: (data.people[pid].family.casefold(),
                                              data.people[pid].given.casefold(), pid))
    for role in _LEADS:
        for pid in ordered:
            p = data.people[pid]
            if p.role == role and p.phone:
                return f"{names.name[pid]}\n{phone_text(p.phone)}"
    return ""


def transport_document(data: MissionData, receiver: Receiver, used: set[str]) -> Document:
    names = Names.of(data)
    trips = company_trips(data, receiver.key)
    columns = [Column(_("Trip"), 6), Column(_("Departs"), 20), Column(_("From / pick-up"), 28),
               Column(_("Arrives"), 20), Column(_("To / drop-off"), 28),
               Column(_("Vehicle"), 18), Column(_("Headcount"), 9),
               Column(_("Driver / dispatch"), 22), Column(_("Lead contact"), 22)]
    rows, flags, missing = [], [], []
    language = current_language()

    def when(instant, zone: str) -> str:
        return format_datetime(instant, zone, language)   # the language is part of the key

    for n, item in enumerate(trips, 1):
        extra = data.item_extra.get(item.id, {})
        start, end = transfer_ends(data, item)
        title = pick(item.title_en, item.title_ja)[0]
        if not start:
            missing.append(_("{trip}: no pick-up point.").format(trip=title))
        if not end:
            missing.append(_("{trip}: no destination.").format(trip=title))
        vehicle = plain(picked(item.vehicle, extra.get("vehicle_ja", "")))
        notes = plain(picked(extra.get("driver_notes_en", ""), extra.get("driver_notes_ja", "")))
        lead = lead_contact(data, names, item.people)
        if not lead:
            missing.append(_("{trip}: no organizer with a mobile number is on it.").format(
                trip=title))
        rows.append([n, when(item.start, item.start_tz), start,
                     when(item.end, item.end_tz), end,
                     "\n".join(x for x in (vehicle, notes) if x), len(item.people),
                     driver_text(item, extra=extra), lead])
        flags.append(GROUP_START | HEADER if n > 1 else HEADER)
        # The passengers under their trip, four a row across the trip's columns.
        listed = [f"{k}. {names.name[pid]}" for k, pid in
                  enumerate(names.sorted(item.people), 1)]
        for at in range(0, len(listed), _ACROSS):
            chunk = listed[at:at + _ACROSS]
            rows.append([None, *chunk, *[None] * (len(columns) - 1 - len(chunk))])
            flags.append(0)
    days = sorted({local_date(i.start, i.start_tz) for i in trips})
    lines = [_("Trips for {company}").format(company=receiver.name),
             _("{mission}; {organizers}").format(
                 mission=pick(data.mission.title_en, data.mission.title_ja)[0],
                 organizers=", ".join(pick(en, ja)[0] for en, ja in data.organizers)),
             ngettext("{n} trip", "{n} trips", len(trips)).format(n=len(trips))
             + (f" ({format_date(days[0])} – {format_date(days[-1])})" if len(days) > 1
                else f" ({format_date(days[0])})" if days else "")]
    sheet = SheetData(sheet_name(_("Trips"), used), "\n".join(lines), columns, rows, flags,
                      filter=False)
    personal = [_("Passenger names"), _("One lead contact's mobile per trip")]
    return Document([sheet], personal, missing)
