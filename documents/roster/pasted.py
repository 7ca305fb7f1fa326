"""Rows pasted from a spreadsheet (Excel and LibreOffice copy cells as tab-separated text) read
like a roster file: the header row found and mapped the same way, every row checked the same
way. The text stays in memory: it holds personal data, so no temporary file is written."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from documents.roster.reader import DEFAULT_LIMIT, RosterError, RosterPreview, read_sheets

CLIPBOARD = Path("clipboard")


def looks_like_rows(text: str) -> bool:
    """Cells copied from a sheet: at least two columns on some line, or several lines."""
    lines = [line for line in text.splitlines() if line.strip()]
    return any("\t" in line for line in lines) or len(lines) > 1


class _PastedSheet:
    """The part of an openpyxl worksheet the reader uses, over pasted rows."""

    def __init__(self, rows: list[list[str]], title: str):
        self.rows, self.title = rows, title

    def iter_rows(self, min_row: int = 1, max_row: int | None = None,
                  max_col: int | None = None, values_only: bool = True):
        last = len(self.rows) if max_row is None else min(max_row, len(self.rows))
        for cells in self.rows[min_row - 1:last]:
            yield tuple(cell if cell.strip() else None for cell in cells[:max_col])


class _PastedBook:
    def __init__(self, sheet: _PastedSheet):
        self.worksheets = [sheet]


def read_pasted(text: str, *, title: str, limit: int = DEFAULT_LIMIT) -> RosterPreview:
    """The preview of pasted tab-separated rows; RosterError when they hold no header row we
    know (copy the header row too) or too many rows."""
    # csv, not split("\t"): a cell with a line break or a tab comes quoted.
    rows = [row for row in csv.reader(io.StringIO(text.replace("\r\n", "\n")), delimiter="\t")
            if any(cell.strip() for cell in row)]
    if not rows:
        raise RosterError("empty", path=CLIPBOARD)
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    return read_sheets(_PastedBook(_PastedSheet(rows, title)), CLIPBOARD, limit=limit)
