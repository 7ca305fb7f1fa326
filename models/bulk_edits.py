"""One change to many attendees at once (status, role, organization, the Latin spelling
checked, sex), in one transaction, with what each held before for undo."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session

from i18n.labels import SEXES
from models.entities import AttendanceStatus, Organization, Participant, Person, Role

KEEP = "keep"     # organization_id value that leaves each attendee's organization as it is


@dataclass(frozen=True)
class BulkEdit:
    """What to set; None (KEEP for the organization) leaves that field as each one has it."""

    status: str | None = None
    role: str | None = None
    organization_id: int | None | str = KEEP       # None: no organization
    latin_checked: bool | None = None
    sex: str | None = None                          # F, M, X, or "" for not given


@dataclass(frozen=True)
class AttendeeState:
    participant_id: int
    status: str
    role: str
    organization_id: int | None
    latin_unconfirmed: bool
    sex: str = ""


def _rows(session: Session, participant_ids: Iterable[int]) -> list[tuple[Participant, Person]]:
    rows = []
    for pid in dict.fromkeys(participant_ids):
        part = session.get(Participant, pid)
        if part is None:
            raise LookupError(f"participant {pid} not found")
        rows.append((part, session.get(Person, part.person_id)))
    return rows


def edit_attendees(session: Session, *, participant_ids: Iterable[int],
                   edit: BulkEdit) -> list[AttendeeState]:
    """Apply `edit` to each attendee; returns their states before, for restore_attendees."""
    if edit.status is not None and edit.status not in {s.value for s in AttendanceStatus}:
        raise ValueError(f"not a status: {edit.status!r}")
    if edit.role is not None and edit.role not in {r.value for r in Role}:
        raise ValueError(f"not a role: {edit.role!r}")
    if edit.organization_id not in (KEEP, None) and session.get(
            Organization, edit.organization_id) is None:
        raise LookupError(f"organization {edit.organization_id} not found")
    if edit.sex is not None and edit.sex not in SEXES:
        raise ValueError(f"not a sex code: {edit.sex!r}")
    before = []
    for part, person in _rows(session, participant_ids):
        before.append(AttendeeState(part.id, part.status, part.role, person.organization_id,
                                    person.latin_unconfirmed, person.sex))
        if edit.status is not None:
            part.status = edit.status
        if edit.role is not None:
            part.role = edit.role
        if edit.organization_id != KEEP:
            person.organization_id = edit.organization_id
        if edit.latin_checked is not None:
            person.latin_unconfirmed = not edit.latin_checked
        if edit.sex is not None:
            person.sex = edit.sex
        session.add_all([part, person])
    session.flush()
    return before


def restore_attendees(session: Session, *, states: Iterable[AttendeeState]) -> None:
    states = list(states)
    for state, (part, person) in zip(states, _rows(session, (s.participant_id for s in states)),
                                     strict=True):
        part.status, part.role = state.status, state.role
        person.organization_id, person.latin_unconfirmed = (state.organization_id,
                                                            state.latin_unconfirmed)
        person.sex = state.sex
        session.add_all([part, person])
    session.flush()
