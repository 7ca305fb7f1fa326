"""A server's URL with and without its password: the password is typed in its own field and
kept in memory only, never in the settings, a log or the database file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from models.sync.wire import split_password

__all__ = ["libpq_password", "split_password"]


@contextmanager
def libpq_password(password: str) -> Iterator[None]:
    """While the block runs, libpq's PGPASSWORD is `password` (for a URL without one). Only
    the server thread connects to the sync server, and it runs one job at a time."""
    if not password:
        yield
        return
    saved = os.environ.get("PGPASSWORD")
    os.environ["PGPASSWORD"] = password
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("PGPASSWORD", None)
        else:
            os.environ["PGPASSWORD"] = saved
