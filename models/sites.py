"""Sites as the Sites tab edits them: create, update, delete and restore with the same id, the
sites a mission's tab lists, and a site's visits in one mission.

Sites are shared by all missions (a yearly mission visits the same hosts), so deleting one takes
it off the items of every mission that used it; `delete_site` keeps which items those were so
that undo can put the site back on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case
from sqlmodel import Session, col, func, select

from models.entities import ItemKind, ItineraryItem, MissionSite, Site, SiteBase
from models.times import local_date
from models.visits import visitor_deadline

SITE_FIELDS = tuple(SiteBase.model_fields)


@dataclass(frozen=True)
class RemovedSite:
    """A deleted site: its fields with its id, and the items that named it."""

    site_id: int
    values: dict
    item_ids: tuple[int, ...] = ()
    missions: tuple[int, ...] = ()      # the missions that had it on their list


@dataclass(frozen=True)
class VisitRow:
    """A site visit of one mission, with the day its visitor list is due."""

    item_id: int
    title_en: str
    title_ja: str
    start_utc: datetime
    start_tz: str
    end_utc: datetime
    end_tz: str
    deadline: date
    notice_days: int


@dataclass(frozen=True)
class SiteUsage:
    items_here: int                 # items of the given mission at the site
    items_elsewhere: int            # items of other missions
    missions_elsewhere: int


def site_values(site: Site) -> dict:
    return {name: getattr(site, name) for name in SITE_FIELDS}


def get_site(session: Session, *, site_id: int) -> dict:
    site = session.get(Site, site_id)
    if site is None:
        raise LookupError(f"site {site_id} not found")
    return site_values(site)


def _checked(values: dict) -> dict:
    unknown = set(values) - set(SITE_FIELDS)
    if unknown:
        raise TypeError(f"not site fields: {sorted(unknown)}")
    return values


def create_site(session: Session, *, values: dict, site_id: int | None = None) -> int:
    """Add a site (with `site_id` when given, for redo); returns its id."""
    site = Site(id=site_id, **_checked(values))
    session.add(site)
    session.flush()
    return site.id


def update_site(session: Session, *, site_id: int, values: dict) -> dict:
    """Store `values` over the site's fields; returns the fields as they were, for undo."""
    site = session.get(Site, site_id)
    if site is None:
        raise LookupError(f"site {site_id} not found")
    before = site_values(site)
    for name, value in _checked(values).items():
        setattr(site, name, value)
    session.add(site)
    session.flush()
    return before


def delete_site(session: Session, *, site_id: int) -> RemovedSite:
    """Delete a site; its items (of any mission) keep their place text and lose the site."""
    site = session.get(Site, site_id)
    if site is None:
        raise LookupError(f"site {site_id} not found")
    item_ids = tuple(session.exec(select(ItineraryItem.id).where(
        ItineraryItem.site_id == site_id).order_by(ItineraryItem.id)).all())
    missions = tuple(session.exec(select(MissionSite.mission_id).where(
        MissionSite.site_id == site_id).order_by(MissionSite.mission_id)).all())
    removed = RemovedSite(site_id, site_values(site), item_ids, missions)
    # The foreign keys set the items' site_id to NULL and take it off the missions' lists.
    session.delete(site)
    session.flush()
    return removed


def restore_site(session: Session, removed: RemovedSite) -> None:
    """Put a deleted site back with its id, on the items that named it and still exist."""
    create_site(session, values=removed.values, site_id=removed.site_id)
    for item_id in removed.item_ids:
        item = session.get(ItineraryItem, item_id)
        if item is not None and item.site_id is None:
            item.site_id = removed.site_id
            session.add(item)
    for mission_id in removed.missions:
        session.add(MissionSite(mission_id=mission_id, site_id=removed.site_id))
    session.flush()


def site_usage(session: Session, *, site_id: int, mission_id: int | None) -> SiteUsage:
    rows = session.exec(select(ItineraryItem.id, ItineraryItem.mission_id).where(
        ItineraryItem.site_id == site_id)).all()
    here = sum(1 for _id, m in rows if m == mission_id)
    others = {m for _id, m in rows if m != mission_id}
    return SiteUsage(here, len(rows) - here, len(others))


def list_tab_sites(session: Session, *, mission_id: int) -> list[Site]:
    """The sites the mission visits or has put on its list (from the shared library), and the
    sites no mission uses yet, by English name."""
    used_here = select(ItineraryItem.site_id).where(ItineraryItem.mission_id == mission_id)
    listed = select(MissionSite.site_id).where(MissionSite.mission_id == mission_id)
    used = select(ItineraryItem.site_id).where(col(ItineraryItem.site_id).is_not(None))
    return list(session.exec(select(Site).where(
        col(Site.id).in_(used_here) | col(Site.id).in_(listed) | col(Site.id).not_in(used))
        .order_by(func.lower(Site.name_en), Site.name_ja, Site.id)).all())


def list_site_visits(session: Session, *, mission_id: int, site_id: int) -> list[VisitRow]:
    """The mission's site visits (items of kind site_visit) at the site, by start."""
    site = session.get(Site, site_id)
    if site is None:
        return []
    items = session.exec(select(ItineraryItem).where(
        ItineraryItem.mission_id == mission_id, ItineraryItem.site_id == site_id,
        ItineraryItem.kind == ItemKind.SITE_VISIT.value)
        .order_by(ItineraryItem.start_utc, ItineraryItem.id)).all()
    return [VisitRow(item_id=i.id, title_en=i.title_en, title_ja=i.title_ja,
                     start_utc=i.start_utc, start_tz=i.start_tz, end_utc=i.end_utc,
                     end_tz=i.end_tz, notice_days=site.notice_days,
                     deadline=visitor_deadline(local_date(i.start_utc, i.start_tz),
                                               site.notice_days))
            for i in items]


def count_stays(session: Session, *, mission_id: int, site_id: int) -> int:
    """The mission's hotel stays at the site (a hotel is a site for its address and phone)."""
    return session.exec(select(func.count()).select_from(ItineraryItem).where(
        ItineraryItem.mission_id == mission_id, ItineraryItem.site_id == site_id,
        ItineraryItem.kind == ItemKind.HOTEL.value)).one()


def hotel_sites(session: Session) -> set[int]:
    """The sites only hotel stays take place at (in any mission): hotels, kept as sites for
    their address and phone, which have no visitor rules."""
    kinds = select(ItineraryItem.site_id).where(col(ItineraryItem.site_id).is_not(None)) \
        .group_by(ItineraryItem.site_id) \
        .having(func.sum(case((ItineraryItem.kind == ItemKind.HOTEL.value, 0), else_=1)) == 0)
    return set(session.exec(kinds).all())


def site_of_item(session: Session, *, item_id: int) -> int | None:
    """The site an itinerary item takes place at, None when it names none (or is gone)."""
    item = session.get(ItineraryItem, item_id)
    return item.site_id if item is not None else None
