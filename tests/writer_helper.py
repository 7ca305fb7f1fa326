"""A writer to be killed: applies edits through models.repository and acknowledges each commit.

Run as `python tests/writer_helper.py DB_PATH SEED COUNT`. It prints `READY` once the database is
open, then for every edit, only after its write transaction has committed, one line
`ACK <kind> <key>`, flushed at once: a line the parent has read is an edit a user was told is
saved. Before a multi-row transaction it prints `BEGIN <kind> <key>`, so the parent can tell
which transaction a kill interrupted. `DONE` when all COUNT edits are through.

Kinds and keys (unique across runs because every key carries SEED):
  org      organization name           one row
  mission  mission code                 mission + organizer link
  title    CODE:REVISION                 edit of one of the long-lived EDIT-* missions
  person   e-mail of the new person      person + participant, one transaction
  roster   mission code                 mission + ROSTER_SIZE people + participants, one
           transaction through the repository (the import verb itself is killed by
           tests/import_helper.py, in other rounds)
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from models import repository as repo  # noqa: E402
from models.store.db import open_database, write_session  # noqa: E402

ROSTER_SIZE = 50
EDIT_TARGETS = ("EDIT-A", "EDIT-B", "EDIT-C")
# Weights: the roster is the slow transaction, so it is where most kills land mid-transaction.
KINDS = {"org": 3, "mission": 3, "title": 4, "person": 3, "roster": 2}


def title_en(revision: int) -> str:
    return f"Revision {revision}"


def title_ja(revision: int) -> str:
    return f"第{revision}版"


def revision_of(title: str) -> int:
    """The revision number in an EDIT-* mission's English title (0 before its first edit)."""
    prefix = "Revision "
    return int(title[len(prefix):]) if title.startswith(prefix) else 0


def person_email(key: str) -> str:
    return f"{key}@example.jp"


def roster_note(code: str) -> str:
    # Every person of one roster carries this note, so a check can find them with no mission.
    return f"roster {code}"


def ack(kind: str, key: str) -> None:
    print(f"ACK {kind} {key}", flush=True)


class Writer:
    def __init__(self, engine, seed: int):
        self.engine, self.seed = engine, seed
        self.rng = random.Random(seed)
        self.org_ids: list[int] = []
        self.mission_ids: list[int] = []

    def _dates(self) -> tuple[date, date]:
        start = date(2026, 1, 1) + timedelta(days=self.rng.randrange(700))
        return start, start + timedelta(days=self.rng.randrange(1, 14))

    def ensure_edit_targets(self) -> None:
        for code in EDIT_TARGETS:
            with write_session(self.engine) as session:
                row = repo.get_mission_by_code(session, code=code)
                if row is None:
                    start, end = self._dates()
                    mission_id = repo.create_mission(
                        session, code=code, title_en=title_en(0), title_ja=title_ja(0),
                        start_date=start, end_date=end, home_tz="Asia/Tokyo")
                else:
                    mission_id = row.id
            if row is None:
                ack("mission", code)
            self.mission_ids.append(mission_id)

    def org(self, n: int) -> None:
        name = f"Org-{self.seed}-{n}"
        with write_session(self.engine) as session:
            self.org_ids.append(repo.create_organization(session, name_en=name,
                                                         name_ja=f"団体{self.seed}-{n}"))
        ack("org", name)

    def mission(self, n: int) -> None:
        code = f"M-{self.seed}-{n}"
        organizers = self.rng.sample(self.org_ids, min(len(self.org_ids), 2))
        start, end = self._dates()
        with write_session(self.engine) as session:
            self.mission_ids.append(repo.create_mission(
                session, code=code, title_en=f"Mission {code}", title_ja=f"ミッション {code}",
                start_date=start, end_date=end, home_tz="America/New_York",
                organizer_ids=organizers))
        ack("mission", code)

    def title(self, n: int) -> None:
        code = self.rng.choice(EDIT_TARGETS)
        with write_session(self.engine) as session:
            # Read and bump inside the write lock, so revisions only grow, across runs too.
            row = repo.get_mission_by_code(session, code=code)
            revision = revision_of(row.title_en) + 1
            repo.update_mission(session, mission_id=row.id, title_en=title_en(revision),
                                title_ja=title_ja(revision))
        ack("title", f"{code}:{revision}")

    def person(self, n: int) -> None:
        key = f"p-{self.seed}-{n}"
        mission_id = self.rng.choice(self.mission_ids)
        with write_session(self.engine) as session:
            person_id = repo.create_person(session, family_name="Sato", given_name=key,
                                           family_name_ja="佐藤", email=person_email(key))
            repo.add_participant(session, mission_id=mission_id, person_id=person_id,
                                 role="delegate", status="invited")
        ack("person", key)

    def roster(self, n: int) -> None:
        code = f"R-{self.seed}-{n}"
        start, end = self._dates()
        print(f"BEGIN roster {code}", flush=True)
        with write_session(self.engine) as session:
            mission_id = repo.create_mission(
                session, code=code, title_en=f"Roster {code}", title_ja=f"名簿 {code}",
                start_date=start, end_date=end, home_tz="Asia/Tokyo")
            for i in range(ROSTER_SIZE):
                person_id = repo.create_person(
                    session, family_name=f"Member{i}", given_name=code, family_name_ja="鈴木",
                    given_name_ja=f"{i}号", notes=roster_note(code))
                repo.add_participant(session, mission_id=mission_id, person_id=person_id,
                                     role="delegate", status="confirmed")
        # Not added to mission_ids: a roster must keep exactly its own ROSTER_SIZE participants.
        ack("roster", code)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: writer_helper.py DB_PATH SEED COUNT", file=sys.stderr)
        return 2
    path, seed, count = argv[0], int(argv[1]), int(argv[2])
    db = open_database(path)
    writer = Writer(db.engine, seed)
    print("READY", flush=True)
    writer.ensure_edit_targets()
    kinds, weights = list(KINDS), list(KINDS.values())
    writer.org(0)  # so missions from the start can have an organizer
    for n in range(1, count):
        getattr(writer, writer.rng.choices(kinds, weights)[0])(n)
    db.dispose()
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
