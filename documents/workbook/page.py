"""What a sheet holds (a title row, a header row, rows of values) and how it is laid out: column
widths fitted to the content, frozen and filtered header, and the printed page.

Widths count East Asian wide characters as two, as Excel draws them; they are fixed before the
first row is written, because a write-only sheet writes its columns first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties

from documents.workbook.cells import DATE, DATETIME, NUMBER, TIME, Mark, value_kind

# Widths of the formatted numbers per language, in Excel's character units.
_FIXED = {"en": {DATE: 13, TIME: 8, DATETIME: 20}, "ja": {DATE: 14, TIME: 5, DATETIME: 20}}
_PADDING = 1.5
_HEADER_MAX = 16          # a longer header wraps rather than widening its column
SAMPLE_ROWS = 3000        # enough rows to size a column; a longer value wraps anyway
_BAD_NAME = re.compile(r"[\[\]:*?/\\]")
NAME_MAX = 31             # Excel refuses longer sheet names
PAPER_LETTER, PAPER_A4 = 1, 9   # Excel's paper size codes
PORTRAIT_WIDTH = 96
MAX_ROW_HEIGHT = 409      # points: Excel refuses a taller row (the rest of a cell scrolls)


@dataclass
class Column:
    header: str
    max_width: int = 30
    min_width: int = 6
    wrap: bool = True
    centered: bool | None = None     # None: dates, times and numbers centred, text not


@dataclass
class SheetData:
    """One sheet: the first row is its title, the second its header (when it has columns)."""

    name: str
    title: str
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    flags: list[int] | None = None       # row flags (cells.BAND, ...), one per row
    filter: bool = True

    def row_flags(self, index: int) -> int:
        return self.flags[index] if self.flags else 0


def text_width(text: str) -> int:
    """Columns the text needs: wide (CJK, full-width) characters count two; the longest line."""
    if "\n" in text:
        return max(text_width(line) for line in text.split("\n"))
    if text.isascii():
        return len(text)
    return _wide_width(text)


@lru_cache(maxsize=16384)          # the same names are measured on every sheet they are on
def _wide_width(text: str) -> int:
    return len(text) + sum(map(_is_wide, text))


@lru_cache(maxsize=4096)
def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def fit_widths(sheet: SheetData, language: str) -> list[float]:
    fixed = _FIXED[language]
    best = [min(text_width(c.header), _HEADER_MAX) * 1.1 for c in sheet.columns]
    caps = [c.max_width for c in sheet.columns]
    rows = sheet.rows
    step = max(1, len(rows) // SAMPLE_ROWS)
    for row in rows[::step]:
        for n, value in enumerate(row):
            if type(value) is Mark:
                value = value.value
            if value is None or n >= len(best) or best[n] >= caps[n]:
                continue
            if type(value) is str:
                # len() is a floor and 2*len() a ceiling: measure only what could win.
                if 2 * len(value) > best[n]:
                    best[n] = max(best[n], text_width(value))
            else:
                kind = value_kind(value)
                width = fixed.get(kind) if kind != NUMBER else len(f"{value:,}")
                best[n] = max(best[n], width or 0)
    return [min(max(w, c.min_width), c.max_width) + _PADDING
            for w, c in zip(best, sheet.columns, strict=True)]


# Points per line of 10-point text: Yu Gothic (and the Noto CJK that stands in for it) sets
# Japanese lines much taller than Calibri sets Latin ones.
LINE_HEIGHT = {"en": 12.75, "ja": 15.5}
_WORD = re.compile(r"\S+\s*|\s+")


def _drawn_width(text: str) -> float:
    # Proportional faces draw a Latin letter narrower than the digit "0" that Excel's width
    # unit is; Yu Gothic draws a kanji about two of its digits wide (LibreOffice, with other
    # fonts, a little less: rows there come out slightly roomy rather than clipped).
    if text.isascii():
        return 0.88 * len(text)
    wide = sum(map(_is_wide, text))
    return 2.0 * wide + 0.88 * (len(text) - wide)


@lru_cache(maxsize=8192)           # itineraries repeat the same notes and name lists
def wrapped_lines(text: str, width: float) -> int:
    """How many lines `text` takes in a wrapping cell `width` characters wide (greedy, by
    words for Latin text, by characters for Japanese, which breaks anywhere)."""
    lines = 0
    for para in text.split("\n"):
        if _drawn_width(para) <= width:
            lines += 1
            continue
        used, count = 0.0, 1
        for word in _WORD.findall(para):
            for piece in [word] if word.isascii() else list(word):
                w = _drawn_width(piece)
                if used + _drawn_width(piece.rstrip()) > width and used:
                    count, used = count + 1, 0.0
                while w > width:                  # a word longer than the column
                    count, w = count + 1, w - width
                used += w
        lines += count
    return lines


def row_height(values: list, widths: list[float], wraps: list[bool], language: str) -> float:
    """The height a row needs for its wrapped text, or 0 when one line is enough.

    Set explicitly because LibreOffice keeps the default height of rows in an .xlsx it opens,
    and Excel too unless someone double-clicks the row border.
    """
    return fitted_height(values, wrapping_rooms(widths, wraps), language)


def wrapping_rooms(widths: list[float], wraps: list[bool]) -> list[tuple[int, float]]:
    """(column, room for text) of the columns that wrap: a sheet's rows measure only these."""
    # Excel's width already leaves a margin.
    return [(n, width - 0.5) for n, (width, wrap) in enumerate(zip(widths, wraps, strict=False))
            if wrap]


