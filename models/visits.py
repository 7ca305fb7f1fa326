"""Site visits: who is on a visit's visitor list, each visitor's clearance with the host, when
the list is due, and which of the fields the host requires a visitor still lacks.

A site visit is an itinerary item of kind "site_visit" with a site. Its visitors are the
participants taking part in it, cancelled ones excepted ("everyone" means every participant
of the mission). Clearance lives in visit_clearance; a visitor without a row is "not sent".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from models.entities import (
    AttendanceStatus,
    Clearance,
    ItemParticipant,
    ItineraryItem,
    Participant,
    Person,
    Site,
    VisitClearance,
)
from models.rules import is_latin_name
from models.zone_countries import zone_country

CLEARANCE_STATUSES = tuple(c.value for c in Clearance)
# A citizen visiting a site in their own country carries no visa and identifies with a national
# ID, so the host's passport and visa columns do not apply to them.
_NOT_FROM_CITIZENS = {"passport_number", "visa_type", "passport_country", "passport_expiry"}
# What a US site asks of foreign nationals only: a US person (citizen or permanent resident)
# is not asked for them.
_FOREIGN_NATIONALS_ONLY = {"birth_country", "passport_country", "passport_expiry",
                           "passport_number", "visa_type"}


@dataclass(frozen=True)
class VisitorRow:
    participant_id: int
    family_name: str
    given_name: str
    family_name_ja: str
    given_name_ja: str
    family_kana: str
    given_kana: str
    clearance: str
    missing: tuple[str, ...]      # required visitor fields this person lacks


def site_country(site_tz: str) -> str | None:
    return zone_country(site_tz)


def visitor_deadline(visit_day: date, notice_days: int) -> date:
    """The day the visitor list is due: the visit's local date minus the site's notice."""
    return visit_day - timedelta(days=notice_days)


def missing_fields(person, required, country: str | None) -> list[str]:
    """The required visitor fields (entities.VISITOR_FIELDS keys) `person` lacks, in the
    site's order. `person` needs the attributes of models.readiness_data.PlanPerson."""
    citizen = bool(person.citizenship) and person.citizenship.upper() == (country or "")
    present = {
        "full_legal_name": bool(person.family and person.given
                                and is_latin_name(person.family + person.given)),
        "citizenship": bool(person.citizenship),
        "date_of_birth": person.date_of_birth is not None,
        "passport_number": bool(person.passport_number),
        "visa_type": bool(person.visa_type),
        "organization": person.organization_id is not None,
        "title": bool(person.title_en or person.title_ja),
        "birth_country": bool(person.birth_country),
        "passport_country": bool(person.passport_country),
        "passport_expiry": person.passport_expiry is not None,
        "employer": bool(person.employer or person.organization_id),
        "visit_purpose": bool(person.visit_purpose),
        "us_person": person.us_person is not None,
        "escort": bool(person.escort),
        "sex": bool(person.sex),
    }
    us_person = country == "US" and (person.us_person is True or citizen)
    return [f for f in required
            if not present.get(f, True) and not (citizen and f in _NOT_FROM_CITIZENS)
            and not (us_person and f in _FOREIGN_NATIONALS_ONLY)]


def list_visitors(session: Session, *, item_id: int) -> list[VisitorRow]:
    """The visitor list of a site visit, by Latin name, with clearance and missing fields."""
    found = list_visitors_of(session, item_ids=[item_id])
    if item_id not in found:
        raise LookupError(f"item {item_id} not found")
    return found[item_id]


