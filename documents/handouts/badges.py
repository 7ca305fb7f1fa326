"""Name badges on label sheets and table cards folded in half, drawn with QPainter on PDF pages.

A badge holds the name in large type in the document's order (山田 太郎 with each part's kana
reading above it as furigana in Japanese; Taro Yamada in English), the name in the other
script, and the organization and title in both languages. Sheets fit common label stock: A4
2 x 5 of 91 x 55 mm (business-card size), Letter 2 x 4 of 3 3/8 x 2 1/3 in. A table card is a
page folded across its middle: the lower half upright, the upper half turned round, so the name
reads upright from both sides of the table.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen

from documents.handouts.fonts import document_font, ensure_gui
from documents.handouts.pdf import PAPERS, Cancelled, Progress, pdf_device
from documents.handouts.text_maps import readable_text
from documents.workbook.lang import display_name, latin_name, native_name
from i18n import current_language
from i18n.formatting import katakana_only

DPI = 300
MM = DPI / 25.4
INCH = DPI


@dataclass(frozen=True)
class Sheet:
    columns: int
    rows: int
    width: float                    # one label, in device pixels
    height: float
    left: float                     # the first label's corner
    top: float
    pitch_x: float                  # from one label's corner to the next one's
    pitch_y: float


SHEETS = {
    "a4": Sheet(2, 5, 91 * MM, 55 * MM, 14 * MM, 11 * MM, 91 * MM, 55 * MM),
    "letter": Sheet(2, 4, 3.375 * INCH, 2.333 * INCH, 0.69 * INCH, 0.59 * INCH,
                    3.81 * INCH, 2.5 * INCH),
}


@dataclass(frozen=True)
class Badge:
    family: str                     # the large name, in two parts for the furigana: the
                                    # part written first (the family name but in katakana)
    given: str
    family_reading: str
    given_reading: str
    other: str                      # the name in the other script
    lines: tuple[str, ...]          # organization and title, both languages
    separator: str = " "            # "・" between a foreign name's parts in katakana


def badge_of(p) -> Badge:
    """The badge of a DocumentAttendee in the current language."""
    ja = current_language() == "ja"
    if ja and katakana_only(p.family_ja) and katakana_only(p.given_ja):
        # サラ・ミラー: a foreign name in katakana reads given name first, with a middle dot.
        badge = Badge(p.given_ja, p.family_ja, p.given_kana, p.family_kana, latin_name(p), (),
                      "・")
    elif ja and (p.family_ja or p.given_ja):
        badge = Badge(p.family_ja, p.given_ja, p.family_kana, p.given_kana, latin_name(p), ())
    elif ja:
        badge = Badge(p.family.upper(), p.given, "", "", native_name(p), ())
    else:
        badge = Badge(p.given, p.family, "", "", native_name(p) or "", ())
    first = (p.org_ja, p.title_ja) if ja else (p.org_en, p.title_en)
    second = (p.org_en, p.title_en) if ja else (p.org_ja, p.title_ja)
    lines = [" ".join(x for x in pair if x) for pair in (first, second)]
    seen = []
    for line in lines:
        if line and line not in seen:
            seen.append(line)
    return Badge(badge.family, badge.given, badge.family_reading, badge.given_reading,
                 badge.other if badge.other != display_name(p) else "", tuple(seen),
                 badge.separator)


def _fitted(text: str, width: float, start_pt: float, device, minimum: float = 7):
    """A font at most `start_pt` in which `text` fits `width` pixels of `device` on a line."""
    size = start_pt
    while True:
        font = document_font(size)
        if QFontMetricsF(font, device).horizontalAdvance(text) <= width or size <= minimum:
            return font
        size -= 1


def draw_badge(painter: QPainter, box: QRectF, badge: Badge, *, name_pt: float = 30) -> None:
    pad = box.width() * 0.06
    inner = box.adjusted(pad, pad * 0.8, -pad, -pad * 0.8)
    gap = badge.separator if badge.family and badge.given else ""
    device = painter.device()
    font = _fitted(badge.family + gap + badge.given, inner.width(), name_pt, device)
    metrics = QFontMetricsF(font, device)
    ruby = document_font(max(6.0, font.pointSizeF() * 0.36))
    ruby_height = QFontMetricsF(ruby, device).height() if (badge.family_reading or
                                                   badge.given_reading) else 0
    painter.setPen(Qt.GlobalColor.black)
    y = inner.top() + inner.height() * 0.08
    total = metrics.horizontalAdvance(badge.family + gap + badge.given)
    x = inner.left() + (inner.width() - total) / 2
    parts = ((badge.family, badge.family_reading),
             (badge.given, badge.given_reading))
    painter.setFont(font)
    for index, (part, reading) in enumerate(parts):
        advance = metrics.horizontalAdvance(part)
        if reading:
            painter.setFont(ruby)
            painter.drawText(QRectF(x - advance, y, advance * 3, ruby_height),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                             reading)
            painter.setFont(font)
        painter.drawText(QPointF(x, y + ruby_height + metrics.ascent()), part)
        x += advance
        if index == 0 and gap:
            if gap.strip():                   # the middle dot of サラ・ミラー is written
                painter.drawText(QPointF(x, y + ruby_height + metrics.ascent()), gap)
            x += metrics.horizontalAdvance(gap)
    y += ruby_height + metrics.height() + inner.height() * 0.03
    if badge.other:
        other = _fitted(badge.other, inner.width(), font.pointSizeF() * 0.45, device)
        painter.setFont(other)
        height = QFontMetricsF(other, device).height()
        painter.drawText(QRectF(inner.left(), y, inner.width(), height),
                         Qt.AlignmentFlag.AlignHCenter, badge.other)
        y += height * 1.3
    small = document_font(max(7.0, name_pt * 0.3))
    painter.setFont(small)
    painter.setPen(Qt.GlobalColor.darkGray)
    rest = QRectF(inner.left(), y, inner.width(), inner.bottom() - y)
    painter.drawText(rest, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap,
                     "\n".join(badge.lines))


def _pages(count: int, per_page: int) -> Iterator[range]:
    for start in range(0, count, per_page):
        yield range(start, min(start + per_page, count))


def write_badges(badges: list[Badge], out, *, paper: str, layout: str, title: str,
                 progress: Progress | None = None) -> int:
    """Write the PDF of the badges (label sheets) or table cards ("tent") to the open file
    `out` (see pdf.write_pdf); returns its page count."""
    ensure_gui()
    device = pdf_device(out)
    writer = QPdfWriter(device)
    writer.setResolution(DPI)
    writer.setPageLayout(QPageLayout(QPageSize(PAPERS[paper]), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
    writer.setTitle(title)
    writer.setCreator("Kakehashi")
    full = QRectF(writer.pageLayout().fullRectPixels(DPI))
    sheet = SHEETS[paper]
    per_page = 1 if layout == "tent" else sheet.columns * sheet.rows
    painter = QPainter(writer)
    pages = 0
    try:
        for chunk in _pages(len(badges), per_page):
            if pages:
                writer.newPage()
            pages += 1
            if layout == "tent":
                _tent(painter, full, badges[chunk[0]])
            else:
                _sheet(painter, sheet, [badges[i] for i in chunk])
            if progress is not None and progress(chunk[-1] + 1, len(badges)) is False:
                raise Cancelled()
    finally:
        painter.end()
        device.close()
    readable_text(out)
    return pages


def _sheet(painter: QPainter, sheet: Sheet, badges: list[Badge]) -> None:
    for index, badge in enumerate(badges):
        row, column = divmod(index, sheet.columns)
        box = QRectF(sheet.left + column * sheet.pitch_x, sheet.top + row * sheet.pitch_y,
                     sheet.width, sheet.height)
        painter.setPen(QPen(Qt.GlobalColor.lightGray, 1, Qt.PenStyle.DotLine))
        painter.drawRect(box)           # a cutting guide; the labels' own edges lie on it
        draw_badge(painter, box, badge, name_pt=26)


def _tent(painter: QPainter, page: QRectF, badge: Badge) -> None:
    half = page.height() / 2
    painter.setPen(QPen(Qt.GlobalColor.gray, 2, Qt.PenStyle.DashLine))
    painter.drawLine(QPointF(0, half), QPointF(page.width(), half))   # the fold
    face = QRectF(page.width() * 0.06, half + half * 0.2, page.width() * 0.88, half * 0.7)
    draw_badge(painter, face, badge, name_pt=54)
    painter.save()                      # the other face, turned round about the fold
    painter.translate(page.width(), page.height())
    painter.rotate(180)
    draw_badge(painter, face, badge, name_pt=54)
    painter.restore()


def first_badge_page(badges: list[Badge], *, paper: str, layout: str, width: int):
    """The first page as a QImage `width` pixels wide, for the export dialog's preview."""
    from PySide6.QtGui import QImage

    ensure_gui()
    size = QPageSize(PAPERS[paper]).sizePixels(DPI)
    scale = width / size.width()
    image = QImage(width, round(size.height() * scale), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    # Fonts are sized for the PDF's resolution and the painter scales the page down.
    image.setDotsPerMeterX(round(DPI / 0.0254))
    image.setDotsPerMeterY(round(DPI / 0.0254))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        if badges and layout == "tent":
            _tent(painter, QRectF(0, 0, size.width(), size.height()), badges[0])
        elif badges:
            sheet = SHEETS[paper]
            _sheet(painter, sheet, badges[:sheet.columns * sheet.rows])
    finally:
        painter.end()
    return image
