"""A whole mission as one JSON-ready document, every row by its UUID (models.global_ids): the
content of a mission file (documents/mission_file), and what opening one compares against.

The document has a list of rows per part (PARTS, in the order rows must be written: every row
after those it refers to). A row holds its `uuid`, its own columns, and each reference as the
UUID of the row it refers to, under the column's name without `_id` ("organization": "…").
Sensitive person fields are in it only when asked for. No Qt, no files here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Boolean, Date, Integer, select
from sqlmodel import Session

from models.entities import (
    SENSITIVE_FIELDS,
    Consulate,
    Counterpart,
    Gift,
    Greeting,
    InterpreterAssignment,
    ItemParticipant,
    ItemProtocol,
    ItineraryItem,
    MatchmakingSession,
    Meeting,
    MeetingRequest,
    Mission,
    MissionOrganizer,
    MissionSite,
    Organization,
    Participant,
    Person,
    ProtocolRank,
    Room,
    RoomGuest,
    Seat,
    Site,
    VisitClearance,
)
from models.global_ids import LinkId, link_uuid
from models.times import UTCDateTime

DOCUMENT_VERSION = 1
SENSITIVE = SENSITIVE_FIELDS


@dataclass(frozen=True)
class Part:
    key: str                        # the document's list
    model: type
    refs: dict[str, str]            # reference column -> the part it refers to
    owned: bool                     # the mission's own rows (a shared one is never deleted)

    @property
    def table(self):
        return self.model.__table__

    @property
    def is_link(self) -> bool:
        return issubclass(self.model, LinkId)

    def fields(self) -> list[str]:
        """Own columns, in table order: not the integer id, not the references."""
        found = _FIELDS.get(self.key)
        if found is None:
            found = _FIELDS[self.key] = [c.name for c in self.table.columns
                                         if c.name not in ("id", "uuid", *self.refs)]
        return found

    def ref_names(self) -> list[tuple[str, str, str]]:
        """(column, its name in the document, the part it refers to) of each reference."""
        found = _REFS.get(self.key)
        if found is None:
            found = _REFS[self.key] = [(c, ref_name(c), t) for c, t in self.refs.items()]
        return found


_FIELDS: dict[str, list[str]] = {}
_REFS: dict[str, list[tuple[str, str, str]]] = {}


PARTS = (
    Part("organizations", Organization, {}, owned=False),
    Part("sites", Site, {}, owned=False),
    Part("people", Person, {"organization_id": "organizations"}, owned=False),
    Part("mission", Mission, {}, owned=True),
    Part("organizers", MissionOrganizer,
         {"mission_id": "mission", "organization_id": "organizations"}, owned=True),
    Part("consulates", Consulate, {"mission_id": "mission"}, owned=True),
    Part("participants", Participant, {"mission_id": "mission", "person_id": "people"},
         owned=True),
    Part("items", ItineraryItem, {"mission_id": "mission", "site_id": "sites"}, owned=True),
    Part("item_participants", ItemParticipant,
         {"item_id": "items", "participant_id": "participants"}, owned=True),
    Part("clearances", VisitClearance, {"item_id": "items", "participant_id": "participants"},
         owned=True),
    Part("rooms", Room, {"item_id": "items"}, owned=True),
    Part("room_guests", RoomGuest, {"room_id": "rooms", "participant_id": "participants"},
         owned=True),
    Part("greetings", Greeting, {"item_id": "items", "participant_id": "participants"},
         owned=True),
    Part("gifts", Gift, {"item_id": "items", "giver_id": "participants",
                         "recipient_id": "participants"}, owned=True),
    Part("mission_sites", MissionSite, {"mission_id": "mission", "site_id": "sites"},
         owned=True),
    Part("counterparts", Counterpart, {"mission_id": "mission"}, owned=True),
    Part("matchmaking_sessions", MatchmakingSession, {"item_id": "items"}, owned=True),
    Part("meeting_requests", MeetingRequest,
         {"item_id": "items", "participant_id": "participants",
          "organization_id": "organizations", "counterpart_id": "counterparts"}, owned=True),
    Part("meetings", Meeting, {"request_id": "meeting_requests",
                               "interpreter_id": "participants"}, owned=True),
    Part("interpreter_assignments", InterpreterAssignment,
         {"item_id": "items", "participant_id": "participants"}, owned=True),
    Part("item_protocols", ItemProtocol, {"item_id": "items"}, owned=True),
    Part("protocol_ranks", ProtocolRank, {"participant_id": "participants"}, owned=True),
    Part("seats", Seat, {"item_id": "items", "participant_id": "participants"}, owned=True),
)
BY_KEY = {part.key: part for part in PARTS}


def value_kind(column) -> str:
    """How a column's values are written: instant, date, boolean, integer or string."""
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return "instant"
    if isinstance(kind, Date):
        return "date"
    if isinstance(kind, Boolean):
        return "boolean"
    if isinstance(kind, Integer):
        return "integer"
    return "string"


