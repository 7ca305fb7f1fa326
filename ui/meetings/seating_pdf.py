"""The seating chart as a PDF: a title, the drawn plan, and the list of who sits where, on A4
in Japan and Letter in the US (by the venue's zone, not the window's language). Saved the way
the workbooks are: the old file or the whole new one, never half of one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QGraphicsScene

from documents.workbook.save import save_atomically
from models.rules import mission_countries


def page_size(zone: str) -> QPageSize:
    letter = "US" in mission_countries({zone})
    return QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)


def seating_pdf_bytes(scene: QGraphicsScene, title: str, lines: list[str],
                      zone: str) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("Kakehashi")
    writer.setResolution(150)
    writer.setPageLayout(QPageLayout(page_size(zone), QPageLayout.Orientation.Landscape,
                                     QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
    painter = QPainter(writer)
    try:
        page = QRectF(0, 0, writer.width(), writer.height())
        heading = QFont(painter.font())
        heading.setPointSizeF(16)
        heading.setBold(True)
        painter.setFont(heading)
        head = painter.boundingRect(page, Qt.TextFlag.TextWordWrap, title)
        painter.drawText(page, Qt.TextFlag.TextWordWrap, title)
        plan = QRectF(0, head.height() + 20, page.width(), page.height() - head.height() - 20)
        scene.render(painter, plan, scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        if lines:
            writer.newPage()
            body = QFont(painter.font())
            body.setPointSizeF(10)
            body.setBold(False)
            painter.setFont(body)
            step = painter.fontMetrics().lineSpacing() * 1.25
            columns, y, x = 2, 0.0, 0.0
            width = page.width() / columns
            for line in lines:
                if y + step > page.height():
                    y, x = 0.0, x + width
                    if x >= page.width():
                        writer.newPage()
                        x = 0.0
                painter.drawText(QRectF(x, y, width, step), Qt.AlignmentFlag.AlignLeft, line)
                y += step
    finally:
        painter.end()
        buffer.close()
    return bytes(data)


def save_seating_pdf(path: Path, scene: QGraphicsScene, title: str, lines: list[str],
                     zone: str) -> None:
    """Raises documents.workbook.save.ExportError (nothing changed) when it cannot be saved."""
    pdf = seating_pdf_bytes(scene, title, lines, zone)
    save_atomically(lambda out: out.write(pdf), Path(path), private=False, suffix=".pdf")
