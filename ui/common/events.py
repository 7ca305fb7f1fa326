"""The one signal hub: after a change commits, it names what changed (the mission, the kinds of
rows, their ids where known), so that only the views showing those rows reload them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

# The kinds of rows a change can touch. A view names the kinds it shows and reloads only when a
# change touches one of them.
MISSION = "mission"                # the mission's own row: code, titles, dates, organizers
ATTENDEES = "attendees"            # people and their participation
ORGANIZATIONS = "organizations"    # shared by every mission
ITEMS = "items"                    # itinerary items
PARTICIPANTS = "participants"      # who takes part in which item
SITES = "sites"                    # shared by every mission
VISITS = "visits"                  # visitor clearances of site visits
ROOMS = "rooms"                    # hotel rooms and their guests
MEETINGS = "meetings"              # counterparts, 商談会 requests and meetings, interpreters
PLACEMENTS = "placements"          # only where a 商談会's meetings sit (move, swap, pin, schedule)
PROTOCOL = "protocol"              # protocol ranks, greetings and seating plans
GIFTS = "gifts"                    # gifts (手土産) at items
# What an itinerary item's commands announce, with the items' ids: a change of only these kinds
# and with ids names the items to read again (and no other ids: a room's or a visit's commands
# announce their kind alone, and their ids are not items).
ITEM_CHANGES = frozenset({ITEMS, PARTICIPANTS, ROOMS, VISITS})
KINDS = frozenset({MISSION, ATTENDEES, ORGANIZATIONS, ITEMS, PARTICIPANTS, SITES, VISITS, ROOMS,
                   MEETINGS, PLACEMENTS, PROTOCOL, GIFTS})


@dataclass(frozen=True)
class Change:
    """What one committed change touched. `mission_id` is None for rows every mission shares
    (organizations, sites); `removed` says the mission itself is gone; `switched` that the
    window now shows another mission (every view of it is out of date)."""

    mission_id: int | None
    kinds: frozenset[str]
    ids: frozenset[int] = frozenset()
    removed: bool = False
    switched: bool = False

    def touches(self, kinds: Iterable[str]) -> bool:
        return self.switched or not self.kinds.isdisjoint(kinds)


class MissionEvents(QObject):
    changed = Signal(object)   # a Change

    def announce(self, mission_id: int | None, *kinds: str, ids: Iterable[int] = (),
                 removed: bool = False) -> None:
        unknown = set(kinds) - KINDS
        if unknown:
            raise ValueError(f"unknown kinds of rows: {sorted(unknown)}")
        self.changed.emit(Change(mission_id, frozenset(kinds), frozenset(ids), removed=removed))
