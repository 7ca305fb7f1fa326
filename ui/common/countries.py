"""A country as an ISO 3166 alpha-2 code with its name in the current language: the attendee
dialog's citizenship and the mission dialog's consulates."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QComboBox, QWidget

from i18n import babel_locale
from models.countries import country_code, country_codes
from ui.common.completion import complete_anywhere


def country_name(code: str) -> str:
    return babel_locale().territories.get(code, "")


# Every country as "DE — Germany", by name, per language: sorted once, not for each field (an
# attendee dialog has three, and each sort read 250 names from Babel twice on opening).
_OFFERED: dict[str, list[str]] = {}


def _offered() -> list[str]:
    locale = babel_locale()
    key = str(locale)
    found = _OFFERED.get(key)
    if found is None:
        territories = locale.territories
        found = _OFFERED[key] = sorted((f"{code} — {territories[code]}"
                                        for code in country_codes()),
                                       key=lambda text: text.partition("—")[2])
    return found


def parse_country(text: str) -> str:
    """The upper-case code for "jp", "JP — Japan", "Japan" or "日本" (models.countries), "" for
    an empty text; ValueError when it names no country we know."""
    code = country_code(text)
    if code is None:
        raise ValueError(text)
    return code


class CountryCombo(QComboBox):
    """An ISO 3166 alpha-2 code: Japan and the US to pick, any other typed as a code or a name
    with every CLDR country offered as it is typed ("ger" -> "DE — Germany")."""

    COMMON = ("JP", "US")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, editable=True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem("", "")
        for code in self.COMMON:
            self.addItem("", code)
        self.names = QStringListModel(self)
        complete_anywhere(self, self.names)
        self._label_items()

    def _label_items(self) -> None:
        for i, common in enumerate(self.COMMON, start=1):
            self.setItemText(i, f"{common} — {country_name(common)}")
        self.names.setStringList(_offered())

    def code(self) -> str:
        """The upper-case code, "" when empty; ValueError when it is not a known country."""
        return parse_country(self.currentText())

    def set_code(self, code: str) -> None:
        self.setCurrentText(f"{code} — {country_name(code)}" if country_name(code) else code)

    def retranslate_ui(self) -> None:
        try:
            code = self.code()
        except ValueError:
            code = None                                   # keep what was typed
        self._label_items()
        if code is not None:
            self.set_code(code)
