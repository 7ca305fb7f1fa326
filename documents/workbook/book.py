"""A workbook being exported: sheets written one after another in openpyxl's write-only mode,
document properties, progress with a way to stop, and the atomic save."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from documents.workbook.cells import HEADER, TITLE, RowWriter, StyledSheet, Styles
from documents.workbook.page import (
    PageSetup,
    SheetData,
    finish_page,
    fit_widths,
    fitted_height,
    keep_groups_together,
    row_height,
    set_up_page,
    title_height,
    wrapping_rooms,
)
from documents.workbook.save import ExportCancelled, save_atomically

# progress(done, total) -> False to stop; called every few hundred rows.
Progress = Callable[[int, int], "bool | None"]
_REPORT_EVERY = 200
_BOLD = 1.2


class Book:
    def __init__(self, *, language: str, setup: PageSetup, title: str, author: str,
                 subject: str = "", keywords: str = "") -> None:
        self.language, self.setup = language, setup
        self.wb = Workbook(write_only=True)
        self.styles = Styles(self.wb, language)
        props = self.wb.properties
        props.title, props.creator, props.subject = title, author, subject
        props.keywords, props.lastModifiedBy = keywords, author
        props.language = "ja-JP" if language == "ja" else "en-US"
        props.created = datetime.now(UTC).replace(tzinfo=None)   # openpyxl wants naive UTC

    def write(self, sheets: list[SheetData], progress: Progress | None = None) -> None:
        """Write every sheet; ExportCancelled when `progress` returns False."""
        total = sum(len(s.rows) + 2 for s in sheets)
        done = 0
        try:
            for sheet in sheets:
                done = self._write_sheet(sheet, progress, done, total)
                if progress is not None and progress(done, total) is False:
                    raise ExportCancelled()
        except BaseException:
            self.discard()
            raise

    def _write_sheet(self, sheet: SheetData, progress, done: int, total: int) -> int:
        ws = StyledSheet(parent=self.wb, title=sheet.name)
        self.wb._add_sheet(ws)
        widths = fit_widths(sheet, self.language)
        set_up_page(ws, sheet, widths, self.setup)
        wraps = [c.wrap for c in sheet.columns] or [False]
        rows = RowWriter(ws, self.styles, wraps,
                         [self._centered(sheet, n) for n in range(len(wraps))])
        # The title wraps across the table's width (merged), never past it: text running on
        # to the right would make the printed page scale down to fit it in.
        if len(widths) > 1:
            ws.merged_cells.add(f"A1:{get_column_letter(len(widths))}1")
        title = RowWriter(ws, self.styles, [True], [None])
        heights = [title_height(sheet.title, sum(widths), self.language)]
        title.append([sheet.title], TITLE, heights[0])
        if sheet.columns:
            header = [c.header for c in sheet.columns]
            # Headers wrap at any width: measure them against their columns as well, in bold
            # letters about a fifth wider as drawn ("Passport number" wrapped, lost a line).
            heights.append(row_height(header, [w / _BOLD for w in widths],
                                      [True] * len(header), self.language))
            rows.append(header, HEADER, heights[-1])
        rooms, language = wrapping_rooms(widths, wraps), self.language
        for index, values in enumerate(sheet.rows):
            heights.append(fitted_height(values, rooms, language))
            rows.append(values, sheet.row_flags(index), heights[-1])
            if progress is not None and index % _REPORT_EVERY == _REPORT_EVERY - 1:
                if progress(done + index, total) is False:
                    raise ExportCancelled()
        last_row = len(sheet.rows) + (2 if sheet.columns else 1)
        keep_groups_together(ws, sheet, widths, heights)
        finish_page(ws, sheet, last_row)
        return done + len(sheet.rows) + 2

    @staticmethod
    def _centered(sheet: SheetData, column: int) -> bool | None:
        """Dates, times and numbers sit centred under their header; text reads from the left."""
        if column < len(sheet.columns) and sheet.columns[column].centered is not None:
            return sheet.columns[column].centered
        for values in sheet.rows[:50]:
            if column < len(values) and values[column] not in (None, ""):
                value = getattr(values[column], "value", values[column])
                return None if isinstance(value, str) else True
        return None

    def save(self, path: Path, *, private: bool) -> None:
        try:
            save_atomically(self.wb.save, path, private=private)
        finally:
            self.discard()

    def discard(self) -> None:
        """Remove the sheets' temporary files (they may hold passport numbers) at once, not
        when the process ends."""
        for ws in self.wb.worksheets:
            writer = getattr(ws, "_writer", None)
            if writer is None:
                continue
            # End the row stream, then the sheet's XML, so that the file is closed before it
            # is removed; a sheet stopped halfway may complain about its open elements.
            for close in (getattr(ws, "_rows", None), writer.xf):
                try:
                    if close is not None:
                        close.close()
                except Exception:  # noqa: BLE001 - half-written XML is thrown away anyway
                    pass
            try:
                writer.cleanup()
            except (OSError, ValueError):
                pass           # already saved and removed by openpyxl
