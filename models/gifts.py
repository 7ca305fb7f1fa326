"""Gifts (手土産): what is given at which item, by whom to whom, bought or not, handed over or
not. A recipient is a participant (the host side) or, when not on the roster, a name in both
languages. The readiness check "a courtesy call without a gift" reads `items_with_gifts`."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from models import rules
from models.entities import Gift, ItineraryItem, Participant

FIELDS = ("item_id", "giver_id", "recipient_id", "recipient_en", "recipient_ja", "gift_en",
          "gift_ja", "bought", "handed", "notes")
_TEXTS = ("recipient_en", "recipient_ja", "gift_en", "gift_ja", "notes")


@dataclass(frozen=True)
class GiftData:
    id: int | None = None
    item_id: int = 0
    giver_id: int | None = None
    recipient_id: int | None = None
    recipient_en: str = ""
    recipient_ja: str = ""
    gift_en: str = ""
    gift_ja: str = ""
    bought: bool = False
    handed: bool = False
    notes: str = ""
    uuid: str | None = None        # kept so that undoing a delete brings back the same row

    def values(self) -> dict:
        return {k: getattr(self, k) for k in FIELDS}


def problem(data: GiftData) -> str | None:
    """A code for what is wrong, or None: "gift_missing" (no name for the gift),
    "recipient_missing" (neither a participant nor a name)."""
    if not (data.gift_en.strip() or data.gift_ja.strip()):
        return "gift_missing"
    if data.recipient_id is None and not (data.recipient_en.strip()
                                          or data.recipient_ja.strip()):
        return "recipient_missing"
    return None


def cleaned(data: GiftData) -> GiftData:
    values = asdict(data) | {k: rules.clean(getattr(data, k)) for k in _TEXTS}
    return GiftData(**values)


def list_gifts(session: Session, *, mission_id: int) -> list[GiftData]:
    """The mission's gifts by the start of their item, then as entered."""
    columns = [Gift.id, *(getattr(Gift, k) for k in FIELDS), Gift.uuid]
    rows = session.exec(select(*columns).join(ItineraryItem, ItineraryItem.id == Gift.item_id)
                        .where(ItineraryItem.mission_id == mission_id)
                        .order_by(ItineraryItem.start_utc, ItineraryItem.id, Gift.id))
    return [GiftData(*row) for row in rows]


def _check(session: Session, data: GiftData) -> None:
    item = session.get(ItineraryItem, data.item_id)
    if item is None:
        raise LookupError(f"item {data.item_id} not found")
    people = [p for p in (data.giver_id, data.recipient_id) if p is not None]
    if people:
        ours = set(session.exec(select(Participant.id).where(
            Participant.mission_id == item.mission_id, col(Participant.id).in_(people))))
        if ours != set(people):
            raise ValueError("the giver and the recipient must be of the item's mission")
    code = problem(data)
    if code:
        raise ValueError(code)


def create_gift(session: Session, *, data: GiftData) -> GiftData:
    """Store a new gift (with `data.id` and `data.uuid` when one comes back on redo)."""
    data = cleaned(data)
    _check(session, data)
    row = Gift(**data.values())
    if data.id is not None:
        row.id = data.id
    if data.uuid is not None:
        row.uuid = data.uuid
    session.add(row)
    session.flush()
    return GiftData(row.id, *(getattr(row, k) for k in FIELDS), row.uuid)


def update_gift(session: Session, *, data: GiftData) -> GiftData:
    """Store the gift's new values; returns what it was before."""
    row = session.get(Gift, data.id)
    if row is None:
        raise LookupError(f"gift {data.id} not found")
    before = GiftData(row.id, *(getattr(row, k) for k in FIELDS), row.uuid)
    data = cleaned(data)
    _check(session, data)
    for key, value in data.values().items():
        setattr(row, key, value)
    session.add(row)
    session.flush()
    return before


def delete_gift(session: Session, *, gift_id: int) -> GiftData:
    row = session.get(Gift, gift_id)
    if row is None:
        raise LookupError(f"gift {gift_id} not found")
    before = GiftData(row.id, *(getattr(row, k) for k in FIELDS), row.uuid)
    session.delete(row)
    session.flush()
    return before


# Built once: the readiness checks read it on every run, and building a statement costs more
# than running this one.
_GIFTED = (select(Gift.item_id).join(ItineraryItem, ItineraryItem.id == Gift.item_id)
           .where(ItineraryItem.mission_id == bindparam("mission_id")).distinct())


def items_with_gifts(conn, mission_id: int) -> set[int]:
    """The mission's items that have at least one gift planned (on a Core connection)."""
    return set(conn.execute(_GIFTED, {"mission_id": mission_id}).scalars())
