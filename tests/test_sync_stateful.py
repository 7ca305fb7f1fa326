"""Three laptops (three real SQLite files) and one real PostgreSQL server: random offline
edits, inserts, deletes, undos and resolutions of people, itinerary items and hotel rooms (a
room under an item: an item's delete takes its rooms along), syncs in random order; then every
laptop syncs. Every laptop must equal the server (its sync tables, and its own tables as the
app reads them), every change a push delivered must be applied or kept in a conflict, and
each conflict must be true and reported once."""

from __future__ import annotations

import itertools
import os
import shutil

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test

from models.sync import NotAllowed, list_conflicts, resolve_conflict, sync_mission, wire
from tests.conftest import copy_template
from tests.sync_helpers import (
    CODE,
    document,
    laptops,
    local_state,
    mission_uuid,
    new_person,
    one,
    run,
    server_document,
    server_rows,
    server_state,
)

FIELDS = ("notes", "email", "title_en", "family_name")
# The other parts the machine changes: table -> fields it edits.
OTHERS = {"itinerary_item": ("title_en", "notes_en", "location_en"), "room": ("label", "notes")}
LAPTOP = st.integers(0, 2)


def new_item(engine, title: str) -> str:
    from datetime import UTC, datetime

    from sqlmodel import select

    from models.entities import ItineraryItem, Mission
    from models.store.db import write_session

    with write_session(engine) as session:
        mission = session.exec(select(Mission).where(Mission.code == CODE)).one()
        item = ItineraryItem(mission_id=mission.id, title_en=title,
                             start_utc=datetime(2026, 5, 12, 1, tzinfo=UTC),
                             end_utc=datetime(2026, 5, 12, 2, tzinfo=UTC))
        session.add(item)
        session.flush()
        return item.uuid


def new_room(engine, item_uuid: str, label: str) -> str:
    from sqlmodel import select

    from models.entities import ItineraryItem, Room
    from models.store.db import write_session

    with write_session(engine) as session:
        item = session.exec(select(ItineraryItem).where(ItineraryItem.uuid == item_uuid)).one()
        room = Room(item_id=item.id, label=label)
        session.add(room)
        session.flush()
        return room.uuid


def keep_the_log(url: str) -> None:
    """Every change the server logs, copied as it is logged: the pulls compact the change log
    meanwhile (purge_log), and the check reads what was ever applied."""
    import psycopg

    with psycopg.connect(url) as conn:
        conn.execute("CREATE TABLE log_copy AS SELECT * FROM kakehashi_sync.change_log")
        conn.execute("CREATE FUNCTION copy_log() RETURNS trigger LANGUAGE plpgsql AS $$ "
                     "BEGIN INSERT INTO public.log_copy SELECT NEW.*; RETURN NEW; END $$")
        conn.execute("CREATE TRIGGER copy_log AFTER INSERT ON kakehashi_sync.change_log "
                     "FOR EACH ROW EXECUTE FUNCTION copy_log()")


