"""The dialog to add or edit a site: its names and address in both languages, time zone, contact,
and what the host requires of visitors, each field validated where it is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from i18n import _
from i18n.labels import VISITOR_FIELDS, label
from models import rules
from models.times import is_valid_zone
from models.visits import site_country
from ui.common import retranslate
from ui.common.form_dialog import FormDialog, error_label
from ui.common.zones import ZoneCombo

LINE_FIELDS = ("name_en", "name_ja", "address_en", "address_ja", "contact_name",
               "contact_email", "contact_phone")
TEXT_FIELDS = ("dress_code_en", "dress_code_ja", "photo_rules_en", "photo_rules_ja")
# Printed in the title block of the site's own visitor list (issue 11).
RULE_FIELDS = ("ppe_en", "ppe_ja", "arrival_en", "arrival_ja")
MAX_NOTICE_DAYS = 365


class SiteDialog(FormDialog):
    """Collects a site's fields; read `values()` after accept (a dict of models.sites fields)."""

    def __init__(self, values: dict | None = None, *, editing: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("siteDialog")
        self._editing = editing
        self._checked = False            # messages show (and follow the language) after a save
        self.fields = {k: QLineEdit(objectName=k) for k in LINE_FIELDS}
        self.texts = {k: QPlainTextEdit(objectName=k) for k in TEXT_FIELDS + RULE_FIELDS}
        for edit in self.texts.values():
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        for key in RULE_FIELDS:         # a line or two each: the dialog stays on the screen
            self.texts[key].setFixedHeight(self.fontMetrics().lineSpacing() * 2 + 12)
        self.zone = ZoneCombo(objectName="tz")
        self.notice = QSpinBox(objectName="notice_days", minimum=0, maximum=MAX_NOTICE_DAYS)
        self.required = {k: QCheckBox(objectName=f"required_{k}") for k in VISITOR_FIELDS}
        self.nda = QCheckBox(objectName="nda")
        self.briefing = QCheckBox(objectName="safety_briefing")
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.groups: dict[str, QGroupBox] = {}
        self._build_layout()
        self._fill(values or {})
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()

    def _build_layout(self) -> None:
        required = QGridLayout()
        for n, box in enumerate(self.required.values()):
            required.addWidget(box, n // 2, n % 2)
        rows = {
            "site": ("name_en", "name_ja", "address_en", "address_ja", "tz"),
            "contact": ("contact_name", "contact_email", "contact_phone"),
            "needs": ("notice_days", "required", "nda", "safety_briefing"),
        }
        widgets = {**self.fields, **self.texts, "tz": self.zone, "notice_days": self.notice,
                   "nda": self.nda, "safety_briefing": self.briefing}
        for group, keys in rows.items():
            form = QGridLayout()
            form.setColumnStretch(1, 1)
            for key in keys:
                row = form.rowCount()
                self.labels[key] = QLabel()
                form.addWidget(self.labels[key], row, 0, Qt.AlignmentFlag.AlignTop
                               if key == "required"
                               else Qt.AlignmentFlag.AlignVCenter)
                if key == "required":
                    form.addLayout(required, row, 1)
                else:
                    self.labels[key].setBuddy(widgets[key])
                    form.addWidget(widgets[key], row, 1)
                error = error_label(key)
                self.errors[key] = error
                form.addWidget(error, form.rowCount(), 1)
            self.groups[group] = QGroupBox()
            self.groups[group].setLayout(form)
        # Rules on site side by side in both languages: a host sends them in both, and the
        # two are checked against each other.
        on_site = QGridLayout()
        on_site.setColumnStretch(1, 1)
        on_site.setColumnStretch(2, 1)
        for key in ("head_en", "head_ja", "dress", "photo", "ppe", "arrival"):
            self.labels[key] = QLabel()
        on_site.addWidget(self.labels["head_en"], 0, 1)
        on_site.addWidget(self.labels["head_ja"], 0, 2)
        for row, key in enumerate(("dress", "photo", "ppe", "arrival"), start=1):
            prefix = {"dress": "dress_code", "photo": "photo_rules"}.get(key, key)
            on_site.addWidget(self.labels[key], row, 0, Qt.AlignmentFlag.AlignTop)
            on_site.addWidget(self.texts[f"{prefix}_en"], row, 1)
            on_site.addWidget(self.texts[f"{prefix}_ja"], row, 2)
        self.groups["on_site"] = QGroupBox()
        self.groups["on_site"].setLayout(on_site)
        columns = QHBoxLayout()
        for keys in (("site", "contact"), ("needs",)):
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
        body.addLayout(columns)
        body.addWidget(self.groups["on_site"])
        self.set_form(body, self.buttons)
        metrics = self.fontMetrics()    # a Japanese font's "x" is narrow: the height too
        self.setMinimumWidth(max(metrics.horizontalAdvance("x") * 140, metrics.height() * 58))

    def _fill(self, values: dict) -> None:
        for key, edit in self.fields.items():
            edit.setText(values.get(key) or "")
            edit.setCursorPosition(0)           # show the start of a long address
        for key, edit in self.texts.items():
            edit.setPlainText(values.get(key) or "")
        self.zone.set_zone(values.get("tz") or "Asia/Tokyo")
        self.notice.setValue(int(values.get("notice_days") or 0))
        wanted = set((values.get("required_fields") or "").split(","))
        for key, box in self.required.items():
            box.setChecked(key in wanted)
        self.nda.setChecked(bool(values.get("nda")))
        self.briefing.setChecked(bool(values.get("safety_briefing")))

    # language --------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit site") if self._editing else _("Add site"))
        texts = {
            "name_en": _("Site name (English)"), "name_ja": _("Site name (Japanese)"),
            "address_en": _("Address (English)"), "address_ja": _("Address (Japanese)"),
            "tz": _("Time zone"), "contact_name": _("Contact person"),
            "contact_email": _("E-mail"), "contact_phone": _("Phone"),
            "notice_days": _("Notice (days)"), "required": _("Visitor list needs"),
            "nda": "", "safety_briefing": "",
            "head_en": _("English text"), "head_ja": _("Japanese text"),
            "dress": _("Dress code"), "photo": _("Photography"),
            "ppe": _("Protective equipment"), "arrival": _("Arrival point"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        for key, text in (("site", _("Site")), ("contact", _("Contact")),
                          ("needs", _("What the host requires")),
                          ("on_site", _("On site"))):
            self.groups[key].setTitle(text)
        for key, box in self.required.items():
            box.setText(label(VISITOR_FIELDS, key))
        self.nda.setText(_("Visitors sign a non-disclosure agreement (NDA)"))
        self.briefing.setText(_("Visitors attend a safety briefing"))
        self.notice.setToolTip(_("How many days before the visit the host wants the visitor "
                                 "list."))
        self.zone.lineEdit().setPlaceholderText(_("e.g. Asia/Tokyo"))
        self.zone.retranslate_ui()
        self.fields["contact_email"].setPlaceholderText(_("name@example.com"))
        self.fields["contact_phone"].setPlaceholderText(
            _("e.g. 090-1234-5678 or +1 518 555 0123"))
        if self._checked:
            self._show(self.check())

    # values ----------------------------------------------------------------------------------
    def _region(self) -> str:
        return site_country(self.zone.zone()) or ""

    def values(self) -> dict:
        """The fields as they will be stored (call after a successful check)."""
        values = {key: rules.clean(edit.text()) for key, edit in self.fields.items()}
        values.update({key: edit.toPlainText().strip() for key, edit in self.texts.items()})
        values["contact_phone"] = rules.normalize_phone(values["contact_phone"],
                                                        self._region()) or ""
        values["contact_email"] = rules.normalize_email(values["contact_email"])   # all widths
        values["tz"] = self.zone.zone()
        values["notice_days"] = self.notice.value()
        values["required_fields"] = ",".join(k for k, box in self.required.items()
                                             if box.isChecked())
        values["nda"] = self.nda.isChecked()
        values["safety_briefing"] = self.briefing.isChecked()
        return values

    def check(self) -> dict[str, str]:
        """Field key -> what is wrong, in the current language; empty when all is well."""
        text = {key: rules.clean(edit.text()) for key, edit in self.fields.items()}
        problems = {}
        if not text["name_en"] and not text["name_ja"]:
            problems["name_en"] = _("Give the name in at least one language.")
        if not is_valid_zone(self.zone.zone()):
            problems["tz"] = _("Not a known time zone (use a name like Asia/Tokyo).")
        email = rules.normalize_email(text["contact_email"])
        if email and not rules.is_email(email):
            problems["contact_email"] = _("This is not an e-mail address (like "
                                          "name@example.com).")
        if rules.normalize_phone(text["contact_phone"], self._region()) is None:
            problems["contact_phone"] = _("Not a phone number: write it as dialled in Japan "
                                          "(090-1234-5678) or with the country code "
                                          "(+1 518 555 0123).")
        return problems

    def _show(self, problems: dict[str, str]) -> None:
        for key, error in self.errors.items():
            error.setText(problems.get(key, ""))
            error.setVisible(key in problems)

    def accept(self) -> None:
        problems = self.check()
        self._checked = True
        self._show(problems)
        if problems:
            first = next(k for k in self.errors if k in problems)
            {"tz": self.zone}.get(first, self.fields.get(first)).setFocus()
            return
        phone = self.values()["contact_phone"]
        if phone:
            self.fields["contact_phone"].setText(phone)
        super().accept()
