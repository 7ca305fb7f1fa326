"""Organizations an attendee change made (typed new in the dialog, or met in an imported
roster), so that undo can delete them again and redo put them back with the same ids."""

from __future__ import annotations

from sqlmodel import Session

from models.attendees import organization_by_name
from models.entities import Organization
from models.repository import organization_usage


class MadeOrganizations:
    """Made on the first redo, deleted on undo (only while nobody belongs to them), restored
    with the same ids on later redos."""

    def __init__(self, new_name: str = ""):
        self.new_name = new_name
        self.created: list[int] = []
        self.saved: list[dict] = []                      # rows deleted by undo

    def resolve(self, session: Session, organization_id: int | None) -> int | None:
        """The organization id to store: the new one's, once it exists, else the one given."""
        if not self.new_name:
            return organization_id
        if self.saved:
            return next(iter(self.restore(session).values()))
        return organization_by_name(session, self.new_name, self.created)

    def restore(self, session: Session) -> dict[int, int]:
        """Put back what undo deleted; old id -> id now."""
        ids = restore_organizations(session, self.saved, self.created)
        self.saved = []
        return ids

    def remove(self, session: Session) -> None:
        # Still used (by someone outside this change's history): kept, never cascaded.
        self.saved += remove_unused_organizations(session, self.created)
        self.created = []


def restore_organizations(session: Session, saved: list[dict],
                          created: list[int]) -> dict[int, int]:
    """Put back organizations `remove_unused_organizations` deleted; old id -> id now (another
    id only when a new organization took the name meanwhile). Ids made are added to `created`."""
    ids = {}
    for row in saved:
        if session.get(Organization, row["id"]) is None:
            session.add(Organization(**row))
            session.flush()
            created.append(row["id"])
            ids[row["id"]] = row["id"]
        else:
            ids[row["id"]] = organization_by_name(session, row["name_en"] or row["name_ja"],
                                                  created)
    return ids


def remove_unused_organizations(session: Session, ids: list[int]) -> list[dict]:
    """Delete those of the organizations that nobody refers to (never a cascade); their rows,
    for restore_organizations."""
    saved = []
    for org_id in ids:
        org = session.get(Organization, org_id)
        if org is None or organization_usage(session, organization_id=org_id) != (0, 0):
            continue
        saved.append({"id": org.id, "name_en": org.name_en, "name_ja": org.name_ja,
                      "aliases": org.aliases})
        session.delete(org)
    session.flush()
    return saved
