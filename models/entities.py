"""SQLModel tables of a mission: organizations, people, participants, sites and itinerary items.

Bilingual fields come in pairs (`title_en`, `title_ja`). Instants are aware UTC (see times.py)
with the IANA zone of each end in its own column. Enumerations are stored as their string values.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.global_ids import DEFERRED, GlobalId, LinkId, register_models
from models.times import UTCDateTime


class MissionStatus(StrEnum):
    PLANNING = "planning"
    CONFIRMED = "confirmed"
    TRAVELLING = "travelling"
    DONE = "done"


class Role(StrEnum):
    HEAD = "head"
    DELEGATE = "delegate"
    HOST = "host"
    INTERPRETER = "interpreter"
    STAFF = "staff"
    SPEAKER = "speaker"


class AttendanceStatus(StrEnum):
    INVITED = "invited"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"


class Clearance(StrEnum):
    """Where a visitor stands with the host of a site visit."""

    NOT_SENT = "not_sent"
    SUBMITTED = "submitted"
    CLEARED = "cleared"
    REFUSED = "refused"


class RoomType(StrEnum):
    SINGLE = "single"
    TWIN = "twin"
    DOUBLE = "double"
    SUITE = "suite"


class ItemKind(StrEnum):
    FLIGHT = "flight"
    TRANSFER = "transfer"
    MEETING = "meeting"
    SEMINAR = "seminar"
    SITE_VISIT = "site_visit"
    MEAL = "meal"
    CEREMONY = "ceremony"
    HOTEL = "hotel"
    FREE_TIME = "free_time"
    MATCHMAKING = "matchmaking"        # a 商談会: meetings in slots at numbered tables
    COURTESY_CALL = "courtesy_call"


def _fk(target: str, *, nullable: bool = False, ondelete: str = "CASCADE") -> Column:
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=True)


class MissionBase(SQLModel):
    model_config = DEFERRED         # see models.global_ids
    code: str = Field(max_length=40)
    title_en: str = ""
    title_ja: str = ""
    start_date: date
    end_date: date
    home_tz: str = "Asia/Tokyo"
    status: str = MissionStatus.PLANNING.value


class Mission(MissionBase, GlobalId, table=True):
    __table_args__ = (UniqueConstraint("code", name="uq_mission_code"),)
    id: int | None = Field(default=None, primary_key=True)
    # The mission's rule for interpreters: at most this long at work without a break of
    # at least interpreter_break_minutes (the readiness check in models.interpreting).
    interpreter_work_minutes: int = 180
    interpreter_break_minutes: int = 30


class MissionOrganizer(LinkId, table=True):
    """An organization that organizes a mission (JETRO, NY CREATES, ...)."""

    __tablename__ = "mission_organizer"
    link_ends = (("mission_id", "mission"), ("organization_id", "organization"))
    mission_id: int = Field(sa_column=Column(
        Integer, ForeignKey("mission.id", ondelete="CASCADE"), primary_key=True))
    organization_id: int = Field(sa_column=Column(
        Integer, ForeignKey("organization.id", ondelete="CASCADE"), primary_key=True))


class Consulate(GlobalId, table=True):
    """The consulate or embassy that serves the mission's citizens of one country
    (`nationality`) in a country it visits (`country`), both ISO 3166-1 alpha-2: the Consulate
    General of Japan in New York for the Japanese delegates in the US, the US Embassy in Tokyo
    for the American staff in Japan. Each delegate's pack lists those of their citizenship."""

    __table_args__ = (UniqueConstraint("mission_id", "country", "nationality",
                                       name="uq_consulate"),)
    id: int | None = Field(default=None, primary_key=True)
    mission_id: int = Field(sa_column=_fk("mission.id"))
    country: str = ""
    nationality: str = ""
    name_en: str = ""
    name_ja: str = ""
    address_en: str = ""
    address_ja: str = ""
    phone: str = ""                # E.164 text, never a number


class OrganizationBase(SQLModel):
    model_config = DEFERRED         # see models.global_ids
    name_en: str = ""
    name_ja: str = ""
    aliases: str = ""              # other names in either language, one a line (TEL)


class Organization(OrganizationBase, GlobalId, table=True):
    id: int | None = Field(default=None, primary_key=True)


# A person's sensitive fields: never logged, blanked in backups when they are removed, in a
# mission file only when asked.
SENSITIVE_FIELDS = ("date_of_birth", "passport_number", "passport_issued", "passport_expiry",
                    "visa_type")


