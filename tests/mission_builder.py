"""Small builders for itinerary tests: a mission, people and items written in local times."""

from __future__ import annotations

from datetime import date, datetime

from models import repository as repo
from models.consulates import ConsulateRow, set_consulates
from models.entities import ItemParticipant
from models.times import from_local

TOKYO, NEW_YORK = "Asia/Tokyo", "America/New_York"


class Builder:
    """Writes into one session; `item` takes local ISO times in the zone of each end. The
    mission has Japan's consulate in the US and the US embassy in Japan, as a US–Japan
    mission has them (`consulates=False`: none)."""

    def __init__(self, session, *, code: str = "T-1", start: date = date(2026, 12, 7),
                 end: date = date(2026, 12, 13), home_tz: str = TOKYO,
                 consulates: bool = True) -> None:
        self.session = session
        self.mission_id = repo.create_mission(session, code=code, title_en=f"Mission {code}",
                                              title_ja="", start_date=start, end_date=end,
                                              home_tz=home_tz)
        if consulates:
            set_consulates(session, mission_id=self.mission_id, rows=[
                ConsulateRow("US", "JP", "Consulate General of Japan in New York"),
                ConsulateRow("JP", "US", "Embassy of the United States, Tokyo")])

    def person(self, family: str, given: str = "Taro", *, role: str = "delegate",
               status: str = "confirmed", **fields) -> int:
        defaults = {"citizenship": "JP", "family_name_ja": "", "title_en": "Engineer"}
        person_id = repo.create_person(self.session, family_name=family, given_name=given,
                                       **(defaults | fields))
        return repo.add_participant(self.session, mission_id=self.mission_id,
                                    person_id=person_id, role=role, status=status)

    def item(self, kind: str, start: str, end: str, *, tz: str = TOKYO, end_tz: str | None = None,
             people: list[int] | None = None, fold: int = 0, **fields) -> int:
        """people=None: everyone."""
        return repo.create_item(
            self.session, mission_id=self.mission_id, kind=kind,
            title_en=fields.pop("title_en", f"{kind} at {start}"),
            start_utc=from_local(datetime.fromisoformat(start), tz, fold=fold), start_tz=tz,
            end_utc=from_local(datetime.fromisoformat(end), end_tz or tz), end_tz=end_tz or tz,
            everyone=people is None, participant_ids=people or [], **fields)

    def join(self, item_id: int, participant_id: int) -> None:
        self.session.add(ItemParticipant(item_id=item_id, participant_id=participant_id))
        self.session.flush()