def ref_name(column: str) -> str:
    return column.removesuffix("_id")


def from_json(value, column):
    """The stored value of a document's value; ValueError/TypeError when it is not one."""
    return converter(column)(value)


def _text(value):
    if not isinstance(value, str):
        raise TypeError("not text")
    if "\x00" in value:       # no text of ours holds NUL, and PostgreSQL's cannot
        raise ValueError("NUL in text")
    return value


def _instant(value):
    instant = datetime.fromisoformat(_text(value))
    if instant.tzinfo is None:
        raise ValueError("an instant needs its zone")
    return instant.astimezone(UTC)


def _date(value):
    return date.fromisoformat(_text(value))


def _boolean(value):
    if not isinstance(value, bool):
        raise TypeError("not true or false")
    return value


def _integer(value):
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("not a whole number")
    return value


_CONVERTERS = {"instant": _instant, "date": _date, "boolean": _boolean, "integer": _integer,
               "string": _text}


def converter(column):
    """The function from_json applies to the column's values (None checked too); made once
    per column, for reading tens of thousands of rows."""
    convert = _CONVERTERS[value_kind(column)]
    if column.nullable:
        return lambda value: None if value is None else convert(value)

    def required(value):
        if value is None:
            raise ValueError("may not be empty")
        return convert(value)
    return required


def scope(session: Session, mission_id: int) -> dict[str, list[dict]]:
    """The stored rows (column dicts, integer ids) of the mission, part by part."""
    conn = session.connection()
    items = select(ItineraryItem.id).where(ItineraryItem.mission_id == mission_id)
    rooms = select(Room.id).where(Room.item_id.in_(items))
    participants = select(Participant.id).where(Participant.mission_id == mission_id)
    people = select(Participant.person_id).where(Participant.mission_id == mission_id)
    organizers = select(MissionOrganizer.organization_id).where(
        MissionOrganizer.mission_id == mission_id)
    requests = select(MeetingRequest.id).where(MeetingRequest.item_id.in_(items))
    where = {
        "organizations": Organization.id.in_(organizers) | Organization.id.in_(
            select(Person.organization_id).where(Person.id.in_(people))) | Organization.id.in_(
            select(MeetingRequest.organization_id).where(MeetingRequest.id.in_(requests))),
        "sites": Site.id.in_(select(ItineraryItem.site_id).where(
            ItineraryItem.mission_id == mission_id)) | Site.id.in_(
            select(MissionSite.site_id).where(MissionSite.mission_id == mission_id)),
        "people": Person.id.in_(people),
        "mission": Mission.id == mission_id,
        "organizers": MissionOrganizer.mission_id == mission_id,
        "consulates": Consulate.mission_id == mission_id,
        "participants": Participant.mission_id == mission_id,
        "items": ItineraryItem.mission_id == mission_id,
        "item_participants": ItemParticipant.item_id.in_(items),
        "clearances": VisitClearance.item_id.in_(items),
        "rooms": Room.item_id.in_(items),
        "room_guests": RoomGuest.room_id.in_(rooms),
        "greetings": Greeting.item_id.in_(items),
        "gifts": Gift.item_id.in_(items),
        "mission_sites": MissionSite.mission_id == mission_id,
        "counterparts": Counterpart.mission_id == mission_id,
        "matchmaking_sessions": MatchmakingSession.item_id.in_(items),
        "meeting_requests": MeetingRequest.id.in_(requests),
        "meetings": Meeting.request_id.in_(requests),
        "interpreter_assignments": InterpreterAssignment.item_id.in_(items),
        "item_protocols": ItemProtocol.item_id.in_(items),
        "protocol_ranks": ProtocolRank.participant_id.in_(participants),
        "seats": Seat.item_id.in_(items),
    }
    out = {}
    for part in PARTS:
        result = conn.execute(select(part.table).where(where[part.key]))
        keys = list(result.keys())
        out[part.key] = [dict(zip(keys, row, strict=True)) for row in result]
    return out