class PersonBase(SQLModel):
    model_config = DEFERRED         # see models.global_ids
    family_name: str = ""          # Latin script, as in the passport
    given_name: str = ""
    family_name_ja: str = ""       # kanji or kana
    given_name_ja: str = ""
    family_kana: str = ""          # reading, for sorting and name cards
    given_kana: str = ""
    title_en: str = ""
    title_ja: str = ""
    email: str = ""
    phone: str = ""                # E.164 text, never a number
    citizenship: str = ""          # ISO 3166-1 alpha-2
    dietary: str = ""
    notes: str = ""
    # Sensitive: never logged, never in a window title, exported only where needed.
    date_of_birth: date | None = None
    passport_number: str = ""
    passport_issued: date | None = None
    passport_expiry: date | None = None
    visa_type: str = ""
    # True when the Latin name was derived from the kana reading and nobody has checked it
    # against the passport yet.
    latin_unconfirmed: bool = False
    # Dietary needs as data (models/dietary.py): "shrimp:allergy,peanut:severe", and what of
    # the free text `dietary` could not be read into codes, passed on as written.
    dietary_codes: str = ""
    dietary_note: str = ""
    # What the security office of a US fab or national lab asks of a foreign national.
    birth_country: str = ""        # ISO 3166-1 alpha-2
    passport_country: str = ""     # the issuing country, alpha-2
    employer: str = ""             # as the visitor's badge shows it, when not the organization
    visit_purpose: str = ""
    us_person: bool | None = None  # US citizen or permanent resident; None: not asked yet
    escort: str = ""               # the host staff member who escorts this visitor
    # As the passport prints it (F, M or X), for pairing rooms; "" when not given. A code,
    # worded by i18n.labels.SEXES; on no receiver's document unless it asks (VISITOR_FIELDS).
    sex: str = ""


class Person(PersonBase, GlobalId, table=True):
    id: int | None = Field(default=None, primary_key=True)
    organization_id: int | None = Field(
        default=None, sa_column=_fk("organization.id", nullable=True, ondelete="SET NULL"))


class Participant(GlobalId, table=True):
    """A person taking part in one mission, with a role."""

    __table_args__ = (UniqueConstraint("mission_id", "person_id", name="uq_participant"),)
    id: int | None = Field(default=None, primary_key=True)
    mission_id: int = Field(sa_column=_fk("mission.id"))
    person_id: int = Field(sa_column=_fk("person.id"))
    role: str = Role.DELEGATE.value
    status: str = AttendanceStatus.INVITED.value


class SiteBase(SQLModel):
    model_config = DEFERRED         # see models.global_ids
    name_en: str = ""
    name_ja: str = ""
    address_en: str = ""
    address_ja: str = ""
    tz: str = "Asia/Tokyo"
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    notice_days: int = 0
    required_fields: str = ""      # comma-separated field keys, see VISITOR_FIELDS
    nda: bool = False
    safety_briefing: bool = False
    dress_code_en: str = ""
    dress_code_ja: str = ""
    photo_rules_en: str = ""
    photo_rules_ja: str = ""
    ppe_en: str = ""               # protective equipment a visitor wears or is handed
    ppe_ja: str = ""
    arrival_en: str = ""           # where visitors report on arrival (gate, reception)
    arrival_ja: str = ""


class Site(SiteBase, GlobalId, table=True):
    id: int | None = Field(default=None, primary_key=True)


class MissionSite(LinkId, table=True):
    """A shared site a mission has put on its list, before (or besides) any item naming it."""

    __tablename__ = "mission_site"
    link_ends = (("mission_id", "mission"), ("site_id", "site"))
    mission_id: int = Field(sa_column=Column(
        Integer, ForeignKey("mission.id", ondelete="CASCADE"), primary_key=True))
    site_id: int = Field(sa_column=Column(
        Integer, ForeignKey("site.id", ondelete="CASCADE"), primary_key=True, index=True))


VISITOR_FIELDS = (
    "full_legal_name", "citizenship", "date_of_birth", "passport_number", "visa_type",
    "organization", "title", "birth_country", "passport_country", "passport_expiry",
    "employer", "visit_purpose", "us_person", "escort", "sex",
)


