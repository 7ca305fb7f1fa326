"""Counterparts: the local companies and institutions a delegation meets, each with a contact
person, in both languages; added one by one or read from a spreadsheet's rows."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from sqlmodel import Session, col, select

from models import rules
from models.entities import Counterpart, Meeting, MeetingRequest

FIELDS = ("name_en", "name_ja", "contact_en", "contact_ja", "contact_title_en",
          "contact_title_ja", "email", "phone", "notes")


@dataclass(frozen=True)
class CounterpartData:
    id: int | None = None
    name_en: str = ""
    name_ja: str = ""
    contact_en: str = ""
    contact_ja: str = ""
    contact_title_en: str = ""
    contact_title_ja: str = ""
    email: str = ""
    phone: str = ""
    notes: str = ""


@dataclass
class RemovedCounterpart:
    counterpart: dict
    requests: list[dict] = field(default_factory=list)
    meetings: list[dict] = field(default_factory=list)


def problem(data: CounterpartData) -> str | None:
    """A code for what is wrong ("name_missing", "email_…", "phone_invalid"), or None."""
    if not (data.name_en.strip() or data.name_ja.strip()):
        return "name_missing"
    found = rules.email_problem(data.email) or rules.phone_problem(data.phone)
    return found.value if found else None


def cleaned(data: CounterpartData) -> CounterpartData:
    values = {k: rules.clean(getattr(data, k)) for k in FIELDS}
    values["email"] = rules.normalize_email(values["email"])
    phone = rules.normalize_phone(values["phone"])
    values["phone"] = values["phone"] if phone is None else phone
    return CounterpartData(id=data.id, **values)


def list_counterparts(session: Session, *, mission_id: int) -> list[CounterpartData]:
    columns = [Counterpart.id, *(getattr(Counterpart, k) for k in FIELDS)]
    rows = session.exec(select(*columns).where(Counterpart.mission_id == mission_id)
                        .order_by(Counterpart.name_en, Counterpart.name_ja, Counterpart.id))
    return [CounterpartData(*row) for row in rows]


def create_counterpart(session: Session, *, mission_id: int, data: CounterpartData) -> int:
    """Add a counterpart (with the id in `data` when it has one, for redo); its id."""
    if problem(data):
        raise ValueError(f"counterpart not valid: {problem(data)}")
    row = Counterpart(mission_id=mission_id, **asdict(data))
    session.add(row)
    session.flush()
    return row.id


def update_counterpart(session: Session, *, data: CounterpartData) -> CounterpartData:
    """Store `data` over the counterpart with its id; returns it as it was."""
    if problem(data):
        raise ValueError(f"counterpart not valid: {problem(data)}")
    row = session.get(Counterpart, data.id)
    if row is None:
        raise LookupError(f"counterpart {data.id} not found")
    before = CounterpartData(id=row.id, **{k: getattr(row, k) for k in FIELDS})
    for key in FIELDS:
        setattr(row, key, getattr(data, key))
    session.add(row)
    session.flush()
    return before


def delete_counterpart(session: Session, *, counterpart_id: int) -> RemovedCounterpart:
    """Delete it with its requests and their meetings, all kept for restore_counterpart."""
    row = session.get(Counterpart, counterpart_id)
    if row is None:
        raise LookupError(f"counterpart {counterpart_id} not found")
    requests = session.exec(select(MeetingRequest).where(
        MeetingRequest.counterpart_id == counterpart_id)).all()
    ids = [r.id for r in requests]
    meetings = session.exec(select(Meeting).where(col(Meeting.request_id).in_(ids))).all()
    removed = RemovedCounterpart(row.model_dump(), [r.model_dump() for r in requests],
                                 [m.model_dump() for m in meetings])
    session.delete(row)
    session.flush()
    return removed


def restore_counterpart(session: Session, removed: RemovedCounterpart) -> None:
    session.add(Counterpart(**removed.counterpart))
    session.flush()
    session.add_all([MeetingRequest(**r) for r in removed.requests])
    session.flush()
    session.add_all([Meeting(**m) for m in removed.meetings])
    session.flush()


def plan_import(existing: list[CounterpartData], rows: list[dict]
                ) -> tuple[list[CounterpartData], list[tuple[int, str]]]:
    """The counterparts to add for rows of a spreadsheet (keys of FIELDS), and (row number,
    problem code) for the rows left out: no name, a bad address, or a name (NFKC and case
    aside) already there or twice in the file."""
    known = {rules.clean(c.name_en or c.name_ja).casefold() for c in existing}
    made, skipped = [], []
    for n, row in enumerate(rows, start=1):
        data = cleaned(CounterpartData(**{k: str(row.get(k) or "") for k in FIELDS}))
        key = (data.name_en or data.name_ja).casefold()
        found = problem(data) or ("duplicate" if key in known else None)
        if found:
            skipped.append((n, found))
            continue
        known.add(key)
        made.append(data)
    return made, skipped


def import_counterparts(session: Session, *, mission_id: int,
                        rows: list[dict]) -> tuple[list[int], list[tuple[int, str]]]:
    """Add the counterparts plan_import finds in the rows; their ids and the rows skipped."""
    made, skipped = plan_import(list_counterparts(session, mission_id=mission_id), rows)
    return [create_counterpart(session, mission_id=mission_id, data=d) for d in made], skipped


def remove_imported(session: Session, *, ids: list[int]) -> list[RemovedCounterpart]:
    return [delete_counterpart(session, counterpart_id=i) for i in ids]
