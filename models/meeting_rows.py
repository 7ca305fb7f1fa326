"""The meeting, protocol and gift rows that hang on an itinerary item or a participant, kept when
the item or the person is deleted so that undo puts them back with the rest."""

from __future__ import annotations

from sqlalchemy import and_, insert, select, update
from sqlmodel import Session

from models.entities import (
    Gift,
    Greeting,
    InterpreterAssignment,
    ItemProtocol,
    MatchmakingSession,
    Meeting,
    MeetingRequest,
    Participant,
    ProtocolRank,
    Seat,
)

# In the order rows must go back in: every row after the rows it refers to.
TABLES = (MatchmakingSession, ItemProtocol, InterpreterAssignment, ProtocolRank, Seat,
          MeetingRequest, Meeting, Greeting, Gift)
_INTERPRETING = "meeting_interpreter"      # meetings that only lose their interpreter
_GIFT_PEOPLE = "gift_people"               # gifts that only lose their giver or recipient


def _rows(session: Session, model, where) -> list[dict]:
    return [dict(r._mapping) for r in session.execute(select(model.__table__).where(where))]


def rows_of_item(session: Session, *, item_id: int) -> dict[str, list[dict]]:
    requests = select(MeetingRequest.id).where(MeetingRequest.item_id == item_id)
    where = {
        MatchmakingSession: MatchmakingSession.item_id == item_id,
        ItemProtocol: ItemProtocol.item_id == item_id,
        InterpreterAssignment: InterpreterAssignment.item_id == item_id,
        Seat: Seat.item_id == item_id,
        MeetingRequest: MeetingRequest.item_id == item_id,
        Meeting: Meeting.request_id.in_(requests),
        Greeting: Greeting.item_id == item_id,
        Gift: Gift.item_id == item_id,
    }
    return {m.__tablename__: _rows(session, m, w) for m, w in where.items()}


def rows_of_participant(session: Session, *, participant_id: int) -> dict[str, list[dict]]:
    requests = select(MeetingRequest.id).where(MeetingRequest.participant_id == participant_id)
    where = {
        InterpreterAssignment: InterpreterAssignment.participant_id == participant_id,
        ProtocolRank: ProtocolRank.participant_id == participant_id,
        Seat: Seat.participant_id == participant_id,
        MeetingRequest: MeetingRequest.participant_id == participant_id,
        Meeting: Meeting.request_id.in_(requests),
        Greeting: Greeting.participant_id == participant_id,
    }
    rows = {m.__tablename__: _rows(session, m, w) for m, w in where.items()}
    rows[_INTERPRETING] = _rows(session, Meeting, and_(
        Meeting.interpreter_id == participant_id, Meeting.request_id.not_in(requests)))
    rows[_GIFT_PEOPLE] = _rows(session, Gift, (Gift.giver_id == participant_id)
                               | (Gift.recipient_id == participant_id))
    return rows


def rows_of_items(session: Session, *, item_ids) -> dict[str, list[dict]]:
    """Every such row of these items (a whole mission's, for its removal)."""
    requests = select(MeetingRequest.id).where(MeetingRequest.item_id.in_(item_ids))
    where = {
        MatchmakingSession: MatchmakingSession.item_id.in_(item_ids),
        ItemProtocol: ItemProtocol.item_id.in_(item_ids),
        InterpreterAssignment: InterpreterAssignment.item_id.in_(item_ids),
        Seat: Seat.item_id.in_(item_ids),
        MeetingRequest: MeetingRequest.item_id.in_(item_ids),
        Meeting: Meeting.request_id.in_(requests),
        Greeting: Greeting.item_id.in_(item_ids),
        Gift: Gift.item_id.in_(item_ids),
    }
    return {m.__tablename__: _rows(session, m, w) for m, w in where.items()}


def restore_rows(session: Session, rows: dict[str, list[dict]]) -> None:
    """Put back what rows_of_… kept (after the item or participant itself is back)."""
    for model in TABLES:
        found = rows.get(model.__tablename__)
        if found:
            session.execute(insert(model.__table__), found)
    for row in rows.get(_INTERPRETING, ()):
        session.execute(update(Meeting.__table__).where(
            Meeting.__table__.c.request_id == row["request_id"]).values(
            interpreter_id=row["interpreter_id"]))
    for row in rows.get(_GIFT_PEOPLE, ()):
        session.execute(update(Gift.__table__).where(Gift.__table__.c.id == row["id"]).values(
            giver_id=row["giver_id"], recipient_id=row["recipient_id"]))
    session.flush()


def ranks_of_mission(session: Session, *, mission_id: int) -> list[dict]:
    return _rows(session, ProtocolRank, ProtocolRank.participant_id.in_(
        select(Participant.id).where(Participant.mission_id == mission_id)))
