"""The kill loop and its checks, shared by tests/test_kill.py and bench/crash.py.

Each round starts a writer on the same database file, SIGKILLs it at a random moment, then checks
the file: SQLite's own integrity and foreign-key checks, every acknowledged edit present, every
multi-row transaction wholly present or wholly absent. Two writers take turns:
- tests/writer_helper.py applies edits through models.repository and acknowledges each commit;
- every IMPORT_EVERY-th round, the `import-attendees` verb (tests/import_helper.py) imports an
  IMPORT_ROWS-row workbook into a mission of its own; exit 0 is its acknowledgement. Half of
  those kills come at a random moment of the whole run, half just after its write transaction
  began, so some surely land inside it.

SIGKILL stands for a crashing or force-quit app, not for power loss: the kernel still writes out
what the process had handed it, so this checks transactions and recovery, not fsync.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from models.store.db import open_database
from tests.writer_helper import ROSTER_SIZE, person_email, revision_of, title_ja

ROOT = Path(__file__).resolve().parents[1]
HELPER = Path(__file__).with_name("writer_helper.py")
IMPORT_HELPER = Path(__file__).with_name("import_helper.py")
IMPORT_EVERY = 3      # rounds 3, 6, 9, ... run the import verb
IMPORT_ROWS = 300     # its write transaction takes tens of ms here
# After READY: reading the workbook, the transaction and the exit all fall inside this.
IMPORT_DELAY_RANGE = (0.0, 0.7)
# After BEGIN: well inside the transaction, which takes several times this.
IMPORT_TX_DELAY_RANGE = (0.0, 0.03)
# Never reached: the helper must still be writing when the kill comes.
HELPER_COUNT = 1_000_000
# Counted from the helper's READY (database open), so slow imports do not shift the window.
# The helper makes a few hundred commits in this time; a roster transaction takes tens of ms.
DELAY_RANGE = (0.0, 0.6)
READY_TIMEOUT = 60.0


@dataclass
class Acks:
    """Everything the helpers have acknowledged so far, over all rounds."""

    orgs: set[str] = field(default_factory=set)
    missions: set[str] = field(default_factory=set)  # plain missions and rosters alike
    rosters: set[str] = field(default_factory=set)
    persons: set[str] = field(default_factory=set)
    titles: dict[str, int] = field(default_factory=dict)  # code -> newest acknowledged revision
    imports: set[str] = field(default_factory=set)  # missions whose import verb exited 0
    total: int = 0

    def add(self, line: str) -> None:
        word, kind, key = line.split()
        assert word == "ACK", line
        self.total += 1
        if kind == "org":
            self.orgs.add(key)
        elif kind == "mission":
            self.missions.add(key)
        elif kind == "roster":
            self.rosters.add(key)
            self.missions.add(key)
        elif kind == "person":
            self.persons.add(key)
        elif kind == "title":
            code, revision = key.split(":")
            self.titles[code] = max(self.titles.get(code, 0), int(revision))
        elif kind == "import":
            self.imports.add(key)
        else:
            raise ValueError(f"unknown ACK kind: {line}")


@dataclass
class Run:
    acks: list[str]
    killed: bool              # False when the helper finished or died on its own first
    in_flight: str | None     # "<kind> <key>" begun but not acknowledged when the kill came
    returncode: int
    stderr: str
    kind: str = "writer"      # or "import"


def run_and_kill(db_path: Path, seed: int, delay: float) -> Run:
    """Start the writer helper, SIGKILL it `delay` s after it is ready, collect what it said."""
    argv = [str(HELPER), str(db_path), str(seed), str(HELPER_COUNT)]
    return _run(argv, "READY", delay)


def import_and_kill(db_path: Path, code: str, roster: Path, delay: float, *,
                    after_begin: bool) -> Run:
    """Run the import verb; SIGKILL it `delay` s after READY, or after its transaction began."""
    argv = [str(IMPORT_HELPER), str(db_path), code, str(roster)]
    run = _run(argv, f"BEGIN import {code}" if after_begin else "READY", delay)
    run.kind = "import"
    if run.returncode == 0:  # the verb told the user the import is saved
        run.acks.append(f"ACK import {code}")
    return run


def _run(argv: list[str], marker: str, delay: float) -> Run:
    lines: list[str] = []
    ready = threading.Event()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        proc = subprocess.Popen(
            [sys.executable, *argv],
            stdout=subprocess.PIPE, stderr=err, text=True, encoding="utf-8", cwd=ROOT)

        # Read as the lines come: a full pipe would block the helper, and a blocked writer is
        # not "mid-work" any more.
        def read() -> None:
            for line in proc.stdout:
                lines.append(line.rstrip("\n"))
                if line.startswith(marker):
                    ready.set()
            ready.set()  # EOF: the helper is gone; do not let the caller wait out the timeout

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        if not ready.wait(READY_TIMEOUT):
            proc.kill()
        elif proc.poll() is None:
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)  # does nothing if it has already exited
        returncode = proc.wait()
        reader.join()
        err.seek(0)
        stderr = err.read()
    if "READY" not in lines:
        raise RuntimeError(f"writer_helper did not start (exit {returncode}):\n{stderr}")
    begun = [ln.split(None, 1)[1] for ln in lines if ln.startswith("BEGIN ")]
    acks = [ln for ln in lines if ln.startswith("ACK ")]
    acked = {ln.split(None, 1)[1] for ln in acks}
    in_flight = begun[-1] if begun and begun[-1] not in acked and returncode != 0 else None
    return Run(acks=acks, killed=returncode == -signal.SIGKILL, in_flight=in_flight,
               returncode=returncode, stderr=stderr)


@dataclass
class Findings:
    integrity: list[str] = field(default_factory=list)      # PRAGMA integrity_check, unless "ok"
    foreign_keys: list[tuple] = field(default_factory=list)  # PRAGMA foreign_key_check rows
    # Entries start with "<kind> <key>", then what is wrong; bench/crash.py counts by that start.
    lost: list[str] = field(default_factory=list)           # acknowledged but not in the file
    partial: list[str] = field(default_factory=list)        # a multi-row transaction half there
    in_flight_committed: bool | None = None  # the interrupted transaction: True if it made it

    @property
    def ok(self) -> bool:
        return not (self.integrity or self.foreign_keys or self.lost or self.partial)

    def summary(self) -> str:
        return (f"integrity={self.integrity[:5]} foreign_keys={self.foreign_keys[:5]} "
                f"lost={self.lost[:10]} partial={self.partial[:10]}")


def check(db_path: Path, acks: Acks, in_flight: str | None = None) -> Findings:
    """Check the file after a kill against everything acknowledged so far."""
    found = Findings()
    # A plain connection, not the app's engine: it must see the file as any reader would.
    conn = sqlite3.connect(db_path)
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            found.integrity = result
            return found  # the rest would only report noise from a damaged file
        found.foreign_keys = conn.execute("PRAGMA foreign_key_check").fetchall()

        orgs = {r[0] for r in conn.execute("SELECT name_en FROM organization")}
        found.lost += [f"org {k}" for k in sorted(acks.orgs - orgs)]
        missions = {r[0] for r in conn.execute("SELECT code FROM mission")}
        found.lost += [f"mission {k}" for k in sorted(acks.missions - missions)]

        titles = dict.fromkeys(acks.titles)
        for code, t_en, t_ja in conn.execute(
                "SELECT code, title_en, title_ja FROM mission WHERE code LIKE 'EDIT-%'"):
            titles[code] = (t_en, t_ja)
        for code, acked in sorted(acks.titles.items()):
            if titles.get(code) is None:
                continue  # the mission itself is missing: reported as lost above
            t_en, t_ja = titles[code]
            if revision_of(t_en) < acked:
                found.lost.append(f"title {code}: revision {revision_of(t_en)} < acked {acked}")
            if t_ja != title_ja(revision_of(t_en)):
                found.partial.append(f"title {code}: {t_en!r} with {t_ja!r}")

        # person + participant: one transaction, so never a person without the participant.
        people = dict(conn.execute(
            "SELECT p.email, count(pa.id) FROM person p "
            "LEFT JOIN participant pa ON pa.person_id = p.id "
            "WHERE p.email LIKE 'p-%' GROUP BY p.id"))
        found.lost += [f"person {k}" for k in sorted(acks.persons)
                       if person_email(k) not in people]
        found.partial += [f"person {e} with {n} participants" for e, n in people.items()
                          if n != 1]

        # roster: the mission, ROSTER_SIZE people and their participants, or none of them.
        participants = dict(conn.execute(
            "SELECT m.code, count(pa.id) FROM mission m "
            "LEFT JOIN participant pa ON pa.mission_id = m.id "
            "WHERE m.code LIKE 'R-%' GROUP BY m.id"))
        people = {r[0][len("roster "):]: r[1] for r in conn.execute(
            "SELECT notes, count(*) FROM person WHERE notes LIKE 'roster %' GROUP BY notes")}
        for code in sorted(participants.keys() | people.keys()):
            counts = (participants.get(code), people.get(code, 0))
            if counts != (ROSTER_SIZE, ROSTER_SIZE):
                found.partial.append(f"roster {code}: (participants, people) = {counts}")
        found.lost += [f"import {k}" for k in sorted(acks.imports)
                        if participants_of(conn, k) != IMPORT_ROWS]
        found.partial += check_imports(conn)
        if in_flight is not None:
            kind, key = in_flight.split()
            found.in_flight_committed = (key in participants if kind == "roster"
                                         else participants_of(conn, key) == IMPORT_ROWS)
    finally:
        conn.close()
    # The app itself must still open the file (and find its schema revision) after the kill.
    open_database(db_path).dispose()
    return found


def import_note(code: str) -> str:
    return f"import {code}"


def import_organization(code: str) -> str:
    return f"Imported org {code}"


def write_import_roster(path: Path, code: str) -> Path:
    """IMPORT_ROWS new people of one new organization, each carrying the mission's code."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Family name", "Given name", "Organization", "E-mail", "Notes"])
    for i in range(IMPORT_ROWS):
        ws.append([f"Member{i}", "Imported", import_organization(code),
                   f"{code.lower()}.{i}@import.example", import_note(code)])
    wb.save(path)
    return path


