"""`main.py calendar` as a user runs it: the .ics read back with icalendar, each event's ends
against the item's stored UTC instants and zones, UIDs kept and SEQUENCE raised by an edit."""

from __future__ import annotations

from datetime import UTC

import pytest
from icalendar import Calendar

from models import repository as repo
from models.items import get_item, update_item
from models.store.db import read_session, write_session
from tests.conftest import run_cli

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)

CODE = "HKD-ALB-2026"
SATO = "k.sato@jetro.example.jp"


def _calendar(db, out, *args: str) -> Calendar:
    result = run_cli("--db", db.location, "calendar", CODE, "--out", str(out), *args)
    assert result.returncode == 0, result.stderr
    assert "events written" in result.stdout or "件の予定" in result.stdout
    return Calendar.from_ical(out.read_bytes())


def _items(db) -> dict[str, object]:
    with read_session(db.engine) as session:
        mission = repo.find_mission_by_code(session, code=CODE)
        return {row.title_en: row for row in repo.list_items(session, mission_id=mission.id)}


def _events(cal: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_each_end_is_in_its_own_zone_at_the_stored_instant(demo_db, tmp_path):
    cal = _calendar(demo_db, tmp_path / "sato.ics", "--person", SATO)
    items = _items(demo_db)
    by_title = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    flight = by_title["Flight Tokyo Haneda to New York JFK (NH 110)"]
    stored = items["Flight Tokyo Haneda to New York JFK (NH 110)"]
    start, end = flight.decoded("DTSTART"), flight.decoded("DTEND")
    assert flight["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert flight["DTEND"].params["TZID"] == "America/New_York"
    assert start.astimezone(UTC) == stored.start_utc and end.astimezone(UTC) == stored.end_utc
    assert (start.hour, start.minute, end.hour, end.minute) == (17, 55, 16, 45)
    # Every event, not just the flight: its instants are the stored ones.
    for title, event in by_title.items():
        assert event.decoded("DTSTART").astimezone(UTC) == items[title].start_utc, title
        assert event.decoded("DTEND").astimezone(UTC) == items[title].end_utc, title
    # A hotel night crosses midnight as one event; the stay does not mark the time as busy.
    hotel = by_title["Hotel: Sapporo Kitagate Hotel (1 night)"]
    assert hotel.decoded("DTSTART").day == 7 and hotel.decoded("DTEND").day == 8
    assert str(hotel["TRANSP"]) == "TRANSPARENT"
    zones = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    assert zones == {"Asia/Tokyo", "America/New_York"}
    assert len(by_title) == len(cal.walk("VEVENT")) == len(items)   # Sato goes everywhere
    visit = by_title["Site visit: Albany NanoTech Complex"]
    assert "257 Fuller Road" in str(visit["LOCATION"])
    assert "What to wear: Business casual" in str(visit["DESCRIPTION"])


def test_a_person_gets_only_their_own_items(demo_db, tmp_path):
    # Daisuke Kobayashi (JETRO New York) joins at JFK: none of the Japan legs.
    cal = _calendar(demo_db, tmp_path / "kobayashi.ics", "--person",
                    "d.kobayashi@jetro.example.jp")
    titles = {str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
    assert "Transfer JFK Airport to Albany" in titles
    assert "Flight Tokyo Haneda to New York JFK (NH 110)" not in titles
    assert len(titles) < len(_items(demo_db))


def test_descriptions_follow_the_chosen_language(demo_db, tmp_path):
    cal = _calendar(demo_db, tmp_path / "ja.ics", "--person", SATO, "--lang", "ja")
    by_title = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    transfer = by_title["新千歳空港からRapidus IIM-1へ移動"]
    # the pick-up point in Japanese, not the English typed beside it
    assert "乗車場所：新千歳空港 国内線ターミナル" in str(transfer["DESCRIPTION"])
    assert "運転手：配車担当（遠藤様）" in str(transfer["DESCRIPTION"])
    assert "所要約20分" in str(transfer["DESCRIPTION"])


def test_a_second_export_after_an_edit_keeps_uids_and_raises_sequence(demo_db, tmp_path):
    first = _events(_calendar(demo_db, tmp_path / "a.ics"))
    stored = _items(demo_db)["Networking reception"]
    with write_session(demo_db.engine) as session:
        data = get_item(session, item_id=stored.id)
        data.values["notes_en"] = "Moved to the atrium."
        update_item(session, item_id=stored.id, data=data)
    second = _events(_calendar(demo_db, tmp_path / "b.ics"))
    assert set(second) == set(first)
    changed = [uid for uid in second if second[uid]["SEQUENCE"] != first[uid]["SEQUENCE"]]
    assert len(changed) == 1
    uid = changed[0]
    assert second[uid]["SEQUENCE"] == first[uid]["SEQUENCE"] + 1
    assert "Moved to the atrium." in str(second[uid]["DESCRIPTION"])


def test_unknown_mission_and_wrong_name_are_refused(demo_db, tmp_path):
    result = run_cli("--db", demo_db.location, "calendar", "NOPE", "--out",
                     str(tmp_path / "x.ics"))
    assert result.returncode == 1 and "NOPE" in result.stderr
    result = run_cli("--db", demo_db.location, "calendar", CODE, "--out",
                     str(tmp_path / "x.pdf"))
    assert result.returncode == 1 and ".ics" in result.stderr
    assert list(tmp_path.glob("x.*")) == []
