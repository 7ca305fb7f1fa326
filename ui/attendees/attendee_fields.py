"""Input widgets of the attendee dialog that Qt lacks: an organization picked from a list or
typed new (a country is ui/common/countries.py's, dates ui/common/date_time_fields.py's)."""

from __future__ import annotations

import unicodedata

from PySide6.QtWidgets import QComboBox, QWidget

from i18n import pick
from models.entities import Organization
from models.organization_names import lookup_keys, name_index
from ui.common.completion import complete_anywhere


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


class OrganizationCombo(QComboBox):
    """An existing organization, found by either of its names as you type, or a new name."""

    def __init__(self, organizations: list[Organization], parent: QWidget | None = None):
        super().__init__(parent, editable=True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.orgs = [(o.id, o.name_en, o.name_ja) for o in organizations]
        self.index = name_index((o.id, o.name_en, o.name_ja, o.aliases) for o in organizations)
        self.addItem("", None)
        for org_id, _en, _ja in self.orgs:
            self.addItem("", org_id)
        complete_anywhere(self, self.model())
        self._label_items()

    def _label_items(self) -> None:
        for i, (_id, en, ja) in enumerate(self.orgs, start=1):
            self.setItemText(i, pick(en, ja)[0])

    def retranslate_ui(self) -> None:
        org_id, new_name = self.choice()
        self._label_items()
        self.set_choice(org_id, new_name)

    def choice(self) -> tuple[int | None, str]:
        """(id of an existing organization, "") or (None, a new name) or (None, "")."""
        text = self.currentText().strip()
        if not _fold(text):
            return None, ""
        # By name, other name or short form, as the roster import finds it ("TEL").
        found = next((self.index[k] for k in lookup_keys(text) if k in self.index), None)
        return (found, "") if found is not None else (None, text)

    def set_choice(self, org_id: int | None, new_name: str = "") -> None:
        index = self.findData(org_id) if org_id is not None else -1
        if index > 0:
            self.setCurrentIndex(index)
        else:
            self.setCurrentIndex(0)
            self.setCurrentText(new_name)
