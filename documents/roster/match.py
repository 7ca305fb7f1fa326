"""Which roster rows are attendees the mission already has: those are updated, not added again.

The same person is the same e-mail, or the same Latin name (NFKC, case-folded) where one side
has no e-mail to tell them apart; the rule models.attendees.find_duplicates applies when an
attendee is typed in by hand, so a re-imported file gives updates, not duplicates.
"""

from __future__ import annotations

from collections.abc import Sequence

from documents.roster.rows import ImportRow
from i18n import _
from models.attendees import name_key
from models.repository import AttendeeRow
from models.rules import email_key


def _mail(text: str) -> str:
    return email_key(text)


def _existing_match(row: ImportRow, existing: Sequence[AttendeeRow]) -> list[AttendeeRow]:
    mail = _mail(row.values.get("email", ""))
    if mail:
        same_mail = [a for a in existing if _mail(a.email) == mail]
        if same_mail:
            return same_mail
    wanted = name_key(row.values.get("family_name", ""), row.values.get("given_name", ""))
    return [a for a in existing if name_key(a.family_name, a.given_name) == wanted
            and (not mail or not a.email)]


def classify(rows: Sequence[ImportRow], existing: Sequence[AttendeeRow]) -> None:
    """Set each row's status (new, update, error) and, for an update, the person's id."""
    seen: dict[object, int] = {}   # e-mail or name key -> first row number in the file
    for row in rows:
        row.person_id = None
        if row.errors:
            row.status = "error"
            continue
        mail = _mail(row.values.get("email", ""))
        key = ("mail", mail) if mail else ("name", name_key(
            row.values.get("family_name", ""), row.values.get("given_name", "")))
        matches = _existing_match(row, existing)
        person_key = ("person", matches[0].person_id) if len(matches) == 1 else None
        earlier = seen.get(key) or (seen.get(person_key) if person_key else None)
        if earlier:
            row.errors.append(("", _("the same person as row {row}").format(row=earlier)))
            row.status = "error"
            continue
        seen[key] = row.number
        if len(matches) > 1:
            row.errors.append(("", _("more than one attendee has this name: add the e-mail "
                                     "to tell them apart")))
            row.status = "error"
        elif matches:
            seen[person_key] = row.number
            row.status, row.person_id = "update", matches[0].person_id
        else:
            row.status = "new"
            wanted = name_key(row.values.get("family_name", ""), row.values.get("given_name", ""))
            if any(name_key(a.family_name, a.given_name) == wanted for a in existing):
                row.warnings.append(("", _("an attendee with this name has another e-mail: "
                                           "added as a new person")))