def fitted_height(values: list, rooms: list[tuple[int, float]], language: str) -> float:
    """row_height, with the wrapping columns worked out once per sheet (wrapping_rooms)."""
    height = 0.0
    count = len(values)
    for n, room in rooms:
        if n >= count:
            break
        value = values[n]
        if type(value) is Mark:
            value = value.value
        if type(value) is not str:
            continue
        # 0.88 per Latin letter, under 2 per kanji: most cells are plainly one line.
        if "\n" in value or len(value) * (0.88 if value.isascii() else 2) > room:
            lines = wrapped_lines(value, room)
            if lines > 1:
                # Japanese lines are set taller in an English document too (the caterer's
                # column in Japanese): measured by the English height they were cut off.
                line = LINE_HEIGHT["ja" if not value.isascii() and _has_wide(value)
                                   else language]
                height = max(height, lines * line)
    return 0 if not height else min(round(height + 2, 1), MAX_ROW_HEIGHT)


@lru_cache(maxsize=8192)
def _has_wide(text: str) -> bool:
    return any(map(_is_wide, text))


TITLE_LINE = {"en": 19.0, "ja": 22.0}      # 14-point bold lines
_TITLE_SCALE = 1.5                         # a 14-point bold letter against a 10-point "0"


def title_height(title: str, width: float, language: str) -> float:
    lines = wrapped_lines(title, max(width / _TITLE_SCALE, 10))
    return min(round(lines * TITLE_LINE[language] + 6, 1), MAX_ROW_HEIGHT)


def sheet_name(text: str, used: set[str]) -> str:
    """A valid, unique tab name: no []:*?/\\, at most 31 characters, "(2)" for a repeat."""
    base = _BAD_NAME.sub("-", " ".join(text.split())).strip("'") or "Sheet"
    name, n = _truncate(base, NAME_MAX), 1
    # Folded once per call: a mission of a hundred groups tries "(2)".."(100)" of one name,
    # and folding every used name for each try made its 1,200 sheets 26 s of the export.
    folded = {u.casefold() for u in used}
    while name.casefold() in folded:
        n += 1
        suffix = f" ({n})"
        name = _truncate(base, NAME_MAX - len(suffix)) + suffix
    used.add(name)
    return name


# Where a shortened name may end: after a space or a Japanese word's closing mark, before an
# opening one, so that no word is cut in two.
_BREAK_AFTER = " 　、。・）」』】)"
_BREAK_BEFORE = "（「『【("


