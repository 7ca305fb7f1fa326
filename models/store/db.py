"""The database: one SQLite file (or a PostgreSQL server, see server.py), its connection
settings, schema upgrades and sessions.

Start-up stays cheap: the schema revision is read with one query and Alembic is imported only
when a migration must run.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine  # also the type documents/ names, without SQLAlchemy
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import (
    DBAPIError,
    IntegrityError,
    OperationalError,
    SQLAlchemyError,
    StatementError,
)
from sqlalchemy.pool import NullPool
from sqlmodel import Session, create_engine

from models.store import empty_schema
from models.store.backup import UpgradeNeedsBackup, auto_backup, checked_backup
from models.store.errors import (
    CannotOpen,
    Conflict,
    DamagedDatabase,
    DatabaseBusy,
    DatabaseFailed,
    DiskFull,
    NewerDatabase,
    NotADatabase,
    ReadOnlyDatabase,
    StorageError,
    WriteFailed,
)
from models.store.files import SCHEMA_HEAD, check_file, is_newer_revision
from models.store.server import is_server_url, make_server_engine, server_error, shown_url

__all__ = ["MIGRATIONS_DIR", "SCHEMA_HEAD", "Database", "current_revision", "database_error",
           "downgrade", "is_server_url", "make_engine", "open_database", "read_session",
           "storage_error", "upgrade", "write_session"]

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 10_000


def _configure_connection(dbapi_conn: sqlite3.Connection, foreign_keys: bool,
                          read_only: bool = False) -> None:
    # The driver's own implicit BEGIN is off: our "begin" listener emits BEGIN itself, so PRAGMAs
    # here run outside any transaction (inside one, SQLite silently ignores foreign_keys).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # Deleted rows are overwritten with zeros, so a deleted person's passport number does not
    # linger in free pages of the file (VACUUM then gives the space back).
    cur.execute("PRAGMA secure_delete=ON")
    if read_only:  # switching the journal mode writes to the file
        cur.close()
        return
    cur.execute("PRAGMA journal_mode=WAL")
    # In WAL mode, NORMAL may lose the last commits on power failure (they sit in the WAL until a
    # checkpoint is synced); FULL syncs the WAL on every commit, so an acknowledged edit survives.
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _on_begin(conn) -> None:
    # Writers take the write lock at BEGIN, so two writers wait on the busy timeout instead of
    # failing halfway with "database is locked" when a read transaction tries to upgrade.
    immediate = conn.get_execution_options().get("kakehashi_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(path: Path, *, foreign_keys: bool = True, pooled: bool = True,
                read_only: bool = False) -> Engine:
    options: dict = {} if pooled else {"poolclass": NullPool}
    if read_only:
        # mode=ro refuses writes in SQLite itself; immutable=1 lets a file in a read-only
        # folder be read without the -wal/-shm files SQLite could not create there.
        immutable = "&immutable=1" if not _writable(path.parent) else ""
        uri = f"{path.as_uri()}?mode=ro{immutable}"
        options["creator"] = lambda: sqlite3.connect(
            uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    engine = create_engine(
        "sqlite://" if read_only else f"sqlite:///{path}",
        # A statement's parameters hold passport numbers: never in an error's text.
        hide_parameters=True,
        connect_args={} if read_only else {"timeout": BUSY_TIMEOUT_MS / 1000,
                                           "check_same_thread": False},
        **options,
    )
    event.listen(engine, "connect",
                 lambda c, _r: _configure_connection(c, foreign_keys, read_only))
    engine.kakehashi_path = path  # for messages: a read-only engine's URL names no file
    event.listen(engine, "begin", _on_begin)
    return engine


@dataclass
class Database:
    """An open database file (or server): its engine and whether this open created it."""

    path: Path | None                 # None for a server, which `url` names
    engine: Engine
    created: bool
    read_only: bool = False
    # What the integrity check found in today's first backup, i.e. in this file as it was
    # opened; empty when sound or not checked (the check comes with the daily backup only).
    damage: list[str] = field(default_factory=list)
    notice: str = ""               # said once when opened: what the user sees is a copy
    copy_folder: Path | None = None
    url: str = ""                     # a server's, without its password

    @property
    def is_server(self) -> bool:
        return self.path is None

    @property
    def location(self) -> str:
        """Where it is, for the user and the log: the file's path or the server's URL."""
        return self.url if self.is_server else str(self.path)

    def dispose(self) -> None:
        self.engine.dispose()
        if self.copy_folder is not None:
            shutil.rmtree(self.copy_folder, ignore_errors=True)
            self.copy_folder = None


def _writable(path: Path) -> bool:
    """False for a file or folder without write permission, or marked read-only (no write bit,
    which also holds for root, who may write anywhere)."""
    try:
        return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)
    except OSError:
        return False


def _create_private(path: Path) -> None:
    # Owner-only from the first byte: the file will hold passport numbers of other people.
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database, None when it has no tables at all, "foreign" when
    it has tables but none of ours."""
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        if not tables:
            return None
        if "alembic_version" not in tables:
            return "foreign"
        row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
        return row[0] if row else None


