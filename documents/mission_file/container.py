"""The .kakehashi container: a zip holding `kakehashi-mission` (the document's version, so that
a newer file is told apart before anything is parsed) and `mission.json`. Reading refuses, with
a message and nothing changed, a file that is not a zip, not ours, from a newer version,
damaged (a checksum fails), truncated, or larger than any mission unpacked."""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from pathlib import Path

from documents.workbook.save import ExportError, save_atomically
from i18n import N_, _
from models.mission_document import DOCUMENT_VERSION

SUFFIX = ".kakehashi"
MARKER, DOCUMENT = "kakehashi-mission", "mission.json"
# 100x the demo (2,100 people, 2,800 items) is about 10 MB of JSON: ten times that is no mission.
MAX_UNPACKED = 200 * 1024 * 1024

_MESSAGES = {
    "missing": N_("{path} does not exist."),
    "unreadable": N_("{path} cannot be read ({reason})."),
    "foreign": N_("{path} is not a Kakehashi mission file."),
    "newer": N_("{path} was saved by a newer version of Kakehashi (mission file version "
                "{version}). Please update the app to open it."),
    "damaged": N_("{path} is damaged or incomplete, so nothing was read from it. Ask for the "
                  "file again."),
    "too_large": N_("{path} unpacks to more than any mission holds, so it was not opened."),
}


class MissionFileError(Exception):
    """A mission file that cannot be written or read; nothing was changed."""

    def __init__(self, kind: str, **params) -> None:
        super().__init__(kind, params)
        self.kind, self.params = kind, params

    def user_message(self) -> str:
        return _(_MESSAGES[self.kind]).format(**self.params)


def write_document(document: dict, path: Path, *, private: bool) -> None:
    """Write the document as a mission file, atomically (the old file or the whole new one).
    ExportError when the target cannot be written."""
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    def write(out) -> None:
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as book:
            book.writestr(MARKER, f"{DOCUMENT_VERSION}\n", compress_type=zipfile.ZIP_STORED)
            book.writestr(DOCUMENT, body, compresslevel=1)  # 3x faster, 1.2x larger

    save_atomically(write, path, private=private, suffix=SUFFIX)


def read_document(path: str | Path) -> dict:
    """The document in a mission file; MissionFileError when there is none this version reads."""
    path = Path(path)
    shown = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise MissionFileError("missing", path=shown) from None
    except OSError as exc:
        raise MissionFileError("unreadable", path=shown, reason=exc.strerror or str(exc)) \
            from None
    if not data.startswith(b"PK\x03\x04"):
        raise MissionFileError("foreign", path=shown)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            names = set(book.namelist())
            if MARKER not in names:
                raise MissionFileError("foreign", path=shown)
            version = _version(book.read(MARKER), shown)
            if version > DOCUMENT_VERSION:
                raise MissionFileError("newer", path=shown, version=version)
            if DOCUMENT not in names:
                raise MissionFileError("damaged", path=shown)
            if book.getinfo(DOCUMENT).file_size > MAX_UNPACKED:
                raise MissionFileError("too_large", path=shown)
            document = json.loads(book.read(DOCUMENT).decode("utf-8"))
    except MissionFileError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, UnicodeDecodeError,
            json.JSONDecodeError, NotImplementedError, OSError, ValueError) as exc:
        raise MissionFileError("damaged", path=shown) from exc
    if not isinstance(document, dict) or document.get("version") != version:
        raise MissionFileError("damaged", path=shown)
    return document


def _version(raw: bytes, shown: str) -> int:
    try:
        return int(raw.decode("ascii").strip())
    except (UnicodeDecodeError, ValueError):
        raise MissionFileError("foreign", path=shown) from None


__all__ = ["ExportError", "MissionFileError", "read_document", "write_document"]
