"""Opening the database the app and its command line start on: a file this call creates gets
the demo mission. The demo's modules are loaded only then, so opening an existing file (every
start-up but the first) does not pay for them."""

from __future__ import annotations

from pathlib import Path

from models.store.db import Database, open_database


def open_with_demo(path: Path) -> Database:
    """Open the database, seeding the demo mission into a file this call created."""
    db = open_database(path)
    if db.created:
        from models.demo import seed_demo

        seed_demo(db.engine)
    return db
