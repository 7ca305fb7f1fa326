"""Signing in to the sync server, against a real PostgreSQL (tests/postgres.py) whose role
must give a password: a refused sign-in is not being offline, and no password is ever kept in
the laptop's SQLite file or its backups (libpq finds it in PGPASSWORD or .pgpass)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from models.store.backup import auto_backup, backups_dir
from models.sync import (
    NotAllowed,
    ServerUnreachable,
    SignInRefused,
    share_mission,
    sync_mission,
    sync_status,
    wire,
)
from tests.postgres import require_password
from tests.sync_helpers import CODE, one

SECRET = "Sesame-42x"


@pytest.fixture
def signin(pg_server, monkeypatch):
    """A database of its own and a role needing SECRET; its URL without the password."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/.pgpass")
    base = require_password(pg_server, "pw_kk", SECRET)
    name = pg_server.new_database("template_empty").rsplit("/", 1)[1]
    return base + name


def _with(url: str, password: str) -> str:
    return url.replace("pw_kk@", f"pw_kk:{password}@")


def test_a_wrong_or_missing_password_is_a_refused_sign_in_not_offline(demo_db, signin,
                                                                        monkeypatch):
    for url in (_with(signin, "Bad-Pass-7"), signin):
        with pytest.raises(SignInRefused) as raised:
            share_mission(demo_db.engine, CODE, url, organizer="alice")
        assert isinstance(raised.value, NotAllowed)
        assert not isinstance(raised.value, ServerUnreachable)
        assert "refused the sign-in" in raised.value.user_message()
        assert "Bad-Pass-7" not in raised.value.user_message()     # nor the password typed
    assert one(demo_db.engine, "SELECT count(*) FROM sync_mission") == 0
    share_mission(demo_db.engine, CODE, _with(signin, SECRET), organizer="alice")
    # Later syncs sign in with what libpq finds: none here, then PGPASSWORD.
    with pytest.raises(SignInRefused):
        sync_mission(demo_db.engine, CODE)
    assert sync_status(demo_db.engine, CODE).offline_since is None     # not "offline since"
    monkeypatch.setenv("PGPASSWORD", "Bad-Pass-7")
    with pytest.raises(SignInRefused):
        sync_mission(demo_db.engine, CODE)
    monkeypatch.setenv("PGPASSWORD", SECRET)
    assert sync_mission(demo_db.engine, CODE).open_conflicts == 0
    assert sync_status(demo_db.engine, CODE).offline_since is None


def test_a_server_out_of_reach_is_still_offline(demo_db):
    from tests.postgres import _free_port

    nowhere = f"postgresql://pw_kk:{SECRET}@127.0.0.1:{_free_port()}/kk"   # nothing listens
    with pytest.raises(ServerUnreachable) as raised:
        share_mission(demo_db.engine, CODE, nowhere, organizer="alice")
    assert not isinstance(raised.value, SignInRefused)
    assert SECRET not in raised.value.user_message()


def test_no_password_is_kept_in_the_file_or_its_backups(demo_db, signin, tmp_path):
    for url in (_with(signin, SECRET), signin + f"?password={SECRET}&application_name=kk"):
        assert SECRET not in wire.stored_url(url)
        assert wire.split_password(url)[1] == SECRET
    share_mission(demo_db.engine, CODE, _with(signin, SECRET), organizer="alice")
    stored = one(demo_db.engine, "SELECT server_url FROM sync_mission")
    assert stored == signin and SECRET not in stored
    path = Path(demo_db.location)
    made = auto_backup(path, now=datetime.now(UTC), reason="manual")
    demo_db.engine.dispose()          # everything written through to the file
    files = [f for f in (Path(f"{path}{s}") for s in ("", "-wal", "-journal")) if f.exists()]
    files += [f for f in backups_dir(path).rglob("*") if f.is_file()]
    assert made in files and len(files) >= 2
    for found in files:
        assert SECRET.encode() not in found.read_bytes(), found
