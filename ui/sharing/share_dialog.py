"""File > Share mission… and File > Join shared mission…: the server's URL, the organizer's
name and password (the URL and the name remembered, the password never), and for a join the
mission's code and where its new file goes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from i18n import _
from models.store.server import is_server_url
from ui.common import retranslate
from ui.common.form_dialog import FormDialog
from ui.common.styles import ERROR_STYLE, NOTE_STYLE
from ui.sharing.server_url import split_password

URL_KEY, ORGANIZER_KEY, FOLDER_KEY = "sharing/server_url", "sharing/organizer", "sharing/folder"
EXAMPLE_URL = "postgresql://aiko@db.example.org/kakehashi?sslmode=verify-full"


class ServerDialog(FormDialog):
    """The fields both dialogs ask: server, organizer, password. Subclasses add theirs with
    `extra_rows()` and check them in `problems()`."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.intro, self.note = QLabel(wordWrap=True), QLabel(wordWrap=True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.url_edit = QLineEdit(str(settings.value(URL_KEY, "")), objectName="server_url")
        self.url_edit.setPlaceholderText(EXAMPLE_URL)
        self.organizer_edit = QLineEdit(str(settings.value(ORGANIZER_KEY, "")),
                                        objectName="organizer")
        self.password_edit = QLineEdit(objectName="password",
                                       echoMode=QLineEdit.EchoMode.Password)
        self.error = QLabel(objectName="error", wordWrap=True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.labels: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self._row("server_url", self.url_edit)
        self._row("organizer", self.organizer_edit)
        self._row("password", self.password_edit)
        self.extra_rows()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        body = QVBoxLayout()
        body.addWidget(self.intro)
        body.addLayout(self.form)
        body.addWidget(self.error)
        body.addWidget(self.note)
        self.set_form(body, self.buttons)
        self.setMinimumWidth(560)
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()

    def _row(self, key: str, field: QWidget, buddy: QWidget | None = None) -> None:
        label = self.labels[key] = QLabel()
        label.setBuddy(buddy or field)
        self.form.addRow(label, field)

    def extra_rows(self) -> None:
        pass

    def retranslate_ui(self) -> None:
        self.labels["server_url"].setText(_("&Server URL"))
        self.labels["organizer"].setText(_("&Your name"))
        self.labels["password"].setText(_("&Password"))
        self.organizer_edit.setPlaceholderText(_("as your colleagues see it, e.g. Aiko Tanaka"))
        self.password_edit.setPlaceholderText(_("kept only while the app runs"))
        self.note.setText(_(
            "Your server role and password come from whoever runs the team's PostgreSQL "
            "server. The URL and your name are remembered; the password is never stored."))

    # what was typed ---------------------------------------------------------------------------
    def server_url(self) -> str:
        """The URL as typed, without a password typed into it."""
        return split_password(self.url_edit.text())[0]

    def password(self) -> str:
        return self.password_edit.text() or split_password(self.url_edit.text())[1]

    def organizer(self) -> str:
        return " ".join(self.organizer_edit.text().split())

    def problems(self) -> list[tuple[QWidget, str]]:
        found = []
        if not is_server_url(self.server_url()):
            found.append((self.url_edit, _("Give the server's URL, starting with "
                                           "postgresql://, like {example}.").format(
                example=EXAMPLE_URL)))
        if not self.organizer():
            found.append((self.organizer_edit, _("Give your name: your colleagues see it on "
                                                 "the rows you change.")))
        return found

    def accept(self) -> None:
        found = self.problems()
        self.error.setText("\n".join(text for _field, text in found))
        self.error.setVisible(bool(found))
        if found:
            found[0][0].setFocus()
            return
        self.settings.setValue(URL_KEY, self.server_url())
        self.settings.setValue(ORGANIZER_KEY, self.organizer())
        super().accept()


class ShareDialog(ServerDialog):
    def __init__(self, code: str, title: str, settings: QSettings,
                 parent: QWidget | None = None):
        self.code, self.title = code, title
        super().__init__(settings, parent)
        self.setObjectName("shareDialog")

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(_("Share mission"))
        self.intro.setText(_(
            "Put {code} ({title}) on the team's server. Your colleagues then join it with the "
            "code {code}; each keeps working on their own computer, offline too, and the "
            "changes are synced whenever the server can be reached.").format(
            code=self.code, title=self.title))


class JoinDialog(ServerDialog):
    def __init__(self, settings: QSettings, default_folder: Path,
                 parent: QWidget | None = None):
        self.default_folder = Path(str(settings.value(FOLDER_KEY, default_folder)))
        self._location_typed = False
        super().__init__(settings, parent)
        self.setObjectName("joinDialog")

    def extra_rows(self) -> None:
        self.code_edit = QLineEdit(objectName="code")
        self.code_edit.textEdited.connect(self._code_typed)
        self.location_edit = QLineEdit(str(self.default_folder / "shared.db"),
                                       objectName="location")
        self.location_edit.textEdited.connect(self._location_edited)
        self.browse = QPushButton(objectName="browse", clicked=self._browse)
        place = QHBoxLayout()
        place.addWidget(self.location_edit, 1)
        place.addWidget(self.browse)
        self._row("code", self.code_edit)
        holder = QWidget()
        holder.setLayout(place)
        place.setContentsMargins(0, 0, 0, 0)
        self._row("location", holder, self.location_edit)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(_("Join shared mission"))
        self.intro.setText(_(
            "Join a mission a colleague has shared: a new database file is made on this "
            "computer from the mission on the server, and opens in its own window."))
        self.labels["code"].setText(_("Mission &code"))
        self.labels["location"].setText(_("New &file"))
        self.browse.setText(_("&Browse…"))

    def code(self) -> str:
        return self.code_edit.text().strip()

    def location(self) -> Path:
        return Path(self.location_edit.text().strip()).expanduser()

    def _code_typed(self, text: str) -> None:
        if not self._location_typed and text.strip():
            self.location_edit.setText(str(self.location().parent / f"{text.strip()}.db"))

    def _location_edited(self) -> None:
        self._location_typed = True

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("New file for the shared mission"), str(self.location()),
            _("Kakehashi database (*.db)"))
        if chosen:
            self._location_typed = True
            self.location_edit.setText(chosen)

    def problems(self) -> list[tuple[QWidget, str]]:
        found = super().problems()
        if not self.code():
            found.append((self.code_edit, _("Give the mission's code, as your colleague "
                                            "shared it.")))
        location = self.location()
        if not location.name or location.is_dir():
            found.append((self.location_edit, _("Give a name for the new file.")))
        elif location.exists():
            found.append((self.location_edit, _("{path} exists already: choose a new "
                                                "file.").format(path=location)))
        elif not location.parent.is_dir():
            found.append((self.location_edit, _("The folder {path} does not exist.").format(
                path=location.parent)))
        return found

    def accept(self) -> None:
        if not self.problems():
            self.settings.setValue(FOLDER_KEY, str(self.location().parent))
        super().accept()
