"""Cells and their looks: the workbook's fonts, number formats and fills per language, and a
write-only worksheet that takes its rows as finished XML, so that no text ever becomes a formula.

openpyxl's own append() reads a string starting with "=" as a formula and re-binds every value
through its type checks; here each value is written with the type we set (inline text for all
text) and a style id looked up once per look, and a row goes out as one string rather than as
openpyxl's cell objects, which is what keeps the export of a large mission fast."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from lxml.etree import xmlfile
from openpyxl.cell.cell import Cell
from openpyxl.compat import safe_string
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.xml.constants import SHEET_MAIN_NS

# What a value is, for its number format.
TEXT, DATE, TIME, DATETIME, NUMBER = range(5)
# Row flags: how a whole row looks.
BAND, GROUP_START, HEADER, MUTED, TITLE = 1, 2, 4, 8, 16
# SPARSE: a row whose empty cells are not written at all (no grid either): the passengers
# under a trip, where a grid of empty cells would cost more than the names.
SPARSE = 32
# Cell marks: a value that is missing (the host requires it), or shown in the other language.
MISSING, FALLBACK, DAY_ONLY = 1, 2, 4      # DAY_ONLY: a date without its weekday (birth dates)

# Excel's own codes, with the locale so that "aaa" and "ddd" name the weekday in the language.
FORMATS = {
    "en": {DATE: "[$-409]ddd m/d/yyyy", TIME: "h:mm AM/PM",
           DATETIME: "[$-409]ddd m/d/yyyy h:mm AM/PM", NUMBER: "#,##0"},
    "ja": {DATE: "[$-411]yyyy/mm/dd (aaa)", TIME: "h:mm",
           DATETIME: "[$-411]yyyy/mm/dd (aaa) h:mm", NUMBER: "#,##0"},
}
# The month in letters: a security office abroad cannot misread 04/12 as December 4.
DAY_FORMATS = {"en": "[$-409]d mmm yyyy", "ja": "yyyy/mm/dd"}
# Yu Gothic ships with Office on Windows and Mac; charset 128 (Shift_JIS) tells Excel the font is
# Japanese, so it never substitutes a Latin-only face for the kanji.
FONTS = {"en": {"name": "Calibri", "family": 2}, "ja": {"name": "游ゴシック", "family": 2,
                                                        "charset": 128}}
BODY_SIZE, TITLE_SIZE = 10, 14
# Formula starters (and their full-width forms, which Japanese Excel accepts too): such text
# gets quotePrefix so that editing the cell later still keeps it text.
QUOTE_FIRST = frozenset("=+-@\t\r＝＋－＠")
ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")   # not allowed in XML 1.0
MAX_TEXT = 32767                                          # Excel's limit for one cell

_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_BAND_FILL = PatternFill("solid", fgColor="F3F6F9")
_MISSING_FILL = PatternFill("solid", fgColor="FCE4E4")
_GRID = Side(style="thin", color="BFBFBF")
_RULE = Side(style="thin", color="595959")


@dataclass(frozen=True)
class Mark:
    """A value with a mark (MISSING, FALLBACK) that changes how its cell looks."""

    value: object
    mark: int


def value_kind(value) -> int:
    if isinstance(value, str):
        return TEXT
    if isinstance(value, datetime):
        return DATETIME
    if isinstance(value, date):
        return DATE
    if isinstance(value, time):
        return TIME
    return NUMBER


def clean_text(text: str) -> str:
    if ILLEGAL.search(text):
        text = ILLEGAL.sub("", text)
    return text[:MAX_TEXT]


class Styles:
    """Style ids of one workbook, made once per look."""

    def __init__(self, book, language: str) -> None:
        self.book, self.formats, self.language = book, FORMATS[language], language
        self.face = FONTS[language]
        base = Font(size=BODY_SIZE, **self.face)
        # The Normal style's font is what Excel sizes default columns and empty rows with.
        book._fonts = IndexedList([base])
        book._named_styles["Normal"].font = base
        self._ids: dict[tuple, int] = {}

    def font(self, *, bold=False, size=BODY_SIZE, color=None, italic=False) -> Font:
        return Font(size=size, bold=bold, color=color, italic=italic, **self.face)

    def style_id(self, sheet, kind: int, flags: int, mark: int, quote: bool, wrap: bool,
                 centered: bool | None) -> int:
        """`centered`: True centres, False forces the left, None leaves Excel's default."""
        key = (kind, flags, mark, quote, wrap, centered)
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = self._make(sheet, *key)
        return found

    def _make(self, sheet, kind, flags, mark, quote, wrap, centered) -> int:
        cell = Cell(sheet)
        if flags & TITLE:
            cell.font = self.font(bold=True, size=TITLE_SIZE)
            cell.alignment = Alignment(vertical="center", wrap_text=True)
            return cell.style_id
        header = bool(flags & HEADER)
        grey = bool(flags & MUTED or mark & FALLBACK)
        cell.font = self.font(bold=header, color="808080" if grey else None,
                              italic=bool(mark & FALLBACK))
        if header:
            cell.fill = _HEADER_FILL
        elif mark & MISSING:
            cell.fill = _MISSING_FILL
        elif flags & BAND:
            cell.fill = _BAND_FILL
        top = _RULE if flags & GROUP_START else _GRID
        cell.border = Border(left=_GRID, right=_GRID, top=top,
                             bottom=_RULE if header else _GRID)
        cell.alignment = Alignment(
            vertical="center" if header else "top", wrap_text=wrap or header,
            horizontal=None if header or centered is None else
            ("center" if centered else "left"))
        if kind != TEXT:
            cell.number_format = self.formats[kind]
            if mark & DAY_ONLY and kind == DATE:
                cell.number_format = DAY_FORMATS[self.language]
        if quote:
            cell.quotePrefix = True
        return cell.style_id


