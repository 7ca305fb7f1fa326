"""The database file as a file: the schema revision it must carry, the header that makes it
SQLite, and a plain read-only connection. The low-level pieces db, backup and health share, so
that none of them imports another for them."""

from __future__ import annotations

import functools
import os
import re
import sqlite3
from pathlib import Path

from models.store.errors import CannotOpen, FolderMissing, NotADatabase

# Must equal Alembic's head (a test checks); kept here so start-up need not import Alembic.
SCHEMA_HEAD = "i17"
SQLITE_MAGIC = b"SQLite format 3\x00"
_VERSIONS = Path(__file__).with_name("migrations") / "versions"
_REVISION_LINE = re.compile(r'^revision\s*=\s*"([^"]+)"', re.MULTILINE)


@functools.cache
def known_revisions() -> frozenset[str]:
    """The revisions this version's migration scripts name, read as text (not through Alembic:
    start-up must not import it). Revisions are names, not numbers ("i17" is not after "0009"),
    so a file is newer when it carries one of none of them."""
    return frozenset(m.group(1) for f in _VERSIONS.glob("*.py")
                     for m in [_REVISION_LINE.search(f.read_text(encoding="utf-8"))] if m)


def is_newer(revision: str) -> bool:
    return revision != SCHEMA_HEAD and revision not in known_revisions()


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
