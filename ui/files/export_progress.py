"""The one way the File menu's exports run (the workbook, a receiver's document, the handouts):
under a progress dialog that can cancel, with the wait cursor, the event loop speaking the
window's language.

A document in another language than the window's is written inside
i18n.temporary_language, and each step of its progress lets the event loop run: a paint, a
list's layout (it words a row to measure it) or a timer's work (the readiness checks, the tab
titles) would word the window in the document's language, and what keeps a row's words once
worded (the readiness panel, the tables) would go on showing them. Not drawing the window
meanwhile was not enough: a list lays itself out without drawing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog

import i18n
from i18n import _
from ui.common.dialogs import discard

Report = Callable[[int, int], bool]     # (done, total) -> go on; what documents call `progress`


def export_with_progress(ctx, path: Path, title: str, write: Callable[[Report], object]):
    """Call `write(report)`: True when it wrote `path`, None when the user cancelled, the
    ExportError when the file could not be written (nothing is written then either)."""
    from documents.workbook import ExportCancelled, ExportError

    progress = QProgressDialog(ctx.parent)       # its Cancel button is Qt's, translated by Qt
    progress.setLabelText(_("Exporting {name}…").format(name=path.name))
    progress.setWindowTitle(title)
    progress.setRange(0, 1)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(400)

    shown = i18n.current_language()

    def report(done: int, total: int) -> bool:
        # The window's language while the loop runs (a modal dialog's setValue runs it too),
        # the document's again when the export goes on.
        with i18n.temporary_language(shown):
            progress.setMaximum(max(total, 1))
            progress.setValue(min(done, total))
            QApplication.processEvents()
        return not progress.wasCanceled()

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        write(report)
    except ExportCancelled:
        return None
    except ExportError as exc:
        return exc
    finally:
        QApplication.restoreOverrideCursor()
        progress.close()
        discard(progress)                # a child of the window: each export left one behind
    return True