class ItineraryItemBase(SQLModel):
    model_config = DEFERRED         # see models.global_ids
    kind: str = ItemKind.MEETING.value
    title_en: str = ""
    title_ja: str = ""
    notes_en: str = ""
    notes_ja: str = ""
    start_tz: str = "Asia/Tokyo"
    end_tz: str = "Asia/Tokyo"
    location_en: str = ""
    location_ja: str = ""
    carrier: str = ""
    flight_number: str = ""
    from_code: str = ""
    to_code: str = ""
    vehicle: str = ""
    pickup: str = ""
    driver_name: str = ""          # a transfer's driver, or the coach company's dispatch desk
    driver_phone: str = ""         # E.164 text, never a number
    everyone: bool = True          # False: only the participants linked in item_participant
    # The other language of the operational texts above (vehicle and pickup are the English
    # ones), and where a transfer ends when it is not an airport.
    vehicle_ja: str = ""
    pickup_ja: str = ""
    dropoff_en: str = ""
    dropoff_ja: str = ""
    driver_notes_en: str = ""
    driver_notes_ja: str = ""
    confirmation: str = ""         # a hotel stay's booking confirmation number
    hotel_phone: str = ""          # a stay's front desk, E.164: the pack prints it without a site
    operator_en: str = ""          # the company running a transfer (its coach, its driver)
    operator_ja: str = ""
    driver_name_ja: str = ""       # driver_name is the English one


class ItineraryItem(ItineraryItemBase, GlobalId, table=True):
    __tablename__ = "itinerary_item"
    id: int | None = Field(default=None, primary_key=True)
    mission_id: int = Field(sa_column=_fk("mission.id"))
    site_id: int | None = Field(
        default=None, sa_column=_fk("site.id", nullable=True, ondelete="SET NULL"))
    start_utc: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    end_utc: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    # Raised by every edit (models/items.py): the calendar's SEQUENCE.
    revision: int = Field(default=0, sa_column=Column(Integer, nullable=False,
                                                      server_default="0"))


class ItemParticipant(LinkId, table=True):
    __tablename__ = "item_participant"
    link_ends = (("item_id", "itinerary_item"), ("participant_id", "participant"))
    item_id: int = Field(sa_column=Column(
        Integer, ForeignKey("itinerary_item.id", ondelete="CASCADE"), primary_key=True))
    participant_id: int = Field(sa_column=Column(
        Integer, ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True))


class VisitClearance(LinkId, table=True):
    """A visitor's clearance for one site visit. Kept apart from item_participant so that a
    site visit for everyone (which has no links) can still record each visitor's status; a
    visitor with no row has not been sent to the host yet."""

    __tablename__ = "visit_clearance"
    link_ends = (("item_id", "itinerary_item"), ("participant_id", "participant"))
    item_id: int = Field(sa_column=Column(
        Integer, ForeignKey("itinerary_item.id", ondelete="CASCADE"), primary_key=True))
    participant_id: int = Field(sa_column=Column(
        Integer, ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True,
        index=True))
    status: str = Clearance.NOT_SENT.value


class Room(GlobalId, table=True):
    """A room booked for the whole of a hotel stay (an itinerary item of kind hotel)."""

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(sa_column=_fk("itinerary_item.id"))
    room_type: str = RoomType.SINGLE.value
    label: str = ""                # room number, or a booking reference until one is given
    notes: str = ""


class RoomGuest(LinkId, table=True):
    __tablename__ = "room_guest"
    link_ends = (("room_id", "room"), ("participant_id", "participant"))
    room_id: int = Field(sa_column=Column(
        Integer, ForeignKey("room.id", ondelete="CASCADE"), primary_key=True))
    participant_id: int = Field(sa_column=Column(
        Integer, ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True,
        index=True))


class SeatingConvention(StrEnum):
    JAPANESE = "japanese"     # 上座 farthest from the door, host and guest sides facing
    WESTERN = "western"       # host and co-host at the ends, hosts and guests alternating


class TableShape(StrEnum):
    LONG = "long"
    ROUND = "round"


class Counterpart(GlobalId, table=True):
    """A local company or institution a delegation meets, with its contact person."""

    id: int | None = Field(default=None, primary_key=True)
    mission_id: int = Field(sa_column=_fk("mission.id"))
    name_en: str = ""
    name_ja: str = ""
    contact_en: str = ""
    contact_ja: str = ""
    contact_title_en: str = ""
    contact_title_ja: str = ""
    email: str = ""
    phone: str = ""                # E.164 text, never a number
    notes: str = ""


class MatchmakingSession(LinkId, table=True):
    """The slots of a 商談会 item: its time window is the item's start and end."""

    __tablename__ = "matchmaking_session"
    link_ends = (("item_id", "itinerary_item"),)     # one per item: its id is the item's
    item_id: int = Field(sa_column=Column(
        Integer, ForeignKey("itinerary_item.id", ondelete="CASCADE"), primary_key=True))
    slot_minutes: int = 25
    break_minutes: int = 5
    tables: int = 10


