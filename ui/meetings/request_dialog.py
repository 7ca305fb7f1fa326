"""The dialog for a meeting request: who asks (a delegate, or every delegate of an
organization), which counterpart, how much it matters, and whether it needs an interpreter."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from i18n import _, pick
from models import meetings as mt
from ui.common import retranslate
from ui.common.form_dialog import KeyboardDialog
from ui.meetings.tab_data import MeetingsData, priority_text

_ORG, _PERSON = "org", "person"


class RequestDialog(KeyboardDialog):
    """Read `request()` after accept."""

    def __init__(self, data: MeetingsData, item_id: int, before: mt.RequestData | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("requestDialog")
        self.item_id, self.before = item_id, before
        self.who = QComboBox(objectName="request_who")
        for p in data.delegates():
            self.who.addItem(p.name(), f"{_PERSON}:{p.participant_id}")
        self._orgs = sorted(data.organizations.items(), key=lambda o: pick(*o[1])[0])
        for org_id, _names in self._orgs:
            self.who.addItem("", f"{_ORG}:{org_id}")
        self.counterpart = QComboBox(objectName="request_counterpart")
        for cp_id in sorted(data.counterparts, key=data.counterpart):
            self.counterpart.addItem(data.counterpart(cp_id), cp_id)
        self.priority = QComboBox(objectName="request_priority")
        for value in (1, 2, 3):
            self.priority.addItem("", value)
        self.priority.setCurrentIndex(1)
        self.interpreter = QCheckBox(objectName="request_interpreter")
        if before is not None:
            # Keys as text: QComboBox.findData does not match Python tuples.
            key = (f"{_PERSON}:{before.participant_id}" if before.participant_id is not None
                   else f"{_ORG}:{before.organization_id}")
            self.who.setCurrentIndex(max(0, self.who.findData(key)))
            self.counterpart.setCurrentIndex(max(0, self.counterpart.findData(
                before.counterpart_id)))
            self.priority.setCurrentIndex(before.priority - 1)
            self.interpreter.setChecked(before.interpreter)
        self.labels = {k: QLabel() for k in ("who", "counterpart", "priority")}
        form = QFormLayout()
        for key, widget in (("who", self.who), ("counterpart", self.counterpart),
                            ("priority", self.priority)):
            self.labels[key].setBuddy(widget)
            form.addRow(self.labels[key], widget)
        form.addRow("", self.interpreter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()

    def request(self) -> mt.RequestData:
        kind, ident = self.who.currentData().split(":")
        ident = int(ident)
        return mt.RequestData(
            self.before.id if self.before else None, self.item_id, self.counterpart.currentData(),
            participant_id=ident if kind == _PERSON else None,
            organization_id=ident if kind == _ORG else None,
            priority=self.priority.currentData(), interpreter=self.interpreter.isChecked())

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit meeting request") if self.before else
                            _("Add meeting request"))
        for key, text in (("who", _("&Delegate side")), ("counterpart", _("&Counterpart")),
                          ("priority", _("&Priority"))):
            self.labels[key].setText(text)
        self.interpreter.setText(_("Needs an &interpreter"))
        first_org = self.who.count() - len(self._orgs)
        for n, (_org_id, names) in enumerate(self._orgs):
            self.who.setItemText(first_org + n, _("{organization} (all delegates)").format(
                organization=pick(*names)[0]))
        for n in range(3):
            self.priority.setItemText(n, priority_text(n + 1))
