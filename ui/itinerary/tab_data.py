"""What the Itinerary tab shows, read as little as a change needs: the mission's items (only the
changed ones after an item's own edit), the attendees only when the person filter needs them,
the chosen person's items; and those rows grouped by day, once per change."""

from __future__ import annotations

from i18n import _
from i18n.formatting import name_sort_key, person_name
from models import repository as repo
from models.entities import AttendanceStatus
from models.items import participant_item_ids
from models.repository import AttendeeRow, ItemRow, MissionRow
from models.store.db import read_session
from ui.common.events import ATTENDEES, ORGANIZATIONS
from ui.common.refresh import Pending
from ui.itinerary.day_layout import BY_START, DayIndex

# What a change of these kinds leaves alone: the items' rows (an attendee's name or status is
# not in them).
KEEPS_ITEMS = frozenset({ATTENDEES, ORGANIZATIONS})


def takes_part(row: ItemRow, person: AttendeeRow, chosen_for: frozenset[int]) -> bool:
    """Whether the person is in the item: chosen for it (its id in `chosen_for`, the items they
    are linked to), or it is for everyone and they have not cancelled."""
    if row.everyone:
        return person.status != AttendanceStatus.CANCELLED.value
    return row.id in chosen_for


def by_name(attendees: list[AttendeeRow]) -> list[AttendeeRow]:
    """The attendees in the language's name order (by kana in Japanese)."""
    return sorted(attendees, key=lambda a: name_sort_key(
        family=a.family_name, given=a.given_name, family_kana=a.family_kana,
        given_kana=a.given_kana))


def listed_name(a: AttendeeRow) -> str:
    """An attendee as the tab's lists name them: in the language's form, cancelled marked."""
    name = person_name(family=a.family_name, given=a.given_name,
                       family_ja=a.family_name_ja, given_ja=a.given_name_ja)
    if a.status == AttendanceStatus.CANCELLED.value:
        return _("{name} (cancelled)").format(name=name)
    return name


def person_entries(attendees: list[AttendeeRow]) -> list[tuple[str, int]]:
    """The person filter's entries: by name, cancelled ones marked."""
    return [(listed_name(a), a.participant_id) for a in by_name(attendees)]


class ItineraryData:
    """The rows of one mission. With an engine it reads them; without, show() is given them
    (attendees and every item's people included) and nothing is read."""

    def __init__(self, engine=None):
        self.engine = engine
        self.mission: MissionRow | None = None
        self.rows: list[ItemRow] = []
        self.by_id: dict[int, ItemRow] = {}
        self.all = DayIndex([])                   # every row, by day
        self.attendees: list[AttendeeRow] | None = None   # None: to read when wanted
        self._links: dict[int, frozenset[int]] | None = None
        self._person: int | None = None
        self._chosen_for: frozenset[int] = frozenset()
        self._index: DayIndex | None = None       # the chosen person's rows, by day

    def read(self, mission: MissionRow | None, pending: Pending) -> bool:
        """Catch up with `pending` for `mission`; whether the attendees may have changed."""
        same = (not pending.everything and mission is not None and self.mission is not None
                and mission.id == self.mission.id)
        kinds = pending.kinds
        rows = self.rows if same else []
        if mission is not None:
            with read_session(self.engine) as session:
                changed = pending.item_ids() if same else None
                if changed is not None:
                    fresh = repo.list_items(session, mission_id=mission.id, item_ids=changed)
                    kept = [r for r in self.rows if r.id not in changed]
                    rows = sorted(kept + fresh, key=BY_START)
                elif not (same and kinds <= KEEPS_ITEMS):
                    rows = repo.list_items(session, mission_id=mission.id)
        people = not same or ATTENDEES in kinds
        self._links = None
        self.show(mission, rows, None if people else self.attendees)
        return people

    def show(self, mission: MissionRow | None, rows: list[ItemRow],
             attendees: list[AttendeeRow] | None,
             links: dict[int, frozenset[int]] | None = None) -> None:
        if links is not None:
            self._links = links
        if rows is not self.rows:                 # an attendee's change leaves them as they were
            self.by_id = {r.id: r for r in rows}
            self.all = DayIndex(rows)
        self.mission, self.rows, self.attendees = mission, rows, attendees
        self.choose(self._person)

    def people(self) -> list[AttendeeRow]:
        """The attendees, read if they changed since they last were."""
        if self.attendees is None:
            if self.engine is None or self.mission is None:
                return []
            with read_session(self.engine) as session:
                self.attendees = repo.list_attendees(session, mission_id=self.mission.id)
        return self.attendees

    def choose(self, participant_id: int | None) -> None:
        """Filter by this person (None: everyone), reading which items they are chosen for."""
        self._person, self._index = participant_id, None
        if participant_id is None:
            self._chosen_for = frozenset()
        elif self._links is not None:
            self._chosen_for = frozenset(
                i for i, people in self._links.items() if participant_id in people)
        else:
            with read_session(self.engine) as session:
                self._chosen_for = participant_item_ids(session, participant_id=participant_id)

    def person(self) -> AttendeeRow | None:
        if self._person is None or self.attendees is None:   # a chosen person has been read
            return None
        return next((a for a in self.attendees if a.participant_id == self._person), None)

    def takes_part(self, row: ItemRow) -> bool:
        person = self.person()
        return person is None or takes_part(row, person, self._chosen_for)

    def index(self) -> DayIndex:
        """The chosen person's rows by day: made once per change of rows or person, so a day
        switch filters nothing."""
        if self._index is None:
            person = self.person()
            self._index = self.all if person is None else DayIndex(
                [r for r in self.rows if takes_part(r, person, self._chosen_for)])
        return self._index
