"""The log file and the crash report.

Log file: `kakehashi.log` in `platformdirs.user_log_dir("Kakehashi")` (or `$KAKEHASHI_LOG_DIR`),
rotated at 1 MB with 5 old files kept; on POSIX the folder is 0700 and every file 0600.

Redaction: every record (its formatted message, traceback and stack) goes through
models.redaction.redact before any handler writes it: the open database's passport numbers and
dates of birth by value, a token after a passport word, and passport shapes and full dates by
shape (the rules are in that module). The timestamp of each line is added after the filter.

The exception hook logs an uncaught exception and tells the user in a dialog; the data is safe
because the app commits once per completed action, so nothing half-done was written.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path

from i18n import _
from models.redaction import REDACTED  # noqa: F401 (REDACTED: API)
from models.redaction import redact as _redact

LOG_NAME = "kakehashi.log"
MAX_BYTES, BACKUPS = 1_000_000, 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"
MAX_SUMMARY = 300  # characters of the error message shown in the dialog

log = logging.getLogger("kakehashi.crash")
_handler: RotatingFileHandler | None = None


def redact(text: str) -> str:
    """`text` without personal data (models.redaction's rules)."""
    return _redact(text)


class RedactingFilter(logging.Filter):
    """Rewrites a record in place so that no handler, ours or another, sees the raw values."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: logging would still show the raw template
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        record.exc_info = None  # else a formatter could render the unredacted traceback again
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class _PrivateRotatingFileHandler(RotatingFileHandler):
    """Opens each log file, the first and every rotated one, readable by its owner only."""

    def _open(self):
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        if os.name == "posix":
            os.chmod(fd, 0o600)  # a file left by an older version may be wider
        return open(fd, self.mode, encoding=self.encoding, errors=self.errors)


def log_folder() -> Path:
    chosen = os.environ.get("KAKEHASHI_LOG_DIR")
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_log_dir

    return Path(user_log_dir("Kakehashi", appauthor=False))


def log_file() -> Path | None:
    """The file the log goes to, or None before setup_logging (or when it failed)."""
    return Path(_handler.baseFilename) if _handler is not None else None


def setup_logging() -> Path | None:
    """Send warnings from anywhere and our INFO records to the private log file; idempotent.

    Returns the file, or None when it cannot be written (the app still runs without a log).
    """
    global _handler
    folder = log_folder()
    path = (folder / LOG_NAME).absolute()
    if log_file() == path:
        return path
    shutdown_logging()
    try:
        if not folder.is_dir():
            folder.mkdir(parents=True, mode=0o700)
            if os.name == "posix":
                os.chmod(folder, 0o700)  # mkdir's mode is narrowed by the umask, never widened
        handler = _PrivateRotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                              encoding="utf-8")
    except OSError as exc:
        print(f"Kakehashi: no log file ({exc})", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactingFilter())
    logging.getLogger().addHandler(handler)
    logging.getLogger("kakehashi").setLevel(logging.INFO)
    _handler = handler
    return path


def shutdown_logging() -> None:
    global _handler
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None


def _show_report(window_getter: Callable[[], object], summary: str) -> None:
    import shiboken6
    from PySide6.QtCore import Qt, QThread
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance()
    if not isinstance(app, QApplication) or QThread.currentThread() is not app.thread():
        return  # no widgets can be shown here; the log has it
    try:
        parent = window_getter()
    except Exception:
        parent = None
    if parent is not None and not shiboken6.isValid(parent):
        parent = None
    details = [_("Your data is saved up to your last completed action.")]
    path = log_file()
    if path is not None:
        details.append(_("The details are in the log file:\n{path}").format(path=path))
    box = QMessageBox(QMessageBox.Icon.Critical, _("Unexpected error"),
                      _("Kakehashi ran into an unexpected error:\n{error}").format(error=summary),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("crashReport")
    box.setInformativeText("\n\n".join(details))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # copy the path
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.exec()


def install_excepthook(window_getter: Callable[[], object], *, dialog: bool = True):
    """Make uncaught exceptions go to the log (redacted) and, with `dialog`, to a message box
    parented to `window_getter()` (which may return None); returns the hook.

    The hook never raises: an exception while reporting is dropped, and one raised while the
    dialog is open (its event loop runs slots) is logged without a second dialog.
    """
    setup_logging()
    if not any(isinstance(f, RedactingFilter) for f in log.filters):
        log.addFilter(RedactingFilter())  # also covers logging's last-resort stderr handler
    state = {"busy": False}

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        try:
            log.error("Unhandled exception", exc_info=(exc_type, exc, tb))
            if log_file() is not None:  # without a file, logging's last resort printed it
                sys.stderr.write(redact("".join(traceback.format_exception(exc_type, exc, tb))))
        except Exception:
            pass
        if state["busy"] or not dialog:
            return
        state["busy"] = True
        try:
            message = _summary(exc)
            if len(message) > MAX_SUMMARY:
                message = message[:MAX_SUMMARY] + "…"
            _show_report(window_getter, f"{exc_type.__name__}: {message}" if message
                         else exc_type.__name__)
        except Exception:
            pass
        finally:
            state["busy"] = False

    sys.excepthook = hook
    return hook


def _summary(exc: BaseException) -> str:
    """What the dialog or the command line says of an error: a storage error's own translated
    message (never SQLite's text), else the error's text redacted."""
    from models.store.errors import StorageError

    if isinstance(exc, StorageError):
        return exc.user_message()
    return redact(str(exc))


def report_unexpected(exc: BaseException) -> str:
    """For the command line: log `exc` with its traceback (redacted) and return one translated
    line to print instead of the traceback."""
    setup_logging()
    if not any(isinstance(f, RedactingFilter) for f in log.filters):
        log.addFilter(RedactingFilter())
    log.error("Unhandled exception", exc_info=(type(exc), exc, exc.__traceback__))
    message = _summary(exc)
    if len(message) > MAX_SUMMARY:
        message = message[:MAX_SUMMARY] + "…"
    text = _("Kakehashi ran into an unexpected error: {error}").format(
        error=f"{type(exc).__name__}: {message}" if message else type(exc).__name__)
    path = log_file()
    if path is not None:
        text += "\n" + _("The details are in the log file:\n{path}").format(path=path)
    return text
