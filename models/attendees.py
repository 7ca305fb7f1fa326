"""Attendees of a mission: a person and their participation, added, edited, removed, restored
and imported in the caller's transaction, and read whole for the documents. Removal returns a
snapshot so undo can put back the same rows with the same ids."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, col, delete, func, select

from i18n.labels import SEXES
from models import rules
from models.dietary import with_codes
from models.entities import (
    ItemParticipant,
    Organization,
    Participant,
    Person,
    PersonBase,
    RoomGuest,
    VisitClearance,
)
from models.meeting_rows import restore_rows, rows_of_participant
from models.organization_names import lookup_keys, name_index, organization_keys
from models.rules import email_key
from models.store.errors import InvalidInput

PERSON_FIELDS = tuple(PersonBase.model_fields)
# Names, addresses and codes: compared and matched, so stored cleaned (rules.clean). Notes and
# dietary needs are the user's free text and stay as typed.
CLEANED_FIELDS = frozenset({
    "family_name", "given_name", "family_name_ja", "given_name_ja", "family_kana", "given_kana",
    "full_legal_name", "title_en", "title_ja", "email", "phone", "citizenship",
    "passport_number", "visa_type"})


@dataclass
class AttendeeData:
    """What the attendee dialog edits: the person's fields and their part in the mission."""

    person: dict
    organization_id: int | None = None
    role: str = "delegate"
    status: str = "invited"


@dataclass
class Removed:
    """Everything a removal deleted, to be restored as it was."""

    person: dict
    participant: dict
    item_ids: list[int]
    person_deleted: bool
    room_ids: list[int] = field(default_factory=list)
    clearances: list[tuple[int, str]] = field(default_factory=list)   # item id, status
    meetings: dict[str, list[dict]] = field(default_factory=dict)  # see models.meeting_rows


@dataclass
class ImportResult:
    created: list[int] = field(default_factory=list)            # participant ids
    updated: list[tuple[int, AttendeeData]] = field(default_factory=list)  # id, data before
    organizations: list[int] = field(default_factory=list)      # created on the way


@dataclass(slots=True)
class DocumentAttendee:
    """A participant as the documents print them: names, organization, contact, needs, and the
    sensitive fields only when asked for (see document_attendees)."""

    pid: int
    family: str
    given: str
    family_ja: str
    given_ja: str
    family_kana: str
    given_kana: str
    org_en: str
    org_ja: str
    title_en: str
    title_ja: str
    role: str
    status: str
    email: str
    phone: str
    citizenship: str
    dietary: str
    has_org: bool
    date_of_birth: date | None = None
    passport_number: str = ""
    visa_type: str = ""


def document_attendees(session: Session, *, mission_id: int,
                       sensitive: bool) -> dict[int, DocumentAttendee]:
    """Participant id -> row, for every participant (cancelled too). Without `sensitive`, the
    date of birth, passport number and visa type are not even read."""
    columns = [Participant.id, Person.family_name, Person.given_name, Person.family_name_ja,
               Person.given_name_ja, Person.family_kana, Person.given_kana,
               func.coalesce(Organization.name_en, ""), func.coalesce(Organization.name_ja, ""),
               Person.title_en, Person.title_ja, Participant.role, Participant.status,
               Person.email, Person.phone, Person.citizenship, Person.dietary,
               col(Person.organization_id).is_not(None)]
    if sensitive:
        columns += [Person.date_of_birth, Person.passport_number, Person.visa_type]
    query = (select(*columns).join(Person, Person.id == Participant.person_id)
             .join(Organization, Organization.id == Person.organization_id, isouter=True)
             .where(Participant.mission_id == mission_id))
    return {row[0]: DocumentAttendee(*row) for row in session.exec(query).all()}


def participant_by_email(session: Session, *, mission_id: int, email: str) -> int | None:
    """The participant of the mission with this e-mail address (case and width ignored)."""
    from models.rules import email_key  # one identity of an address, as everywhere

    wanted = email_key(email)
    rows = session.exec(select(Participant.id, Person.email)
                        .join(Person, Person.id == Participant.person_id)
                        .where(Participant.mission_id == mission_id)).all()
    return next((pid for pid, mail in rows if email_key(mail) == wanted), None)