def participants_of(conn: sqlite3.Connection, code: str) -> int:
    return conn.execute("SELECT count(pa.id) FROM mission m JOIN participant pa "
                        "ON pa.mission_id = m.id WHERE m.code = ?", (code,)).fetchone()[0]


def check_imports(conn: sqlite3.Connection) -> list[str]:
    """Each import is all or nothing: its participants, people and organization together."""
    partial = []
    for (code,) in conn.execute("SELECT code FROM mission WHERE code LIKE 'I-%'").fetchall():
        people = conn.execute("SELECT count(*) FROM person WHERE notes = ?",
                              (import_note(code),)).fetchone()[0]
        orgs = conn.execute("SELECT count(*) FROM organization WHERE name_en = ?",
                            (import_organization(code),)).fetchone()[0]
        counts = (participants_of(conn, code), people, orgs)
        if counts not in ((0, 0, 0), (IMPORT_ROWS, IMPORT_ROWS, 1)):
            partial.append(f"import {code}: (participants, people, organizations) = {counts}")
    return partial


def start_import(db_path: Path, code: str, work: Path) -> Path:
    """The import's own new mission, committed before the verb starts; and its workbook."""
    from datetime import date

    from models import repository as repo
    from models.store.db import write_session

    db = open_database(db_path)
    try:
        with write_session(db.engine) as session:
            repo.create_mission(session, code=code, title_en=f"Import {code}",
                                title_ja=f"取込 {code}", start_date=date(2026, 12, 1),
                                end_date=date(2026, 12, 5), home_tz="Asia/Tokyo")
    finally:
        db.dispose()
    return write_import_roster(work / f"{code}.xlsx", code)


