"""A hotel's own rooming list: one row per room (a twin room once, with both guests), the
arrival time, counts by room type and the confirmation number in the title block.

At a hotel in Japan every foreign guest's nationality and passport number are on the list, as
the Hotel Business Act requires the hotel to record them; a Japanese guest's never are. The
app keeps no home address, so "foreign guest" is read as "not a Japanese citizen".
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from datetime import timedelta

from documents.workbook.data import MissionData
from documents.workbook.lang import country_name, list_separator, passport_name, picked, plain
from documents.workbook.page import Column, SheetData, band_flags, sheet_name
from documents.workbook.receivers import Document, Receiver, hotel_name
from documents.workbook.travel import Names
from i18n import _, ngettext, pick
from i18n.formatting import format_date, format_datetime
from i18n.labels import ROOM_TYPES, label
from models.entities import ItemKind

_LEGS = {ItemKind.FLIGHT.value, ItemKind.TRANSFER.value}


def _legs_by_end(data: MissionData) -> tuple[list, list]:
    """The flights and transfers by their arrival, worked out once per export."""
    found = getattr(data, "_legs_by_end", None)
    if found is None:
        legs = sorted((i for i in data.items if i.kind in _LEGS), key=lambda i: i.end)
        found = data._legs_by_end = ([leg.end for leg in legs], legs)
    return found


def _arrivals(data: MissionData, stay_item) -> dict[int, object]:
    """Each guest's arrival: the end of the last leg they travel on that ends by check-in
    (on the same day or the one before, so an earlier trip is not taken for it)."""
    ends, legs = _legs_by_end(data)
    first = bisect_left(ends, stay_item.start - timedelta(days=1))
    last = bisect_right(ends, stay_item.start)
    found: dict[int, object] = {}
    for item in legs[first:last]:
        for pid in item.people:
            found[pid] = item           # by arrival: the last one wins
    return found


def hotel_document(data: MissionData, receiver: Receiver, used: set[str]) -> Document:
    stay = next(s for s in data.stays if s.item_id == receiver.key)
    item = next(i for i in data.items if i.id == receiver.key)
    extra = data.item_extra.get(item.id, {})
    # Without the sensitive fields read (the organizers' lean workbook) there is nothing to
    # show in the passport columns: they are left out.
    japan = receiver.country == "JP" and data.sensitive
    names = Names.of(data)
    columns = [Column(_("Room"), 8), Column(_("Room type"), 10), Column(_("Guests"), 24),
               Column(_("Name as in passport"), 26), Column(_("Check-in"), 14),
               Column(_("Check-out"), 14), Column(_("Nights"), 7),
               Column(_("Arrival"), 22)]
    if japan:
        columns += [Column(_("Nationality"), 14), Column(_("Passport number"), 14,
                                                         wrap=False)]
    columns.append(Column(_("Notes"), 30))
    arrivals = _arrivals(data, item)
    arrival_text: dict[int, str] = {}
    rooms = stay.nights[0].rooms if stay.nights else ()
    rows, keys, missing = [], [], []
    counts: Counter = Counter()
    guests_total = 0
    for room in rooms:
        pids = names.sorted(g.participant_id for g in room.guests)
        if not pids:
            missing.append(_("Room {room} has no guest: it is left off the list.").format(
                room=room.label or label(ROOM_TYPES, room.room_type)))
            continue
        counts[room.room_type] += 1
        guests_total += len(pids)
        people = [data.people[p] for p in pids]
        legs = [arrivals[p] for p in pids if p in arrivals]
        last = max(legs, key=lambda leg: leg.end) if legs else None
        if last is not None and last.id not in arrival_text:   # Babel is slow: once a leg
            arrival_text[last.id] = format_datetime(last.end, last.end_tz)
        arrival = arrival_text[last.id] if last is not None else ""
        row = [room.label, label(ROOM_TYPES, room.room_type),
               "\n".join(names.name[p] for p in pids),
               "\n".join(passport_name(p) for p in people),
               stay.check_in, stay.check_out, len(stay.nights), arrival]
        if japan:
            foreign = [p for p in people if p.citizenship.upper() != "JP"]
            row += ["\n".join(country_name(p.citizenship) if p in foreign else "—"
                              for p in people),
                    "\n".join(p.passport_number if p in foreign else "—" for p in people)]
            for p in foreign:
                if not p.passport_number:
                    missing.append(_("{name} has no passport number, which a hotel in Japan "
                                     "must record for a foreign guest.").format(
                        name=names.name[p.pid]))
        row.append(room.notes)
        rows.append(row)
        keys.append(room.id)
    for guest in stay.unroomed:
        missing.append(_("{name} takes part in the stay but has no room: not on the "
                         "list.").format(name=names.name[guest.participant_id]))
    for p in (data.people[g.participant_id] for r in rooms for g in r.guests):
        if data.person_extra.get(p.pid, {}).get("latin_unconfirmed"):
            missing.append(_("{name}: the passport spelling of the name is not checked "
                             "yet.").format(name=names.name[p.pid]))
    if not extra.get("confirmation"):
        missing.append(_("No confirmation number is recorded for this stay."))
    name = pick(receiver.name_en, receiver.name_ja)[0] or hotel_name(plain(picked(
        item.title_en, item.title_ja)))
    lines = [_("Rooming list — {hotel}").format(hotel=name),
             _("{check_in} to {check_out}").format(check_in=format_date(stay.check_in),
                                                   check_out=format_date(stay.check_out))
             + "  " + ngettext("({n} night)", "({n} nights)", len(stay.nights)).format(
                 n=len(stay.nights)),
             list_separator().join(f"{label(ROOM_TYPES, t)} {n}" for t, n in counts.items())
             + "  " + ngettext("{n} guest", "{n} guests", guests_total).format(n=guests_total)]
    if extra.get("confirmation"):
        lines.append(_("Confirmation number: {number}").format(number=extra["confirmation"]))
    group = list_separator().join(pick(en, ja)[0] for en, ja in data.organizers)
    lines.append(_("Group: {mission} ({organizers})").format(
        mission=pick(data.mission.title_en, data.mission.title_ja)[0], organizers=group))
    personal = [_("Names as in passport")]
    if japan:
        personal += [_("Nationality and passport number of foreign guests")]
    sheet = SheetData(sheet_name(_("Rooming list"), used), "\n".join(lines), columns, rows,
                      band_flags(keys))
    return Document([sheet], personal, missing)


def organizer_rooming_sheets(data: MissionData, used: set[str]) -> list[SheetData]:
    """The organizers' rooming lists: each hotel's own list, and under it the guests of the
    stay without a room, marked (the hotel's copy leaves them out)."""
    from documents.workbook.cells import MISSING, Mark
    from documents.workbook.receivers import list_receivers

    sheets = []
    names = Names.of(data)
    hotels = {r.key: r for r in list_receivers(data, kinds=("hotel",))}
    for stay in data.stays:
        receiver = hotels.get(stay.item_id)
        if receiver is None:
            continue
        sheet = hotel_document(data, receiver, set()).sheets[0]
        width = len(sheet.columns)
        flags = list(sheet.flags or [0] * len(sheet.rows))
        for guest in names.sorted(g.participant_id for g in stay.unroomed):
            row = [Mark(None, MISSING), None, names.name[guest]] + [None] * (width - 4)
            row.append(_("No room assigned yet"))
            sheet.rows.append(row)
            flags.append(0)
        sheet.flags = flags
        tab = _("Rooming {name}").format(name=receiver.name)
        sheet.name = sheet_name(tab, used)
        sheets.append(sheet)
    return sheets
