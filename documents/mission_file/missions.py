"""Saving a mission as a mission file and opening one: what the save-mission and open-mission
verbs and the File menu's entries do (documents -> models; no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from documents.mission_file.container import MissionFileError, read_document, write_document
from i18n import N_, _, ngettext
from models import repository as repo
from models.mission_document import BY_KEY, mission_document
from models.mission_open import (
    Applied,
    DocumentProblem,
    OpenPlan,
    apply_open,
    plan_open,
    sensitive_field,
)
from models.store.db import Engine, read_session, write_session

_KINDS = {
    "organizations": N_("Organization"), "sites": N_("Site"), "people": N_("Person"),
    "mission": N_("Mission"), "organizers": N_("Organizer"),
    "consulates": N_("Consulate or embassy"), "participants": N_("Attendee"),
    "items": N_("Itinerary item"), "item_participants": N_("Taking part"),
    "clearances": N_("Visitor clearance"), "rooms": N_("Room"), "room_guests": N_("Room guest"),
    "greetings": N_("Greeting"), "gifts": N_("Gift"),
    "mission_sites": N_("Site on the mission's list"), "counterparts": N_("Counterpart"),
    "matchmaking_sessions": N_("Matchmaking session settings"),
    "meeting_requests": N_("Meeting request"), "meetings": N_("Scheduled meeting"),
    "interpreter_assignments": N_("Interpreter assignment"),
    "item_protocols": N_("Seating and interpreting settings"),
    "protocol_ranks": N_("Protocol rank"), "seats": N_("Seat"),
}


class CodeTaken(MissionFileError):
    """Another mission here has the file's mission code: the user chooses another."""

    def __init__(self, code: str) -> None:
        super().__init__("code_taken", code=code)
        self.code = code

    def user_message(self) -> str:
        return _("Another mission here already has the code {code}. Choose a new code for the "
                 "mission in the file (open-mission … --as NEWCODE).").format(code=self.code)


class UnknownMission(MissionFileError):
    def __init__(self, code: str) -> None:
        super().__init__("unknown_mission", code=code)

    def user_message(self) -> str:
        return _("No mission has the code {code}.").format(**self.params)


@dataclass
class SaveResult:
    path: Path
    counts: dict[str, int]
    sensitive: bool


@dataclass
class OpenResult:
    plan: OpenPlan
    lines: list[str]
    applied: Applied | None       # None on a dry run


def save_mission_file(engine: Engine, *, code: str, path: str | Path, sensitive: bool,
                      app_version: str = "") -> SaveResult:
    """Write the mission `code` to `path` (.kakehashi); sensitive person fields only when
    `sensitive`, and then the file is readable by its owner only."""
    with read_session(engine) as session:
        mission = repo.find_mission_by_code(session, code=code)
        if mission is None:
            raise UnknownMission(code)
        document = mission_document(session, mission_id=mission.id, sensitive=sensitive,
                                    app_version=app_version)
    write_document(document, Path(path), private=sensitive)
    counts = {key: len(rows) for key, rows in document.items() if isinstance(rows, list)}
    return SaveResult(Path(path), counts, sensitive)


def _planned(session, document: dict, path: str, new_code: str | None) -> OpenPlan:
    try:
        plan = plan_open(session, document, new_code=new_code)
    except DocumentProblem as exc:
        raise MissionFileError("damaged", path=path) from exc
    if plan.code_taken:
        raise CodeTaken(plan.code)
    return plan


def plan_mission_file(engine: Engine, *, path: str | Path, new_code: str | None = None
                      ) -> tuple[dict, OpenPlan, list[str]]:
    """Read the file and list what opening it would change; writes nothing."""
    document = read_document(path)
    with read_session(engine) as session:
        plan = _planned(session, document, str(path), new_code)
    return document, plan, change_lines(plan)


def open_mission_file(engine: Engine, *, path: str | Path, document: dict | None = None,
                      new_code: str | None = None, dry_run: bool = False) -> OpenResult:
    """Open the file into the database in one transaction (all or nothing); `document` when
    the file was read already (a preview)."""
    document = document if document is not None else read_document(path)
    with write_session(engine) as session:
        plan = _planned(session, document, str(path), new_code)
        lines = change_lines(plan)
        applied = None if dry_run else apply_open(session, plan)
        if dry_run:
            session.rollback()
    return OpenResult(plan, lines, applied)


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _name(plan: OpenPlan, change) -> str:
    part = BY_KEY[change.part]
    if not part.is_link:
        return plan.label(change.part, change.uuid)
    # A link is named by its ends: "Site visit · Sato Ken" (a removed one's, as stored here).
    ends = {column for column, _table in part.model.link_ends}
    return " · ".join(plan.label(target, change.after.get(name) if change.after is not None
                                 else plan.ids.uuid_of(target, change.before[column]))
                      for column, name, target in part.ref_names() if column in ends)


def change_lines(plan: OpenPlan) -> list[str]:
    """Every change, one line each, in the current language; a sensitive field is named but
    its values are not shown."""
    if plan.mission_id is None:
        counts = {}
        for change in plan.changes:
            counts[change.part] = counts.get(change.part, 0) + 1
        return [_("New mission {code}").format(code=plan.code)] + [
            ngettext("{kind}: {n} new", "{kind}: {n} new", n).format(kind=_(_KINDS[part]), n=n)
            for part, n in counts.items() if part != "mission"]
    lines = []
    for change in plan.changes:
        kind, name = _(_KINDS[change.part]), _name(plan, change)
        if change.before is None:
            lines.append(_("Added: {kind} {name}").format(kind=kind, name=name).strip())
        elif change.after is None:
            lines.append(_("Removed: {kind} {name}").format(kind=kind, name=name).strip())
        else:
            for field in change.fields:
                if sensitive_field(change.part, field):
                    lines.append(_("{kind} {name}: {field} changed").format(
                        kind=kind, name=name, field=field))
                    continue
                old, new = change.was.get(field), change.after[field]
                target = BY_KEY[change.part].refs.get(f"{field}_id")
                if target:         # a reference: the names of the rows, not their UUIDs
                    old, new = (plan.label(target, v) if v else v for v in (old, new))
                lines.append(_("{kind} {name}: {field}: {old} → {new}").format(
                    kind=kind, name=name, field=field, old=_shown(old), new=_shown(new)))
    return lines
