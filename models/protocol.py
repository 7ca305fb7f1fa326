"""Protocol rank within each side and the order of greetings (挨拶者) at a courtesy call or a
ceremony.

A participant's rank is a number within their side (1 first); the host side is the
participants of role "host", the guest side everyone else but interpreters and staff. Without
a stored rank, the head of delegation (団長) comes first, then speakers, delegates and staff,
each by name. Greetings: the host side's first welcomes, then the delegation's first answers,
then the others of each side by rank, alternating; unless the organizers set the order by hand
for the item (Greeting rows), which then stands as set.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlmodel import Session, col, delete, select

from models.entities import Greeting, ItineraryItem, Participant, ProtocolRank, Role

HOST, GUEST = "host", "guest"
_ROLE_ORDER = {Role.HEAD.value: 0, Role.SPEAKER.value: 1, Role.DELEGATE.value: 2,
               Role.HOST.value: 2, Role.STAFF.value: 3, Role.INTERPRETER.value: 4}
_NOT_SEATED_BY_RANK = {Role.INTERPRETER.value}


@dataclass(frozen=True)
class Ranked:
    participant_id: int
    role: str
    sort_name: tuple            # how the person sorts by name (the caller's choice)
    rank: int | None = None     # stored rank, if any

    @property
    def side(self) -> str:
        return HOST if self.role == Role.HOST.value else GUEST


def precedence(people: Iterable[Ranked]) -> dict[str, list[int]]:
    """Each side's participants, first in precedence first; interpreters are on no side."""
    sides: dict[str, list[Ranked]] = {HOST: [], GUEST: []}
    for p in people:
        if p.role not in _NOT_SEATED_BY_RANK:
            sides[p.side].append(p)
    return {side: [p.participant_id for p in sorted(found, key=lambda p: (
        p.rank is None, p.rank or 0, _ROLE_ORDER.get(p.role, 5), p.sort_name,
        p.participant_id))] for side, found in sides.items()}


def greeting_order(people: Iterable[Ranked], *, speakers_per_side: int = 2) -> list[int]:
    """Who greets, in order: host first, then guest, alternating, `speakers_per_side` each."""
    sides = precedence(people)
    hosts, guests = sides[HOST][:speakers_per_side], sides[GUEST][:speakers_per_side]
    order = []
    for n in range(max(len(hosts), len(guests))):
        order += [side[n] for side in (hosts, guests) if n < len(side)]
    return order


def get_ranks(session: Session, *, mission_id: int) -> dict[int, int]:
    return dict(session.exec(select(ProtocolRank.participant_id, ProtocolRank.rank).join(
        Participant, Participant.id == ProtocolRank.participant_id).where(
        Participant.mission_id == mission_id)).all())


def set_ranks(session: Session, *, mission_id: int,
              ranks: Mapping[int, int | None]) -> dict[int, int | None]:
    """Store ranks (None removes one); returns the ranks before for those participants."""
    ours = set(session.exec(select(Participant.id).where(
        Participant.mission_id == mission_id, col(Participant.id).in_(list(ranks)))).all())
    if ours != set(ranks):
        raise ValueError(f"not participants of the mission: {sorted(set(ranks) - ours)}")
    if any(r is not None and not 1 <= r <= 999 for r in ranks.values()):
        raise ValueError("a rank is a number from 1 to 999")
    current = get_ranks(session, mission_id=mission_id)
    before = {pid: current.get(pid) for pid in ranks}
    session.exec(delete(ProtocolRank).where(col(ProtocolRank.participant_id).in_(list(ranks))))
    session.add_all([ProtocolRank(participant_id=p, rank=r) for p, r in ranks.items()
                     if r is not None])
    session.flush()
    return before


def get_greetings(session: Session, *, item_id: int) -> list[int]:
    """The hand-set order of greetings at the item (empty: follow the ranks)."""
    return list(session.exec(select(Greeting.participant_id).where(
        Greeting.item_id == item_id).order_by(Greeting.position)).all())


def set_greetings(session: Session, *, item_id: int, order: list[int]) -> list[int]:
    """Set who greets at the item, in order (empty: back to the order by rank); returns the
    order before. Everyone must be a participant of the item's mission, each once."""
    item = session.get(ItineraryItem, item_id)
    if item is None:
        raise LookupError(f"item {item_id} not found")
    if len(set(order)) != len(order):
        raise ValueError("a person greets once")
    ours = set(session.exec(select(Participant.id).where(
        Participant.mission_id == item.mission_id, col(Participant.id).in_(order))).all())
    if ours != set(order):
        raise ValueError(f"not participants of the mission: {sorted(set(order) - ours)}")
    before = get_greetings(session, item_id=item_id)
    session.exec(delete(Greeting).where(col(Greeting.item_id) == item_id))
    session.add_all([Greeting(item_id=item_id, participant_id=p, position=n)
                     for n, p in enumerate(order)])
    session.flush()
    return before
