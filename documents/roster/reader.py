"""Reading an attendee roster from an .xlsx workbook into rows to preview and import.

The file is only read (openpyxl, read-only, cached values: a formula is never evaluated, and a
cell holding "=1+1" as text is that text). Anything wrong with the file itself is a RosterError
with a message for the user, raised before a single row is used; problems in a row are listed
with the row (see roster_rows). Hostile files end fast: only regular files are opened, the
zip's parts are held to sizes a roster can have before anything is parsed, and only the rows up
to a sheet's last value are parsed (sheet_scan.py). Hidden sheets are never read; of the visible
sheets with a header the active one is read first, the others offered in the preview.
"""

from __future__ import annotations

import os
import stat
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from documents.roster import sheet_scan
from documents.roster.headers import header_score, looked_for, map_headers
from documents.roster.rows import Column, ImportRow, SheetRow, build_rows
from documents.roster.sheet_notes import apply_merges, split_notes
from documents.roster.values import text_of
from i18n import N_, _

HEADER_SCAN_ROWS = 10      # a title, a date, a note... the header is rarely lower than this
HEADER_MAX_COLUMNS = 256   # a header wider than this is not a roster's
DEFAULT_LIMIT = 5000       # far above any delegation; beyond it the file is not a roster
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")   # .xls, and also an encrypted .xlsx
ZIP_MAGIC = b"PK\x03\x04"

_MESSAGES = {
    "missing": N_("{path} is not there any more: was it moved, renamed or deleted?"),
    "folder": N_("{path} is a folder, not a roster file."),
    "not_regular": N_("{path} is not a regular file (a pipe, a device or a socket), so "
                      "Kakehashi does not read it. Save the roster as an .xlsx file."),
    "too_large": N_("{path} unpacks to far more than any roster (over {size} MB), so it was "
                    "not read: it may be damaged or built to stall programs."),
    "cell_too_long": N_("{path} has a cell longer than Excel allows (32,767 characters), so "
                        "it was not read: it may be damaged or built to stall programs."),
    "hidden_only": N_("The only sheet of {path} with column headers, “{sheet}”, is hidden. "
                      "If it is the roster, unhide it in Excel (right-click a sheet tab > "
                      "Unhide), save and import again."),
    "no_sheet": N_("{path} has no visible sheet named “{sheet}” with column headers."),
    "unreadable": N_("Kakehashi may not read {path}. If it is open in Excel, close it there "
                     "and try again; otherwise check the file's permissions."),
    "xls": N_("{path} is an old Excel 97-2003 workbook (.xls). Open it in Excel, save it as "
              "an Excel Workbook (.xlsx) and import that file."),
    "password": N_("{path} is protected by a password. Open it in Excel, remove the password "
                   "(File > Info > Protect Workbook), save it and import it again."),
    "not_xlsx": N_("{path} is not an Excel workbook (.xlsx) that Kakehashi can read. Save the "
                   "roster as an Excel Workbook (.xlsx) and try again."),
    "empty": N_("{path} is empty: no sheet has any data."),
    "no_header": N_("No header row was found in the first {n} rows of {path}. The roster needs "
                    "column headers such as {names}."),
    "no_rows": N_("{path} has a header row but no attendees below it."),
    "too_many": N_("{path} has more than {limit} rows of attendees, more than one import can "
                   "take. Split it into smaller files and import them one by one."),
    "unknown_mission": N_("No mission has the code {code}."),
}


class RosterError(Exception):
    """A roster file that cannot be imported at all; nothing of it was used."""

    def __init__(self, kind: str, **params):
        super().__init__(kind, params)
        self.kind, self.params = kind, params

    def user_message(self) -> str:
        return _(_MESSAGES[self.kind]).format(**self.params)


@dataclass
class RosterPreview:
    path: Path
    sheet: str
    header_row: int                                      # Excel's 1-based row number
    columns: list[Column]
    sheet_values: list[SheetRow]                          # raw cells, for a new mapping
    rows: list[ImportRow]
    problems: list[str] = field(default_factory=list)    # about the file, translated
    sheets: list[str] = field(default_factory=list)      # visible sheets with a header row
    notes: list[SheetRow] = field(default_factory=list)  # note rows below the data, left out

    def remap(self, fields: dict[int, str | None]) -> None:
        """Map columns (by index) to other fields and parse every row again."""
        self.columns = [Column(c.index, c.header, fields.get(c.index, c.field))
                        for c in self.columns]
        self.rows = build_rows(self.sheet_values, self.columns)
        self.problems = _file_problems(self.columns)

    @property
    def unmapped(self) -> list[Column]:
        return [c for c in self.columns if c.field is None and c.header]


