"""What Find (Ctrl+F) can go to in a mission: its attendees, items, hotel stays, sites and
organizations, each with every form of its name (Latin, Japanese, kana, codes)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from models.entities import ItemKind
from models.repository import list_attendees, list_items, list_sites


@dataclass(frozen=True)
class Findable:
    """kind: "person" (id: participant), "item", "stay" (id: item), "site", "organization"."""

    kind: str
    id: int
    name_en: str
    name_ja: str
    other_names: tuple[str, ...] = ()     # readings, codes, places: found, not shown
    when: object = None                   # an item's start (UTC), for the list's detail
    zone: str = ""


def findables(session: Session, *, mission_id: int) -> list[Findable]:
    found: list[Findable] = []
    organizations: dict[int, Findable] = {}
    for a in list_attendees(session, mission_id=mission_id):
        found.append(Findable(
            "person", a.participant_id, f"{a.given_name} {a.family_name}".strip(),
            f"{a.family_name_ja} {a.given_name_ja}".strip(),
            (a.family_name, a.given_name, a.family_name_ja + a.given_name_ja,
             a.family_kana, a.given_kana, a.family_kana + a.given_kana, a.email,
             f"{a.family_name} {a.given_name}")))
        if a.organization_id is not None and a.organization_id not in organizations:
            organizations[a.organization_id] = Findable(
                "organization", a.organization_id, a.organization_en, a.organization_ja)
    for i in list_items(session, mission_id=mission_id):
        kind = "stay" if i.kind == ItemKind.HOTEL.value else "item"
        found.append(Findable(
            kind, i.id, i.title_en, i.title_ja,
            (i.location_en, i.location_ja, i.site_en, i.site_ja, i.from_code, i.to_code,
             f"{i.carrier}{i.flight_number}", f"{i.carrier} {i.flight_number}"),
            when=i.start_utc, zone=i.start_tz))
    for s in list_sites(session, mission_id=mission_id):
        found.append(Findable("site", s.id, s.name_en, s.name_ja, (s.address_en, s.address_ja)))
    found.extend(organizations.values())
    return found
