"""The dialog to add or edit an attendee, validating each field where it is shown.

Errors (a missing Latin name, an e-mail that is not one) keep the dialog open; findings a person
may knowingly accept (a passport too short for the trip, a possible duplicate, no given name)
are listed once more before saving, with "Save anyway" and "Go back". Passport number and date
of birth never reach the window title or a log.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from i18n import _
from i18n.labels import ATTENDANCE, ROLES, SEXES, label
from models import rules
from models.attendees import AttendeeData
from models.dietary import encode, read_dietary
from models.entities import Organization
from ui.attendees.attendee_checks import ask_save_anyway, find_problems
from ui.attendees.attendee_fields import OrganizationCombo
from ui.attendees.dietary_fields import DietaryCodes
from ui.attendees.visitor_fields import VisitorFields
from ui.common import retranslate
from ui.common.countries import CountryCombo
from ui.common.date_time_fields import DateEdit
from ui.common.form_dialog import FormDialog
from ui.common.styles import ERROR_STYLE, NOTE_STYLE, WARNING_STYLE

TEXT_FIELDS = ("family_name", "given_name", "family_name_ja", "given_name_ja", "family_kana",
               "given_kana", "title_en", "title_ja", "email", "phone", "visa_type", "dietary",
               "passport_number")


def _message(parent: QWidget) -> QLabel:
    text = QLabel(parent)
    text.setWordWrap(True)
    text.hide()
    return text


class AttendeeDialog(FormDialog):
    """Collects an attendee's fields; read `attendee()` and `new_organization()` after accept.

    `duplicates(family, given, email)` names the attendees of the mission who look like the
    same person; `countries` are those the mission visits, for the passport rule.
    """

    def __init__(self, organizations: list[Organization], *, mission_end: date,
                 countries: set[str], data: AttendeeData | None = None, editing: bool = False,
                 duplicates: Callable[[str, str, str], list[str]] = lambda *_a: [],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("attendeeDialog")
        self._editing, self._mission_end, self._countries = editing, mission_end, countries
        self._duplicates = duplicates
        self._checked = False              # messages are shown (and retranslated) after a save
        self.fields: dict[str, QLineEdit] = {k: QLineEdit(objectName=k) for k in TEXT_FIELDS}
        self.latin_unconfirmed = QCheckBox(objectName="latin_unconfirmed")
        self.organization = OrganizationCombo(organizations)
        self.organization.setObjectName("organization")
        self.organization.currentTextChanged.connect(self._show_organization_note)
        self.role, self.status = QComboBox(objectName="role"), QComboBox(objectName="status")
        self.sex = QComboBox(objectName="sex")       # as the passport prints it, for rooms
        for combo, table in ((self.role, ROLES), (self.status, ATTENDANCE), (self.sex, SEXES)):
            for key in table:
                combo.addItem("", key)
        self.citizenship = CountryCombo()
        self.citizenship.setObjectName("citizenship")
        self.date_of_birth = DateEdit(optional=True, objectName="date_of_birth")
        self.passport_issued = DateEdit(optional=True, objectName="passport_issued")
        self.passport_expiry = DateEdit(optional=True, objectName="passport_expiry")
        self.date_of_birth.default_page = date(1980, 1, 1)
        self.notes = QPlainTextEdit(objectName="notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.fields["phone"].editingFinished.connect(self._tidy_phone)
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.groups: dict[str, QGroupBox] = {}
        self.visitor = VisitorFields()        # issue 11: what a US site's visitor list asks
        self.dietary_codes = DietaryCodes()
        self.fields["dietary"].textChanged.connect(self.dietary_codes.text_changed)
        self.dietary_codes.read.clicked.connect(
            lambda: self.dietary_codes.read_text(self.fields["dietary"].text()))
        self._build_layout()
        data = data or AttendeeData(person={})
        self._base = dict(data.person)     # fields the dialog does not show pass through
        self._fill(data)
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()
        for edit in (*self.fields.values(), self.date_of_birth, self.passport_issued,
                     self.passport_expiry):
            edit.textChanged.connect(self._recheck)   # a fixed error clears as it is fixed
        for combo in (self.citizenship, self.organization):
            combo.currentTextChanged.connect(self._recheck)

    def _recheck(self) -> None:
        if self._checked:
            self._show(*self.check())

    # layout ----------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        names = QGridLayout()
        for col in (1, 2, 3):
            names.setColumnStretch(col, 1)
        for col, key in enumerate(("head_latin", "head_ja", "head_kana"), start=1):
            self.labels[key] = QLabel()
            names.addWidget(self.labels[key], 0, col)
        for row, part in enumerate(("family", "given"), start=1):
            self.labels[part] = QLabel()
            names.addWidget(self.labels[part], row, 0)
            for col, key in enumerate((f"{part}_name", f"{part}_name_ja", f"{part}_kana"), 1):
                names.addWidget(self.fields[key], row, col)
        for row, key in enumerate(("latin", "kana"), start=3):
            self.errors[key] = _message(self)
            names.addWidget(self.errors[key], row, 1, 1, 3)
        names.addWidget(self.latin_unconfirmed, 5, 1, 1, 3)
        self.latin_unconfirmed.setVisible(False)

        self.organization_note = _message(self)
        self.organization_note.setStyleSheet(NOTE_STYLE)
        self.organization_note.setObjectName("organization_note")
        rows = {
            "mission": (("organization", self.organization), ("title_en", self.fields["title_en"]),
                        ("title_ja", self.fields["title_ja"]), ("role", self.role),
                        ("status", self.status)),
            "contact": (("email", self.fields["email"]), ("phone", self.fields["phone"])),
            "travel": (("citizenship", self.citizenship), ("visa_type", self.fields["visa_type"]),
                       ("date_of_birth", self.date_of_birth), ("sex", self.sex),
                       ("passport_number", self.fields["passport_number"]),
                       ("passport_issued", self.passport_issued),
                       ("passport_expiry", self.passport_expiry)),
            "needs": (("dietary", self.fields["dietary"]),
                      ("dietary_codes", self.dietary_codes), ("notes", self.notes)),
        }
        forms = {}
        self._columns = [[key for group in column for key, _w in rows[group]]
                         for column in (("mission", "contact"), ("travel", "needs"))]
        for group, entries in rows.items():
            # A grid, not a QFormLayout: the form gives a wrapped message too little height.
            form = QGridLayout()
            form.setColumnStretch(1, 1)
            for key, widget in entries:
                self.labels[key] = QLabel()
                self.labels[key].setBuddy(widget)
                row = form.rowCount()
                form.addWidget(self.labels[key], row, 0,
                               Qt.AlignmentFlag.AlignTop if key in ("notes", "dietary_codes") else
                               Qt.AlignmentFlag.AlignVCenter)
                form.addWidget(widget, row, 1)
                notes = (self.organization_note,) if key == "organization" else ()
                self.errors[key] = _message(self)
                for message in (self.errors[key], *notes):
                    form.addWidget(message, form.rowCount(), 1)
            forms[group] = form
        for key, layout in (("name", names), *forms.items()):
            self.groups[key] = QGroupBox()
            self.groups[key].setLayout(layout)

        columns = QHBoxLayout()
        for keys in (("mission", "contact"), ("travel", "needs")):
            column = QVBoxLayout()
            for key in keys:
                column.addWidget(self.groups[key])
            column.addStretch(1)
            columns.addLayout(column, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        body = QVBoxLayout()
        body.addWidget(self.groups["name"])
        body.addLayout(columns)
        body.addWidget(self.visitor)
        body.addStretch(1)
        self.set_form(body, self.buttons)
        # Room for the messages beside the fields: wrapped into narrow columns they would
        # push the dialog taller than a laptop screen.
        metrics = self.fontMetrics()
        self.setMinimumWidth(max(metrics.horizontalAdvance("x") * 130, metrics.height() * 50))

    def _fill(self, data: AttendeeData) -> None:
        person = data.person
        for key, edit in self.fields.items():
            edit.setText(person.get(key) or "")
        self.notes.setPlainText(person.get("notes") or "")
        self.latin_unconfirmed.setChecked(bool(person.get("latin_unconfirmed")))
        self.latin_unconfirmed.setVisible(bool(person.get("latin_unconfirmed")))
        self.organization.set_choice(data.organization_id)
        self.role.setCurrentIndex(max(0, self.role.findData(data.role)))
        self.status.setCurrentIndex(max(0, self.status.findData(data.status)))
        self.sex.setCurrentIndex(max(0, self.sex.findData(person.get("sex") or "")))
        self.citizenship.set_code(person.get("citizenship") or "")
        self.date_of_birth.set_value(person.get("date_of_birth"))
        self.passport_issued.set_value(person.get("passport_issued"))
        self.passport_expiry.set_value(person.get("passport_expiry"))
        self.visitor.fill(person)
        self.dietary_codes.fill(person)

    # language --------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit attendee") if self._editing else _("Add attendee"))
        self.visitor.retranslate_ui()
        self.dietary_codes.retranslate_ui()
        texts = {
            "head_latin": _("Latin script (as in the passport)"), "head_ja": _("Japanese"),
            "head_kana": _("Reading (kana)"), "family": _("Family name"),
            "given": _("Given name"), "organization": _("Organization"),
            "title_en": _("Job title (English)"), "title_ja": _("Job title (Japanese)"),
            "role": _("Role"), "status": _("Status"), "email": _("E-mail"),
            "phone": _("Mobile phone"), "citizenship": _("Citizenship"),
            "visa_type": _("Visa / ESTA"), "date_of_birth": _("Date of birth"), "sex": _("Sex"),
            "passport_number": _("Passport number"), "passport_issued": _("Passport issued"),
            "passport_expiry": _("Passport expiry"),
            "dietary": _("Dietary needs / allergies"), "notes": _("Notes"),
            "dietary_codes": _("As codes, with severity"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        for keys in self._columns:             # the groups of a column line up their fields
            width = max(self.labels[k].sizeHint().width() for k in keys)
            for k in keys:
                self.labels[k].setMinimumWidth(width)
        for key, text in (("name", _("Name")), ("mission", _("In this mission")),
                          ("contact", _("Contact")), ("travel", _("Travel documents")),
                          ("needs", _("Needs and notes"))):
            self.groups[key].setTitle(text)
        self.latin_unconfirmed.setText(_(
            "Spelling not yet checked: derived from the kana reading. Untick once checked "
            "against the passport."))
        self.fields["phone"].setPlaceholderText(_("e.g. 090-1234-5678 or +1 518 555 0123"))
        self.fields["email"].setPlaceholderText(_("name@example.com"))
        self.fields["visa_type"].setPlaceholderText(_("e.g. ESTA, B-1, not needed"))
        self.citizenship.lineEdit().setPlaceholderText(_("JP, US or another two-letter code"))
        for combo, table in ((self.role, ROLES), (self.status, ATTENDANCE), (self.sex, SEXES)):
            for i, key in enumerate(table):
                combo.setItemText(i, label(table, key))
        for widget in (self.organization, self.citizenship, self.date_of_birth,
                       self.passport_issued, self.passport_expiry):
            widget.retranslate_ui()
        self._show_organization_note()
        if self._checked:
            self._show(*self.check())

    # values ----------------------------------------------------------------------------------
    def _tidy_phone(self) -> None:
        phone = rules.normalize_phone(self.fields["phone"].text(), self._citizenship())
        if phone:
            self.fields["phone"].setText(phone)

    def _citizenship(self) -> str:
        try:
            return self.citizenship.code()
        except ValueError:
            return ""

    def _show_organization_note(self, _text: str = "") -> None:
        _org_id, new_name = self.organization.choice()
        self.organization_note.setText(_(
            "“{name}” is not in the list: it will be added as a new organization when you "
            "save.").format(name=new_name) if new_name else "")
        self.organization_note.setVisible(bool(new_name))

    def new_organization(self) -> str:
        """The name of an organization to create on save, or ""."""
        return self.organization.choice()[1]

    def attendee(self) -> AttendeeData:
        """The fields as they will be stored (call after a successful check)."""
        person = dict(self._base)
        person.update({key: rules.clean(edit.text()) for key, edit in self.fields.items()})
        person["email"] = rules.normalize_email(person["email"])
        person["phone"] = rules.normalize_phone(person["phone"], self._citizenship()) or ""
        person["passport_number"] = rules.normalize_passport_number(person["passport_number"])
        person["citizenship"] = self._citizenship()
        person["notes"] = self.notes.toPlainText().strip()
        person["latin_unconfirmed"] = self.latin_unconfirmed.isChecked()
        person["date_of_birth"] = self._date(self.date_of_birth)
        person["passport_issued"] = self._date(self.passport_issued)
        person["passport_expiry"] = self._date(self.passport_expiry)
        person["sex"] = self.sex.currentData()
        person.update(self.visitor.values())
        # The codes as chosen here; the note is what of the free text no code covers.
        person["dietary_codes"] = encode(self.dietary_codes.needs())
        person["dietary_note"] = read_dietary(person["dietary"]).note
        return AttendeeData(person=person, organization_id=self.organization.choice()[0],
                            role=self.role.currentData(), status=self.status.currentData())

    @staticmethod
    def _date(field: DateEdit) -> date | None:
        try:
            return field.value()
        except ValueError:
            return None

    # checks ----------------------------------------------------------------------------------
    def check(self) -> tuple[dict[str, str], dict[str, str]]:
        """(errors, warnings): field key -> what is wrong, in the current language."""
        return find_problems({k: e.text() for k, e in self.fields.items()},
                             citizenship=self.citizenship.currentText(),
                             born=self.date_of_birth.text(),
                             expiry=self.passport_expiry.text(),
                             issued=self.passport_issued.text(),
                             mission_end=self._mission_end, countries=self._countries,
                             duplicates=self._duplicates)

    def _show(self, errors: dict[str, str], warnings: dict[str, str]) -> None:
        for key, label_ in self.errors.items():
            message = errors.get(key) or warnings.get(key, "")
            label_.setText(message)
            label_.setStyleSheet(ERROR_STYLE if key in errors else WARNING_STYLE)
            label_.setVisible(bool(message))

    def _focus(self, key: str) -> None:
        family = rules.clean(self.fields["family_name"].text())
        latin = self.fields["family_name"] if not family or not rules.is_latin_name(family) \
            else self.fields["given_name"]
        kana = self.fields["family_kana"] if not rules.is_kana(rules.clean(
            self.fields["family_kana"].text())) else self.fields["given_kana"]
        widget = {"latin": latin, "kana": kana,
                  "organization": self.organization, "role": self.role, "status": self.status,
                  "citizenship": self.citizenship, "date_of_birth": self.date_of_birth,
                  "passport_issued": self.passport_issued,
                  "passport_expiry": self.passport_expiry, "notes": self.notes,
                  "dietary_codes": self.dietary_codes.code,
                  "duplicate": self.fields["family_name"]}.get(key) or self.fields[key]
        widget.setFocus()

    def accept(self) -> None:
        self._tidy_phone()
        errors, warnings = self.check()
        self._checked = True
        self._show(errors, warnings)
        order = [*self.errors, "duplicate"]               # the order of the fields on screen
        if errors:
            self._focus(min(errors, key=order.index))
            return
        if warnings and not ask_save_anyway(self, warnings):
            self._focus(min(warnings, key=order.index))
            return
        super().accept()