def _file_problems(columns: list[Column]) -> list[str]:
    from i18n.formatting import format_list

    unmapped = [c.header for c in columns if c.field is None and c.header]
    if not unmapped:
        return []
    return [_("These columns are not imported: {columns}").format(
        columns=format_list(unmapped))]


def _has_stream(path: Path, name: str) -> bool:
    """Whether an OLE2 file's directory names this stream (names are stored as UTF-16)."""
    needle = name.encode("utf-16-le")
    tail = b""
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            if needle in tail + chunk:
                return True
            tail = chunk[-len(needle):]
    return False


def _check_file(path: Path) -> None:
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise RosterError("folder", path=path)
        if not stat.S_ISREG(mode):   # opening a named pipe would wait for a writer forever
            raise RosterError("not_regular", path=path)
        with open(path, "rb") as f:
            head = f.read(8)
        if head == OLE2_MAGIC:
            # Excel encrypts a password-protected .xlsx into an OLE2 file with this stream.
            raise RosterError("password" if _has_stream(path, "EncryptionInfo") else "xls",
                              path=path)
    except FileNotFoundError:
        raise RosterError("missing", path=path) from None
    except PermissionError:
        raise RosterError("unreadable", path=path) from None
    if not head.startswith(ZIP_MAGIC):
        raise RosterError("not_xlsx", path=path)