def as_document_rows(rows: dict[str, list[dict]], uuids: dict[str, dict[int, str]],
                     *, sensitive: bool) -> dict[str, list[dict]]:
    """Stored rows in the document's shape: references as UUIDs (from `uuids`, part -> id ->
    uuid), values as JSON, sensitive person fields left out unless asked for."""
    out = {}
    for part in PARTS:
        columns = part.table.columns
        fields = [f for f in part.fields() if sensitive or part.key != "people"
                  or f not in SENSITIVE]
        # Only instants and dates need writing out; the rest is JSON as it is.
        special = [(f, value_kind(columns[f])) for f in fields
                   if value_kind(columns[f]) in ("instant", "date")]
        refs = [(c, name, uuids[target]) for c, name, target in part.ref_names()]
        rows_out = out[part.key] = []
        for row in rows[part.key]:
            values = {"uuid": row["uuid"]}
            for column, name, targets in refs:
                ref = row[column]
                values[name] = None if ref is None else targets[ref]
            for f in fields:
                values[f] = row[f]
            for f, kind in special:
                value = row[f]
                if value is not None:
                    values[f] = (value.astimezone(UTC).isoformat().replace("+00:00", "Z")
                                 if kind == "instant" else value.isoformat())
            rows_out.append(values)
    return out


def id_maps(rows: dict[str, list[dict]]) -> dict[str, dict[int, str]]:
    return {part.key: {r["id"]: r["uuid"] for r in rows[part.key]}
            for part in PARTS if not part.is_link}


def mission_document(session: Session, *, mission_id: int, sensitive: bool,
                     app_version: str = "", saved_at: datetime | None = None) -> dict:
    """The whole mission as a document (see the module docstring)."""
    from models.store.files import SCHEMA_HEAD

    rows = scope(session, mission_id)
    if not rows["mission"]:
        raise LookupError(f"mission {mission_id} not found")
    body = as_document_rows(rows, id_maps(rows), sensitive=sensitive)
    for key in body:       # by UUID: the same mission makes the same file on any engine
        body[key].sort(key=lambda row: row["uuid"])
    mission = body.pop("mission")[0]
    return {"format": "kakehashi-mission", "version": DOCUMENT_VERSION,
            "schema_revision": SCHEMA_HEAD, "app_version": app_version,
            "saved_at": (saved_at or datetime.now(UTC)).isoformat().replace("+00:00", "Z"),
            "sensitive": sensitive, "mission": mission, **body}


def link_row_uuid(part: Part, row: dict) -> str:
    """A link row's UUID from its ends' UUIDs (a document's own value is not trusted)."""
    return link_uuid(part.model.__tablename__, *(row[name] for name in _link_names(part)))


_LINK_NAMES: dict[str, tuple[str, ...]] = {}


def _link_names(part: Part) -> tuple[str, ...]:
    found = _LINK_NAMES.get(part.key)
    if found is None:
        found = _LINK_NAMES[part.key] = tuple(ref_name(c) for c, _ in part.model.link_ends)
    return found