def name_key(family: str, given: str) -> tuple[str, str]:
    """What two spellings of one name share: cleaned (a zero-width space is no difference)
    and case-folded."""
    return rules.clean(family).casefold(), rules.clean(given).casefold()


def checked_person(person: dict, *, today: date | None = None) -> dict:
    """The person's fields cleaned (rules.clean: NFKC, no invisible characters) and held to
    models.rules, whichever window or file they came from; InvalidInput when a rule refuses.

    The dialog and the roster import check first and word each problem beside its field;
    this is the last line, so that no path stores a name of zero-width spaces or year 1."""
    cleaned = {k: rules.clean(v) if k in CLEANED_FIELDS and isinstance(v, str) else v
               for k, v in person.items()}
    if "email" in cleaned:
        cleaned["email"] = rules.normalize_email(cleaned["email"])
    found = [name for name, _problem in rules.person_problems(cleaned, today=today or date.today())]
    if (cleaned.get("sex") or "") not in SEXES:     # a code (F, M, X), never a phrase
        found.append("sex")
    if found:
        raise InvalidInput(found)
    return cleaned


def _person_dict(person: Person) -> dict:
    return {name: getattr(person, name) for name in PERSON_FIELDS}


def get_attendee(session: Session, *, participant_id: int) -> AttendeeData:
    part = session.get(Participant, participant_id)
    if part is None:
        raise LookupError(f"participant {participant_id} not found")
    person = session.get(Person, part.person_id)
    return AttendeeData(person=_person_dict(person), organization_id=person.organization_id,
                        role=part.role, status=part.status)


def add_attendee(session: Session, *, mission_id: int, data: AttendeeData) -> int:
    person = Person(organization_id=data.organization_id,
                    **with_codes(checked_person(data.person)))
    session.add(person)
    session.flush()
    part = Participant(mission_id=mission_id, person_id=person.id, role=data.role,
                       status=data.status)
    session.add(part)
    session.flush()
    return part.id


def update_attendee(session: Session, *, participant_id: int, data: AttendeeData) -> None:
    part = session.get(Participant, participant_id)
    if part is None:
        raise LookupError(f"participant {participant_id} not found")
    person = session.get(Person, part.person_id)
    # Codes the caller chose stay; new free text without codes is read into codes.
    merged = {name: getattr(person, name) for name in PERSON_FIELDS} | with_codes(data.person)
    for name, value in checked_person(merged).items():
        if name not in PERSON_FIELDS:
            raise TypeError(f"not a person field: {name}")
        setattr(person, name, value)
    person.organization_id = data.organization_id
    part.role, part.status = data.role, data.status
    session.add_all([person, part])
    session.flush()


def remove_attendee(session: Session, *, participant_id: int) -> Removed:
    """Take a person off the mission; a person in no other mission is deleted altogether, so
    their personal data does not stay behind."""
    part = session.get(Participant, participant_id)
    if part is None:
        raise LookupError(f"participant {participant_id} not found")
    person = session.get(Person, part.person_id)
    item_ids = list(session.exec(select(ItemParticipant.item_id).where(
        ItemParticipant.participant_id == participant_id)).all())
    room_ids = list(session.exec(select(RoomGuest.room_id).where(
        RoomGuest.participant_id == participant_id)).all())
    clearances = [tuple(c) for c in session.exec(
        select(VisitClearance.item_id, VisitClearance.status).where(
            VisitClearance.participant_id == participant_id)).all()]
    others = session.exec(select(Participant.id).where(
        Participant.person_id == person.id, Participant.id != participant_id)).first()
    removed = Removed(
        person=_person_dict(person) | {"id": person.id, "organization_id": person.organization_id},
        participant={"id": part.id, "mission_id": part.mission_id, "person_id": person.id,
                     "role": part.role, "status": part.status},
        item_ids=item_ids, person_deleted=others is None, room_ids=room_ids,
        clearances=clearances,
        meetings=rows_of_participant(session, participant_id=participant_id))
    session.delete(part)
    if removed.person_deleted:
        session.delete(person)
    session.flush()
    return removed


