"""One schema, two engines: the migrations make the same tables on SQLite and on a real
PostgreSQL the tests start (tests/postgres.py), and the data layer, the readiness checks and
the workbook read the same things from both."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import inspect, select
from sqlmodel import SQLModel

import models.entities  # noqa: F401 - the tables, in SQLModel.metadata
from documents.workbook import export_mission
from models import repository as repo
from models.duplicate import duplicate_mission
from models.entities import ItemParticipant, ItineraryItem, Mission, Participant, Person
from models.items import ItemData, get_item, update_item
from models.mission_removal import remove_mission, restore_mission
from models.readiness import run_checks
from models.readiness_data import load_plan
from models.store.db import downgrade, open_database, read_session, upgrade, write_session
from tests.conftest import run_cli

CODE = "HKD-ALB-2026"


def _schema(engine) -> dict:
    """Each table's columns (name, nullable), indexes (name, columns, unique) and foreign keys
    (columns, table, its columns, on delete): what both engines must agree on."""
    with engine.connect() as conn:
        found = inspect(conn)
        out = {}
        for table in sorted(found.get_table_names()):
            out[table] = {
                "columns": sorted((c["name"], c["nullable"]) for c in found.get_columns(table)),
                # PostgreSQL lists a unique constraint's index among the indexes too.
                "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                                  for i in found.get_indexes(table)
                                  if "duplicates_constraint" not in i),
                "unique": sorted((u["name"], tuple(u["column_names"]))
                                 for u in found.get_unique_constraints(table)),
                "primary": tuple(found.get_pk_constraint(table)["constrained_columns"]),
                "foreign": sorted((tuple(f["constrained_columns"]), f["referred_table"],
                                   tuple(f["referred_columns"]),
                                   (f.get("options") or {}).get("ondelete"))
                                  for f in found.get_foreign_keys(table)),
            }
        return out


def _models_schema() -> dict:
    return {t.name: sorted((c.name, c.nullable) for c in t.columns)
            for t in SQLModel.metadata.sorted_tables}


def test_the_migrations_make_one_schema_on_both_engines(pg_server, tmp_path):
    sqlite_db = open_database(tmp_path / "k.db")
    pg_db = open_database(pg_server.new_database())
    try:
        on_sqlite, on_pg = _schema(sqlite_db.engine), _schema(pg_db.engine)
    finally:
        sqlite_db.dispose()
        pg_db.dispose()
    assert on_sqlite == on_pg
    assert "uuid" in dict(on_pg["room_guest"]["columns"])
    # ... and the one the models declare (a table's mixin and its migration agree).
    # (The sync's own bookkeeping, sync_*, is written by models/sync in SQL: no models.)
    models = _models_schema()
    assert {t: v["columns"] for t, v in on_pg.items()
            if t != "alembic_version" and not t.startswith("sync_")} == models


def test_the_migrations_go_down_and_up_again_on_the_server(pg_server):
    url = pg_server.new_database()
    upgrade(url)
    db = open_database(url)
    with write_session(db.engine) as session:
        repo.create_mission(session, code="UPDOWN", title_en="t", title_ja="", home_tz="UTC",
                            start_date=date(2026, 1, 1), end_date=date(2026, 1, 2))
    db.dispose()
    downgrade(url, "0005")
    upgrade(url)
    db = open_database(url)
    try:
        with read_session(db.engine) as session:
            mission = session.exec(select(Mission).where(Mission.code == "UPDOWN")).scalar_one()
            assert len(mission.uuid) == 36          # given again by the migration
    finally:
        db.dispose()


def _plan(engine) -> tuple:
    with read_session(engine) as session:
        mission = repo.find_mission_by_code(session, code=CODE)
        plan = load_plan(session, mission_id=mission.id, details=True)
        items = repo.list_items(session, mission_id=mission.id)
        some = repo.list_items(session, mission_id=mission.id, item_ids=[items[0].id])
        none = repo.list_items(session, mission_id=mission.id, item_ids=[])
        people = repo.list_attendees(session, mission_id=mission.id)
        findings = run_checks(session, mission_id=mission.id, today=date(2026, 9, 1))
    return plan, items, some, none, people, findings


def test_both_engines_read_the_same_plan_items_people_and_findings(demo_db, pg_server):
    pg_db = open_database(pg_server.new_database("template_demo"))
    try:
        on_sqlite, on_pg = _plan(demo_db.engine), _plan(pg_db.engine)
    finally:
        pg_db.dispose()
    plan_s, items_s, some_s, none_s, people_s, findings_s = on_sqlite
    plan_p, items_p, some_p, none_p, people_p, findings_p = on_pg
    # The demo is seeded the same way on both, so ids match too.
    assert asdict(plan_s) == asdict(plan_p)
    assert items_s == items_p and some_s == some_p == [items_s[0]] and none_s == none_p == []
    assert people_s == people_p
    assert [f.kind for f in findings_s] == [f.kind for f in findings_p] and findings_s
    assert all(i.start_utc.tzinfo is UTC and i.end_utc.tzinfo is UTC for i in items_p)
    assert any(i.people and not i.everyone for i in plan_p.items)   # group_concat's stand-in


def test_the_server_keeps_instants_aware(any_demo_db):
    engine = any_demo_db.engine
    start = datetime(2026, 10, 1, 13, 0, tzinfo=UTC)
    with write_session(engine) as session:
        mission = repo.find_mission_by_code(session, code=CODE)
        item_id = repo.create_item(session, mission_id=mission.id, kind="meeting",
                                   title_en="Aware", start_utc=start,
                                   end_utc=start + timedelta(hours=1))
    with read_session(engine) as session:
        item = session.get(ItineraryItem, item_id)
        assert item.start_utc == start and item.start_utc.utcoffset() == timedelta(0)


def _cells(path) -> dict:
    book = load_workbook(path, read_only=True)
    try:
        return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)]
                for ws in book.worksheets}
    finally:
        book.close()


def test_the_workbook_is_the_same_from_both_engines(demo_db, pg_server, tmp_path):
    pg_db = open_database(pg_server.new_database("template_demo"))
    try:
        for name, db in (("sqlite", demo_db), ("pg", pg_db)):
            export_mission(db.engine, code=CODE, path=tmp_path / f"{name}.xlsx", language="ja",
                           today=date(2026, 9, 1))
    finally:
        pg_db.dispose()
    from_sqlite, from_pg = _cells(tmp_path / "sqlite.xlsx"), _cells(tmp_path / "pg.xlsx")
    assert from_sqlite == from_pg and len(from_pg) > 3


def _uuids(engine, model) -> set[str]:
    with read_session(engine) as session:
        return set(session.exec(select(model.uuid)).all())


def test_undo_of_a_mission_removal_brings_back_the_same_ids(any_demo_db):
    engine = any_demo_db.engine
    before = {m: _uuids(engine, m) for m in (Mission, Person, Participant, ItineraryItem,
                                              ItemParticipant)}
    with write_session(engine) as session:
        mission = repo.find_mission_by_code(session, code=CODE)
        removed = remove_mission(session, mission_id=mission.id)
    assert _uuids(engine, Participant) != before[Participant]
    with write_session(engine) as session:
        restore_mission(session, removed)
    assert {m: _uuids(engine, m) for m in before} == before


def test_an_edit_keeps_each_kept_link_id_and_a_duplicate_gets_new_ids(any_demo_db):
    engine = any_demo_db.engine
    with write_session(engine) as session:
        mission = repo.find_mission_by_code(session, code=CODE)
        item = next(i for i in repo.list_items(session, mission_id=mission.id)
                    if i.participant_count > 1)
        data = get_item(session, item_id=item.id)
        links = dict(session.exec(select(ItemParticipant.participant_id, ItemParticipant.uuid)
                                  .where(ItemParticipant.item_id == item.id)).all())
        # Everyone taken off but the first, then put back: each link has its old id again.
        update_item(session, item_id=item.id, data=ItemData(data.values,
                                                            data.participant_ids[:1]))
        update_item(session, item_id=item.id, data=data)
        again = dict(session.exec(select(ItemParticipant.participant_id, ItemParticipant.uuid)
                                  .where(ItemParticipant.item_id == item.id)).all())
        assert again == links
        copy_id = duplicate_mission(session, mission_id=mission.id, new_code="COPY",
                                    new_start=date(2027, 10, 1), copy_people=True)
        old = set(session.exec(select(ItemParticipant.uuid).join(ItineraryItem).where(
            ItineraryItem.mission_id == mission.id)).all())
        new = set(session.exec(select(ItemParticipant.uuid).join(ItineraryItem).where(
            ItineraryItem.mission_id == copy_id)).all())
        assert new and not old & new


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path):
    """What --db names: a file (made with the demo by a first verb), or a server database."""
    if request.param == "sqlite":
        path = str(tmp_path / "k.db")
        assert run_cli("--db", path, "missions").returncode == 0
        return path
    return request.getfixturevalue("pg_server").new_database("template_demo")


def test_the_verbs_run_on_both_engines(location, tmp_path):
    listed = run_cli("--db", location, "missions")
    assert listed.returncode == 0 and CODE in listed.stdout
    ready = run_cli("--db", location, "readiness", CODE, "--today", "2026-09-01")
    assert ready.returncode == 0 and ready.stdout.strip()
    out = tmp_path / "out.xlsx"
    exported = run_cli("--db", location, "export", CODE, "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    assert len(_cells(out)) > 3


def test_file_verbs_say_they_are_not_for_a_server(pg_server):
    result = run_cli("--db", pg_server.url("template_demo"), "backup")
    assert result.returncode == 1 and "not for a server database" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreachable_server_is_one_clear_line(pg_server):
    result = run_cli("--db", "postgresql://postgres@127.0.0.1:1/none", "missions")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("Cannot open the database postgresql://postgres@127.0.0.1:1")


def test_the_window_says_it_is_for_a_file_when_given_a_server(pg_server):
    result = run_cli("--db", pg_server.url("template_demo"))
    assert result.returncode == 1 and "works with the command-line verbs" in result.stderr
