"""The dialog for one of a mission's consulates or embassies: the country it is in, whose
citizens it serves, its name and address in both languages and its phone, each checked where
it is typed. The mission dialog keeps the list (models/consulates.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from i18n import _
from models.consulates import ConsulateRow
from models.rules import normalize_phone
from ui.common import retranslate
from ui.common.countries import CountryCombo, country_name
from ui.common.form_dialog import FormDialog, error_label, with_error
from ui.common.wording import not_a_phone

TEXTS = ("name_en", "name_ja", "address_en", "address_ja", "phone")


def consulate_line(row: ConsulateRow) -> str:
    """Its name, and below it where it is and whom it serves, for the mission dialog's list."""
    from i18n import pick

    where = _("In: {country} · For citizens of: {nationality}").format(
        country=country_name(row.country) or row.country,
        nationality=country_name(row.nationality) or row.nationality)
    return f"{pick(row.name_en, row.name_ja)[0]}\n{where}"


class ConsulateDialog(FormDialog):
    """Read `row()` after accept. `taken`: the (country, nationality) pairs of the others."""

    def __init__(self, *, row: ConsulateRow | None = None, taken=frozenset(),
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("consulateDialog")
        self.setMinimumWidth(520)
        self._editing, self._taken, self._checked = row is not None, set(taken), False
        self.country, self.nationality = CountryCombo(), CountryCombo()
        self.country.setObjectName("country")
        self.nationality.setObjectName("nationality")
        self.fields = {k: QLineEdit(objectName=k) for k in TEXTS}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        widgets = {"country": self.country, "nationality": self.nationality, **self.fields}
        for key, widget in widgets.items():
            error = error_label(key)
            self.labels[key] = QLabel()
            self.labels[key].setBuddy(widget)
            form.addRow(self.labels[key], with_error(widget, error))
            self.errors[key] = error
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                       | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.set_form(form, self.buttons)
        if row is not None:
            self.country.set_code(row.country)
            self.nationality.set_code(row.nationality)
            for key, edit in self.fields.items():
                edit.setText(getattr(row, key))
                edit.setCursorPosition(0)
        for edit in self.fields.values():
            edit.textChanged.connect(self._recheck)
        for combo in (self.country, self.nationality):
            combo.currentTextChanged.connect(self._recheck)
        self.fields["phone"].editingFinished.connect(self._tidy_phone)
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit consulate or embassy") if self._editing
                            else _("Add consulate or embassy"))
        texts = {"country": _("In the country visited"), "nationality": _("For citizens of"),
                 "name_en": _("Consulate name (English)"),
                 "name_ja": _("Consulate name (Japanese)"),
                 "address_en": _("Address (English)"), "address_ja": _("Address (Japanese)"),
                 "phone": _("Phone")}
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.fields["name_en"].setPlaceholderText(_("e.g. Consulate General of Japan in New York"))
        for combo in (self.country, self.nationality):
            combo.retranslate_ui()
        self._recheck()

    def _code(self, combo: CountryCombo) -> str | None:
        try:
            return combo.code()
        except ValueError:
            return None

    def _phone(self) -> str | None:
        """A national number is read in the country the consulate is in."""
        return normalize_phone(self.fields["phone"].text(), self._code(self.country) or "")

    def _tidy_phone(self) -> None:
        if phone := self._phone():
            self.fields["phone"].setText(phone)

    def check(self) -> dict[str, str]:
        """Field key -> what is wrong, in the current language."""
        errors: dict[str, str] = {}
        country, nationality = self._code(self.country), self._code(self.nationality)
        for key, code in (("country", country), ("nationality", nationality)):
            if code is None:
                errors[key] = _("Not a country we know: type its name or its two-letter code.")
            elif not code:
                errors[key] = _("Choose a country.")
        if not errors and (country, nationality) in self._taken:
            errors["nationality"] = _("The mission already has a consulate for these citizens "
                                      "in this country.")
        if not (self.fields["name_en"].text().strip() or self.fields["name_ja"].text().strip()):
            errors["name_en"] = _("Give the name in at least one language.")
        if self._phone() is None:
            errors["phone"] = not_a_phone()
        return errors

    def _recheck(self) -> None:
        if not self._checked:
            return
        errors = self.check()
        for key, label in self.errors.items():
            label.setText(errors.get(key, ""))
            label.setVisible(key in errors)

    def row(self) -> ConsulateRow:
        texts = {k: e.text().strip() for k, e in self.fields.items()}
        texts["phone"] = self._phone() or ""
        return ConsulateRow(country=self._code(self.country) or "",
                            nationality=self._code(self.nationality) or "", **texts)

    def accept(self) -> None:
        self._checked = True
        self._recheck()
        errors = self.check()
        if errors:
            first = next(k for k in self.errors if k in errors)
            {"country": self.country, "nationality": self.nationality,
             **self.fields}[first].setFocus()
            return
        super().accept()
