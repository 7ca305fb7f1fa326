"""Laying HTML out on A4 or Letter pages with Qt and writing a PDF: QTextDocument breaks lines
(Unicode line breaking, so no line starts with 。、）」 nor ends with （「) and pages; QPdfWriter
embeds a subset of each font; every page gets the mission and "Page n of N" in its footer.

documents/ may use QtGui (models/ may not): Qt's own PDF writer uses the fonts the window uses,
a Japanese one first (i18n.qt), so no other PDF library is needed. A QGuiApplication is made
when none runs (the command line), on the offscreen platform where there is no display.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QFile, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QRawFont,
    QTextDocument,
)

from i18n import _

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
RESOLUTION = 300
_MARGINS_MM = QMarginsF(16, 14, 16, 12)
_FOOTER_PT = 8
_app: QGuiApplication | None = None


@dataclass(frozen=True)
class Part:
    """One document of the PDF (one person's handout); its pages are numbered on their own."""

    html: str
    footer: str


# progress(done, total) -> False to stop.
Progress = Callable[[int, int], "bool | None"]


class Cancelled(Exception):
    pass


def ensure_gui() -> None:
    """Fonts need a QGuiApplication; the command line has none, and maybe no display."""
    global _app
    if QGuiApplication.instance() is not None:
        return
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _app = QGuiApplication(["kakehashi"])


def document_font(point_size: float = 9.5) -> QFont:
    """A Japanese family first, so kanji never take Chinese shapes, also in an English text."""
    from i18n.qt import japanese_families

    font = QFont()
    families = japanese_families()
    if families:
        font.setFamilies(families)
    font.setPointSizeF(point_size)
    # Noto Sans CJK's 'locl' swaps the digits of a Latin run for glyphs that Qt's PDF writer
    # cannot map back to text (pdftotext then reads "Dec 7, 2026" as "Dec ,"), and ligatures
    # would make "office" read as "oﬃce": both off, the page looks the same.
    for tag in ("locl", "liga"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


_CMAP = re.compile(rb"begincmap.*?endcmap", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")


# The code points a text means where a font draws several alike: ideographs, kana, full-width
# forms, the en dash. Qt would name the lowest of them (a radical, a hyphenation point).
_MEANT = ((0x3000, 0x3100), (0x3400, 0x4DC0), (0x4E00, 0xA000), (0xFF00, 0xFFF0),
          (0x2013, 0x2015), (0x2026, 0x2027))
_SHADOWS = (0x2000, 0x3000)          # where the lower look-alikes live


@cache
def _meant_code_points() -> dict[int, int]:
    """Look-alike code point -> the one meant (⾼ U+2FBC -> 高 U+9AD8, ‧ U+2027 -> ・ U+30FB)."""
    raw = QRawFont.fromFont(document_font())
    meant = [chr(c) for block in _MEANT for c in range(*block)]
    first: dict[int, int] = {}
    for char, glyph in zip(meant, raw.glyphIndexesForString("".join(meant)), strict=True):
        if glyph:
            first.setdefault(glyph, ord(char))
    found = {}
    shadows = [chr(c) for c in range(*_SHADOWS)]
    for char, glyph in zip(shadows, raw.glyphIndexesForString("".join(shadows)), strict=True):
        target = first.get(glyph) if glyph else None
        if target is None:
            folded = unicodedata.normalize("NFKC", char)
            if 0x2E80 <= ord(char) < 0x3000 and folded != char and len(folded) == 1:
                target = ord(folded)
        if target is not None and target != ord(char):
            found[ord(char)] = target
    return found


def _fonts_start(pdf) -> int:
    """Where the first font object starts (Qt writes the fonts after the pages), or 0."""
    found = pdf.find(b"/Type /FontDescriptor")
    return max(0, found) if found >= 0 else 0


def readable_text(out) -> None:
    """Qt maps each glyph back to the lowest code point that draws it, and CJK fonts draw a
    radical (⾼ U+2FBC) and its ideograph (高 U+9AD8) alike: copied or searched text would hold
    radicals. The ToUnicode maps of the PDF in the open file `out` are rewritten to the
    ideographs, in place: each code keeps its length, so no offset in the file moves."""
    import mmap

    out.flush()
    if os.fstat(out.fileno()).st_size == 0:
        return
    table = _meant_code_points()

    def line(text: bytes) -> bytes:
        tokens = list(_HEX.finditer(text))
        targets = tokens[2:] if b"[" in text else tokens[-1:] if len(tokens) in (2, 3) else []
        out = bytearray(text)
        for token in targets:
            code = int(token[1], 16)
            if code in table:
                out[token.start(1):token.end(1)] = b"%04X" % table[code]
        return bytes(out)

    with mmap.mmap(out.fileno(), 0) as pdf:
        # The font maps come after every page: the regular expression starts at the fonts.
        for match in _CMAP.finditer(pdf, _fonts_start(pdf)):
            fixed = b"\n".join(line(text) for text in match.group(0).split(b"\n"))
            pdf[match.start():match.end()] = fixed
        pdf.flush()


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
    painter.save()
    font = document_font(_FOOTER_PT)
    painter.setFont(font)
    painter.setPen(Qt.GlobalColor.darkGray)
    box = QRectF(0, rect.height() - height * 0.8, rect.width(), height * 0.8)
    painter.drawLine(box.topLeft(), box.topRight())
    flags = Qt.AlignmentFlag.AlignVCenter
    painter.drawText(box, flags | Qt.AlignmentFlag.AlignLeft, left)
    number = _("Page {page}").format(page=page) if pages is None else \
        _("Page {page} of {pages}").format(page=page, pages=pages)
    painter.drawText(box, flags | Qt.AlignmentFlag.AlignRight, number)
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
    total = 0
    try:
        for index, part in enumerate(parts):
            doc = _document(part.html, writer, size)
            pages = doc.pageCount()
            for page in range(pages):
                if total:
                    writer.newPage()
                _draw_page(painter, doc, page, size)
                _footer(painter, rect, footer_height, part.footer, page + 1, pages)
                total += 1
            if progress is not None and progress(index + 1, count) is False:
                raise Cancelled()
    finally:
        painter.end()
        device.close()
    readable_text(out)
    return total


def _draw_page(painter: QPainter, doc: QTextDocument, page: int, size: QSizeF) -> None:
    painter.save()
    painter.translate(0, -page * size.height())
    doc.drawContents(painter, QRectF(0, page * size.height(), size.width(), size.height()))
    painter.restore()


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
