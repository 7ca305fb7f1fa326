"""The database file as a file: the schema revision it must carry, the header that makes it
SQLite, and a plain read-only connection. The low-level pieces db, backup and health share, so
that none of them imports another for them."""

from __future__ import annotations

import os
import re
import sqlite3
from functools import cache
from pathlib import Path

from models.store.errors import CannotOpen, FolderMissing, NotADatabase

# Must equal Alembic's head (a test checks); kept here so start-up need not import Alembic.
SCHEMA_HEAD = "i15"
SQLITE_MAGIC = b"SQLite format 3\x00"
VERSIONS_DIR = Path(__file__).with_name("migrations") / "versions"


@cache
def known_revisions() -> frozenset[str]:
    """Every revision our migrations know, read from their files without importing Alembic
    (only when a file is not at SCHEMA_HEAD): any other revision is from a newer app."""
    found = re.compile(r'^revision = "([^"]+)"', re.M)
    return frozenset(m.group(1) for f in VERSIONS_DIR.glob("*.py")
                     for m in found.finditer(f.read_text(encoding="utf-8")))


def check_file(path: Path) -> bool:
    """True when the file is new or empty; raise when it cannot be a database of ours."""
    if not path.parent.is_dir():
        raise FolderMissing(str(path.parent))
    if not path.exists() or path.stat().st_size == 0:
        return True
    try:
        with open(path, "rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise CannotOpen(str(path), exc.strerror or str(exc)) from exc
    if head != SQLITE_MAGIC:
        raise NotADatabase(str(path))
    return False


def connect_ro(path: str | os.PathLike) -> sqlite3.Connection:
    # A URI made by as_uri(): "?" or "#" in a folder name would otherwise end the file name.
    return sqlite3.connect(Path(path).absolute().as_uri() + "?mode=ro", uri=True)
