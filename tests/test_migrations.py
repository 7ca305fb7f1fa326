"""Schema changes never lose data: a file filled at every earlier revision upgrades to head with
every row intact. Adding a migration means adding a filler for the revision before it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import uuid
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from models.global_ids import link_uuid
from models.store.db import MIGRATIONS_DIR, SCHEMA_HEAD, downgrade, open_database, upgrade

THINGS = ("mission", "organization", "person", "participant", "site", "itinerary_item", "room",
          "counterpart", "meeting_request", "consulate")
LINKS = {
    "mission_organizer": (("mission_id", "mission"), ("organization_id", "organization")),
    "item_participant": (("item_id", "itinerary_item"), ("participant_id", "participant")),
    "visit_clearance": (("item_id", "itinerary_item"), ("participant_id", "participant")),
    "room_guest": (("room_id", "room"), ("participant_id", "participant")),
    # 0014's
    "mission_site": (("mission_id", "mission"), ("site_id", "site")),
    "matchmaking_session": (("item_id", "itinerary_item"),),
    "meeting": (("request_id", "meeting_request"),),
    "interpreter_assignment": (("item_id", "itinerary_item"), ("participant_id", "participant")),
    "item_protocol": (("item_id", "itinerary_item"),),
    "protocol_rank": (("participant_id", "participant"),),
    "seat": (("item_id", "itinerary_item"), ("participant_id", "participant")),
}


def _fill_0001(conn: sqlite3.Connection) -> None:
    # Columns named: later revisions add columns, and this filler serves them too.
    conn.execute("INSERT INTO organization (id, name_en, name_ja) "
                 "VALUES (1, 'JETRO', '日本貿易振興機構')")
    conn.execute("INSERT INTO organization (id, name_en, name_ja) VALUES (2, 'NY CREATES', '')")
    conn.execute("INSERT INTO mission (id, code, title_en, title_ja, start_date, end_date, "
                 "home_tz, status) VALUES (1, 'OLD-1', '=Old', '旧ミッション', '2025-12-01', "
                 "'2025-12-05', 'Asia/Tokyo', 'done')")
    conn.executemany("INSERT INTO mission_organizer (mission_id, organization_id) VALUES (?, ?)",
                     [(1, 1), (1, 2)])
    for pid in range(1, 31):
        conn.execute(
            # Columns named: later revisions add columns, and this filler serves them too.
            "INSERT INTO person (id, family_name, given_name, family_name_ja, given_name_ja, "
            "family_kana, given_kana, title_en, title_ja, email, phone, citizenship, dietary, "
            "notes, date_of_birth, passport_number, passport_expiry, organization_id) "
            "VALUES (?, 'Yamada', ?, '山田', '太郎', 'ヤマダ', 'タロウ', "
            "'Director', '部長', ?, '+81312345678', 'JP', 'no pork', '📎 note', '1975-04-12', "
            "'TK1234567', '2030-01-01', ?)", (pid, f"Taro{pid}", f"t{pid}@example.jp",
                                              1 if pid % 2 else None))
        conn.execute("INSERT INTO participant (id, mission_id, person_id, role, status) "
                     "VALUES (?, 1, ?, 'delegate', 'confirmed')",
                     (pid, pid))


def _fill_0002(conn: sqlite3.Connection) -> None:
    _fill_0001(conn)
    conn.execute("INSERT INTO site (id, name_en, name_ja, address_en, address_ja, tz, "
                 "contact_name, contact_email, contact_phone, notice_days, required_fields, nda, "
                 "safety_briefing, dress_code_en, dress_code_ja, photo_rules_en, photo_rules_ja) "
                 "VALUES (1, 'Albany NanoTech', 'オールバニ', '257 Fuller Rd', '', "
                 "'America/New_York', '', '', '', 14, 'citizenship', 1, 1, '', '', '', '')")
    conn.execute("INSERT INTO itinerary_item (id, mission_id, site_id, kind, title_en, title_ja, "
                 "notes_en, notes_ja, start_tz, end_tz, location_en, location_ja, carrier, "
                 "flight_number, from_code, to_code, vehicle, pickup, everyone, start_utc, "
                 "end_utc) VALUES (1, 1, 1, 'flight', 'NH 110', '', '', '', 'Asia/Tokyo', "
                 "'America/New_York', '', '', 'ANA', 'NH 110', 'HND', 'JFK', '', '', 0, "
                 "'2025-12-09 08:55:00', '2025-12-09 21:45:00')")
    conn.executemany("INSERT INTO item_participant VALUES (1, ?)", [(p,) for p in range(1, 6)])


def _fill_0003(conn: sqlite3.Connection) -> None:
    _fill_0002(conn)
    conn.execute("UPDATE person SET latin_unconfirmed = 1, visa_type = 'ESTA' WHERE id = 1")


def _fill_0004(conn: sqlite3.Connection) -> None:
    _fill_0003(conn)
    conn.execute("UPDATE itinerary_item SET kind = 'site_visit' WHERE id = 1")
    conn.executemany("INSERT INTO visit_clearance VALUES (1, ?, ?)",
                     [(1, "cleared"), (2, "submitted"), (3, "refused")])
    conn.execute("INSERT INTO room VALUES (1, 1, 'twin', '1203', '禁煙')")
    conn.executemany("INSERT INTO room_guest VALUES (1, ?)", [(1,), (2,)])


def _fill_0005(conn: sqlite3.Connection) -> None:
    _fill_0004(conn)
    conn.execute("UPDATE itinerary_item SET kind = 'transfer', vehicle = 'Coach', "
                 "driver_name = 'Dispatch desk', driver_phone = '+15185550147' WHERE id = 1")


def _fill_0006(conn: sqlite3.Connection) -> None:
    _fill_0005(conn)
    conn.execute("UPDATE organization SET aliases = 'ジェトロ' WHERE id = 1")
    conn.execute("INSERT INTO mission_site VALUES (1, 1)")



def _fill_0007(conn: sqlite3.Connection) -> None:
    _fill_0006(conn)
    conn.execute("UPDATE itinerary_item SET revision = 3 WHERE id = 1")



def _fill_0008(conn: sqlite3.Connection) -> None:
    _fill_0007(conn)
    conn.execute("UPDATE person SET birth_country = 'JP', passport_country = 'JP', us_person = 0, "
                 "dietary_codes = 'shrimp:allergy', dietary_note = 'とても辛いもの' WHERE id = 1")
    conn.execute("UPDATE itinerary_item SET dropoff_en = 'Hotel', dropoff_ja = 'ホテル' "
                 "WHERE id = 1")


def _fill_0009(conn: sqlite3.Connection) -> None:
    _fill_0008(conn)
    conn.execute("UPDATE itinerary_item SET kind = 'matchmaking' WHERE id = 1")
    conn.execute("INSERT INTO counterpart VALUES (1, 1, 'GlobalFoundries', "
                 "'グローバルファウンドリーズ', 'Ann Lee', 'アン・リー', 'VP', '副社長', "
                 "'ann@example.com', '+15185550100', '')")
    conn.execute("INSERT INTO matchmaking_session VALUES (1, 20, 10, 4)")
    conn.execute("INSERT INTO meeting_request VALUES (1, 1, 1, NULL, 1, 1, 1)")
    conn.execute("INSERT INTO meeting_request VALUES (2, 1, NULL, 1, 1, 2, 0)")
    conn.execute("INSERT INTO meeting VALUES (1, 0, 2, 3, 1)")
    conn.execute("INSERT INTO interpreter_assignment VALUES (1, 3)")
    conn.execute("INSERT INTO item_protocol VALUES (1, 1, 'western', 'round', 2, 8)")
    conn.execute("INSERT INTO protocol_rank VALUES (1, 1)")
    conn.execute("INSERT INTO seat VALUES (1, 1, 1, 0)")


def _fill_0010(conn: sqlite3.Connection) -> None:
    # Every row needs its UUID from 0010 on: the rows are made at 0009 and given theirs by
    # the migration (VIA), then changed here.
    conn.execute("UPDATE person SET notes = 'has a uuid' WHERE id = 2")


def _fill_0011(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE person SET passport_issued = '2020-04-01' WHERE id = 1")


def _fill_0012(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE person SET sex = 'F' WHERE id = 1")


def _fill_0013(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE mission SET interpreter_work_minutes = 150, "
                 "interpreter_break_minutes = 20 WHERE id = 1")
    conn.execute("INSERT INTO gift (id, uuid, item_id, giver_id, recipient_id, recipient_en, "
                 "recipient_ja, gift_en, gift_ja, bought, handed, notes) VALUES (1, "
                 "'0b0e7c1a-3a43-4a5e-9d59-0f4a3f3c2a11', 1, 1, NULL, 'Governor', '知事', "
                 "'Kutani vase', '九谷焼の花瓶', 1, 0, '')")
    conn.execute("INSERT INTO greeting (uuid, item_id, participant_id, position) VALUES "
                 "('5a7c6b1e-1111-5abc-8def-0123456789ab', 1, 2, 0)")


def _fill_0014(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT INTO counterpart (id, uuid, mission_id, name_en, name_ja, contact_en, "
                 "contact_ja, contact_title_en, contact_title_ja, email, phone, notes) VALUES "
                 "(2, '7d1f0c2e-4b8a-4f1e-9a3c-2b5d6e7f8a90', 1, 'Tokyo Electron', "
                 "'東京エレクトロン', '', '', '', '', '', '', '')")


def _fill_0015(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE itinerary_item SET hotel_phone = '+81115550180' WHERE id = 1")
    conn.execute("INSERT INTO consulate (id, uuid, mission_id, country, nationality, name_en, "
                 "name_ja, address_en, address_ja, phone) VALUES (1, "
                 "'3c9e2f4a-6b1d-4e7a-8f2c-9d0b1a2c3e4f', 1, 'US', 'JP', "
                 "'Consulate General of Japan in New York', '在ニューヨーク日本国総領事館', "
                 "'299 Park Avenue', '', '+12123718222')")


def _fill_0016(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE itinerary_item SET operator_en = 'Chitose Coach Line', "
                 "operator_ja = '千歳コーチライン' WHERE id = 1")


def _fill_0017(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE itinerary_item SET driver_name = 'Dispatch desk (Mr. Endo)' WHERE id = 1")


# revision -> the one its rows are made at before upgrading to it (0014 gives the meetings and
# site-list rows made at 0009 their UUIDs)
VIA = {"0010": "0009", "0011": "0009", "0013": "0009", "0014": "0009", "0012": "0009",
       "0015": "0009", "0016": "0009",
       "0017": "0009"}


FILLERS = {"0001": _fill_0001, "0002": _fill_0002, "0003": _fill_0003, "0004": _fill_0004,
           "0005": _fill_0005, "0006": _fill_0006, "0007": _fill_0007, "0008": _fill_0008,
           "0009": _fill_0009, "0010": _fill_0010, "0011": _fill_0011, "0012": _fill_0012,
           "0013": _fill_0013, "0014": _fill_0014,
           "0015": _fill_0015, "0016": _fill_0016, "0017": _fill_0017,
           "0018": None}


def _revisions() -> list[str]:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(cfg)
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def _dump(path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name != 'alembic_version'")]
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in tables}


def test_every_revision_has_a_filler():
    assert set(_revisions()) == set(FILLERS)


@pytest.fixture(scope="module")
def empty_at(tmp_path_factory):
    """empty_at(revision, path): an empty file at that revision copied to `path`. The files are
    made once, one revision after another, on one file (each of the tests below had migrated
    its own from nothing; the steps are the same migrations, in the same order)."""
    folder = tmp_path_factory.mktemp("revisions")
    made: dict[str, Path] = {}
    chain = folder / "chain.db"
    sqlite3.connect(chain).close()
    order = _revisions()

    def copy(revision: str, path: Path) -> None:
        for step in order[len(made):order.index(revision) + 1]:
            upgrade(chain, step)
            made[step] = folder / f"{step}.db"
            shutil.copy(chain, made[step])
        shutil.copy(made[revision], path)

    return copy


@pytest.mark.parametrize("revision", [r for r in _revisions() if r != SCHEMA_HEAD])
def test_a_file_at_an_earlier_revision_upgrades_with_every_row(tmp_path, revision, empty_at):
    path = tmp_path / f"at-{revision}.db"
    start = VIA.get(revision, revision)
    empty_at(start, path)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        FILLERS[start](conn)
    if start != revision:
        upgrade(path, revision)
        with sqlite3.connect(path) as conn:
            FILLERS[revision](conn)
    before = _dump(path)
    db = open_database(path)  # upgrades to head, with foreign keys off while it migrates
    db.dispose()
    after = _dump(path)
    for table, rows in before.items():
        width = len(rows[0]) if rows else 0
        # new columns may be appended; every old value must still be there
        assert [row[:width] for row in after[table]] == rows, table
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    _check_uuids(path)


def _check_uuids(path) -> None:
    """Every row of every table has a distinct UUID; a link's is the one its ends give."""
    with sqlite3.connect(path) as conn:
        for table in (*THINGS, *LINKS):
            uuids = [r[0] for r in conn.execute(f"SELECT uuid FROM {table}")]
            assert all(uuid.UUID(u) for u in uuids), table
            assert len(set(uuids)) == len(uuids), table
            notnull = {r[1]: r[3] for r in conn.execute(f"PRAGMA table_info({table})")}
            assert notnull["uuid"] == 1, table
        for table, ends in LINKS.items():
            joins = " ".join(f"JOIN {t} e{n} ON e{n}.id = l.{c}"
                             for n, (c, t) in enumerate(ends))
            ends_cols = ", ".join(f"e{n}.uuid" for n in range(len(ends)))
            for own, *theirs in conn.execute(f"SELECT l.uuid, {ends_cols} FROM {table} l {joins}"):
                assert own == link_uuid(table, *theirs), table