def _truncate(text: str, limit: int) -> str:
    """The text cut to `limit` characters with "…" at a word's end; a single word longer than
    half the room is cut, as nothing shorter would say what the sheet holds."""
    if len(text) <= limit:
        return text
    room = limit - 1
    ends = [n for n in range(room // 2, room + 1)
            if text[n - 1] in _BREAK_AFTER or text[n] in _BREAK_BEFORE + _BREAK_AFTER
            or _script_change(text[n - 1], text[n])]
    cut = ends[-1] if ends else room
    return text[:cut].rstrip(_BREAK_AFTER.replace("）", "").replace(")", "")) + "…"


def _script_change(before: str, after: str) -> bool:
    """Between a Latin letter and a Japanese one: Japanese writes no space there."""
    return before.isascii() != after.isascii() and (before.isalnum() or after.isalnum())


def footer_text(text: str) -> str:
    """Header/footer text with its control character escaped (& starts a code there)."""
    return text.replace("&", "&&")


@dataclass(frozen=True)
class PageSetup:
    language: str
    mission: str          # the mission's code and title, for the footer
    page_text: str        # "Page &P of &N", translated
    paper: int | None = None      # PAPER_A4 or PAPER_LETTER; None: by the language
    portrait: bool = False

def set_up_page(ws, sheet: SheetData, widths: list[float], setup: PageSetup) -> None:
    """Everything a write-only sheet writes before its rows: columns, panes, page."""
    for n, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(n)].width = round(width, 1)
    header_row = 2 if sheet.columns else 1
    ws.freeze_panes = f"A{header_row + 1}"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    # Portrait when the columns fit its width at full size (about 96 of Excel's character
    # units between A4's or Letter's margins): a narrow list is not printed small sideways.
    narrow = sum(widths) <= PORTRAIT_WIDTH
    ws.page_setup.orientation = "portrait" if setup.portrait or narrow else "landscape"
    ws.page_setup.paperSize = setup.paper or (PAPER_A4 if setup.language == "ja" else
                                              PAPER_LETTER)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0          # as many pages down as the rows need
    # A title block of several lines is printed once: repeated on every page it would take
    # half of each; the header row still repeats.
    ws.print_title_rows = f"{header_row}:{header_row}" if "\n" in sheet.title \
        else f"1:{header_row}"
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top, ws.page_margins.bottom = 0.5, 0.7
    ws.page_margins.header, ws.page_margins.footer = 0.3, 0.3
    ws.oddFooter.left.text = footer_text(setup.mission)
    ws.oddFooter.left.size = 8
    ws.oddFooter.center.text = setup.page_text
    ws.oddFooter.center.size = 8
    ws.oddFooter.right.text = "&A"         # the sheet's name
    ws.oddFooter.right.size = 8


# Page sizes (short side, long side) in points, and what the margins above leave of them.
_PAPER_POINTS = {PAPER_LETTER: (612.0, 792.0), PAPER_A4: (595.3, 841.9)}
_MARGINS_ACROSS, _MARGINS_DOWN = 0.8 * 72, 1.2 * 72
# Points per unit of column width as LibreOffice prints them (measured on its PDF of the
# manifest: 268 units fill 733 points at 42.5 %); Excel draws columns narrower, so its pages
# hold more rows and a break placed from this estimate comes early, never late.
_POINTS_PER_WIDTH = 6.5
DEFAULT_ROW_HEIGHT = 15.0      # a row written without a height (the sheet format's default)
_PAGE_SLACK = 0.96             # an estimate: a page taken as a little shorter than it is


def keep_groups_together(ws, sheet: SheetData, widths: list[float],
                         heights: list[float]) -> None:
    """Page breaks before a group of rows (a trip with its passengers, a room, a day) that
    would otherwise start at the foot of a page and go on on the next without its heading
    row; a group longer than a page still flows on. `heights`: every row's, the title first
    (0: the default)."""
    flags = sheet.flags
    if not flags or len(sheet.rows) < 2:
        return
    from documents.workbook.cells import GROUP_START

    across, down = _PAPER_POINTS.get(ws.page_setup.paperSize, _PAPER_POINTS[PAPER_LETTER])
    if ws.page_setup.orientation == "landscape":
        across, down = down, across
    scale = min(1.0, (across - _MARGINS_ACROSS) / (_POINTS_PER_WIDTH * sum(widths)))
    page = (down - _MARGINS_DOWN) * _PAGE_SLACK / scale
    heights = [h or DEFAULT_ROW_HEIGHT for h in heights]
    top = len(heights) - len(sheet.rows)           # the title, and the header row if any
    repeated = sum(heights[1:top]) if "\n" in sheet.title else sum(heights[:top])
    used = sum(heights[:top])
    starts = [n for n in range(len(sheet.rows)) if n == 0 or flags[n] & GROUP_START]
    for start, end in zip(starts, starts[1:] + [len(sheet.rows)], strict=True):
        group = heights[top + start:top + end]
        size = sum(group)
        if used + size > page and used > repeated and size <= page - repeated:
            ws.row_breaks.append(Break(id=top + start))   # after the row before the group
            used = repeated
        for height in group:
            if used + height > page:                      # the application's own break
                used = repeated
            used += height


def finish_page(ws, sheet: SheetData, last_row: int) -> None:
    """What is written after the rows: the filter over the header and the data."""
    if sheet.filter and sheet.columns and last_row > 2:
        ws.auto_filter.ref = f"A2:{get_column_letter(len(sheet.columns))}{last_row}"


def band_flags(keys: list) -> list[int]:
    """Row flags that shade every other group (a day, a flight, a room) and rule its top."""
    from documents.workbook.cells import BAND, GROUP_START

    flags, shaded, previous = [], False, object()
    for n, key in enumerate(keys):
        start = key != previous
        if start and n:
            shaded = not shaded
        flags.append((BAND if shaded else 0) | (GROUP_START if start and n else 0))
        previous = key
    return flags
