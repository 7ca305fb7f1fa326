"""The consulates and embassies of a mission: per country it visits, the one that serves its
citizens of each nationality (DOMAIN: a delegate who loses a passport abroad calls their own
country's consulate there, so which one a delegate needs depends on their citizenship).

The window edits a mission's list as a whole (the mission dialog); `set_consulates` keeps the
row, and its UUID, of a (country, nationality) pair that stays. No Qt here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlmodel import Session, select

from models.entities import Consulate
from models.rules import normalize_phone

FIELDS = ("country", "nationality", "name_en", "name_ja", "address_en", "address_ja", "phone")


@dataclass(frozen=True)
class ConsulateRow:
    country: str              # the country visited, ISO 3166-1 alpha-2
    nationality: str          # whose consulate: the citizens it serves
    name_en: str = ""
    name_ja: str = ""
    address_en: str = ""
    address_ja: str = ""
    phone: str = ""           # E.164

    def values(self) -> dict:
        return asdict(self)


def list_consulates(session: Session, *, mission_id: int) -> list[ConsulateRow]:
    rows = session.exec(select(Consulate).where(Consulate.mission_id == mission_id)
                        .order_by(Consulate.country, Consulate.nationality)).all()
    return [ConsulateRow(**{f: getattr(r, f) for f in FIELDS}) for r in rows]


def problems(rows: list[ConsulateRow]) -> dict[int, str]:
    """Row index -> what is wrong, as a key ("country", "nationality", "name", "phone",
    "twice"); the window words it. A phone must already be E.164 (the dialog reads a national
    number in the visited country)."""
    found: dict[int, str] = {}
    seen = set()
    for index, row in enumerate(rows):
        if len(row.country) != 2:
            found[index] = "country"
        elif len(row.nationality) != 2:
            found[index] = "nationality"
        elif not (row.name_en.strip() or row.name_ja.strip()):
            found[index] = "name"
        elif row.phone and normalize_phone(row.phone, row.country) != row.phone:
            found[index] = "phone"
        elif (row.country, row.nationality) in seen:
            found[index] = "twice"
        seen.add((row.country, row.nationality))
    return found


def set_consulates(session: Session, *, mission_id: int, rows: list[ConsulateRow]) -> None:
    """Make the mission's list `rows`: a pair kept keeps its row, others come and go.
    ValueError for a list with problems()."""
    if problems(rows):
        raise ValueError("consulates with problems")
    old = {(r.country, r.nationality): r for r in session.exec(
        select(Consulate).where(Consulate.mission_id == mission_id)).all()}
    wanted = {(r.country, r.nationality): r for r in rows}
    for key, row in old.items():
        if key not in wanted:
            session.delete(row)
    session.flush()
    for key, row in wanted.items():
        target = old.get(key) or Consulate(mission_id=mission_id)
        for name, value in row.values().items():
            setattr(target, name, value)
        session.add(target)
    session.flush()


def copy_consulates(session: Session, *, from_mission: int, to_mission: int) -> None:
    session.add_all(Consulate(mission_id=to_mission, **row.values())
                    for row in list_consulates(session, mission_id=from_mission))


def consulates_for(rows: list[ConsulateRow], *, countries: list[str],
                   nationality: str | None) -> list[ConsulateRow]:
    """Those a pack lists: in the countries the items are in, for the delegate's citizenship
    (None: the delegation's pack, every one of them). None at home: a Japanese delegate in
    Japan needs no consulate."""
    return [r for r in rows if r.country in countries
            and (nationality is None or r.nationality == nationality)]
