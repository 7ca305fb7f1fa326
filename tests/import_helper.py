"""The `import-attendees` verb, to be killed: main.py's own code, with its write announced.

Run as `python tests/import_helper.py DB_PATH CODE FILE.xlsx`. It prints `READY`, then runs
`main.main(["import-attendees", CODE, FILE, "--db", DB_PATH])` in this process, so what runs is
the verb as a user runs it: argument parsing, opening (and backing up) the file, reading the
workbook, matching and writing. The one addition is a line `BEGIN import CODE`, printed once the
import's write transaction holds the write lock (BEGIN IMMEDIATE has run), so the parent can kill
it inside the transaction on purpose. The exit code is the verb's: 0 means the user was told
the import is saved.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import main as app  # noqa: E402
from models.store import db  # noqa: E402


def announce_writes(code: str) -> None:
    """Wrap models.store.db.write_session; documents.roster.apply looks it up at call time."""
    real = db.write_session

    @contextmanager
    def announced(engine):
        with real(engine) as session:
            # The session's connection began its transaction (BEGIN IMMEDIATE) in write_session.
            print(f"BEGIN import {code}", flush=True)
            yield session

    db.write_session = announced


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: import_helper.py DB_PATH CODE FILE.xlsx", file=sys.stderr)
        return 2
    path, code, roster = argv
    announce_writes(code)
    print("READY", flush=True)
    code_ = app.main(["import-attendees", code, roster, "--db", path, "--lang", "en"])
    sys.stdout.flush()
    return code_


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
