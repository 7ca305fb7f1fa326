"""What a new item starts with, so that most fields need no typing: it begins where the one
before it ended (the time, the zone, the place or airport), a hotel stay from check-in to
check-out, and a flight's titles are made from its carrier, number and airports until typed."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QObject

from i18n import _, temporary_language
from models.entities import ItemKind, ItineraryItemBase
from models.items import ItemData
from models.repository import ItemRow
from models.times import from_local, local_date
from ui.itinerary.day_layout import day_zone, item_day

_TRANSPORT = {ItemKind.FLIGHT.value, ItemKind.TRANSFER.value}
DAY_START, CHECK_IN, CHECK_OUT = time(9), time(15), time(11)
_DESIGNATED = re.compile(r"^(?=[A-Z0-9]{2}\s?\d)(?![0-9]+$)[A-Z0-9]{2}\s?\d{1,4}[A-Z]?$")


def previous_item(rows: list[ItemRow], *, current_id: int | None,
                  day: date | None) -> ItemRow | None:
    """The item a new one follows: the one chosen, else the day's last to end, else the last
    to end before the day (or of the whole plan when no day is chosen)."""
    chosen = next((r for r in rows if r.id == current_id), None)
    if chosen is not None:
        return chosen
    if day is not None:
        pool = [r for r in rows if item_day(r) == day] or \
               [r for r in rows if item_day(r) < day]
    else:
        pool = list(rows)
    stays = [r for r in pool if r.kind != ItemKind.HOTEL.value]   # a stay spans the others
    return max(stays or pool, key=lambda r: (r.end_utc, r.id), default=None)


def _blank(kind: str) -> dict:
    values = ItineraryItemBase(kind=kind).model_dump()
    values.update(site_id=None, everyone=True)
    return values


def new_item(rows: list[ItemRow], *, previous: ItemData | None, previous_row: ItemRow | None,
             day: date | None, home_tz: str, first_day: date,
             kind: str = ItemKind.MEETING.value) -> ItemData:
    """A new item one hour long that starts where `previous` ended: at its end when it ended on
    the day chosen (or no day is), else at 9:00 that day, in the zone it ended in; at its
    arrival airport after a journey, else at its place or site."""
    values = _blank(kind)
    if previous is not None and previous_row is not None:
        before = previous.values
        zone = before["end_tz"]
        end_day = local_date(before["end_utc"], zone)
        if day is None or end_day >= day:
            start = before["end_utc"]
        else:
            start = from_local(datetime.combine(day, DAY_START), zone)
        if before["kind"] in _TRANSPORT:
            values["from_code"] = before["to_code"]
        else:
            for key in ("location_en", "location_ja", "site_id"):
                values[key] = before[key]
    else:
        day = day or first_day
        zone = day_zone(day, rows, home_tz)
        start = from_local(datetime.combine(day, DAY_START), zone)
    values.update(start_utc=start, start_tz=zone, end_utc=start + timedelta(hours=1),
                  end_tz=zone)
    return ItemData(values)


def new_stay(rows: list[ItemRow], *, day: date, home_tz: str) -> ItemData:
    """A hotel stay from check-in on `day` to check-out the next morning, where the delegation
    is that day."""
    values = _blank(ItemKind.HOTEL.value)
    zone = day_zone(day, rows, home_tz)
    values.update(start_utc=from_local(datetime.combine(day, CHECK_IN), zone), start_tz=zone,
                  end_utc=from_local(datetime.combine(day + timedelta(days=1), CHECK_OUT),
                                     zone), end_tz=zone)
    return ItemData(values)


def flight_titles(carrier: str, number: str, origin: str, destination: str) -> tuple[str, str]:
    """("Flight NH 110 HND → JFK", "NH 110便 HND → JFK"); ("", "") without carrier or number.
    A number written with its airline's code ("NH 110", carrier "ANA") is used as it is."""
    carrier, number = carrier.strip().upper(), number.strip().upper()
    if not (carrier or number):
        return "", ""
    code = number if _DESIGNATED.match(number) else " ".join(x for x in (carrier, number) if x)
    route = " → ".join(x for x in (origin.strip().upper(), destination.strip().upper()) if x)
    titles = []
    for language in ("en", "ja"):
        with temporary_language(language):
            text = _("Flight {number} {route}") if route else _("Flight {number}")
            titles.append(text.format(number=code, route=route).strip())
    return titles[0], titles[1]


class FlightTitles(QObject):
    """Keeps a flight's titles made from its fields while they hold what was made (or nothing);
    a title typed by hand stays as typed."""

    def __init__(self, dialog):
        super().__init__(dialog)
        self.dialog = dialog
        self.made = ("", "")
        f = dialog.fields
        for key in ("carrier", "flight_number", "from_code", "to_code"):
            f[key].textChanged.connect(self.update)
        dialog.kind.currentIndexChanged.connect(self.update)
        self.update()

    def update(self, *_args) -> None:
        dialog, f = self.dialog, self.dialog.fields
        if dialog.kind.currentData() != ItemKind.FLIGHT.value:
            return
        made = flight_titles(f["carrier"].text(), f["flight_number"].text(),
                             f["from_code"].text(), f["to_code"].text())
        for key, old, new in zip(("title_en", "title_ja"), self.made, made, strict=True):
            if f[key].text().strip() in ("", old):
                f[key].setText(new)
        self.made = made

