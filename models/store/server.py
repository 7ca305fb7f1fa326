"""A PostgreSQL server as the store: its URL, engine and errors (psycopg 3, the `[postgres]`
extra). The file store's backups, compaction and PRAGMAs have no part here; the server's own
tools (pg_dump) keep its copies.
"""

from __future__ import annotations

import os

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from models.store.errors import (
    CannotOpen,
    Conflict,
    DatabaseBusy,
    DiskFull,
    ReadOnlyDatabase,
    StorageError,
    WriteFailed,
)

SCHEMES = ("postgresql://", "postgresql+psycopg://", "postgres://")
CONNECT_TIMEOUT_S = 10


def is_server_url(location: str | os.PathLike) -> bool:
    return isinstance(location, str) and location.startswith(SCHEMES)


def shown_url(url: str) -> str:
    """The URL for messages and logs: never its password."""
    return make_url(url).render_as_string(hide_password=True)


def make_server_engine(url: str, *, pooled: bool = True) -> Engine:
    try:
        parsed = make_url(url).set(drivername="postgresql+psycopg")
    except Exception as exc:  # noqa: BLE001 - SQLAlchemy's ArgumentError and ValueError alike
        raise CannotOpen(url.split("@")[-1], str(exc)) from exc
    try:
        import psycopg  # noqa: F401 - only to say what is missing before connecting
    except ImportError as exc:
        raise CannotOpen(shown_url(url), "psycopg is not installed: "
                         "pip install 'kakehashi[postgres]'") from exc
    engine = create_engine(parsed, connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
                           **({} if pooled else {"poolclass": NullPool}))
    engine.kakehashi_path = shown_url(url)
    return engine


# SQLSTATE classes and codes (PostgreSQL's appendix A) a user can act on.
_DISK_FULL = {"53100"}
_READ_ONLY = {"25006"}
_BUSY = {"55P03", "40001", "40P01", "57014"}


def server_error(exc: OperationalError, where: str) -> StorageError:
    code = getattr(exc.orig, "sqlstate", "") or ""
    if code in _DISK_FULL:
        return DiskFull()
    if code in _READ_ONLY:
        return ReadOnlyDatabase(where)
    if code in _BUSY:
        return DatabaseBusy()
    if code.startswith("08") or not code:      # connection lost or never made
        return CannotOpen(where, _primary(exc.orig))
    if code.startswith("23"):                  # a unique key or a reference: as SQLite's
        return Conflict(_primary(exc.orig))
    return WriteFailed(_primary(exc.orig))


def _primary(orig) -> str:
    """The server's one-line reason, never its DETAIL, which quotes the row's values (a
    passport number in a unique key)."""
    text = str(orig).strip()
    return text.splitlines()[0] if text else ""
