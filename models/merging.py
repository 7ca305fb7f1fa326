"""Joining two sites or two organizations that are one: everything that points at the one
dropped is moved to the one kept, the dropped one is deleted, and a record of what moved lets
undo put it all back as it was (the same ids, the same rows)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from models.entities import ItineraryItem, MissionOrganizer, MissionSite, Organization, Person, Site
from models.organization_names import fold, join_aliases, split_aliases
from models.sites import RemovedSite, create_site, site_values


@dataclass(frozen=True)
class MergedOrganization:
    keep_id: int
    dropped: dict                        # the dropped organization's row, with its id
    keep_aliases: str                    # the kept one's aliases before the merge
    people: tuple[int, ...]              # person ids moved
    missions: tuple[int, ...]            # missions it organized (a row each, moved or joined)
    missions_both: tuple[int, ...]       # of those, missions the kept one organized already


@dataclass(frozen=True)
class MergedSite:
    keep_id: int
    dropped: RemovedSite                 # its fields and the items that named it
    missions: tuple[int, ...]            # missions that had it on their list
    missions_both: tuple[int, ...]       # of those, missions that had the kept one too


def _aliases_after(keep: Organization, drop: Organization) -> str:
    """The kept one's aliases with the dropped one's names and aliases added (so a roster
    that writes the old name still finds it)."""
    known = {fold(n) for n in (keep.name_en, keep.name_ja) if n}
    aliases = [a for a in split_aliases(keep.aliases) if fold(a) not in known]
    known |= {fold(a) for a in aliases}
    for name in (drop.name_en, drop.name_ja, *split_aliases(drop.aliases)):
        if name and fold(name) not in known:
            known.add(fold(name))
            aliases.append(name)
    return join_aliases(aliases)


def merge_organizations(session: Session, *, keep_id: int, drop_id: int) -> MergedOrganization:
    """Move the people and missions of `drop_id` to `keep_id`, keep its names as aliases, and
    delete it."""
    if keep_id == drop_id:
        raise ValueError("an organization cannot be merged into itself")
    keep, drop = session.get(Organization, keep_id), session.get(Organization, drop_id)
    if keep is None or drop is None:
        raise LookupError(f"organization {keep_id if keep is None else drop_id} not found")
    people = tuple(session.exec(select(Person.id).where(
        Person.organization_id == drop_id).order_by(Person.id)).all())
    missions = tuple(session.exec(select(MissionOrganizer.mission_id).where(
        MissionOrganizer.organization_id == drop_id).order_by(MissionOrganizer.mission_id)).all())
    both = tuple(session.exec(select(MissionOrganizer.mission_id).where(
        MissionOrganizer.organization_id == keep_id,
        col(MissionOrganizer.mission_id).in_(missions))).all()) if missions else ()
    record = MergedOrganization(keep_id, {"id": drop.id, "name_en": drop.name_en,
                                          "name_ja": drop.name_ja, "aliases": drop.aliases},
                                keep.aliases, people, missions, tuple(sorted(both)))
    session.execute(update(Person).where(Person.organization_id == drop_id)
                 .values(organization_id=keep_id))
    session.execute(delete(MissionOrganizer).where(MissionOrganizer.organization_id == drop_id))
    for mission_id in missions:
        if mission_id not in both:
            session.add(MissionOrganizer(mission_id=mission_id, organization_id=keep_id))
    keep.aliases = _aliases_after(keep, drop)
    session.add(keep)
    session.flush()
    session.delete(drop)
    session.flush()
    return record


def unmerge_organizations(session: Session, record: MergedOrganization) -> None:
    """Undo merge_organizations: the dropped one back with its id, its people and missions."""
    session.add(Organization(**record.dropped))
    session.flush()
    drop_id = record.dropped["id"]
    if record.people:
        session.execute(update(Person).where(col(Person.id).in_(record.people))
                     .values(organization_id=drop_id))
    moved = [m for m in record.missions if m not in record.missions_both]
    if moved:
        session.execute(delete(MissionOrganizer).where(
            MissionOrganizer.organization_id == record.keep_id,
            col(MissionOrganizer.mission_id).in_(moved)))
    for mission_id in record.missions:
        session.add(MissionOrganizer(mission_id=mission_id, organization_id=drop_id))
    keep = session.get(Organization, record.keep_id)
    keep.aliases = record.keep_aliases
    session.add(keep)
    session.flush()


def merge_sites(session: Session, *, keep_id: int, drop_id: int) -> MergedSite:
    """Move every item (of any mission) at `drop_id` and its place on missions' lists to
    `keep_id`, and delete it."""
    if keep_id == drop_id:
        raise ValueError("a site cannot be merged into itself")
    drop = session.get(Site, drop_id)
    if drop is None or session.get(Site, keep_id) is None:
        raise LookupError(f"site {drop_id if drop is None else keep_id} not found")
    items = tuple(session.exec(select(ItineraryItem.id).where(
        ItineraryItem.site_id == drop_id).order_by(ItineraryItem.id)).all())
    missions = tuple(session.exec(select(MissionSite.mission_id).where(
        MissionSite.site_id == drop_id).order_by(MissionSite.mission_id)).all())
    both = tuple(session.exec(select(MissionSite.mission_id).where(
        MissionSite.site_id == keep_id, col(MissionSite.mission_id).in_(missions))).all()) \
        if missions else ()
    record = MergedSite(keep_id, RemovedSite(drop_id, site_values(drop), items), missions,
                        tuple(sorted(both)))
    session.execute(update(ItineraryItem).where(ItineraryItem.site_id == drop_id)
                 .values(site_id=keep_id))
    session.execute(delete(MissionSite).where(MissionSite.site_id == drop_id))
    for mission_id in missions:
        if mission_id not in both:
            session.add(MissionSite(mission_id=mission_id, site_id=keep_id))
    session.flush()
    session.delete(drop)
    session.flush()
    return record


def unmerge_sites(session: Session, record: MergedSite) -> None:
    """Undo merge_sites: the dropped site back with its id, on its items and missions' lists."""
    dropped = record.dropped
    create_site(session, values=dropped.values, site_id=dropped.site_id)
    if dropped.item_ids:
        session.execute(update(ItineraryItem).where(col(ItineraryItem.id).in_(dropped.item_ids))
                     .values(site_id=dropped.site_id))
    moved = [m for m in record.missions if m not in record.missions_both]
    if moved:
        session.execute(delete(MissionSite).where(MissionSite.site_id == record.keep_id,
                                               col(MissionSite.mission_id).in_(moved)))
    for mission_id in record.missions:
        session.add(MissionSite(mission_id=mission_id, site_id=dropped.site_id))
    session.flush()
