"""A new database file after the first of a process is a copy of the empty schema the first one
was migrated to (models/store/empty_schema.py): the same schema, settings and guarantees as a
migrated file, and a failure that leaves nothing behind."""

from __future__ import annotations

import sqlite3
import stat
from contextlib import closing

import pytest
from sqlalchemy import event

import models.store.db as db_module
from models.demo import seed_demo
from models.store import empty_schema
from models.store.db import SCHEMA_HEAD, open_database, upgrade


def _schema(path) -> list[tuple]:
    """Every table, index and trigger with its SQL. Two runs of the migrations from nothing may
    list a table's foreign keys in another order (Alembic's batch rebuild reflects them as a
    set); the same keys in another order are the same table, so they are compared sorted."""
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                            "ORDER BY type, name").fetchall()
    return [(kind, name, table, sorted(line.strip(" \t,") for line in (sql or "").splitlines()))
            for kind, name, table, sql in rows]


@pytest.fixture
def migrations(monkeypatch):
    """The Alembic runs opens start, counted (and run as they are)."""
    ran = []

    def counted(location, target="head"):
        ran.append(location)
        upgrade(location, target)

    monkeypatch.setattr(empty_schema, "_image", None)      # as in a process that made none
    monkeypatch.setattr(db_module, "upgrade", counted)
    return ran


def test_only_the_first_new_file_of_a_process_is_migrated_and_the_next_is_the_same(
        tmp_path, migrations):
    first = open_database(tmp_path / "first.db")
    second = open_database(tmp_path / "second.db")
    assert migrations == [tmp_path / "first.db"]
    assert first.created and second.created
    reference = tmp_path / "reference.db"        # migrated from nothing, on its own
    upgrade(reference)
    assert _schema(tmp_path / "second.db") == _schema(reference) != []
    with second.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() \
            == SCHEMA_HEAD
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    assert stat.S_IMODE((tmp_path / "second.db").stat().st_mode) == 0o600
    seed_demo(second.engine)                      # it holds a mission as a migrated file does
    for db in (first, second):
        db.dispose()
    # What the copy got was the empty schema: nothing the first file held after its creation.
    again = open_database(tmp_path / "first.db")
    seed_demo(again.engine)
    again.dispose()
    third = open_database(tmp_path / "third.db")
    with third.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM mission").scalar() == 0
    third.dispose()
    assert open_database(tmp_path / "second.db").created is False
    assert migrations == [tmp_path / "first.db"]


def test_a_copy_that_fills_the_disk_leaves_no_file(tmp_path, migrations, monkeypatch):
    # SQLite's page limit gives the SQLITE_FULL a full disk does, while the schema is copied.
    open_database(tmp_path / "first.db").dispose()
    real = db_module.make_engine

    def tiny(path, **kwargs):
        engine = real(path, **kwargs)
        event.listen(engine, "connect", lambda c, _r: c.execute("PRAGMA max_page_count=3"))
        return engine

    monkeypatch.setattr(db_module, "make_engine", tiny)
    with pytest.raises(Exception) as caught:
        open_database(tmp_path / "new.db")
    assert "full" in caught.value.user_message()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("new")) == []
    assert migrations == [tmp_path / "first.db"]