def _migrate(location: Path | str, step) -> None:
    """Run an Alembic command on the file (foreign keys off, then checked) or the server."""
    from alembic.config import Config

    server = is_server_url(location)
    engine = (make_server_engine(location, pooled=False) if server
              else make_engine(Path(location), foreign_keys=False, pooled=False))
    try:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        with engine.connect() as conn:
            cfg.attributes["connection"] = conn
            step(cfg)
            # A server checks every foreign key as it goes; the file had them off.
            broken = [] if server else conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            conn.commit()
        if broken:
            raise CannotOpen(str(location), f"foreign key check failed after upgrade: {broken[:3]}")
    finally:
        engine.dispose()


def upgrade(location: Path | str, target: str = "head") -> None:
    """Run Alembic migrations up to `target` on a file path or a postgresql:// URL."""
    from alembic import command

    _migrate(location, lambda cfg: command.upgrade(cfg, target))


def downgrade(location: Path | str, target: str) -> None:
    from alembic import command

    _migrate(location, lambda cfg: command.downgrade(cfg, target))


def _open_server(url: str) -> Database:
    engine = make_server_engine(url)
    try:
        revision = current_revision(engine)
    except OperationalError as exc:
        engine.dispose()
        raise server_error(exc, shown_url(url)) from exc
    if revision == "foreign":
        engine.dispose()
        raise NotADatabase(shown_url(url))
    if revision is not None and is_newer_revision(revision):
        engine.dispose()
        raise NewerDatabase(shown_url(url), revision)
    if revision != SCHEMA_HEAD:
        upgrade(url)
    _learn_sensitive(engine)        # a server's values must not reach a log either
    return Database(path=None, engine=engine, created=revision is None, url=shown_url(url))


def open_database(path: str | os.PathLike, *, now: datetime | None = None) -> Database:
    """Open (creating when new) and upgrade the database file, or the server a postgresql://
    URL names; raise StorageError if it can't.

    An existing file is backed up before an upgrade (no backup, no upgrade) and then once a day
    (see models.store.backup); `now` is the clock for those backups' names, for tests.
    """
    if is_server_url(path):
        return _open_server(str(path))
    path = Path(path).expanduser().absolute()
    existed = path.exists()
    try:
        return _open(path, now)
    except BaseException:
        if not existed:   # a creation that failed (a full disk) leaves no 0-byte "database"
            _remove_new_file(path)
        raise


def _remove_new_file(path: Path) -> None:
    for name in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        try:
            name.unlink(missing_ok=True)
        except OSError:
            pass