def list_visitors_of(session: Session, *, item_ids) -> dict[int, list[VisitorRow]]:
    """Item id -> its visitor list (see list_visitors) for several visits of one mission at
    once: the people, who takes part and the clearances are each read in one query, not one
    per visit (a document reads every visit's list). An unknown item is left out."""
    ids = list(dict.fromkeys(item_ids))
    if not ids:
        return {}
    items = session.exec(select(ItineraryItem).where(col(ItineraryItem.id).in_(ids))).all()
    if not items:
        return {}
    site_ids = {i.site_id for i in items if i.site_id}
    sites = {s.id: s for s in session.exec(select(Site).where(col(Site.id).in_(site_ids)))}
    # Core rows of the columns read, not ORM objects.
    query = (select(Participant.id.label("participant_id"), Participant.mission_id,
                    *(getattr(Person, name) for name in _VISITOR_COLUMNS))
             .join(Person, Person.id == Participant.person_id)
             .where(col(Participant.mission_id).in_({i.mission_id for i in items}),
                    Participant.status != AttendanceStatus.CANCELLED.value)
             .order_by(Person.family_name, Person.given_name))
    people = session.connection().execute(query).all()
    chosen: dict[int, set[int]] = {i.id: set() for i in items if not i.everyone}
    if chosen:
        for item_id, pid in session.connection().execute(
                select(ItemParticipant.item_id, ItemParticipant.participant_id)
                .where(col(ItemParticipant.item_id).in_(chosen))):
            chosen[item_id].add(pid)
    status: dict[int, dict[int, str]] = {i.id: {} for i in items}
    for item_id, pid, value in session.connection().execute(
            select(VisitClearance.item_id, VisitClearance.participant_id, VisitClearance.status)
            .where(col(VisitClearance.item_id).in_(status))):
        status[item_id][pid] = value
    fields: dict[int, _Fields] = {}          # one per person, whatever the visits
    by_mission: dict[int, list] = {}
    for person in people:                     # in name order
        by_mission.setdefault(person.mission_id, []).append(person)
    position = {p.participant_id: n for n, p in enumerate(people)}
    found = {}
    for item in items:
        site = sites.get(item.site_id)
        required = [f for f in (site.required_fields.split(",") if site else []) if f]
        country = site_country(site.tz) if site else None
        taking_part, clearances = chosen.get(item.id), status[item.id]
        # A visit of a few people out of hundreds: only its own, in name order.
        visitors = by_mission.get(item.mission_id, []) if taking_part is None else [
            people[n] for n in sorted(position[p] for p in taking_part if p in position)]
        found[item.id] = [VisitorRow(
            participant_id=person.participant_id, family_name=person.family_name,
            given_name=person.given_name, family_name_ja=person.family_name_ja,
            given_name_ja=person.given_name_ja, family_kana=person.family_kana,
            given_kana=person.given_kana,
            clearance=clearances.get(person.participant_id, Clearance.NOT_SENT.value),
            missing=tuple(missing_fields(
                fields.get(person.participant_id) or fields.setdefault(
                    person.participant_id, _Fields(person)), required, country)))
            for person in visitors]
    return found


_VISITOR_COLUMNS = ("family_name", "given_name", "family_name_ja", "given_name_ja",
                    "family_kana", "given_kana", "citizenship", "date_of_birth",
                    "passport_number", "visa_type", "organization_id", "title_en", "title_ja",
                    "passport_expiry", "birth_country", "passport_country", "employer",
                    "visit_purpose", "us_person", "escort", "sex")


class _Fields:
    """A person's row read through the attribute names missing_fields expects."""

    def __init__(self, person) -> None:
        self.family, self.given = person.family_name, person.given_name
        self.citizenship, self.date_of_birth = person.citizenship, person.date_of_birth
        self.passport_number, self.visa_type = person.passport_number, person.visa_type
        self.organization_id = person.organization_id
        self.title_en, self.title_ja = person.title_en, person.title_ja
        self.passport_expiry = person.passport_expiry
        for name in ("birth_country", "passport_country", "employer", "visit_purpose",
                     "us_person", "escort", "sex"):
            setattr(self, name, getattr(person, name))


def set_clearance(session: Session, *, item_id: int, participant_id: int, status: str) -> str:
    """Record a visitor's clearance; returns the status it had, for undo."""
    if status not in CLEARANCE_STATUSES:
        raise ValueError(f"not a clearance status: {status!r}")
    row = session.get(VisitClearance, (item_id, participant_id))
    before = row.status if row else Clearance.NOT_SENT.value
    if status == Clearance.NOT_SENT.value:
        if row is not None:        # no row means "not sent": the table holds only news
            session.delete(row)
    elif row is None:
        session.add(VisitClearance(item_id=item_id, participant_id=participant_id,
                                   status=status))
    else:
        row.status = status
        session.add(row)
    session.flush()
    return before

