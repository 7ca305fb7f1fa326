"""Talking to the server: a psycopg connection with TLS verify-full unless the URL says
otherwise (a server on this machine excepted), its errors as the sync's, and one call per
server function (server_schema.sql)."""

from __future__ import annotations

import re
from contextlib import contextmanager
from urllib.parse import parse_qs, parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from i18n import N_
from models.store.errors import StorageError
from models.store.server import shown_url
from models.sync.errors import NotAllowed, NotShared, ServerUnreachable, SignInRefused

LOCAL_HOSTS = {"", "localhost", "127.0.0.1", "::1"}
CONNECT_TIMEOUT_S = 10


def with_tls_defaults(url: str) -> str:
    """The URL, asking for TLS with the server's certificate and name checked (verify-full)
    unless it names an sslmode itself or the server is this machine."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    if "sslmode" in query or (parts.hostname or "") in LOCAL_HOSTS or "host" in query:
        return url
    return url + ("&" if parts.query else "?") + "sslmode=verify-full"


def split_password(url: str) -> tuple[str, str]:
    """("postgresql://aiko@host/db", "secret") from "postgresql://aiko:secret@host/db" (or
    "...?password=secret"): the URL a file may keep, and the password it must not. libpq finds
    the password itself later, in PGPASSWORD or the .pgpass file."""
    parts = urlsplit(url.strip())
    netloc, password = parts.netloc, ""
    if parts.password is not None:
        user_info, _at, host = netloc.rpartition("@")
        netloc, password = f"{user_info.partition(':')[0]}@{host}", unquote(parts.password)
    query = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in query if k != "password"]
    password = password or next((v for k, v in query if k == "password"), "")
    if netloc == parts.netloc and len(kept) == len(query):
        return url.strip(), ""
    return urlunsplit(parts._replace(netloc=netloc, query=urlencode(kept))), password


def stored_url(url: str) -> str:
    """The URL as a file keeps it: without a password."""
    return split_password(url)[0]


# A sign-in refused, as the server words it (libpq gives no SQLSTATE for a failed connection;
# 28P01 and 28000 in English). The password flags below say it in any language.
_REFUSED = re.compile(r"authentication failed|no password supplied|role \S+ does not exist|"
                      r"no pg_hba\.conf entry", re.IGNORECASE)


def connect_error(exc, shown: str) -> StorageError:
    """A failure to connect as the sync's error: a refused sign-in (28P01/28000, a password
    missing) apart from a server out of reach."""
    exc = getattr(exc, "orig", None) or exc          # SQLAlchemy's wrapper
    code = getattr(exc, "sqlstate", None) or ""
    pgconn = getattr(exc, "pgconn", None)
    text, flags = str(exc), False
    if pgconn is not None:
        try:
            # A password sent and the connection refused is a wrong password, unless what
            # failed came after the sign-in (no such database).
            flags = bool(pgconn.needs_password
                         or (pgconn.used_password and "database" not in text))
        except Exception:  # noqa: BLE001 - a closed or foreign pgconn tells nothing
            flags = False
    if code.startswith("28") or flags or _REFUSED.search(text):
        return SignInRefused(shown, _first_line(exc))
    return ServerUnreachable(shown, _first_line(exc))


def libpq_url(url: str) -> str:
    for scheme in ("postgresql+psycopg://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql://" + url[len(scheme):]
    return url


@contextmanager
def connect(url: str):
    """A connection to the server (one transaction: committed when the block ends well)."""
    import psycopg

    shown = shown_url(url)
    try:
        conn = psycopg.connect(with_tls_defaults(libpq_url(url)),
                               connect_timeout=CONNECT_TIMEOUT_S)
    except psycopg.OperationalError as exc:
        raise connect_error(exc, shown) from None
    try:
        with conn:
            yield conn
    except psycopg.Error as exc:
        raise sync_error(exc, shown) from None
    finally:
        conn.close()


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def sync_error(exc, shown: str) -> StorageError:
    import psycopg

    code = getattr(exc, "sqlstate", None) or ""
    if code == "KK001":
        return NotShared("")
    if code == "42501":
        return NotAllowed(N_("your server role is not on this mission's team"))
    if code in ("KK002", "KK003", "KK004", "KK005", "KK006", "KK007"):
        return NotAllowed({
            "KK007": N_("yours cannot be kept: what it belongs to (a room's hotel stay, a "
                        "person's place) was deleted too. Take theirs, or add it again"),
            "KK006": N_("this laptop has not synced this mission for too long and the server "
                        "no longer keeps the changes it missed: join the mission again"),
            "KK005": N_("the server has no such role (its administrator makes one per "
                        "organizer)"),
            "KK002": N_("there is no such open conflict"),
            "KK003": N_("that choice cannot settle this conflict: what it concerns was "
                        "deleted meanwhile, or other things still belong to it (a hotel "
                        "stay's rooms). Take theirs"),
            "KK004": N_("this mission is already shared on the server")}[code])
    if code.startswith("28"):
        return SignInRefused(shown, _first_line(exc))
    if code.startswith("08") or isinstance(exc, psycopg.OperationalError):
        return ServerUnreachable(shown, _first_line(exc))
    from models.store.errors import WriteFailed

    return WriteFailed(_first_line(exc))


def push(conn, mission: str, batch_id: str, client: str, organizer: str, changes) -> dict:
    from psycopg.types.json import Jsonb

    return conn.execute("SELECT kakehashi_sync.push(%s, %s, %s, %s, %s)",
                        (mission, batch_id, client, organizer, Jsonb(changes))).fetchone()[0]


def seed(conn, mission: str, client: str, organizer: str, rows) -> int:
    from psycopg.types.json import Jsonb

    return conn.execute("SELECT kakehashi_sync.seed(%s, %s, %s, %s)",
                        (mission, client, organizer, Jsonb(rows))).fetchone()[0]


# Rows turned into Python objects per call: psycopg's C loop holds the GIL for a whole fetch,
# so a fetch of thousands of JSON values would stall the window's thread meanwhile.
FETCH = 200


def _rows(cursor) -> list[tuple]:
    rows: list[tuple] = []
    while batch := cursor.fetchmany(FETCH):
        rows += batch
    return rows


def pull(conn, mission: str, client: str, after: int, limit: int = 1_000_000) -> list[tuple]:
    """The changes after `after`; the server notes that this laptop holds those up to it
    (and compacts the change log to what its laptops still need)."""
    return _rows(conn.execute("SELECT * FROM kakehashi_sync.pull(%s, %s, %s, %s)",
                              (mission, client, after, limit)))


def snapshot(conn, mission: str, client: str) -> list[tuple]:
    return conn.execute("SELECT * FROM kakehashi_sync.snapshot(%s, %s)",
                        (mission, client)).fetchall()


def find_mission(conn, code: str) -> str:
    return conn.execute("SELECT kakehashi_sync.find_mission(%s)", (code,)).fetchone()[0]


def open_conflicts(conn, mission: str) -> list[tuple]:
    return conn.execute("SELECT * FROM kakehashi_sync.open_conflicts(%s)", (mission,)).fetchall()


def resolve(conn, mission: str, number: int, take: str, value, client: str,
            organizer: str) -> None:
    from psycopg.types.json import Jsonb

    conn.execute("SELECT kakehashi_sync.resolve(%s, %s, %s, %s, %s, %s)",
                 (mission, number, take, Jsonb(value), client, organizer))


def add_organizer(conn, mission: str, role: str, sensitive: bool) -> None:
    conn.execute("SELECT kakehashi_sync.add_organizer(%s, %s, %s)", (mission, role, sensitive))


def add_mission(conn, mission: str, code: str) -> None:
    conn.execute("SELECT kakehashi_sync.add_mission(%s, %s)", (mission, code))