def _too_large(path: Path, exc: sheet_scan.TooLarge) -> RosterError:
    if exc.what == "cell":
        return RosterError("cell_too_long", path=path)
    return RosterError("too_large", path=path, size=sheet_scan.MAX_PARSED // sheet_scan.MB)


def _find_header(ws) -> tuple[int, list[object]] | None:
    top = list(ws.iter_rows(max_row=HEADER_SCAN_ROWS, max_col=HEADER_MAX_COLUMNS,
                            values_only=True))
    scores = [header_score(list(cells)) for cells in top]
    if not scores or max(scores) == 0:
        return None
    best = scores.index(max(scores))
    return best + 1, list(top[best])


def _data_rows(ws, header_row: int, width: int, last_row: int | None, path: Path,
               limit: int) -> list[SheetRow]:
    rows: list[SheetRow] = []
    if last_row is not None and last_row <= header_row:
        return rows
    numbered = enumerate(ws.iter_rows(min_row=header_row + 1, max_row=last_row, max_col=width,
                                      values_only=True), start=header_row + 1)
    for number, cells in numbered:
        cells = tuple(cells[:width]) + (None,) * (width - len(cells))
        if not any(text_of(c) for c in cells):
            continue
        if len(rows) == limit:  # stop here: a 100,000-row file must not hold up the window
            raise RosterError("too_many", path=path, limit=limit)
        rows.append(SheetRow(number, cells))
    return rows


@dataclass
class _Sheet:
    ws: object
    scan: sheet_scan.SheetScan
    header: tuple[int, list[object]] | None


def _sheets(wb, archive: zipfile.ZipFile, path: Path) -> list[_Sheet]:
    """Every sheet with a value, the active one first, each with its header row if found."""
    active = wb.active
    ordered = sorted(wb.worksheets, key=lambda ws: ws is not active)
    found = []
    for ws in ordered:
        try:
            scan = sheet_scan.scan_sheet(archive, ws._worksheet_path)
        except sheet_scan.TooLarge as exc:
            raise _too_large(path, exc) from None
        if scan.last_value_row == 0:
            continue
        if scan.parsed_bytes > sheet_scan.MAX_PARSED:
            raise _too_large(path, sheet_scan.TooLarge("parsed", scan.parsed_bytes))
        found.append(_Sheet(ws, scan, _find_header(ws)))
    return found


def _read(wb, archive: zipfile.ZipFile, path: Path, limit: int,
          wanted: str | None) -> RosterPreview:
    sheets = _sheets(wb, archive, path)
    if not sheets:
        raise RosterError("empty", path=path)
    visible = [s for s in sheets if s.header and s.ws.sheet_state == "visible"]
    if not visible:
        hidden = next((s for s in sheets if s.header), None)
        if hidden is not None:
            raise RosterError("hidden_only", path=path, sheet=hidden.ws.title)
        raise RosterError("no_header", path=path, n=HEADER_SCAN_ROWS, names=looked_for())
    chosen = visible[0] if wanted is None else next(
        (s for s in visible if s.ws.title == wanted), None)
    if chosen is None:
        raise RosterError("no_sheet", path=path, sheet=wanted)
    return _preview(chosen.ws, chosen.header, chosen.scan, path, limit,
                    [s.ws.title for s in visible])


def _preview(ws, header: tuple[int, list[object]], scan: sheet_scan.SheetScan, path: Path,
             limit: int, sheets: list[str]) -> RosterPreview:
    """The rows under the header of the chosen sheet, merged cells filled, notes set apart."""
    header_row, header_cells = header
    while header_cells and not text_of(header_cells[-1]):
        header_cells.pop()
    headers = [text_of(c) for c in header_cells]
    columns = [Column(i, h, f) for i, (h, f) in enumerate(zip(headers, map_headers(headers),
                                                              strict=True))]
    sheet_values = _data_rows(ws, header_row, len(columns), scan.last_value_row, path, limit)
    sheet_values = apply_merges(sheet_values, scan.merges, header_row)
    sheet_values, notes = split_notes(sheet_values)
    if not sheet_values:
        raise RosterError("no_rows", path=path)
    return RosterPreview(path=path, sheet=ws.title, header_row=header_row, columns=columns,
                         sheet_values=sheet_values, rows=build_rows(sheet_values, columns),
                         problems=_file_problems(columns), sheets=sheets, notes=notes)


def read_sheets(book, path: Path, *, limit: int = DEFAULT_LIMIT) -> RosterPreview:
    """The preview of rows that are not a file (pasted rows: documents.roster.pasted): the
    first of `book.worksheets`, whose `iter_rows` gives values like openpyxl's."""
    ws = book.worksheets[0]
    header = _find_header(ws)
    if header is None:
        raise RosterError("no_header", path=path, n=HEADER_SCAN_ROWS, names=looked_for())
    return _preview(ws, header, sheet_scan.SheetScan(last_value_row=None), path, limit,
                    [ws.title])


@contextmanager
def _sizes_from_our_scan():
    """openpyxl opens each read-only sheet by looking for its <dimension>, and without one
    parses the whole sheet (a million rows: a minute). The reader passes the rows and columns
    it wants on every read (from sheet_scan), so that look is skipped while it loads."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    original = ReadOnlyWorksheet._get_size
    ReadOnlyWorksheet._get_size = lambda self: None
    try:
        yield
    finally:
        ReadOnlyWorksheet._get_size = original


def read_roster(path: str | Path, *, limit: int = DEFAULT_LIMIT,
                sheet: str | None = None) -> RosterPreview:
    """Read the active visible sheet with a recognizable header row (or the visible `sheet`);
    raise RosterError if the file cannot be a roster (missing, locked, not a regular file,
    .xls, password, oversized, empty, no header, too many rows)."""
    path = Path(path)
    _check_file(path)
    from openpyxl import load_workbook  # lazily: openpyxl is slow to import

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise RosterError("not_xlsx", path=path) from None
    with archive:
        try:
            sheet_scan.check_archive(archive)
        except sheet_scan.TooLarge as exc:
            raise _too_large(path, exc) from None
        except Exception:   # a damaged entry: the same answer as openpyxl's would be
            raise RosterError("not_xlsx", path=path) from None
        try:
            with _sizes_from_our_scan():
                wb = load_workbook(path, read_only=True, data_only=True)
        except FileNotFoundError:
            raise RosterError("missing", path=path) from None
        except PermissionError:
            raise RosterError("unreadable", path=path) from None
        except Exception:  # any parser failure on a zip that is not a workbook (.docx, damaged)
            raise RosterError("not_xlsx", path=path) from None
        try:
            return _read(wb, archive, path, limit, sheet)
        except RosterError:
            raise
        except Exception:  # a damaged sheet inside a valid zip shows up only while reading rows
            raise RosterError("not_xlsx", path=path) from None
        finally:
            wb.close()
