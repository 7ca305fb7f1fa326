"""Looking at a workbook's parts as bytes before any XML is parsed: the sizes they unpack to,
the longest text in them, and in a sheet the last row that holds a value and its merged ranges.

A roster "formatted down" to row 1,048,576 holds a million empty rows; parsing them costs a
minute. This scan finds the last row with a value at the speed of unzipping (about a second
for the worst sheet), so the reader parses only the rows up to it.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field

MB = 1 << 20
# What the parser may be handed (declared sizes: zipfile never unpacks more than declared).
MAX_PART = {"sharedStrings": 48 * MB, "styles": 16 * MB, "workbook": 4 * MB}
MAX_SHEET = 512 * MB          # scanned as bytes only, so a large formatted sheet is fine
MAX_PARSED = 64 * MB          # the bytes of a sheet up to its last value row, parsed by XML
MAX_TOTAL = 1024 * MB
MAX_ENTRIES = 10_000
# Excel holds at most 32,767 characters in a cell; in UTF-8 up to 4 bytes each.
MAX_CELL_BYTES = 32_767 * 4
CHUNK = 4 * MB
_ROW_R = re.compile(rb'\br="(\d+)"')
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"')
_VALUE_TAGS = (b"<v>", b"<v ", b":v>", b"<is>", b":is>")
_ROW_TAGS = (b"<row ", b"<row>", b":row ", b":row>")


class TooLarge(Exception):
    """A part unpacks to more than a roster can need (`what`: the kind of limit)."""

    def __init__(self, what: str, size: int = 0):
        super().__init__(what, size)
        self.what, self.size = what, size


@dataclass
class SheetScan:
    last_value_row: int | None = 0                # 0: no value at all; None: not known
    parsed_bytes: int = 0                         # where that row ends in the sheet's XML
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2


def check_archive(archive: zipfile.ZipFile) -> None:
    """Raise TooLarge for a zip bomb or a part the parser would choke on, before parsing."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise TooLarge("entries", len(infos))
    total = 0
    for info in infos:
        total += info.file_size
        stem = info.filename.rsplit("/", 1)[-1].split(".", 1)[0]
        limit = MAX_PART.get(stem, MAX_SHEET)
        if info.file_size > limit:
            raise TooLarge("part", info.file_size)
        if stem in MAX_PART:
            longest_text(archive, info.filename)
    if total > MAX_TOTAL:
        raise TooLarge("total", total)


def _rfind_any(data: bytes, needles: tuple[bytes, ...], end: int | None = None) -> int:
    end = len(data) if end is None else end
    return max(data.rfind(n, 0, end) for n in needles)


def _has_long_text(data: bytes) -> bool:
    """Whether some window of MAX_CELL_BYTES, aligned to its size, holds no tag: true for any
    run of text of twice that or more, never for one shorter than it (a hundred find calls
    for 16 MB, where splitting at every tag costs a second)."""
    return any(data.find(b"<", at, at + MAX_CELL_BYTES) < 0
               for at in range(0, len(data) - MAX_CELL_BYTES + 1, MAX_CELL_BYTES))


def longest_text(archive: zipfile.ZipFile, name: str) -> None:
    """Raise TooLarge("cell") when a run of text between two tags exceeds a cell's limit."""
    carry = b""
    with archive.open(name) as src:
        while chunk := src.read(CHUNK):
            data = carry + chunk
            if _has_long_text(data):
                raise TooLarge("cell")
            carry = data[-MAX_CELL_BYTES:]


def scan_sheet(archive: zipfile.ZipFile, name: str) -> SheetScan:
    """The last row that holds a value, where it ends, the merged ranges, and no cell text
    longer than a cell can be (TooLarge("cell")). A row tag without its r="N" (allowed, but
    no common program writes it) makes last_value_row None: then every row is parsed."""
    result = SheetScan()
    offset, last_row, carry = 0, 0, b""
    with archive.open(name) as src:
        while chunk := src.read(CHUNK):
            data = carry + chunk
            base = offset - len(carry)
            if _has_long_text(data):
                raise TooLarge("cell")
            value_at = _rfind_any(data, _VALUE_TAGS)
            if value_at >= 0:
                row_at = _rfind_any(data, _ROW_TAGS, value_at)
                result.last_value_row = _row_number(data, row_at) if row_at >= 0 else last_row
                end = data.find(b"row>", value_at)
                result.parsed_bytes = base + (end if end >= 0 else len(data))
            tail_row = _rfind_any(data, _ROW_TAGS)
            if tail_row >= 0 and data.find(b">", tail_row) < 0:   # cut by the chunk's edge
                tail_row = _rfind_any(data, _ROW_TAGS, tail_row)
            if tail_row >= 0:
                last_row = _row_number(data, tail_row)
            if last_row is None or result.last_value_row is None:
                result.last_value_row = None
                return result
            result.merges.extend(_merges(data))   # a range in the kept end comes twice
            # The end kept, so that a tag cut by the chunk's edge is seen whole next time.
            carry = data[-64:]
            offset += len(chunk)
    result.merges = sorted(set(result.merges))
    return result


def _row_number(data: bytes, at: int) -> int | None:
    """The r="N" of the row tag at `at`, None when it has none."""
    end = data.find(b">", at)
    match = _ROW_R.search(data, at, end if end >= 0 else len(data))
    return int(match[1]) if match else None


def _merges(data: bytes) -> list[tuple[int, int, int, int]]:
    if b"mergeCell" not in data:
        return []
    return [(int(r1), _column(c1), int(r2), _column(c2))
            for c1, r1, c2, r2 in _MERGE.findall(data)]


def _column(letters: bytes) -> int:
    """1-based column number of Excel letters (A -> 1, AA -> 27)."""
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n
