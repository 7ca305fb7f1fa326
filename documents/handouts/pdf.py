"""Laying HTML out on A4 or Letter pages with Qt and writing a PDF: QTextDocument breaks lines
(Unicode line breaking, so no line starts with 。、）」 nor ends with （「) and pages; QPdfWriter
embeds a subset of each font; every page gets the mission and "Page n of N" in its footer.
A page many packs show (a shared day, a contacts page, a page number) is drawn once and
shown by each of them (shared_pages.py).

documents/ may use QtGui (models/ may not): Qt's own PDF writer uses the fonts the window uses,
a Japanese one first (fonts.py), so no other PDF library is needed; text_maps.py makes the text
read back as it was written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QFile, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextCursor,
    QTextDocument,
)

from documents.handouts.fonts import document_font, ensure_gui
from documents.handouts.shared_pages import compose
from documents.handouts.text_maps import readable_text
from i18n import _

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
RESOLUTION = 300
_MARGINS_MM = QMarginsF(16, 14, 16, 12)
_FOOTER_PT = 8
_INSIDE = 1.0        # device pixels (1/300 inch in the PDF): see _draw_page


_NEW_PAGE = '<p style="page-break-before: always; margin: 0"></p>'


@dataclass(frozen=True)
class Part:
    """One document of the PDF (one person's handout); its pages are numbered on their own.
    Its sections (HTML bodies) each start a new page."""

    sections: tuple[str, ...]
    footer: str

    @property
    def html(self) -> str:
        """The whole document, as one QTextDocument lays it out."""
        return f"<html><body>{_NEW_PAGE.join(self.sections)}</body></html>"


class _Drawings:
    """Every distinct page body, footer and page number drawn once, on a page of its own
    (shared_pages.compose stacks them into the pages the reader sees): the days and contacts
    the whole delegation shares are the same HTML for many delegates (a few dozen distinct
    itinerary pages and a few hundred contacts pages among 2,000 packs). A section is known
    by a digest of its HTML, so what it keeps stays small however many packs; the cover, one
    per person, is laid out, drawn and dropped."""

    def __init__(self, writer: QPdfWriter, painter: QPainter, rect: QRectF, size: QSizeF,
                 footer_height: float) -> None:
        self.writer, self.painter, self.rect, self.size = writer, painter, rect, size
        self.footer_height = footer_height
        self.count = 0
        self.sections: dict[bytes, tuple[int, ...]] = {}
        self.numbers: dict[tuple[int, int], int] = {}

    def _page(self) -> int:
        if self.count:
            self.writer.newPage()
        self.count += 1
        return self.count - 1

    def bodies(self, part: Part) -> list[int]:
        """The drawings of the part's pages, in order."""
        found = list(self._draw(part.sections[0]))
        for body in part.sections[1:]:
            key = hashlib.sha256(body.encode()).digest()
            drawn = self.sections.get(key)
            if drawn is None:
                drawn = self.sections[key] = self._draw(body)
            found += drawn
        return found

    def _draw(self, body: str) -> tuple[int, ...]:
        doc = _document(f"<html><body>{body}</body></html>", self.writer, self.size)
        drawn = []
        for page in range(doc.pageCount()):
            drawn.append(self._page())
            _draw_page(self.painter, doc, page, self.size)
        return tuple(drawn)

    def footer(self, left: str) -> int:
        at = self._page()
        _footer_left(self.painter, self.rect, self.footer_height, left)
        return at

    def number(self, page: int, pages: int) -> int:
        at = self.numbers.get((page, pages))
        if at is None:
            at = self.numbers[(page, pages)] = self._page()
            _footer_number(self.painter, self.rect, self.footer_height, page, pages)
        return at


# progress(done, total) -> False to stop.
Progress = Callable[[int, int], "bool | None"]


class Cancelled(Exception):
    pass


def _document(html: str, device, size: QSizeF) -> QTextDocument:
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(document_font())
    doc.setPageSize(size)
    doc.setIndentWidth(size.width() * 0.06)     # an item's details, under its times
    doc.setHtml(html)
    return doc


def _layout(paper: str) -> QPageLayout:
    return QPageLayout(QPageSize(PAPERS[paper]), QPageLayout.Orientation.Portrait, _MARGINS_MM,
                       QPageLayout.Unit.Millimeter)


def _body(device_rect: QRectF, footer_height: float) -> QSizeF:
    return QSizeF(device_rect.width(), device_rect.height() - footer_height)


def _footer(painter: QPainter, rect: QRectF, height: float, left: str, page: int,
            pages: int | None) -> None:
    _footer_left(painter, rect, height, left)
    _footer_number(painter, rect, height, page, pages)


def _footer_box(painter: QPainter, rect: QRectF, height: float) -> QRectF:
    painter.setFont(document_font(_FOOTER_PT))
    painter.setPen(Qt.GlobalColor.darkGray)
    return QRectF(0, rect.height() - height * 0.8, rect.width(), height * 0.8)


def _footer_left(painter: QPainter, rect: QRectF, height: float, left: str) -> None:
    """The footer's rule and its left side (the mission, and whose pack it is)."""
    painter.save()
    box = _footer_box(painter, rect, height)
    painter.drawLine(box.topLeft(), box.topRight())
    painter.drawText(box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, left)
    painter.restore()


def _footer_number(painter: QPainter, rect: QRectF, height: float, page: int,
                   pages: int | None) -> None:
    painter.save()
    box = _footer_box(painter, rect, height)
    number = _("Page {page}").format(page=page) if pages is None else \
        _("Page {page} of {pages}").format(page=page, pages=pages)
    painter.drawText(box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, number)
    painter.restore()


def pdf_device(out) -> QFile:
    """A QIODevice writing to the open (read-write) file `out` itself: a PDF of thousands of
    pages goes to the disk as it is drawn, never whole into memory."""
    out.flush()
    device = QFile()
    if not device.open(out.fileno(), QIODevice.OpenModeFlag.WriteOnly,
                       QFile.FileHandleFlag.DontCloseHandle):
        raise OSError(device.errorString())
    return device


def write_pdf(parts: Iterable[Part], out, *, count: int, paper: str, title: str,
              progress: Progress | None = None) -> int:
    """Write the PDF of every part (`count` of them), one after another, to the open file
    `out` (opened for reading and writing, as save_atomically's temporary file is); returns
    its page count."""
    ensure_gui()
    device = pdf_device(out)
    writer = QPdfWriter(device)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(_layout(paper))
    writer.setTitle(title)
    writer.setCreator("Kakehashi")
    rect = QRectF(writer.pageLayout().paintRectPixels(RESOLUTION))
    rect.moveTo(0, 0)
    footer_height = _FOOTER_PT / 72 * RESOLUTION * 2.6
    size = _body(rect, footer_height)
    painter = QPainter(writer)
    drawings = _Drawings(writer, painter, rect, size, footer_height)
    pages: list[tuple[int, int, int]] = []   # each page's body, footer and number drawings
    try:
        for index, part in enumerate(parts):
            bodies = drawings.bodies(part)
            footer = drawings.footer(part.footer)
            pages += [(body, footer, drawings.number(number, len(bodies)))
                      for number, body in enumerate(bodies, 1)]
            if progress is not None and progress(index + 1, count) is False:
                raise Cancelled()
    finally:
        painter.end()
        device.close()
    if pages:
        compose(out, pages)
    readable_text(out)
    return len(pages)


def _draw_page(painter: QPainter, doc: QTextDocument, page: int, size: QSizeF) -> None:
    """One page of `doc`, each line on its own page only. doc.drawContents(page) also wrote
    the line before the page (QTextLayout::draw starts at a paragraph's last line wholly above
    the area it is asked for) and the line starting at the next page's top (every line touching
    the area is drawn): hidden by the clip on paper, but there in the text that is read back,
    copied and searched. So the layout is asked for the page a pixel inside its edges, and the
    paragraphs running onto the page from the one before are hidden from it and their lines on
    this page drawn here one by one."""
    painter.save()
    height = size.height()
    painter.translate(0, -page * height)
    rect = QRectF(0, page * height, size.width(), height)
    painter.setClipRect(rect)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = rect.adjusted(0, _INSIDE, 0, -_INSIDE)
    layout = doc.documentLayout()
    running = _running_onto(doc, rect.top()) if page else []
    for block, _box in running:
        block.setVisible(False)         # a flag the drawing reads; the layout stays as it is
    try:
        layout.draw(painter, context)
    finally:
        for block, _box in running:
            block.setVisible(True)
    painter.setPen(context.palette.color(QPalette.ColorRole.Text))
    for block, box in running:
        lines = block.layout()
        origin = box.topLeft() - lines.position()
        for number in range(lines.lineCount()):
            line = lines.lineAt(number)
            if box.top() + line.y() >= rect.top() - _INSIDE:
                line.draw(painter, origin + lines.position())
    painter.restore()


def _running_onto(doc: QTextDocument, top: float) -> list:
    """(block, its box) of each paragraph that starts above `top` and goes on below it: the
    one there, or in a table the row's cells'."""
    layout = doc.documentLayout()
    position = layout.hitTest(QPointF(doc.pageSize().width() / 2, top + 2 * _INSIDE),
                              Qt.HitTestAccuracy.FuzzyHit)
    block = doc.findBlock(position)
    if not block.isValid():
        return []
    cursor = QTextCursor(block)
    table = cursor.currentTable()
    blocks = [block]
    if table is not None:
        row = table.cellAt(cursor).row()
        blocks = []
        for column in range(table.columns()):
            cell = table.cellAt(row, column)
            inside = cell.firstCursorPosition().block()
            last = cell.lastCursorPosition().block()
            while inside.isValid():
                blocks.append(inside)
                if inside == last:
                    break
                inside = inside.next()
    running = []
    for candidate in blocks:
        box = layout.blockBoundingRect(candidate)
        if box.top() < top < box.bottom():
            running.append((candidate, box))
    return running


def first_page_image(part: Part, *, paper: str, width: int) -> QImage:
    """The first page as a picture `width` pixels wide, for the export dialog's preview: laid
    out at the picture's own resolution, so it breaks its lines where the PDF does. `part` may
    hold the first page only (export.cover_part): the footer then gives no page total."""
    ensure_gui()
    layout = _layout(paper)
    full = layout.fullRectPoints()
    dpi = width / (full.width() / 72)
    image = QImage(width, round(full.height() / 72 * dpi), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    paint = QRectF(layout.paintRectPixels(round(dpi)))
    painter = QPainter(image)
    try:
        painter.translate(paint.topLeft())
        paint.moveTo(0, 0)
        footer_height = _FOOTER_PT / 72 * dpi * 2.6
        size = _body(paint, footer_height)
        doc = _document(part.html, image, size)
        _draw_page(painter, doc, 0, size)
        _footer(painter, paint, footer_height, part.footer, 1, None)
    finally:
        painter.end()
    return image
