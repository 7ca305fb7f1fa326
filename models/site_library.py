"""The shared library of sites: the sites a mission puts on its list before any item names them,
the sites of the library it has not, and the near-duplicates of a site about to be created
(the same name folded, or the same address)."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import delete
from sqlmodel import Session, col, select

from models.entities import MissionSite, Site
from models.sites import list_tab_sites


def add_to_mission(session: Session, *, mission_id: int, site_id: int) -> bool:
    """Put the site on the mission's list; False when it was there already."""
    if session.get(MissionSite, (mission_id, site_id)) is not None:
        return False
    session.add(MissionSite(mission_id=mission_id, site_id=site_id))
    session.flush()
    return True


def remove_from_mission(session: Session, *, mission_id: int, site_id: int) -> None:
    session.execute(delete(MissionSite).where(MissionSite.mission_id == mission_id,
                                              MissionSite.site_id == site_id))
    session.flush()


def library_sites(session: Session, *, mission_id: int) -> list[Site]:
    """Every site of the library not on the mission's tab yet, by English name."""
    shown = {s.id for s in list_tab_sites(session, mission_id=mission_id)}
    return [s for s in session.exec(select(Site).order_by(Site.name_en, Site.name_ja,
                                                          Site.id)).all()
            if s.id not in shown]


def _folded(text: str) -> str:
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())


def similar_sites(session: Session, *, values: dict, exclude_id: int | None = None
                  ) -> list[Site]:
    """Sites that may be the one described by `values`: a name equal once folded (case, width,
    spaces and punctuation) or one name holding the other, or the same address."""
    names = {_folded(values.get(k, "")) for k in ("name_en", "name_ja")} - {""}
    addresses = {_folded(values.get(k, "")) for k in ("address_en", "address_ja")} - {""}
    found = []
    for site in session.exec(select(Site).where(col(Site.id) != (exclude_id or -1))
                             .order_by(Site.id)).all():
        theirs = {_folded(site.name_en), _folded(site.name_ja)} - {""}
        their_addresses = {_folded(site.address_en), _folded(site.address_ja)} - {""}
        same_name = any(a == b or (min(len(a), len(b)) >= 6 and (a in b or b in a))
                        for a in names for b in theirs)
        if same_name or addresses & their_addresses:
            found.append(site)
    return found