@pytest.mark.slow
def test_three_laptops_converge_and_lose_nothing(pg_server, db_templates, tmp_path, monkeypatch):
    names = itertools.count()
    pushed: list[tuple[str, dict]] = []
    real_push = wire.push

    def recording_push(conn, mission, batch_id, client, organizer, changes):
        reply = real_push(conn, mission, batch_id, client, organizer, changes)
        pushed.extend((client, change) for change in changes)     # delivered: a reply came
        return reply

    monkeypatch.setattr(wire, "push", recording_push)

    class Laptops(RuleBasedStateMachine):
        @initialize()
        def share(self):
            pushed.clear()
            self.folder = tmp_path / f"run{next(names)}"
            self.folder.mkdir()
            self.url = pg_server.new_database("template_empty")
            first = copy_template(db_templates, "demo", self.folder / "laptop0.db")
            self.dbs = laptops(first, self.folder, self.url, 3)
            self.mission = mission_uuid(self.dbs[0].engine)
            keep_the_log(self.url)
            self.deleted: list[list] = [[], [], []]
            self.values = itertools.count()

        def engine(self, n):
            return self.dbs[n].engine

        def people(self, n) -> list[str]:
            return [u for (u,) in run(self.engine(n), "SELECT uuid FROM person ORDER BY uuid")]

        @rule(n=LAPTOP, pick=st.integers(0, 10_000), name=st.sampled_from(FIELDS))
        def edit(self, n, pick, name):
            people = self.people(n)
            if people:
                run(self.engine(n), f"UPDATE person SET {name} = ? WHERE uuid = ?",
                    f"v{next(self.values)}", people[pick % len(people)])

        @rule(n=LAPTOP)
        def add(self, n):
            new_person(self.engine(n), f"New{next(self.values)}")

        @rule(n=LAPTOP, pick=st.integers(0, 10_000))
        def delete(self, n, pick):
            people = self.people(n)
            if not people:
                return
            person = people[pick % len(people)]
            engine = self.engine(n)
            saved = (run(engine, "SELECT * FROM person WHERE uuid = ?", person)[0],
                     run(engine, "SELECT uuid, role, status FROM participant WHERE person_id = "
                         "(SELECT id FROM person WHERE uuid = ?)", person))
            run(engine, "DELETE FROM person WHERE uuid = ?", person)
            self.deleted[n].append(saved)

        @rule(n=LAPTOP)
        def undo_delete(self, n):
            """Undo the laptop's last delete: the same rows again, by UUID."""
            if not self.deleted[n]:
                return
            row, places = self.deleted[n].pop()
            engine = self.engine(n)
            columns = [c for (c,) in run(engine, "SELECT name FROM pragma_table_info('person')")]
            values = dict(zip(columns, row, strict=True))
            values.pop("id")
            if one(engine, "SELECT count(*) FROM person WHERE uuid = ?", values["uuid"]):
                return
            run(engine, f"INSERT INTO person ({', '.join(values)}) VALUES "
                f"({', '.join('?' * len(values))})", *values.values())
            for place, role, status in places:
                run(engine, "INSERT INTO participant (uuid, mission_id, person_id, role, status) "
                    "VALUES (?, (SELECT id FROM mission WHERE code = ?), (SELECT id FROM person "
                    "WHERE uuid = ?), ?, ?)", place, CODE, values["uuid"], role, status)

        def uuids(self, n, table) -> list[str]:
            return [u for (u,) in run(self.engine(n), f"SELECT uuid FROM {table} WHERE "
                                      f"uuid IN ({self.mission_rows(n)}) ORDER BY uuid")]

        def mission_rows(self, n) -> str:
            """Rows of the shared mission (the demo file holds other missions too)."""
            return ("SELECT i.uuid FROM itinerary_item i JOIN mission m ON m.id = i.mission_id "
                    f"WHERE m.code = '{CODE}' UNION SELECT r.uuid FROM room r JOIN "
                    "itinerary_item i ON i.id = r.item_id JOIN mission m ON m.id = i.mission_id "
                    f"WHERE m.code = '{CODE}'")

        @rule(n=LAPTOP, table=st.sampled_from(sorted(OTHERS)), pick=st.integers(0, 10_000),
              which=st.integers(0, 2))
        def edit_other(self, n, table, pick, which):
            rows = self.uuids(n, table)
            if rows:
                name = OTHERS[table][which % len(OTHERS[table])]
                run(self.engine(n), f"UPDATE {table} SET {name} = ? WHERE uuid = ?",
                    f"v{next(self.values)}", rows[pick % len(rows)])

        @rule(n=LAPTOP, pick=st.integers(0, 10_000), room=st.booleans())
        def add_other(self, n, pick, room):
            items = self.uuids(n, "itinerary_item")
            if room and items:
                new_room(self.engine(n), items[pick % len(items)], f"R{next(self.values)}")
            else:
                new_item(self.engine(n), f"Item{next(self.values)}")

        @rule(n=LAPTOP, table=st.sampled_from(sorted(OTHERS)), pick=st.integers(0, 10_000))
        def delete_other(self, n, table, pick):
            rows = self.uuids(n, table)
            if rows:       # an item's delete takes its rooms (and places) along
                run(self.engine(n), f"DELETE FROM {table} WHERE uuid = ?", rows[pick % len(rows)])

        @rule(n=LAPTOP)
        def sync(self, n):
            sync_mission(self.engine(n), CODE)

        @rule(i=LAPTOP, j=LAPTOP, table=st.sampled_from(["person", *sorted(OTHERS)]),
              pick=st.integers(0, 10_000), under=st.booleans(), first=st.booleans())
        def edit_against_delete(self, i, j, table, pick, under, first):
            """i edits a row both laptops hold while j deletes it (`under`: for a room, the
            stay it hangs on), then both sync, the editor first or last: a conflict to
            settle, edit against delete either way round."""
            if i == j:
                return
            held = (self.people if table == "person" else
                    lambda n: self.uuids(n, table))
            rows = sorted(set(held(i)) & set(held(j)))
            if not rows:
                return
            row = rows[pick % len(rows)]
            name = "notes" if table == "person" else OTHERS[table][0]
            run(self.engine(i), f"UPDATE {table} SET {name} = ? WHERE uuid = ?",
                f"v{next(self.values)}", row)
            if table == "room" and under:
                run(self.engine(j), "DELETE FROM itinerary_item WHERE id = "
                    "(SELECT item_id FROM room WHERE uuid = ?)", row)
            else:
                run(self.engine(j), f"DELETE FROM {table} WHERE uuid = ?", row)
            for n in ((i, j) if first else (j, i)):
                sync_mission(self.engine(n), CODE)

        @rule(n=LAPTOP, take=st.sampled_from(["mine", "theirs", "typed"]),
              pick=st.integers(0, 10_000))
        def resolve(self, n, take, pick):
            """Any open conflict, any choice: one that cannot settle it (a row revived under
            a deleted parent, a value typed for a whole row) is refused and changes nothing."""
            open_ = list_conflicts(self.engine(n), CODE)
            if not open_:
                return
            found = open_[pick % len(open_)]
            before = server_state(self.url, self.mission)
            try:
                resolve_conflict(self.engine(n), CODE, found.number,
                                 f"t{next(self.values)}" if take == "typed" else take)
            except NotAllowed:
                assert server_state(self.url, self.mission) == before

        def teardown(self):
            try:
                for n in (0, 1, 2, 0, 1, 2):
                    sync_mission(self.engine(n), CODE)
                self.check()
            finally:
                for db in self.dbs:
                    db.dispose()
                shutil.rmtree(self.folder, ignore_errors=True)

        def check(self):
            server = server_state(self.url, self.mission)
            for n in range(3):
                assert local_state(self.engine(n)) == server, f"laptop {n} differs"
            # and the server's own tables (the app opened on it) hold the same mission
            assert server_document(self.url) == document(self.engine(0))
            assert server_rows(self.url, "SELECT * FROM kakehashi_sync.typed_lag") == []
            # the change log compacted: at most one entry a row, past where every laptop is
            assert server_rows(self.url, "SELECT count(*) FROM kakehashi_sync.change_log l "
                               "WHERE l.seq <= (SELECT min(pulled) FROM kakehashi_sync.client) "
                               "AND l.seq NOT IN (SELECT seq FROM kakehashi_sync.shared_row)"
                               ) == [(0,)]
            # by any laptop: a row deleted twice, or one value set on two, is applied once
            log = {(u, op, f, repr(v)) for u, op, f, v in server_rows(
                self.url, "SELECT uuid, op, coalesce(field, ''), "
                "CASE WHEN op = 'update' THEN value END FROM log_copy")}
            conflicts = server_rows(self.url, "SELECT client, uuid, what, field, base, mine, "
                                    "theirs, resolved_at IS NULL FROM kakehashi_sync.conflict")
            kept = {(c, u, f, repr(m)) for c, u, _w, f, _b, m, _t, _o in conflicts}
            whole_rows = {(c, u) for c, u, w, *_ in conflicts if w != "edit"}
            for client, change in pushed:
                row, op = change["row"], change["op"]
                if op == "update":
                    value = change["value"]
                    assert ((row, "update", change["field"], repr(value)) in log
                            or (client, row, change["field"], repr(value)) in kept
                            or (client, row) in whole_rows), change
                else:
                    assert ((row, op, "", "None") in log
                            or (client, row) in whole_rows or any(
                                c == client and u == row for c, u, *_ in kept)), change
            # each conflict true, and reported once
            keys = [(c, u, f, repr(m)) for c, u, w, f, _b, m, _t, _o in conflicts if w == "edit"]
            assert len(keys) == len(set(keys))
            for _c, _u, what, _f, base, mine, theirs, still_open in conflicts:
                if what == "edit" and still_open:
                    assert theirs != base and theirs != mine
            shown = {c.number for c in list_conflicts(self.engine(0), CODE)}
            assert len(shown) == sum(1 for *_x, still_open in conflicts if still_open)

    run_state_machine_as_test(Laptops, settings=settings(
        max_examples=int(os.environ.get("KAKEHASHI_SYNC_EXAMPLES", "7")),
        stateful_step_count=14, deadline=None,
        # Bounded: no explain phase (its line tracing makes each step many times slower) and
        # no shrinking (minutes against a server); a failing case is printed as found.
        phases=(Phase.explicit, Phase.reuse, Phase.generate),
        suppress_health_check=list(HealthCheck)))
