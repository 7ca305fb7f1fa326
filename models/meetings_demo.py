"""A 商談会 for the demo mission: Albany counterparts, meeting requests, a schedule, interpreters
and a seated dinner. The screenshots, the window's tests and the benchmark start from it; the
demo itself (models.demo) stays as it is, so nothing counting its rows changes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import select

from models import counterparts as cps
from models import gifts, interpreting, protocol, seating
from models import meetings as mt
from models import repository as repo
from models.entities import ItineraryItem, Participant, Person
from models.store.db import write_session
from models.times import from_local

NY = "America/New_York"
COUNTERPARTS = (
    ("GlobalFoundries", "グローバルファウンドリーズ", "Ann Lee", "アン・リー"),
    ("IBM Research Albany", "IBMリサーチ・オールバニ", "Mark Chen", "マーク・チェン"),
    ("SUNY Polytechnic Institute", "ニューヨーク州立大学ポリテクニック校", "Laura Diaz",
     "ローラ・ディアス"),
    ("Center for Economic Growth", "経済成長センター", "Tom Baker", "トム・ベイカー"),
    ("Albany Molecular Research", "オールバニ分子研究所", "Priya Shah", "プリヤ・シャー"),
    ("Empire State Development", "エンパイア・ステート開発公社", "Rachel Green",
     "レイチェル・グリーン"),
)
# (family name of the delegate or None for the organization, counterpart, priority, interpreter)
REQUESTS = (
    ("Takahashi", 0, 1, True), ("Takahashi", 5, 1, True), ("Yamamoto", 0, 1, True),
    ("Yamamoto", 1, 2, False), ("Suzuki", 3, 1, True), ("Suzuki", 5, 2, True),
    ("Nakamura", 2, 2, False), ("Kato", 2, 1, True), ("Kato", 1, 3, False),
    ("Matsumoto", 2, 1, False), ("Watanabe", 0, 2, True), ("Yoshida", 3, 3, False),
    ("Takahashi", 3, 3, True), ("Nakamura", 4, 3, False),
)


def seed_meetings_demo(engine: Engine, mission_id: int) -> int:
    """Add the 商談会 and its rows to the demo mission; return the session's item id."""
    with write_session(engine) as session:
        people = {family: pid for pid, family in session.exec(
            select(Participant.id, Person.family_name).join(
                Person, Person.id == Participant.person_id)
            .where(Participant.mission_id == mission_id)).all()}
        item_id = repo.create_item(
            session, mission_id=mission_id, kind="matchmaking",
            title_en="Albany B2B matchmaking", title_ja="オールバニ商談会",
            location_en="Albany NanoTech Complex, Lecture Hall",
            location_ja="オールバニ・ナノテク・コンプレックス 講堂",
            start_utc=from_local(datetime(2026, 12, 10, 16, 10), NY), start_tz=NY,
            end_utc=from_local(datetime(2026, 12, 10, 18, 20), NY), end_tz=NY, everyone=False)
        mt.set_settings(session, data=mt.SessionData(item_id, 25, 5, 4))
        cp_ids = [cps.create_counterpart(session, mission_id=mission_id, data=cps.CounterpartData(
            name_en=en, name_ja=ja, contact_en=c_en, contact_ja=c_ja,
            email=f"{c_en.split()[0].lower()}@example.com")) for en, ja, c_en, c_ja
            in COUNTERPARTS]
        for family, cp, priority, interp in REQUESTS:
            mt.create_request(session, data=mt.RequestData(
                None, item_id, cp_ids[cp], participant_id=people[family], priority=priority,
                interpreter=interp))
        mt.run_schedule(session, item_id=item_id)
        dinner = session.exec(select(ItineraryItem.id).where(
            ItineraryItem.mission_id == mission_id,
            ItineraryItem.title_en.startswith("Delegation dinner"))).first()
        if dinner is not None:
            interpreting.set_interpreting(session, item_id=dinner, needed=True,
                                          interpreter_ids=(people["Kimura"],))
            protocol.set_ranks(session, mission_id=mission_id, ranks={
                people["Takahashi"]: 1, people["Suzuki"]: 2, people["Reynolds"]: 1})
            settings = seating.PlanSettings(dinner, "japanese", "long", 1, 14)
            hosts = [people["Reynolds"], people["Miller"]]
            guests = [people[f] for f in ("Takahashi", "Suzuki", "Yamamoto", "Matsumoto",
                                          "Watanabe", "Kato", "Nakamura", "Sato", "Yoshida")]
            seating.set_plan(session, settings=settings,
                             seats=seating.assign(seating.layout(settings), hosts, guests))
            _seed_gifts(session, mission_id, people, dinner)
    return item_id


def _seed_gifts(session, mission_id: int, people: dict[str, int], dinner: int) -> None:
    """A courtesy call with the 団長's gift to the host (bought, not yet handed over), and a
    gift at the dinner for a guest who is not on the roster (not bought yet)."""
    call = repo.create_item(
        session, mission_id=mission_id, kind="courtesy_call",
        title_en="Courtesy call on NY CREATES leadership", title_ja="NY CREATES 幹部表敬訪問",
        location_en="NY CREATES, Albany NanoTech Complex",
        location_ja="NY CREATES（オールバニ・ナノテク・コンプレックス）",
        start_utc=from_local(datetime(2026, 12, 10, 15, 0), NY), start_tz=NY,
        end_utc=from_local(datetime(2026, 12, 10, 15, 45), NY), end_tz=NY, everyone=False,
        participant_ids=[people[f] for f in ("Takahashi", "Suzuki", "Reynolds", "Miller",
                                              "Kimura")])
    gifts.create_gift(session, data=gifts.GiftData(
        item_id=call, giver_id=people["Takahashi"], recipient_id=people["Reynolds"],
        gift_en="Kutani ware sake cups, pair", gift_ja="九谷焼 ペア盃", bought=True))
    gifts.create_gift(session, data=gifts.GiftData(
        item_id=dinner, giver_id=people["Suzuki"], recipient_en="Mayor of Albany",
        recipient_ja="オールバニ市長", gift_en="Hokkaido sweets assortment",
        gift_ja="北海道銘菓詰め合わせ", notes="Buy at New Chitose Airport"))
