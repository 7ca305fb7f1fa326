"""Missions for bench/scale.py: the demo copied N times as parallel groups (20 attendees,
30 items and 4 rooms a group), written with the project's own repository functions."""

from __future__ import annotations

from datetime import datetime

from models import repository as repo
from models.demo import DEMO_CODE, load_demo
from models.lodging import RoomData, create_room
from models.store.db import read_session, write_session
from models.times import from_local
from models.visits import set_clearance

PEOPLE, ITEMS, ROOMS = 20, 30, 4   # a group's share: 10x is 200 / 300 / 40, as in issue 10
_PERSON_FIELDS = ("family_name", "given_name", "family_name_ja", "given_name_ja", "family_kana",
                  "given_kana", "title_en", "title_ja", "email", "phone", "citizenship",
                  "dietary", "date_of_birth", "passport_number", "passport_expiry",
                  "visa_type")
_ITEM_TEXT = ("kind", "title_en", "title_ja", "notes_en", "notes_ja", "location_en",
              "location_ja", "carrier", "flight_number", "from_code", "to_code", "vehicle",
              "pickup", "driver_name", "driver_phone", "start_tz", "end_tz")
# Two evenings in Albany the demo leaves free, so each group's 28 items become 30 without
# adding a clash: the readiness findings grow with the mission, not with the padding.
_EXTRA_ITEMS = ({"kind": "free_time", "title_en": "Free evening", "title_ja": "自由時間",
                 "start": "2026-12-10T21:00", "end": "2026-12-10T22:00",
                 "start_tz": "America/New_York", "end_tz": "America/New_York"},
                {"kind": "free_time", "title_en": "Free evening", "title_ja": "自由時間",
                 "start": "2026-12-11T20:00", "end": "2026-12-11T21:00",
                 "start_tz": "America/New_York", "end_tz": "America/New_York"})


def scale_code(factor: int) -> str:
    return f"SCALE-{factor}X"


def _copy_person(p: dict, group: int) -> dict:
    fields = {k: p[k] for k in _PERSON_FIELDS if k in p}
    if group:                      # distinct names, e-mails and passports in every group
        n = group + 1
        fields["family_name"] = f"{fields['family_name']} {n}"
        if fields.get("family_name_ja"):
            fields["family_name_ja"] = f"{fields['family_name_ja']}{n}"
        if fields.get("email"):
            fields["email"] = fields["email"].replace("@", f"+{n}@")
        if fields.get("passport_number"):
            fields["passport_number"] = f"{fields['passport_number']}{n}"
    return fields


def build_scaled(engine, factor: int) -> tuple[int, dict[str, int]]:
    """A mission of `factor` groups beside the demo (which must be in the file already);
    returns its id and its sizes."""
    data = load_demo()
    people = data["people"][:PEOPLE]
    keys = {p["key"] for p in people}
    present = [p["key"] for p in people if p["status"] != "cancelled"]
    items = data["items"] + list(_EXTRA_ITEMS)
    hotels = [i for i, item in enumerate(items) if item.get("rooms")]
    # A group's rooms, taken in turn from each stay: (item index, room).
    picks = [(h, items[h]["rooms"][n]) for n in range(ROOMS) for h in hotels][:ROOMS]
    rooms_of = {h: [room for at, room in picks if at == h] for h in hotels}
    m = data["mission"]
    with read_session(engine) as session:
        demo = repo.get_mission_by_code(session, code=DEMO_CODE)
        orgs = {o.name_en: o.id for o in repo.list_organizations(session)}
        sites = {s.name_en: s.id for s in repo.list_sites(session, mission_id=demo.id)}
    org_ids = {o["key"]: orgs[o["name_en"]] for o in data["organizations"]}
    site_ids = {s["key"]: sites[s["name_en"]] for s in data["sites"] if s["name_en"] in sites}
    sizes = {"attendees": 0, "items": 0, "rooms": 0}
    with write_session(engine) as session:      # one transaction, as seed_demo does
        mission_id = repo.create_mission(
            session, code=scale_code(factor), title_en=f"{m['title_en']} ({factor}x)",
            title_ja=f"{m['title_ja']}（{factor}倍）", start_date=m["start_date"],
            end_date=m["end_date"], home_tz=m["home_tz"], status=m["status"],
            organizer_ids=[org_ids[k] for k in m["organizers"]])
        for group in range(factor):
            ids = {}
            for p in people:
                person_id = repo.create_person(
                    session, organization_id=org_ids.get(p.get("organization")),
                    **_copy_person(p, group))
                ids[p["key"]] = repo.add_participant(
                    session, mission_id=mission_id, person_id=person_id, role=p["role"],
                    status=p["status"])
            for index, item in enumerate(items):
                # "Everyone" means the group: everyone in the mission would put each
                # attendee in all the groups' copies of the item at once.
                who = item.get("participants", "all")
                who = present if who == "all" else [k for k in who if k in keys]
                site = site_ids.get(item.get("site")) if item.get("site") else None
                item_id = repo.create_item(
                    session, mission_id=mission_id, site_id=site, everyone=False,
                    start_utc=from_local(datetime.fromisoformat(item["start"]),
                                         item["start_tz"]),
                    end_utc=from_local(datetime.fromisoformat(item["end"]), item["end_tz"]),
                    participant_ids=[ids[k] for k in who],
                    **{k: item[k] for k in _ITEM_TEXT if k in item})
                for room in rooms_of.get(index, ()):
                    create_room(session, RoomData(
                        id=None, item_id=item_id, room_type=room["type"], label=room["label"],
                        notes=room.get("notes", ""),
                        guest_ids=tuple(ids[k] for k in room["guests"] if k in keys)))
                statuses = item.get("clearance")
                if statuses:
                    named = {key: status for status, ks in statuses.items() if status != "rest"
                             for key in ks}
                    for key in who:
                        set_clearance(session, item_id=item_id, participant_id=ids[key],
                                      status=named.get(key, statuses.get("rest", "not_sent")))
            sizes["attendees"] += len(people)
            sizes["items"] += len(items)
            sizes["rooms"] += len(picks)
    return mission_id, sizes
