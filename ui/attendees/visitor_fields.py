"""The attendee dialog's block of what US fabs and national labs ask of a foreign national on
a visitor list: country of birth, passport issuing country, employer, purpose of visit, US
person or not, and the host's escort."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel, QLineEdit, QWidget

from i18n import _
from models import rules
from ui.common.countries import CountryCombo

TEXTS = ("employer", "visit_purpose", "escort")


class VisitorFields(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitorFields")
        self.birth_country, self.passport_country = CountryCombo(), CountryCombo()
        self.birth_country.setObjectName("birth_country")
        self.passport_country.setObjectName("passport_country")
        self.texts = {k: QLineEdit(objectName=k) for k in TEXTS}
        self.us_person = QComboBox(objectName="us_person")
        for value in (None, True, False):
            self.us_person.addItem("", value)
        self.labels = {k: QLabel() for k in ("birth_country", "passport_country", "us_person",
                                             *TEXTS)}
        grid = QGridLayout(self)
        for col in (1, 3):
            grid.setColumnStretch(col, 1)
        widgets = [("birth_country", self.birth_country),
                   ("passport_country", self.passport_country),
                   ("us_person", self.us_person), ("employer", self.texts["employer"]),
                   ("visit_purpose", self.texts["visit_purpose"]),
                   ("escort", self.texts["escort"])]
        for n, (key, widget) in enumerate(widgets):
            self.labels[key].setBuddy(widget)
            grid.addWidget(self.labels[key], n // 2, (n % 2) * 2)
            grid.addWidget(widget, n // 2, (n % 2) * 2 + 1)

    def fill(self, person: dict) -> None:
        self.birth_country.set_code(person.get("birth_country") or "")
        self.passport_country.set_code(person.get("passport_country") or "")
        self.us_person.setCurrentIndex(max(0, self.us_person.findData(person.get("us_person"))))
        for key, edit in self.texts.items():
            edit.setText(person.get(key) or "")

    def values(self) -> dict:
        """The fields as stored; a country that is not one is left as it was typed upper-cased
        (the dialog's citizenship check speaks for the whole dialog)."""
        found = {key: rules.clean(edit.text()) for key, edit in self.texts.items()}
        for key, combo in (("birth_country", self.birth_country),
                           ("passport_country", self.passport_country)):
            try:
                found[key] = combo.code()
            except ValueError:
                found[key] = combo.currentText().strip().upper()[:2]
        found["us_person"] = self.us_person.currentData()
        return found

    def retranslate_ui(self) -> None:
        self.setTitle(_("For visitor lists of US sites"))
        texts = {"birth_country": _("Country of birth"),
                 "passport_country": _("Passport issuing country"),
                 "us_person": _("US person"), "employer": _("Employer"),
                 "visit_purpose": _("Purpose of visit"), "escort": _("Host / escort")}
        for key, text in texts.items():
            self.labels[key].setText(text)
        for i, text in enumerate((_("Not asked yet"), _("Yes (US citizen or permanent "
                                                         "resident)"), _("No"))):
            self.us_person.setItemText(i, text)
        self.birth_country.retranslate_ui()
        self.passport_country.retranslate_ui()