def _open(path: Path, now: datetime | None) -> Database:
    created = check_file(path)
    read_only = not created and not (_writable(path) and _writable(path.parent))
    if created and not _writable(path.parent):
        raise ReadOnlyDatabase(str(path.parent))
    copy_folder = None
    try:
        if not path.exists():
            _create_private(path)
        if read_only and _unapplied_wal(path):
            copy_folder = _copy_with_wal(path)
            engine = make_engine(copy_folder / path.name, read_only=True)
            engine.kakehashi_path = path
        else:
            engine = make_engine(path, read_only=read_only)
        revision = current_revision(engine)
    # UnicodeDecodeError: a damaged page in the schema table can hold text that is not UTF-8.
    except (SADatabaseError, sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise NotADatabase(str(path)) from exc
    except OSError as exc:
        raise CannotOpen(str(path), exc.strerror or str(exc)) from exc
    if revision == "foreign":
        engine.dispose()
        raise NotADatabase(str(path))
    if revision is not None and is_newer_revision(revision):
        engine.dispose()
        if revision > SCHEMA_HEAD:
            raise NewerDatabase(str(path), revision)
        raise NotADatabase(str(path))   # a label no version of ours wrote
    if revision != SCHEMA_HEAD:
        if read_only:
            engine.dispose()
            raise CannotOpen(str(path), ReadOnlyDatabase(str(path)).user_message())
        if revision is not None:
            _backup_before_upgrade(path, engine, now or datetime.now())
        try:
            if revision is not None or not empty_schema.fill(engine):
                upgrade(path)
                if revision is None:
                    empty_schema.keep(path)
        except (SQLAlchemyError, sqlite3.Error) as exc:
            engine.dispose()
            raise database_error(exc, path) from exc
    # Never a brand-new file (nothing in it to lose yet), nor one we may not write beside.
    damage = []
    if revision is not None and not read_only:
        damage = _daily_backup(path, now or datetime.now())
    _learn_sensitive(engine)
    notice = ""
    if copy_folder is not None:
        from i18n import _

        notice = _("{path} has changes in its -wal file that cannot be written into it in this "
                   "read-only folder. Shown is a private copy with those changes, read-only; "
                   "copy both files to a folder where you can write to work on them.").format(
            path=path)
    return Database(path=path, engine=engine, created=created, read_only=read_only,
                    damage=damage, notice=notice, copy_folder=copy_folder)


def _unapplied_wal(path: Path) -> bool:
    """A -wal beside a file we cannot write beside: opened as it is (immutable), SQLite would
    ignore it and show an older state of the data without a word."""
    wal = path.with_name(path.name + "-wal")
    try:
        return not _writable(path.parent) and wal.is_file() and wal.stat().st_size > 0
    except OSError:
        return False


def _copy_with_wal(path: Path) -> Path:
    """The file and its -wal copied into a private temporary folder (owner-only: it holds
    passport numbers), the WAL applied to the copy; returns the folder."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="readonly-"))
    try:
        copy = folder / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(path.with_name(path.name + "-wal"), folder / f"{path.name}-wal")
        os.chmod(copy, 0o600)
        with closing(sqlite3.connect(copy)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("PRAGMA journal_mode=DELETE")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def _learn_sensitive(engine: Engine) -> None:
    # The redactor must know this file's passport numbers and birth dates before any error
    # can quote them (models/redaction.py); a file too damaged to list them still opens.
    from models import redaction

    try:
        redaction.learn_database(engine)
    except (SQLAlchemyError, sqlite3.Error, ValueError):
        pass


def _backup_before_upgrade(path: Path, engine: Engine, now: datetime) -> None:
    try:
        auto_backup(path, now=now, reason="migration")
    except StorageError as exc:
        engine.dispose()
        raise UpgradeNeedsBackup(str(path), getattr(exc, "reason", str(exc))) from exc


def _daily_backup(path: Path, now: datetime) -> list[str]:
    """Today's first backup; what its integrity check found (the copy is the file, page for
    page, so its damage is the file's)."""
    try:
        return checked_backup(path, now=now, reason="daily")[1]
    except (StorageError, OSError, sqlite3.Error):
        return []  # a missed daily copy (read-only folder, full disk) must not keep data closed


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session to read in; a database error while reading comes out as a StorageError
    (a damaged page, an unreadable file), never as SQLAlchemy's text of the statement."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
        except (SQLAlchemyError, sqlite3.Error) as exc:
            _raise_own(exc)
            raise database_error(exc, getattr(engine, "kakehashi_path", "")) from exc


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One user action: BEGIN IMMEDIATE, commit on success, roll back on any error.

    Storage failures (full disk, read-only file, a lock held past the busy timeout) come out
    as StorageError subclasses with a message for the user; the transaction is rolled back.
    """
    with Session(engine, expire_on_commit=False) as session:
        try:
            session.connection(execution_options={"kakehashi_write": True})
            yield session
            session.commit()
        except (SQLAlchemyError, sqlite3.Error) as exc:
            session.rollback()
            _raise_own(exc)
            raise database_error(exc, getattr(engine, "kakehashi_path", "")) from exc


def _raise_own(exc: Exception) -> None:
    """A value our own column types refused (a naive datetime) is a bug in the caller, not a
    database error: it goes on as that error, without SQLAlchemy's text of the statement."""
    if isinstance(exc, StatementError) and not isinstance(exc, DBAPIError) and \
            isinstance(exc.orig, Exception) and not isinstance(exc.orig, sqlite3.Error):
        raise exc.orig from None


def database_error(exc: Exception, path: Path | str = "") -> StorageError:
    """Any error of SQLite or SQLAlchemy as a StorageError with a message for the user; what
    it keeps of the error is SQLite's own reason, never a statement or its parameters."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if getattr(orig, "sqlstate", None) is not None and isinstance(exc, DBAPIError):
        return server_error(exc, str(path))                     # psycopg: a server's error
    name = getattr(orig, "sqlite_errorname", "")
    if isinstance(exc, IntegrityError) or name.startswith("SQLITE_CONSTRAINT"):
        return Conflict(str(orig))
    if name.startswith("SQLITE_CORRUPT") or name == "SQLITE_NOTADB":
        return DamagedDatabase(str(path))
    if isinstance(exc, OperationalError) or isinstance(orig, sqlite3.OperationalError):
        return storage_error(orig, path)
    return DatabaseFailed(type(orig).__name__)


def storage_error(exc: OperationalError | sqlite3.Error, path: Path | str = "") -> StorageError:
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if getattr(orig, "sqlstate", None) is not None and isinstance(exc, DBAPIError):
        return server_error(exc, str(path))                     # psycopg: a server's error
    name = getattr(orig, "sqlite_errorname", "")
    if name == "SQLITE_FULL":
        return DiskFull()
    if name.startswith("SQLITE_READONLY"):
        return ReadOnlyDatabase(str(path))
    if name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED"):
        return DatabaseBusy()
    return WriteFailed(str(orig))
