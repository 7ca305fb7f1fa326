"""The mission file: what is saved is the whole mission by UUID and valid against the schema in
the repo; opening it creates or updates by UUID (each change listed first, all or nothing, one
undo step); a code clash asks for a new code; a file that is not one we can read changes
nothing."""

from __future__ import annotations

import json
import os
import stat
import uuid
import zipfile

import jsonschema
import pytest
from sqlalchemy import select

from documents.mission_file import (
    MissionFileError,
    open_mission_file,
    plan_mission_file,
    read_document,
    save_mission_file,
)
from documents.mission_file.missions import CodeTaken
from documents.mission_file.schema import SCHEMA_FILE, schema_text
from models import repository as repo
from models.entities import Participant, Person
from models.mission_document import PARTS, mission_document, scope
from models.mission_open import undo_open
from models.store.db import open_database, read_session, write_session
from tests.conftest import copy_template, run_cli

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)

CODE = "HKD-ALB-2026"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
# Made once: jsonschema.validate checks the schema itself again on every call (a quarter
# of a second each).
VALIDATOR = jsonschema.validators.validator_for(SCHEMA)(SCHEMA)


@pytest.fixture
def other_db(tmp_path, db_templates):
    """A second, empty database beside demo_db."""
    db = copy_template(db_templates, "empty", tmp_path / "other.db")
    yield db
    db.dispose()


def _saved(db, path, *, sensitive=False) -> dict:
    save_mission_file(db.engine, code=CODE, path=path, sensitive=sensitive)
    document = read_document(path)
    VALIDATOR.validate(document)      # every file written, against the repo's schema
    return document


def _document(engine, code=CODE) -> dict:
    with read_session(engine) as session:
        mission = repo.find_mission_by_code(session, code=code)
        doc = mission_document(session, mission_id=mission.id, sensitive=True)
    doc.pop("saved_at")
    return doc


def _everything(engine) -> dict:
    """Every row of every table of a mission's parts, for "nothing changed"."""
    with read_session(engine) as session:
        conn = session.connection()
        return {p.key: sorted(map(tuple, conn.execute(select(p.table)).all()), key=repr)
                for p in PARTS}


def test_the_schema_in_the_repo_is_the_one_the_tables_make():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), \
        "run `python -m documents.mission_file.schema` after a schema change"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_a_saved_mission_opens_elsewhere_with_every_row_and_id(demo_db, other_db, tmp_path):
    path = tmp_path / "m.kakehashi"
    saved = _saved(demo_db, path, sensitive=True)
    assert len(saved["people"]) == 21 and saved["item_participants"] and saved["room_guests"]
    result = open_mission_file(other_db.engine, path=path)
    assert result.plan.mission_id is None and result.lines[0] == f"New mission {CODE}"
    assert _document(other_db.engine) == _document(demo_db.engine)   # same rows, same uuids
    again = open_mission_file(other_db.engine, path=path)
    assert again.lines == [] and again.applied.steps == []


def test_sensitive_fields_travel_only_when_asked(demo_db, tmp_path):
    plain, full = tmp_path / "plain.kakehashi", tmp_path / "full.kakehashi"
    without, with_ = _saved(demo_db, plain), _saved(demo_db, full, sensitive=True)
    with read_session(demo_db.engine) as session:
        passports = [p for p in session.exec(select(Person.passport_number)).scalars() if p]
    assert passports
    with zipfile.ZipFile(plain) as book:
        text = book.read("mission.json").decode()
    assert not any(p in text for p in passports) and not without["sensitive"]
    assert all("passport_number" not in p and "date_of_birth" not in p
               for p in without["people"])
    assert {p["passport_number"] for p in with_["people"]} >= set(passports)
    if os.name == "posix":
        assert stat.S_IMODE(full.stat().st_mode) == 0o600
        assert stat.S_IMODE(plain.stat().st_mode) & 0o044


def test_opening_a_newer_copy_lists_each_change_then_writes_them_all(demo_db, tmp_path):
    path = tmp_path / "m.kakehashi"
    _saved(demo_db, path)
    newer = read_document(path)
    person = newer["people"][0]
    person["email"] = "new.address@example.jp"
    person["passport_number"] = "must not show"           # not a sensitive file: ignored
    item = newer["items"][0]
    item["title_en"] = "Renamed in Tokyo"
    # Rows are in UUID order, so which is first differs from run to run: the one taken off is
    # never the person whose address changes.
    gone = next(p for p in newer["participants"] if p["person"] != person["uuid"])
    newer["participants"].remove(gone)
    for part in ("item_participants", "clearances", "room_guests"):
        newer[part] = [r for r in newer[part] if r["participant"] != gone["uuid"]]
    newer["sensitive"] = False
    before = _everything(demo_db.engine)
    _, plan, lines = plan_mission_file(demo_db.engine, path=_write(tmp_path, newer))
    assert _everything(demo_db.engine) == before            # a plan writes nothing
    assert any(line.endswith("email: " + _old_email(demo_db, person["uuid"])
                             + " → new.address@example.jp") for line in lines)
    assert any("title_en:" in line and line.endswith("→ Renamed in Tokyo") for line in lines)
    assert any(line.startswith("Removed: Attendee") for line in lines)
    assert not any("must not show" in line for line in lines)
    result = open_mission_file(demo_db.engine, path=tmp_path / "newer.kakehashi")
    after = _document(demo_db.engine)
    assert after["items"][0]["title_en"] == "Renamed in Tokyo"
    assert gone["uuid"] not in {p["uuid"] for p in after["participants"]}
    assert next(p for p in after["people"] if p["uuid"] == person["uuid"])[
        "passport_number"] != "must not show"
    # One undo step puts back every row as it was, with its ids.
    with write_session(demo_db.engine) as session:
        undo_open(session, result.applied)
    assert _everything(demo_db.engine) == before


