"""The demo mission, read from resources/demo_mission.toml and seeded into a new database."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from models import repository as repo
from models.consulates import ConsulateRow, set_consulates
from models.lodging import RoomData, create_room
from models.store.db import write_session
from models.times import from_local
from models.visits import set_clearance

DEMO_FILE = Path(__file__).resolve().parents[1] / "resources" / "demo_mission.toml"
DEMO_CODE = "HKD-ALB-2026"

_PERSON_FIELDS = ("family_name", "given_name", "family_name_ja", "given_name_ja", "family_kana",
                  "given_kana", "title_en", "title_ja", "email", "phone", "citizenship",
                  "dietary", "date_of_birth", "passport_number", "passport_expiry",
                  "visa_type")
_ITEM_TEXT = ("kind", "title_en", "title_ja", "notes_en", "notes_ja", "location_en",
              "location_ja", "carrier", "flight_number", "from_code", "to_code", "vehicle",
              "pickup", "driver_name", "driver_phone", "start_tz", "end_tz", "vehicle_ja",
              "pickup_ja", "dropoff_en", "dropoff_ja", "driver_notes_en", "driver_notes_ja",
              "confirmation", "hotel_phone", "operator_en", "operator_ja", "driver_name_ja")


def load_demo(path: Path = DEMO_FILE) -> dict:
    with open(path, "rb") as f:
        return tomllib.load(f)


def seed_demo(engine: Engine, data: dict | None = None) -> int:
    """Write the demo mission in one transaction; return its id."""
    data = data or load_demo()
    with write_session(engine) as session:
        orgs = {o["key"]: repo.create_organization(session, name_en=o["name_en"],
                                                   name_ja=o["name_ja"])
                for o in data["organizations"]}
        sites = {s["key"]: repo.create_site(session, **{k: v for k, v in s.items() if k != "key"}
                                            | {"required_fields": ",".join(s["required_fields"])})
                 for s in data["sites"]}
        m = data["mission"]
        mission_id = repo.create_mission(
            session, code=m["code"], title_en=m["title_en"], title_ja=m["title_ja"],
            start_date=m["start_date"], end_date=m["end_date"], home_tz=m["home_tz"],
            status=m["status"], organizer_ids=[orgs[k] for k in m["organizers"]])
        participants = {}
        for p in data["people"]:
            person_id = repo.create_person(
                session, organization_id=orgs.get(p.get("organization")),
                **{k: p[k] for k in _PERSON_FIELDS if k in p})
            participants[p["key"]] = repo.add_participant(
                session, mission_id=mission_id, person_id=person_id, role=p["role"],
                status=p["status"])
        present = [p["key"] for p in data["people"] if p["status"] != "cancelled"]
        for item in data["items"]:
            who = item.get("participants", "all")
            item_id = repo.create_item(
                session, mission_id=mission_id,
                site_id=sites[item["site"]] if item.get("site") else None,
                start_utc=from_local(datetime.fromisoformat(item["start"]), item["start_tz"]),
                end_utc=from_local(datetime.fromisoformat(item["end"]), item["end_tz"]),
                everyone=who == "all",
                participant_ids=[] if who == "all" else [participants[k] for k in who],
                **{k: item[k] for k in _ITEM_TEXT if k in item})
            for room in item.get("rooms", ()):
                create_room(session, RoomData(
                    id=None, item_id=item_id, room_type=room["type"], label=room["label"],
                    notes=room.get("notes", ""),
                    guest_ids=tuple(participants[k] for k in room["guests"])))
            _seed_clearance(session, item_id, item.get("clearance"),
                            present if who == "all" else who, participants)
        set_consulates(session, mission_id=mission_id,
                       rows=[ConsulateRow(**c) for c in data.get("consulates", ())])
    return mission_id


def _seed_clearance(session, item_id: int, statuses: dict | None, visitors: list[str],
                    participants: dict[str, int]) -> None:
    """{"rest": status, status: [keys]}: each visitor's status, "rest" for the unnamed."""
    if not statuses:
        return
    named = {key: status for status, keys in statuses.items() if status != "rest"
             for key in keys}
    for key in visitors:
        status = named.get(key, statuses.get("rest", "not_sent"))
        set_clearance(session, item_id=item_id, participant_id=participants[key], status=status)
