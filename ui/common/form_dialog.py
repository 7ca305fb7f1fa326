"""The base of the dialogs that collect fields: the fields in a scroll area above buttons that
never move, a size that fits the screen with room kept for messages, Tab in reading order, and
Escape that asks before dropping what was typed."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QFrame,
    QLayout,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from i18n import _
from ui.common.reading_order import set_reading_order

MESSAGE_LINES = 8      # kept free below the fields when the screen allows, for messages


class _FormScroll(QScrollArea):
    """A scroll area that asks for the whole of its form (Qt's caps it at 24 lines)."""

    def sizeHint(self) -> QSize:
        inner = self.widget().sizeHint() if self.widget() is not None else QSize()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(inner.width() + bar + 2 * self.frameWidth(),
                     inner.height() + 2 * self.frameWidth())


def form_state(root: QWidget) -> tuple:
    """What the fields under `root` hold, to tell whether anything was changed."""
    state = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit):
            state.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            state.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            state.append(widget.currentText())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            state.append(widget.isChecked())
        elif isinstance(widget, QListWidget):
            state.append(tuple((widget.item(i).text(), widget.item(i).checkState())
                               for i in range(widget.count())))
    return tuple(state)


class FormDialog(QDialog):
    """Lay the form out with `set_form(body, buttons)`, then call `finish_form()` once filled."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._saved: tuple | None = None
        self._fitted = False
        self.scroll = _FormScroll(objectName="formScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # Tab goes field to field

    def set_form(self, body: QLayout, buttons: QWidget) -> None:
        inner = QWidget(objectName="form")
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(body)
        column.addStretch(1)           # the room kept for messages waits below the fields
        self.scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(buttons)

    def finish_form(self) -> None:
        """Chain Tab through the fields and remember them as unchanged."""
        set_reading_order(self)
        self.mark_unchanged()

    def mark_unchanged(self) -> None:
        self._saved = form_state(self)

    def has_changes(self) -> bool:
        return self._saved is not None and form_state(self) != self._saved

    # size ------------------------------------------------------------------------------------
    def fit_to(self, available: QRect) -> None:
        """As large as the form wants plus room for messages, never larger than `available`
        (a 1280x720 laptop scrolls the form; the buttons stay in view)."""
        self.layout().activate()
        wanted = self.sizeHint()
        spare = self.fontMetrics().lineSpacing() * MESSAGE_LINES
        frame = self.frameGeometry().size() - self.geometry().size()
        width = min(max(wanted.width(), self.minimumWidth()), available.width() - frame.width())
        height = min(wanted.height() + spare, available.height() - frame.height())
        self.resize(width, height)

    def showEvent(self, event) -> None:
        if not self._fitted:         # once: later messages never move the buttons
            self._fitted = True
            screen = self.screen() or (self.parentWidget().screen() if self.parentWidget()
                                       else None)
            if screen is not None:
                self.fit_to(screen.availableGeometry())
        super().showEvent(event)

    # leaving ---------------------------------------------------------------------------------
    def _may_discard(self) -> bool:
        if not self.has_changes():
            return True
        answer = QMessageBox.question(
            self, _("Discard changes?"),
            _("You have changed this form. Close it and lose what you typed?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            if self._may_discard():
                self.reject()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Only the title bar's close button asks; a program closing the dialog means it.
        if event.spontaneous() and not self._may_discard():
            event.ignore()
            return
        super().closeEvent(event)