def restore_attendee(session: Session, removed: Removed) -> None:
    if removed.person_deleted:
        session.add(Person(**removed.person))
        session.flush()
    session.add(Participant(**removed.participant))
    session.flush()
    pid = removed.participant["id"]
    for item_id in removed.item_ids:
        session.add(ItemParticipant(item_id=item_id, participant_id=pid))
    for room_id in removed.room_ids:
        session.add(RoomGuest(room_id=room_id, participant_id=pid))
    for item_id, status in removed.clearances:
        session.add(VisitClearance(item_id=item_id, participant_id=pid, status=status))
    session.flush()
    restore_rows(session, removed.meetings)


def find_duplicates(session: Session, *, mission_id: int, family: str, given: str, email: str,
                    except_participant_id: int | None = None) -> list[int]:
    """Participants of the mission who are the same person: same name, or same e-mail."""
    wanted_name = name_key(family, given)
    wanted_mail = email_key(email)
    rows = session.exec(select(Participant.id, Person.family_name, Person.given_name,
                               Person.email)
                        .join(Person, Person.id == Participant.person_id)
                        .where(Participant.mission_id == mission_id)).all()
    return [pid for pid, fam, giv, mail in rows if pid != except_participant_id and (
        (name_key(fam, giv) == wanted_name and (not wanted_mail or not mail
                                                or email_key(mail) == wanted_mail))
        or (wanted_mail and email_key(mail) == wanted_mail))]


def organization_index(session: Session) -> dict[str, int]:
    """Every organization by its folded names, aliases and short forms (organization_names)."""
    return name_index(session.exec(select(Organization.id, Organization.name_en,
                                          Organization.name_ja, Organization.aliases)).all())


def find_organization(name: str, index: dict[str, int]) -> int | None:
    """The organization a typed name means ("TEL", "東京エレクトロン"), None when none."""
    return next((index[k] for k in lookup_keys(name) if k in index), None)


def organization_by_name(session: Session, name: str, created: list[int],
                         index: dict[str, int] | None = None) -> int | None:
    """The organization with this name, alias or short form, created when there is none.

    Pass the same `index` (organization_index) for many rows: one query instead of one a row.
    """
    name = name.strip()
    if not name:
        return None
    index = organization_index(session) if index is None else index
    found = find_organization(name, index)
    if found is not None:
        return found
    is_ascii = name.isascii()
    org = Organization(name_en=name if is_ascii else "", name_ja="" if is_ascii else name)
    session.add(org)
    session.flush()
    created.append(org.id)
    exact, short = organization_keys(org.name_en, org.name_ja, "")
    for key in (*exact, *short):
        index.setdefault(key, org.id)
    return org.id


def import_attendees(session: Session, *, mission_id: int, rows: list[dict]) -> ImportResult:
    """Create or update every row in the caller's transaction (all or nothing).

    A row is {"person": {...}, "organization": str, "role": str, "person_id": int | None}; a
    row with a person_id updates that person (who must be in the mission) and keeps the
    fields the row leaves empty.
    """
    result = ImportResult()
    index = organization_index(session)
    new_people: list[tuple[Person, str]] = []
    for row in rows:
        org_id = organization_by_name(session, row.get("organization", ""),
                                      result.organizations, index)
        person_id = row.get("person_id")
        if person_id is None:
            person = Person(organization_id=org_id,
                            **with_codes(checked_person(row["person"])))
            session.add(person)
            new_people.append((person, row.get("role") or "delegate"))
            continue
        part_id = session.exec(select(Participant.id).where(
            Participant.mission_id == mission_id, Participant.person_id == person_id)).one()
        before = get_attendee(session, participant_id=part_id)
        after = AttendeeData(
            person=before.person | {k: v for k, v in row["person"].items() if v not in ("", None)},
            organization_id=org_id or before.organization_id,
            role=row.get("role") or before.role, status=before.status)
        update_attendee(session, participant_id=part_id, data=after)
        result.updated.append((part_id, before))
    # New people in two batched inserts (people, then their participation), not two a row.
    session.flush()
    parts = [Participant(mission_id=mission_id, person_id=person.id, role=role,
                         status="invited") for person, role in new_people]
    session.add_all(parts)
    session.flush()
    result.created = [part.id for part in parts]
    return result


def undo_import(session: Session, result: ImportResult) -> None:
    for part_id, before in result.updated:
        update_attendee(session, participant_id=part_id, data=before)
    for part_id in result.created:
        remove_attendee(session, participant_id=part_id)
    if result.organizations:
        session.exec(delete(Organization).where(col(Organization.id).in_(result.organizations)))
        session.flush()