def test_the_app_makes_link_ids_as_the_migration_does(demo_db):
    # The demo is seeded through the models (the before_flush listener), not the migration.
    _check_uuids(demo_db.path)


def test_downgrading_the_uuids_keeps_every_row(tmp_path):
    path = tmp_path / "down.db"
    sqlite3.connect(path).close()
    upgrade(path, "0005")
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA foreign_keys=ON")
        _fill_0005(conn)
    before = _dump(path)
    upgrade(path)
    downgrade(path, "0005")
    assert _dump(path) == before


def test_the_dietary_text_is_read_into_codes_and_what_is_not_read_is_kept(tmp_path):
    path = tmp_path / "at-0005.db"
    sqlite3.connect(path).close()
    upgrade(path, "0005")
    with sqlite3.connect(path) as conn:
        _fill_0005(conn)
        conn.execute("UPDATE person SET dietary = 'えび・かにアレルギー、生魚不可' WHERE id = 2")
        conn.execute("UPDATE person SET dietary = 'Peanut allergy, severe, carries EpiPen' "
                     "WHERE id = 3")
    open_database(path).dispose()
    with sqlite3.connect(path) as conn:
        rows = dict((r[0], r[1:]) for r in conn.execute(
            "SELECT id, dietary, dietary_codes, dietary_note FROM person WHERE id <= 3"))
    assert rows[1] == ("no pork", "no_pork:preference", "")
    assert rows[2] == ("えび・かにアレルギー、生魚不可", "shrimp:allergy,crab:allergy", "生魚不可")
    assert rows[3][1:] == ("peanut:severe", "")


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_the_write_ahead_log_files_are_owner_only_too(demo_db):
    with demo_db.engine.connect():  # the -wal and -shm files exist while a connection is open
        for suffix in ("-wal", "-shm"):
            side = demo_db.path.with_name(demo_db.path.name + suffix)
            assert stat.S_IMODE(os.stat(side).st_mode) == 0o600, suffix


def test_a_newer_revision_is_one_no_migration_names():
    from models.store.files import is_newer_revision

    # Revision ids are names, so "newer" cannot be a string comparison.
    assert [r for r in _revisions() if is_newer_revision(r)] == []
    assert is_newer_revision("9999") and is_newer_revision("zz99")


def test_a_link_id_is_the_uuid5_the_schema_describes():
    ends = ("6f1c2a34-0d7e-4b5a-9c8d-1e2f3a4b5c6d", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")
    namespace = uuid.UUID("6b2f3c1e-5a4d-4f0e-9c1b-6a6b616b6568")
    expected = uuid.uuid5(namespace, "room_guest:" + ":".join(ends))
    assert link_uuid("room_guest", *ends) == str(expected)
