"""Seating plans (席次) for a meal or a ceremony: where the seats are, which is the seat of honour,
and who sits where by protocol rank. Pure layout and assignment, plus storing the plan.

Coordinates are in seat widths, the door at the bottom (larger y is nearer the door).
- Japanese: the seat of honour (上座) is farthest from the door. At a long table the guests sit
  on the far side, the chief guest in the middle, the next on either side of them by turns;
  the hosts face them the same way. At round tables the chief guest sits at the top, guests
  fill the far half by turns, hosts the near half, the chief host facing the chief guest.
  With several tables, table 1 is the head table, farthest from the door.
- Western: the host and the co-host sit at the two ends of a long table (at the top and
  bottom of a round one); the chief guest at the host's right, the second at the co-host's
  right; hosts and guests alternate along the sides.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlmodel import Session, col, delete, select

from models.entities import ItemProtocol, ItineraryItem, Participant, Seat, SeatingConvention
from models.entities import TableShape as Shape
from models.protocol import GUEST, HOST


@dataclass(frozen=True)
class Spot:
    table: int                  # from 1
    seat: int                   # from 0, round the table
    x: float
    y: float
    side: str                   # who the convention seats there: HOST or GUEST
    honour: int                 # 0 for the side's best seat, then 1, 2, ...


@dataclass(frozen=True)
class PlanSettings:
    item_id: int
    convention: str = SeatingConvention.JAPANESE.value
    shape: str = Shape.LONG.value
    tables: int = 1
    seats_per_table: int = 10


def _centre_out(n: int) -> list[int]:
    """Positions 0..n-1 of one side by honour: the middle, then right and left by turns."""
    mid = (n - 1) / 2
    return sorted(range(n), key=lambda i: (abs(i - mid), i < mid))


def _table_origin(table: int, shape: str, seats: int) -> tuple[float, float]:
    if shape == Shape.LONG.value:
        return 0.0, (table - 1) * 4.0
    radius = max(1.5, seats / (2 * math.pi))
    per_row = 3
    return ((table - 1) % per_row) * (2 * radius + 2.5), ((table - 1) // per_row) * (
        2 * radius + 2.5)


def layout(settings: PlanSettings) -> list[Spot]:
    spots = []
    for table in range(1, settings.tables + 1):
        ox, oy = _table_origin(table, settings.shape, settings.seats_per_table)
        if settings.shape == Shape.LONG.value:
            spots += _long(table, settings.seats_per_table, settings.convention, ox, oy)
        else:
            spots += _round(table, settings.seats_per_table, settings.convention, ox, oy)
    return spots


def _ranked(table: int, raw: list[tuple[int, float, float, str, tuple]]) -> list[Spot]:
    """Spots from (seat, x, y, side, key): within a side, honour follows the key."""
    order = {side: sorted((r for r in raw if r[3] == side), key=lambda r: r[4])
             for side in (HOST, GUEST)}
    honour = {r[0]: n for found in order.values() for n, r in enumerate(found)}
    return [Spot(table, seat, x, y, side, honour[seat]) for seat, x, y, side, _k in raw]


def _long(table: int, seats: int, convention: str, ox: float, oy: float) -> list[Spot]:
    raw = []
    if convention == SeatingConvention.JAPANESE.value:
        far, near = (seats + 1) // 2, seats // 2
        for row, (count, side, y) in enumerate(((far, GUEST, 0.0), (near, HOST, 1.6))):
            honour = {pos: n for n, pos in enumerate(_centre_out(count))}
            for pos in range(count):
                raw.append((row * far + pos, ox + pos - (count - 1) / 2, oy + y, side,
                            (honour[pos],)))
        return _ranked(table, raw)
    # Western: host at the left end, co-host at the right; along the sides, the seats next to
    # an end are guests', the next ones hosts', and so on inwards.
    along = max(0, seats - 2)
    top, bottom = (along + 1) // 2, along // 2
    width = max(top, 1)
    raw = [(0, ox - width / 2 - 0.5, oy + 0.8, HOST, (0,)),
           (1, ox + width / 2 + 0.5, oy + 0.8, HOST, (0, 1))]
    for row, count, y in ((0, top, 0.0), (1, bottom, 1.6)):
        for i in range(count):
            d = min(i, count - 1 - i)
            # Host's right (top, left end), co-host's right (bottom, right end), then the others.
            corner = (0 if i == 0 else 3) if row == 0 else (1 if i == count - 1 else 2)
            raw.append((2 + row * top + i, ox + i - (count - 1) / 2, oy + y,
                        GUEST if d % 2 == 0 else HOST, (1 + d, corner)))
    return _ranked(table, raw)


def _round(table: int, seats: int, convention: str, ox: float, oy: float) -> list[Spot]:
    radius = max(1.5, seats / (2 * math.pi))
    raw = []
    for seat in range(seats):
        angle = 2 * math.pi * seat / seats       # seat 0 at the top, farthest from the door
        x, y = ox + radius * math.sin(angle), oy - radius * math.cos(angle)
        from_top = min(seat, seats - seat)
        right = seat <= seats / 2                # clockwise from the top: the chief's right
        if convention == SeatingConvention.JAPANESE.value:
            side = GUEST if from_top < seats / 4 or (from_top == seats / 4 and right) else HOST
            key = (from_top, not right) if side == GUEST else (seats / 2 - from_top, right)
        else:
            from_host = min(from_top, abs(seat - seats / 2))
            ends = seat in (0, seats // 2) if seats > 1 else seat == 0
            side = HOST if ends or from_host % 2 == 0 else GUEST
            key = (0, seat != 0) if ends else (from_host, from_top > from_host, not right)
        raw.append((seat, x, y, side, key))
    return _ranked(table, raw)


def assign(spots: list[Spot], hosts: list[int], guests: list[int]) -> dict[int, tuple[int, int]]:
    """Participant -> (table, seat): each side by precedence into its seats by honour, the head
    table first. Who finds no seat of their side takes a free seat of the other side; who
    finds none at all is left out."""
    # Head table first, then by honour: table 1's seats are the best.
    by_side = {side: sorted((s for s in spots if s.side == side),
                            key=lambda s: (s.table, s.honour, s.seat)) for side in (HOST, GUEST)}
    seated: dict[int, tuple[int, int]] = {}
    leftovers: list[int] = []
    for side, people in ((GUEST, guests), (HOST, hosts)):
        seats = by_side[side]
        for n, pid in enumerate(people):
            if n < len(seats):
                seated[pid] = (seats[n].table, seats[n].seat)
            else:
                leftovers.append(pid)
    taken = set(seated.values())
    free = [(s.table, s.seat) for s in sorted(spots, key=lambda s: (s.table, s.honour, s.seat))
            if (s.table, s.seat) not in taken]
    for pid, spot in zip(leftovers, free, strict=False):
        seated[pid] = spot
    return seated


# -- storing -----------------------------------------------------------------------------------
def get_settings(session: Session, *, item_id: int) -> PlanSettings:
    row = session.get(ItemProtocol, item_id)
    if row is None:
        return PlanSettings(item_id)
    return PlanSettings(item_id, row.convention, row.shape, row.tables, row.seats_per_table)


def settings_problem(settings: PlanSettings) -> str | None:
    if settings.convention not in {c.value for c in SeatingConvention}:
        return "convention"
    if settings.shape not in {s.value for s in Shape}:
        return "shape"
    if not (1 <= settings.tables <= 50 and 2 <= settings.seats_per_table <= 40):
        return "size"
    return None


def get_seats(session: Session, *, item_id: int) -> dict[int, tuple[int, int]]:
    return {pid: (t, s) for pid, t, s in session.exec(
        select(Seat.participant_id, Seat.table_no, Seat.seat_no).where(
            Seat.item_id == item_id)).all()}


def seats_by_item(session: Session, *, mission_id: int) -> dict[int, dict[int, tuple[int, int]]]:
    """get_seats for every item of the mission that has any, in one query."""
    found: dict[int, dict[int, tuple[int, int]]] = {}
    for item_id, pid, t, s in session.exec(
            select(Seat.item_id, Seat.participant_id, Seat.table_no, Seat.seat_no)
            .join(ItineraryItem, ItineraryItem.id == Seat.item_id)
            .where(ItineraryItem.mission_id == mission_id)).all():
        found.setdefault(item_id, {})[pid] = (t, s)
    return found


def set_plan(session: Session, *, settings: PlanSettings,
             seats: dict[int, tuple[int, int]]) -> tuple[PlanSettings, dict]:
    """Store the layout and who sits where; returns both as they were, for undo."""
    if settings_problem(settings):
        raise ValueError(f"seating settings not valid: {settings_problem(settings)}")
    item = session.get(ItineraryItem, settings.item_id)
    if item is None:
        raise LookupError(f"item {settings.item_id} not found")
    if len(set(seats.values())) != len(seats):
        raise ValueError("two people in one seat")
    ours = set(session.exec(select(Participant.id).where(
        Participant.mission_id == item.mission_id,
        col(Participant.id).in_(list(seats)))).all())
    if ours != set(seats):
        raise ValueError("not participants of the item's mission")
    before = (get_settings(session, item_id=settings.item_id),
              get_seats(session, item_id=settings.item_id))
    row = session.get(ItemProtocol, settings.item_id) or ItemProtocol(item_id=settings.item_id)
    row.convention, row.shape = settings.convention, settings.shape
    row.tables, row.seats_per_table = settings.tables, settings.seats_per_table
    session.add(row)
    session.exec(delete(Seat).where(col(Seat.item_id) == settings.item_id))
    session.add_all([Seat(item_id=settings.item_id, participant_id=p, table_no=t, seat_no=s)
                     for p, (t, s) in seats.items()])
    session.flush()
    return before
