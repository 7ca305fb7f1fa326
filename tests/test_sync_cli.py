"""The sync verbs as a user types them: share, join, sync, conflicts, resolve (a real
PostgreSQL server, real files)."""

from __future__ import annotations

from tests.conftest import run_cli
from tests.sync_helpers import CODE, one, run


def test_share_join_sync_conflicts_and_resolve_from_the_command_line(demo_db, tmp_path,
                                                                    pg_server):
    url = pg_server.new_database("template_empty")
    a, b = str(demo_db.path), str(tmp_path / "joined.db")
    shared = run_cli("share", CODE, "--server", url, "--organizer", "alice", "--db", a)
    assert shared.returncode == 0, shared.stderr
    joined = run_cli("join", url, CODE, "--organizer", "bob", "--db", b)
    assert joined.returncode == 0, joined.stderr
    from models.store.db import open_database

    other = open_database(b)
    try:
        assert one(other.engine, "SELECT count(*) FROM mission") == 1
        person = one(demo_db.engine, "SELECT uuid FROM person ORDER BY id LIMIT 1")
        run(demo_db.engine, "UPDATE person SET notes = 'window seat' WHERE uuid = ?", person)
        run(other.engine, "UPDATE person SET notes = 'aisle seat' WHERE uuid = ?", person)
    finally:
        other.dispose()
    first = run_cli("sync", "--db", a)
    assert (first.returncode, first.stdout) == (
        0, f"{CODE}: sent 1, received 0; 0 conflicts open.\n")
    second = run_cli("sync", CODE, "--db", b)
    assert (second.returncode, second.stdout) == (      # exit 0 even with a conflict
        0, f"{CODE}: sent 1, received 1; 1 conflict open.\n")
    listed = run_cli("conflicts", CODE, "--db", b)
    [line] = listed.stdout.splitlines()
    number, label, field, base, mine, theirs = line.split("\t")
    assert (field, base, mine, theirs) == (
        "notes", "base: (empty)", "mine: aisle seat", "theirs: window seat")
    assert label                                          # the person's name
    in_japanese = run_cli("conflicts", CODE, "--db", b, "--lang", "ja")
    assert "aisle seat" in in_japanese.stdout and "mine:" not in in_japanese.stdout
    settled = run_cli("resolve", CODE, number, "--take", "mine", "--db", b)
    assert settled.returncode == 0, settled.stderr
    assert run_cli("sync", "--db", a).stdout == f"{CODE}: sent 0, received 1; 0 conflicts open.\n"
    assert one(demo_db.engine, "SELECT notes FROM person WHERE uuid = ?", person) == "aisle seat"
    assert run_cli("conflicts", CODE, "--db", a).stdout == "No open conflicts.\n"


def test_the_verbs_say_what_is_wrong_in_the_users_language(demo_db, pg_server):
    not_shared = run_cli("sync", CODE, "--db", str(demo_db.path), "--lang", "ja")
    assert not_shared.returncode == 1 and CODE in not_shared.stderr
    assert "Traceback" not in not_shared.stderr
    unreachable = run_cli("share", CODE, "--server", "postgresql://u@127.0.0.1:1/none",
                          "--db", str(demo_db.path))
    assert unreachable.returncode == 1 and "cannot be reached" in unreachable.stderr
    nothing = run_cli("sync", "--db", str(demo_db.path))
    assert nothing.returncode == 1 and "No mission" in nothing.stderr


def test_a_password_typed_in_the_url_is_used_once_and_then_comes_from_libpq(demo_db,
                                                                           pg_server):
    from tests.postgres import require_password

    base = require_password(pg_server, "pw_kk", "Sesame-42x")
    url = base + pg_server.new_database("template_empty").rsplit("/", 1)[1]
    a = str(demo_db.path)
    no_password = {"PGPASSWORD": None, "PGPASSFILE": "/nonexistent/.pgpass"}
    shared = run_cli("share", CODE, "--server", url.replace("pw_kk@", "pw_kk:Sesame-42x@"),
                     "--organizer", "alice", "--db", a, env=no_password)
    assert shared.returncode == 0, shared.stderr
    assert "PGPASSWORD" in shared.stdout and "Sesame-42x" not in shared.stdout
    assert one(demo_db.engine, "SELECT server_url FROM sync_mission") == url
    refused = run_cli("sync", "--db", a, env=no_password)
    assert refused.returncode == 1 and "refused the sign-in" in refused.stderr
    assert "cannot be reached" not in refused.stderr
    signed_in = run_cli("sync", "--db", a, env={**no_password, "PGPASSWORD": "Sesame-42x"})
    assert signed_in.returncode == 0, signed_in.stderr


def test_resolve_value_settles_with_the_text_as_typed(demo_db, tmp_path, pg_server):
    url = pg_server.new_database("template_empty")
    a, b = str(demo_db.path), str(tmp_path / "joined.db")
    shared = run_cli("share", CODE, "--server", url, "--organizer", "alice", "--db", a)
    assert shared.returncode == 0
    assert run_cli("join", url, CODE, "--organizer", "bob", "--db", b).returncode == 0
    from models.store.db import open_database

    other = open_database(b)
    person = one(demo_db.engine, "SELECT uuid FROM person ORDER BY id LIMIT 1")
    try:
        run(demo_db.engine, "UPDATE person SET notes = 'one' WHERE uuid = ?", person)
        run(other.engine, "UPDATE person SET notes = 'two' WHERE uuid = ?", person)
        run_cli("sync", "--db", a)
        run_cli("sync", "--db", b)
        [line] = run_cli("conflicts", CODE, "--db", b).stdout.splitlines()
        both = run_cli("resolve", CODE, line.split("\t")[0], "--take", "mine", "--value", "x",
                       "--db", b)
        assert both.returncode == 2                      # one or the other
        settled = run_cli("resolve", CODE, line.split("\t")[0], "--value", "theirs", "--db", b)
        assert settled.returncode == 0, settled.stderr
        assert one(other.engine, "SELECT notes FROM person WHERE uuid = ?", person) == "theirs"
    finally:
        other.dispose()
