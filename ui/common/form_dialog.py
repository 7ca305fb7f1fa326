"""The bases of the dialogs: `KeyboardDialog` chains Tab through the fields in reading order and
asks on Escape before dropping what was changed; `FormDialog` adds the fields in a scroll area
above buttons that never move, and a size that fits the screen with room kept for messages."""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QFrame,
    QLabel,
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
from ui.common.styles import ERROR_STYLE

MESSAGE_LINES = 8      # kept free below the fields when the screen allows, for messages


class _FormScroll(QScrollArea):
    """A scroll area that asks for the whole of its form (Qt's caps it at 24 lines)."""

    def __init__(self, **props) -> None:
        super().__init__(**props)
        self._wanted: tuple | None = None      # the form's size hints at its last layout

    def sizeHint(self) -> QSize:
        inner = self.widget().sizeHint() if self.widget() is not None else QSize()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(inner.width() + bar + 2 * self.frameWidth(),
                     inner.height() + 2 * self.frameWidth())

    def viewportEvent(self, event: QEvent) -> bool:
        # The form asks for a layout whenever a field's size hints might have changed, and Qt
        # answers each with a new layout of the scroll bars, which raises them and repaints
        # the whole form. A dialog's fields may ask once more as it is first painted (its
        # list boxes and buttons settle then): the attendee dialog's form was painted twice.
        # When the form asks for the size it asked for before, there is nothing to lay out.
        if event.type() == QEvent.Type.LayoutRequest and self.widget() is not None:
            inner = self.widget()
            wanted = (inner.sizeHint(), inner.minimumSizeHint(), inner.maximumSize(),
                      inner.heightForWidth(self.viewport().width()))   # wrapped messages
            if wanted == self._wanted:
                return True
            self._wanted = wanted
        return super().viewportEvent(event)


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
        elif callable(getattr(widget, "form_value", None)):   # a field of its own making
            state.append(widget.form_value())
        elif isinstance(widget, QListWidget):
            state.append(tuple((widget.item(i).text(), widget.item(i).checkState())
                               for i in range(widget.count())))
    return tuple(state)


class KeyboardDialog(QDialog):
    """Call `finish_form()` once the dialog is laid out and filled; `mark_unchanged()` again
    after a change the dialog makes itself (or one already saved)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._saved: tuple | None = None

    def finish_form(self) -> None:
        """Chain Tab through the fields and remember them as unchanged. A filled field longer
        than its box shows its beginning: Qt leaves the cursor after the text it was given and
        the box scrolled to it ("…er, TEL Technology Center America" for a job title)."""
        set_reading_order(self)
        typed_in = self._first_focus()          # keeps its cursor where typing goes on
        for edit in self.findChildren(QLineEdit):
            if edit is not typed_in:
                edit.setCursorPosition(0)
        self.mark_unchanged()

    def _first_focus(self) -> QWidget | None:
        """The field the dialog opens in: the one given focus, or else the first that Tab
        reaches (as QDialog chooses when shown)."""
        if self.focusWidget() is not None:
            return self.focusWidget()
        widget = self.nextInFocusChain()
        while widget is not self and not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget = widget.nextInFocusChain()
        return widget if widget is not self else None

    def mark_unchanged(self) -> None:
        self._saved = form_state(self)

    def has_changes(self) -> bool:
        return self._saved is not None and form_state(self) != self._saved

    @contextmanager
    def by_program(self):
        """What the dialog fills in itself (a proposed file name that follows a choice) is no
        change of the user's: unchanged before, unchanged after."""
        unchanged = not self.has_changes()
        yield
        if unchanged:
            self.mark_unchanged()

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


class FormDialog(KeyboardDialog):
    """Lay the form out with `set_form(body, buttons)`, then call `finish_form()` once filled."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
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

    # size ------------------------------------------------------------------------------------
    def fit_to(self, available: QRect) -> None:
        """As large as the form wants plus room for messages, never larger than `available`
        (a 1280x720 laptop scrolls the form; the buttons stay in view)."""
        # The form's fields were filled and worded after the dialog's layout first asked the
        # scroll area its size (a cached hint of empty fields: the form came out too narrow,
        # with a scroll bar beneath it): ask again.
        self.scroll.widget().layout().activate()
        self.scroll.updateGeometry()
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


def error_label(key: str) -> QLabel:
    """The message under a field, hidden until the field's check says something."""
    error = QLabel(objectName=f"error_{key}", wordWrap=True)
    error.setStyleSheet(ERROR_STYLE)
    error.hide()
    return error


def with_error(widget: QWidget, error: QLabel) -> QVBoxLayout:
    """A field with its message close beneath it, for a form row."""
    box = QVBoxLayout()
    box.setSpacing(2)
    box.addWidget(widget)
    box.addWidget(error)
    return box