def _old_email(db, person_uuid) -> str:
    with read_session(db.engine) as session:
        return session.execute(select(Person.email).where(Person.uuid == person_uuid)
                               ).scalar_one()


def _write(tmp_path, document, name="newer.kakehashi"):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("kakehashi-mission", f"{document.get('version', 1)}\n")
        book.writestr("mission.json", json.dumps(document))
    return path


def test_an_update_that_fails_halfway_writes_nothing(demo_db, tmp_path):
    path = tmp_path / "m.kakehashi"
    document = _saved(demo_db, path)
    # Two attendees for one person: the last write (participants) hits a unique constraint.
    twin = dict(document["participants"][0], uuid="00000000-0000-4000-8000-0000000000aa")
    document["participants"].append(twin)
    document["items"][0]["title_en"] = "Written before the clash"
    before = _everything(demo_db.engine)
    with pytest.raises(Exception) as caught:
        open_mission_file(demo_db.engine, path=_write(tmp_path, document))
    assert hasattr(caught.value, "user_message")
    assert _everything(demo_db.engine) == before


def test_a_code_taken_by_another_mission_asks_for_a_new_one(demo_db, tmp_path):
    path = tmp_path / "m.kakehashi"
    document = another_mission(_saved(demo_db, path))
    other = _write(tmp_path, document, "other.kakehashi")
    with pytest.raises(CodeTaken):
        open_mission_file(demo_db.engine, path=other)
    cli = run_cli("--db", demo_db.location, "open-mission", str(other))
    assert cli.returncode == 1 and "--as NEWCODE" in cli.stderr and "Traceback" not in cli.stderr
    cli = run_cli("--db", demo_db.location, "open-mission", str(other), "--as", "hkd-alb-2026")
    assert cli.returncode == 1                                  # the same code, other width
    cli = run_cli("--db", demo_db.location, "open-mission", str(other), "--as", "COPY-2026")
    assert cli.returncode == 0, cli.stderr
    with read_session(demo_db.engine) as session:
        copy = repo.find_mission_by_code(session, code="COPY-2026")
        assert copy is not None
        # The people are the same people (same UUIDs): shared, now in both missions.
        assert len(session.exec(select(Participant).where(
            Participant.mission_id == copy.id)).all()) == len(document["participants"])


def another_mission(document: dict) -> dict:
    """Another laptop's mission with the same code and the same people: its own rows (mission,
    attendees, items, rooms) under other UUIDs."""
    text = json.dumps(document)
    for part in ("mission", "consulates", "participants", "items", "rooms"):
        rows = [document["mission"]] if part == "mission" else document[part]
        for row in rows:
            text = text.replace(row["uuid"], str(uuid.uuid4()))
    return json.loads(text)


