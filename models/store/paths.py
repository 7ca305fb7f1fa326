"""Where the database lives when no path is given: the user data folder, made owner-only."""

from __future__ import annotations

from pathlib import Path


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("Kakehashi", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder / "kakehashi.db"