class StyledSheet(WriteOnlyWorksheet):
    """A write-only worksheet whose rows arrive as finished <row> XML (RowWriter makes it).

    openpyxl writes a cell through half a dozen lxml calls (about 15 µs); the rows of a large
    mission are most of an export's time. Here the sheet's own stream is unbuffered, so a row's
    text goes into the file between lxml's <sheetData> and </sheetData>, in order; everything
    else in the sheet (columns, panes, page setup, filter) is openpyxl's as before.
    """

    next_row = 1

    def _get_writer(self):
        if self._writer is None:
            self._writer = _RowTextWriter(self)
            self._writer.write_top()

    def append(self, row: str) -> None:
        """One row's <row> element as text (RowWriter.append)."""
        if self._rows is None:
            self._get_writer()
            self._rows = self._write_rows()
            next(self._rows)
        self._rows.send(row)

    def _write_rows(self):
        try:
            xf = self._writer.xf.send(True)
        except StopIteration:
            self._already_saved()
        with xf.element("sheetData"):
            xf.flush()
            write = self._writer.file.write
            try:
                while True:
                    write((yield).encode())
            except GeneratorExit:
                pass
        self._writer.xf.send(None)


class _RowTextWriter(WorksheetWriter):
    """openpyxl's sheet writer on a file it can be handed rows of text between its elements."""

    file = None

    def get_stream(self):
        with open(self.out, "wb") as self.file, xmlfile(self.file, buffered=False) as xf:
            with xf.element("worksheet", xmlns=SHEET_MAIN_NS):
                try:
                    while True:
                        el = (yield)
                        if el is True:
                            yield xf
                        elif el is not None:
                            xf.write(el)
                except GeneratorExit:
                    pass


def _escape(text: str) -> str:
    # As lxml writes text: a carriage return as a reference, or a reader would drop it.
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


class RowWriter:
    """Writes rows of plain values into a StyledSheet, styling each cell as it goes."""

    def __init__(self, sheet: StyledSheet, styles: Styles, wrap: list[bool],
                 centered: list[bool]) -> None:
        self.sheet, self.styles = sheet, styles
        self.wrap, self.centered = wrap, centered
        self.letters = [get_column_letter(n + 1) for n in range(len(wrap))]
        self.epoch = sheet.parent.epoch
        self._ids: dict[tuple, str] = {}      # (column, kind, flags, mark, quote) -> ' s="n"'

    def append(self, values, flags: int = 0, height: float = 0) -> None:
        """One row, `height` points tall when given (0: Excel's default)."""
        sheet = self.sheet
        row = sheet.next_row
        sheet.next_row = row + 1
        at = str(row)
        out = [f'<row r="{at}" ht="{height}" customHeight="1">' if height
               else f'<row r="{at}">']
        letters, ids = self.letters, self._ids
        sparse = flags & SPARSE
        for n, value in enumerate(values):
            if sparse and value is None:
                continue
            mark = 0
            if type(value) is Mark:
                value, mark = value.value, value.mark
            if value is None or value == "":
                kind, quote, body = TEXT, False, None
            elif type(value) is str:
                if ILLEGAL.search(value) or len(value) > MAX_TEXT:
                    value = clean_text(value)
                kind, quote = TEXT, value[:1] in QUOTE_FIRST
                space = ' xml:space="preserve"' if value != value.strip() else ""
                body = f' t="inlineStr"><is><t{space}>{_escape(value)}</t></is></c>'
            else:
                kind, quote = value_kind(value), False
                if kind != NUMBER:
                    if getattr(value, "tzinfo", None) is not None:
                        raise TypeError("Excel does not support timezones in datetimes.")
                    value = to_excel(value, self.epoch)
                body = f' t="n"><v>{safe_string(value)}</v></c>'
            key = (n, kind, flags, mark, quote)
            style = ids.get(key)
            if style is None:
                style = ids[key] = ' s="{}"'.format(self.styles.style_id(
                    sheet, kind, flags, mark, quote, self.wrap[n], self.centered[n]))
            out.append(f'<c r="{letters[n]}{at}"{style}{body}' if body
                       else f'<c r="{letters[n]}{at}"{style}/>')
        out.append("</row>")
        sheet.append("".join(out))
