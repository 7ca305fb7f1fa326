"""Adding a site to a mission starts from the shared library: a filtered list of the sites other
missions use, and a button for a site the library does not have yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from i18n import _, pick
from i18n.formatting import fold_kana
from models.entities import Site
from ui.common import retranslate
from ui.common.form_dialog import KeyboardDialog

NEW_SITE = -1     # what chosen() gives when the user asked for a new site


def _fold(text: str) -> str:
    return fold_kana(text)        # width, case and katakana/hiragana, as the roster filter


def site_label(site: Site) -> str:
    name = pick(site.name_en, site.name_ja)[0]
    address = pick(site.address_en, site.address_ja)[0]
    return f"{name} — {address}" if address else name


class SitePicker(KeyboardDialog):
    def __init__(self, library: list[Site], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sitePicker")
        self.library = library
        self.intro = QLabel(wordWrap=True)
        self.filter = QLineEdit(objectName="siteFilter", clearButtonEnabled=True)
        self.filter.textChanged.connect(self._filter)
        self.filter.returnPressed.connect(self.accept)     # Enter adds the site chosen below
        self.list = QListWidget(objectName="siteLibrary")
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.new_button = QPushButton(objectName="newSite", clicked=self._new)
        # Our own buttons, not standard ones: a language change resets those to "OK".
        self.add_button = QPushButton(objectName="addExisting")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.add_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self._chosen: int | None = None
        self.resize(560, 420)
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()
        self.filter.setFocus()

    def has_changes(self) -> bool:
        return False              # a filter and a pick are no edit: Escape just cancels

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Add site"))
        self.intro.setText(_("Sites are shared by all missions: pick one that other missions "
                             "already visit, or create a new one."))
        self.filter.setPlaceholderText(_("Filter by name or address"))
        self.new_button.setText(_("&New site…"))
        self.add_button.setText(_("&Add to this mission"))
        self._fill()

    def _fill(self) -> None:
        current = self.list.currentItem()
        keep = current.data(Qt.ItemDataRole.UserRole) if current else None
        self.list.clear()
        for site in self.library:
            item = QListWidgetItem(site_label(site))
            item.setData(Qt.ItemDataRole.UserRole, site.id)
            self.list.addItem(item)
            if site.id == keep:
                self.list.setCurrentItem(item)
        self._filter(self.filter.text())

    def _filter(self, text: str) -> None:
        wanted = _fold(text).split()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            site = self.library[row]
            haystack = _fold(" ".join((site.name_en, site.name_ja, site.address_en,
                                       site.address_ja)))
            hidden = not all(w in haystack for w in wanted)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        current = self.list.currentItem()
        if current is None or current.isHidden():
            self.list.setCurrentItem(first)
        self.add_button.setEnabled(first is not None)

    def _new(self) -> None:
        self._chosen = NEW_SITE
        super().accept()

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return
        self._chosen = item.data(Qt.ItemDataRole.UserRole)
        super().accept()

    def chosen(self) -> int | None:
        """The site picked, NEW_SITE for a new one, None when cancelled."""
        return self._chosen if self.result() == QDialog.DialogCode.Accepted else None