@dataclass
class Round:
    index: int
    delay: float
    run: Run
    findings: Findings


def kill_rounds(db_path: Path, rounds: int, seed: int) -> Iterator[tuple[Round, Acks]]:
    """Run `rounds` writers on one file, killing each; yield each round with its findings.

    A round whose import finished before its kill counts as a round, not as a kill.

    `seed` fixes the delays and every helper's sequence of edits, so a failing round can be
    replayed (the exact instant of each kill still depends on the machine).
    """
    rng = random.Random(seed)
    acks = Acks()
    # Created (and migrated) before the first kill: a kill during the very first migration is
    # another question than "nothing acknowledged is lost".
    open_database(db_path).dispose()
    for index in range(rounds):
        if index % IMPORT_EVERY == IMPORT_EVERY - 1:
            code = f"I-{seed}-{index}"
            roster = start_import(db_path, code, db_path.parent)
            acks.add(f"ACK mission {code}")
            after_begin = (index // IMPORT_EVERY) % 2 == 1
            delay = rng.uniform(*(IMPORT_TX_DELAY_RANGE if after_begin else IMPORT_DELAY_RANGE))
            run = import_and_kill(db_path, code, roster, delay, after_begin=after_begin)
        else:
            delay = rng.uniform(*DELAY_RANGE)
            run = run_and_kill(db_path, seed=seed * 10_000 + index, delay=delay)
        for line in run.acks:
            acks.add(line)
        yield Round(index, delay, run, check(db_path, acks, run.in_flight)), acks


def posix_kill_available() -> bool:
    return os.name == "posix" and hasattr(signal, "SIGKILL")
