"""Hostile and odd roster files, made on the spot (never committed): a sheet formatted down to
row 1,048,576, a zip that unpacks to gigabytes, a cell of a million spaces, blank rows by the
hundred thousand, a sheet without its <dimension>, hidden sheets. Shared by the tests and
bench/hostile.py."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import Workbook

EXCEL_ROWS = 1_048_576
_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADER = ("Family name", "Given name", "E-mail", "Organization")


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _people_rows(people: int, start: int = 2) -> list[str]:
    rows = ['<row r="1">' + "".join(_cell(f"{c}1", h) for c, h in zip("ABCD", HEADER,
                                                                        strict=True)) + "</row>"]
    for i in range(people):
        r = start + i
        rows.append(f'<row r="{r}">' + _cell(f"A{r}", f"Person{i}") + _cell(f"B{r}", "Taro")
                    + _cell(f"C{r}", f"p{i}@example.com") + _cell(f"D{r}", "JETRO") + "</row>")
    return rows


def _with_sheet(path: Path, sheet_xml_parts, *, dimension: str | None = "A1:D2",
                extra: dict[str, bytes] | None = None) -> Path:
    """A real workbook (openpyxl's parts) whose first sheet's XML is streamed from the parts."""
    base = path.with_suffix(".base.xlsx")
    Workbook().save(base)
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED,
                                                       compresslevel=1) as dst:
        for item in src.infolist():
            if item.filename == "xl/worksheets/sheet1.xml":
                with dst.open(item.filename, "w", force_zip64=True) as out:
                    out.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_NS}">'
                              .encode())
                    if dimension:
                        out.write(f'<dimension ref="{dimension}"/>'.encode())
                    out.write(b"<sheetData>")
                    for part in sheet_xml_parts:
                        out.write(part.encode())
                    out.write(b"</sheetData></worksheet>")
            elif extra and item.filename in extra:
                continue
            else:
                dst.writestr(item, src.read(item.filename))
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    base.unlink()
    return path


def formatted_to_the_end(path: Path, people: int = 1, *, dimension: bool = True,
                         cells_per_row: int = 0) -> Path:
    """`people` attendees, then every row down to 1,048,576 formatted but empty (as Excel
    saves a sheet whose columns were formatted whole), optionally with empty styled cells."""
    def parts():
        yield from _people_rows(people)
        empty_cells = "".join(f'<c r="{c}{{r}}" s="1"/>' for c in "ABCDEFGHIJKLMNOPQRST"
                              [:cells_per_row])
        batch = []
        for r in range(people + 2, EXCEL_ROWS + 1):
            cells = empty_cells.replace("{r}", str(r)) if cells_per_row else ""
            batch.append(f'<row r="{r}" s="1" customFormat="1">{cells}</row>' if cells else
                         f'<row r="{r}" s="1" customFormat="1"/>')
            if len(batch) == 10_000:
                yield "".join(batch)
                batch = []
        yield "".join(batch)
    return _with_sheet(path, parts(), dimension=f"A1:T{EXCEL_ROWS}" if dimension else None)


def blank_rows(path: Path, rows: int = 200_000, cells_per_row: int = 20) -> Path:
    """One attendee, then `rows` rows of empty styled cells."""
    return _with_sheet(path, _blank_parts(rows, cells_per_row), dimension=None)


def _blank_parts(rows: int, cells_per_row: int):
    yield from _people_rows(1)
    for start in range(3, rows + 3, 5_000):
        yield "".join(
            f'<row r="{r}">' + "".join(f'<c r="{c}{r}" s="1"/>'
                                       for c in "ABCDEFGHIJKLMNOPQRST"[:cells_per_row])
            + "</row>" for r in range(start, min(start + 5_000, rows + 3)))


def expanding_zip(path: Path, unpacked_mb: int = 2048) -> Path:
    """A workbook whose shared strings unpack to `unpacked_mb` MB of spaces (one cell)."""
    def parts():
        yield from _people_rows(1)
    base = _with_sheet(path.with_suffix(".inner.xlsx"), parts())
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED,
                                                       compresslevel=1) as dst:
        for item in src.infolist():
            if item.filename != "xl/sharedStrings.xml":
                dst.writestr(item, src.read(item.filename))
        with dst.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
            out.write(f'<sst xmlns="{_NS}" count="1" uniqueCount="1"><si><t>'.encode())
            block = b" " * (16 << 20)
            for _ in range(unpacked_mb // 16):
                out.write(block)
            out.write(b"</t></si></sst>")
    base.unlink()
    return path


def long_cell(path: Path, chars: int = 1_000_000) -> Path:
    """One inline cell far longer than Excel allows, in a file of a few kilobytes."""
    return _with_sheet(path, [*_people_rows(1), '<row r="3">' + _cell("A3", " " * chars)
                              + "</row>"])


def people(path: Path, n: int) -> Path:
    """A plain roster of n attendees."""
    return _with_sheet(path, _people_rows(n), dimension=f"A1:D{n + 1}")


def with_hidden_sheet(path: Path, *, visible_roster: bool = True) -> Path:
    """A hidden sheet with passport numbers and birth dates; a visible one with or without a
    roster."""
    wb = Workbook()
    shown = wb.active
    shown.title = "Roster"
    if visible_roster:
        shown.append(["Family name", "Given name", "E-mail"])
        shown.append(["Sato", "Hanako", "hanako@example.jp"])
    else:
        shown.append(["Thank you for registering"])
    hidden = wb.create_sheet("Internal")
    hidden.append(["Family name", "Given name", "Passport number", "Date of birth"])
    hidden.append(["Secret", "Person", "TK7654321", "1970-01-02"])
    hidden.sheet_state = "hidden"
    wb.save(path)
    return path


def two_rosters(path: Path) -> Path:
    """Two visible sheets with headers; the second one active."""
    wb = Workbook()
    first = wb.active
    first.title = "Delegation"
    first.append(["Family name", "Given name"])
    first.append(["Sato", "Hanako"])
    second = wb.create_sheet("Hosts")
    second.append(["Family name", "Given name"])
    second.append(["Smith", "Anna"])
    second.append(["Jones", "Bob"])
    wb.active = 1
    wb.save(path)
    return path