def _bad_files(tmp_path, good) -> dict:
    data = good.read_bytes()
    files = {}
    files["truncated"] = data[: len(data) // 2]
    flipped = bytearray(data)
    start = data.index(b"mission.json") + 40                    # inside the compressed body
    flipped[start:start + 16] = bytes(b ^ 0xFF for b in flipped[start:start + 16])
    files["damaged"] = bytes(flipped)
    files["foreign"] = b"Name,E-mail\nTaro,taro@example.jp\n"
    out = {}
    for name, content in files.items():
        out[name] = tmp_path / f"{name}.kakehashi"
        out[name].write_bytes(content)
    newer = read_document(good) | {"version": 2}
    out["newer"] = _write(tmp_path, newer, "newer-version.kakehashi")
    zip_not_ours = tmp_path / "book.kakehashi"
    with zipfile.ZipFile(zip_not_ours, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
    out["not ours"] = zip_not_ours
    broken = read_document(good)
    broken["items"][0]["site"] = "00000000-0000-4000-8000-0000000000cc"   # refers to nothing
    out["dangling"] = _write(tmp_path, broken, "dangling.kakehashi")
    nul = read_document(good)
    nul["people"][0]["family_name"] = "Sato\u0000"         # PostgreSQL's text cannot hold it
    out["nul"] = _write(tmp_path, nul, "nul.kakehashi")
    return out


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_file_we_cannot_read_is_one_clear_message_and_changes_nothing(demo_db, tmp_path,
                                                                        lang):
    good = tmp_path / "good.kakehashi"
    _saved(demo_db, good)
    before = _everything(demo_db.engine)
    expected = {"en": {"truncated": "damaged or incomplete", "damaged": "damaged or incomplete",
                       "foreign": "not a Kakehashi mission file",
                       "not ours": "not a Kakehashi mission file",
                       "newer": "newer version", "dangling": "damaged or incomplete",
                       "nul": "damaged or incomplete"},
                "ja": {"truncated": "破損", "damaged": "破損", "foreign": "ミッションファイルでは",
                       "not ours": "ミッションファイルでは", "newer": "新しいバージョン",
                       "dangling": "破損", "nul": "破損"}}[lang]
    for name, path in _bad_files(tmp_path, good).items():
        result = run_cli("--db", demo_db.location, "--lang", lang, "open-mission", str(path))
        assert result.returncode == 1, name
        assert "Traceback" not in result.stderr and expected[name] in result.stderr, (
            name, result.stderr)
        assert _everything(demo_db.engine) == before, name
    with pytest.raises(MissionFileError):
        read_document(tmp_path / "missing.kakehashi")


def test_the_verbs_exit_codes_and_the_sensitive_option(demo_db, tmp_path):
    out = tmp_path / "cli.kakehashi"
    result = run_cli("--db", demo_db.location, "save-mission", "hkd-alb-2026", "--out", str(out))
    assert result.returncode == 0 and "21 people" in result.stdout
    assert "passport_number" not in read_document(out)["people"][0]
    result = run_cli("--db", demo_db.location, "save-mission", CODE, "--out", str(out),
                     "--with-sensitive")
    assert result.returncode == 0 and "passport_number" in read_document(out)["people"][0]
    assert run_cli("--db", demo_db.location, "save-mission", "NOPE", "--out",
                   str(out)).returncode == 1
    bad = run_cli("--db", demo_db.location, "save-mission", CODE, "--out", str(tmp_path / "x.zip"))
    assert bad.returncode == 1 and ".kakehashi" in bad.stderr
    assert run_cli("--db", demo_db.location, "save-mission", CODE).returncode == 2
    dry = run_cli("--db", demo_db.location, "open-mission", str(out), "--dry-run")
    assert dry.returncode == 0 and "Dry run" in dry.stdout


def test_a_mission_travels_between_the_engines(any_demo_db, other_db, pg_server, tmp_path):
    """SQLite -> file -> PostgreSQL -> file -> SQLite, or the other way: the same document."""
    first = tmp_path / "first.kakehashi"
    _saved(any_demo_db, first, sensitive=True)
    other = (open_database(pg_server.new_database("template_empty")) if any_demo_db.path is not None
             else other_db)
    try:
        open_mission_file(other.engine, path=first)
        second = tmp_path / "second.kakehashi"
        save_mission_file(other.engine, code=CODE, path=second, sensitive=True)
        a, b = read_document(first), read_document(second)
        for doc in (a, b):
            doc.pop("saved_at")
        assert a == b
    finally:
        if other is not other_db:
            other.dispose()


def test_undo_of_a_new_mission_takes_away_what_it_made(demo_db, other_db, tmp_path):
    path = tmp_path / "m.kakehashi"
    _saved(demo_db, path)
    before = _everything(other_db.engine)
    result = open_mission_file(other_db.engine, path=path)
    with write_session(other_db.engine) as session:
        undo_open(session, result.applied)
    assert _everything(other_db.engine) == before
    with read_session(other_db.engine) as session:
        assert scope(session, result.applied.mission_id)["mission"] == []


def test_gifts_greetings_and_the_break_rule_travel_in_the_mission_file(demo_db, other_db,
                                                                       tmp_path):
    from models import gifts, interpreting, protocol
    from models.meetings_demo import seed_meetings_demo

    seed_meetings_demo(demo_db.engine, 1)
    with write_session(demo_db.engine) as session:
        listed = gifts.list_gifts(session, mission_id=1)
        call = listed[0].item_id
        order = [listed[0].recipient_id, listed[0].giver_id]
        protocol.set_greetings(session, item_id=call, order=order)
        interpreting.set_break_rule(session, mission_id=1, rule=(150, 20))
    path = tmp_path / "m.kakehashi"
    saved = _saved(demo_db, path)
    assert {g["gift_ja"] for g in saved["gifts"]} == {"九谷焼 ペア盃", "北海道銘菓詰め合わせ"}
    assert len(saved["greetings"]) == 2 and saved["mission"]["interpreter_work_minutes"] == 150
    open_mission_file(other_db.engine, path=path)
    with read_session(other_db.engine) as session:
        mission = repo.find_mission_by_code(session, code=CODE)
        there = gifts.list_gifts(session, mission_id=mission.id)
        assert [g.uuid for g in there] == [g.uuid for g in listed]
        assert [(g.gift_en, g.bought, g.handed, g.recipient_en) for g in there] == \
            [(g.gift_en, g.bought, g.handed, g.recipient_en) for g in listed]
        item = next(i.id for i in repo.list_items(session, mission_id=mission.id)
                    if i.id == there[0].item_id)
        assert len(protocol.get_greetings(session, item_id=item)) == 2
        assert interpreting.get_break_rule(session, mission_id=mission.id) == (150, 20)
