"""The database file as a file: the schema revision it must carry, the header that makes it
SQLite, and a plain read-only connection. The low-level pieces db, backup and health share, so
that none of them imports another for them."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

from models.store.errors import CannotOpen, FolderMissing, NotADatabase

# Must equal Alembic's head (a test checks); kept here so start-up need not import Alembic.
SCHEMA_HEAD = "0018"
SQLITE_MAGIC = b"SQLite format 3\x00"
VERSIONS_DIR = Path(__file__).with_name("migrations") / "versions"


def is_newer_revision(revision: str) -> bool:
    """Whether a file's schema revision is one this version has no migration for: looked up in
    the migration scripts, never compared as text with the head."""
    return revision != SCHEMA_HEAD and revision not in known_revisions()


def check_file(path: Path) -> bool:
    """True when the file is new or empty; raise when it cannot be a database of ours."""
    if not path.parent.is_dir():
        raise FolderMissing(str(path.parent))
    if path.exists() and not path.is_file():  # /dev/null, a folder, a pipe: never a database
        raise NotADatabase(str(path))
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


def known_revisions() -> set[str]:
    """Every schema revision this version has a migration for (read from their files, without
    importing Alembic): a label outside it, such as "0004x", is not ours to upgrade."""
    found = set()
    for script in VERSIONS_DIR.glob("*.py"):
        if match := _REVISION.search(script.read_text(encoding="utf-8")):
            found.add(match[1])
    return found


_REVISION = re.compile(r"""^revision(?:: str)? = ["']([^"']+)["']""", re.MULTILINE)


def connect_ro(path: str | os.PathLike) -> sqlite3.Connection:
    # A URI made by as_uri(): "?" or "#" in a folder name would otherwise end the file name.
    return sqlite3.connect(Path(path).absolute().as_uri() + "?mode=ro", uri=True)