class MeetingRequest(GlobalId, table=True):
    """A delegate (or every delegate of an organization) asking to meet a counterpart."""

    __tablename__ = "meeting_request"
    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(sa_column=_fk("itinerary_item.id"))
    participant_id: int | None = Field(
        default=None, sa_column=_fk("participant.id", nullable=True))
    organization_id: int | None = Field(
        default=None, sa_column=_fk("organization.id", nullable=True))
    counterpart_id: int = Field(sa_column=_fk("counterpart.id"))
    priority: int = 2              # 1 must, 2 want, 3 if possible
    interpreter: bool = False      # needs an interpreter


class Meeting(LinkId, table=True):
    """A request placed in a slot at a table (numbers from 0 and 1), with its interpreter."""

    link_ends = (("request_id", "meeting_request"),)

    request_id: int = Field(sa_column=Column(
        Integer, ForeignKey("meeting_request.id", ondelete="CASCADE"), primary_key=True))
    slot: int = 0
    table_no: int = 1
    interpreter_id: int | None = Field(
        default=None, sa_column=_fk("participant.id", nullable=True, ondelete="SET NULL"))
    pinned: bool = False


class InterpreterAssignment(LinkId, table=True):
    """An interpreter working at an itinerary item (a meal, a site visit, a courtesy call)."""

    __tablename__ = "interpreter_assignment"
    link_ends = (("item_id", "itinerary_item"), ("participant_id", "participant"))
    item_id: int = Field(sa_column=Column(
        Integer, ForeignKey("itinerary_item.id", ondelete="CASCADE"), primary_key=True))
    participant_id: int = Field(sa_column=Column(
        Integer, ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True,
        index=True))


class ItemProtocol(LinkId, table=True):
    """What an item asks of protocol: an interpreter, and how its tables are laid out."""

    __tablename__ = "item_protocol"
    link_ends = (("item_id", "itinerary_item"),)
    item_id: int = Field(sa_column=Column(
        Integer, ForeignKey("itinerary_item.id", ondelete="CASCADE"), primary_key=True))
    interpreter_needed: bool = False
    convention: str = SeatingConvention.JAPANESE.value
    shape: str = TableShape.LONG.value
    tables: int = 1
    seats_per_table: int = 10


class ProtocolRank(LinkId, table=True):
    """A participant's rank within their side (1 = 団長 or the chief host)."""

    __tablename__ = "protocol_rank"
    link_ends = (("participant_id", "participant"),)
    participant_id: int = Field(sa_column=Column(
        Integer, ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True))
    rank: int = 99


class Seat(LinkId, table=True):
    """Who sits where at a meal or ceremony: table number and seat number within it."""

    link_ends = (("item_id", "itinerary_item"), ("participant_id", "participant"))

    item_id: int = Field(sa_column=Column(
        Integer, ForeignKey("itinerary_item.id", ondelete="CASCADE"), primary_key=True))
    participant_id: int = Field(sa_column=Column(
        Integer, ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True,
        index=True))
    table_no: int = 1
    seat_no: int = 0


class Gift(GlobalId, table=True):
    """A gift (手土産) given at an item: by whom (a participant, usually the 団長) to whom (a
    participant of the host side, or someone off the roster by name), bought yet or not,
    handed over or not. Losing the giver or the recipient keeps the gift (SET NULL)."""

    id: int | None = Field(default=None, primary_key=True)
    item_id: int = Field(sa_column=_fk("itinerary_item.id"))
    giver_id: int | None = Field(
        default=None, sa_column=_fk("participant.id", nullable=True, ondelete="SET NULL"))
    recipient_id: int | None = Field(
        default=None, sa_column=_fk("participant.id", nullable=True, ondelete="SET NULL"))
    recipient_en: str = ""         # when the recipient is not on the roster
    recipient_ja: str = ""
    gift_en: str = ""
    gift_ja: str = ""
    bought: bool = False
    handed: bool = False
    notes: str = ""


class Greeting(LinkId, table=True):
    """A hand-set order of greetings (挨拶者) at an item: who speaks, in `position` order.
    Without rows the order follows the ranks (models.protocol.greeting_order)."""

    link_ends = (("item_id", "itinerary_item"), ("participant_id", "participant"))
    item_id: int = Field(sa_column=Column(
        Integer, ForeignKey("itinerary_item.id", ondelete="CASCADE"), primary_key=True))
    participant_id: int = Field(sa_column=Column(
        Integer, ForeignKey("participant.id", ondelete="CASCADE"), primary_key=True,
        index=True))
    position: int = 0


register_models(Mission, Organization, Person, Participant, Site, ItineraryItem, Room,
                Counterpart, MeetingRequest)
