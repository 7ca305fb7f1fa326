"""The dialog for one gift (手土産): at which item, what (in both languages), given by whom, to
whom (a host on the roster, or a name when the recipient is not on it), bought, handed over."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from i18n import N_, _, pick
from i18n.formatting import format_datetime
from models import gifts
from ui.common import retranslate
from ui.common.form_dialog import FormDialog
from ui.common.styles import ERROR_STYLE

_TEXTS = (("gift_en", N_("&Gift (English)")), ("gift_ja", N_("Gift (&Japanese)")),
          ("recipient_en", N_("&Recipient's name (English)")),
          ("recipient_ja", N_("Recipient's name (Ja&panese)")), ("notes", N_("&Notes")))
_OFF_ROSTER = -1


def problem_text(code: str) -> str:
    if code == "gift_missing":
        return _("Say what the gift is, in English or in Japanese.")
    return _("Choose who receives the gift, or give the recipient's name.")


class GiftDialog(FormDialog):
    """Read `gift()` after accept. `items`: (id, title_en, title_ja, start, tz); `people`:
    participant id -> (name, is of the host side)."""

    def __init__(self, items: list[tuple], people: dict[int, tuple[str, bool]],
                 before: gifts.GiftData | None = None, item_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("giftDialog")
        self.before = before
        self.item = QComboBox(objectName="gift_item")
        self._items = items
        for row in items:
            self.item.addItem("", row[0])
        self.giver = QComboBox(objectName="gift_giver")
        self.giver.addItem("", None)
        self.recipient = QComboBox(objectName="gift_recipient")
        self.recipient.addItem("", _OFF_ROSTER)
        # The delegation gives, the host side receives: each list shows its side first.
        for pid, (name, _host) in sorted(people.items(), key=lambda kv: (kv[1][1], kv[1][0])):
            self.giver.addItem(name, pid)
        for pid, (name, _host) in sorted(people.items(), key=lambda kv: (not kv[1][1],
                                                                        kv[1][0])):
            self.recipient.addItem(name, pid)
        self.edits = {key: QLineEdit(objectName=f"gift_{key}") for key, _t in _TEXTS}
        self.bought = QCheckBox(objectName="gift_bought")
        self.handed = QCheckBox(objectName="gift_handed")
        self.labels = {k: QLabel() for k in ("item", "giver", "recipient",
                                             *(key for key, _t in _TEXTS))}
        form = QFormLayout()
        rows = [("item", self.item), ("gift_en", self.edits["gift_en"]),
                ("gift_ja", self.edits["gift_ja"]), ("giver", self.giver),
                ("recipient", self.recipient), ("recipient_en", self.edits["recipient_en"]),
                ("recipient_ja", self.edits["recipient_ja"]), ("notes", self.edits["notes"])]
        for key, widget in rows:
            self.labels[key].setBuddy(widget)
            form.addRow(self.labels[key], widget)
        form.addRow("", self.bought)
        form.addRow("", self.handed)
        self.error = QLabel(objectName="gift_error", wordWrap=True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        form.addRow("", self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.set_form(form, self.buttons)
        self.recipient.currentIndexChanged.connect(self._named_recipient)
        self._show(before, item_id)
        self.setMinimumWidth(620)
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()

    def _show(self, before: gifts.GiftData | None, item_id: int | None) -> None:
        chosen = before.item_id if before else item_id
        self.item.setCurrentIndex(max(0, self.item.findData(chosen)))
        if before is None:
            self._named_recipient()
            return
        self.giver.setCurrentIndex(max(0, self.giver.findData(before.giver_id)))
        self.recipient.setCurrentIndex(max(0, self.recipient.findData(
            _OFF_ROSTER if before.recipient_id is None else before.recipient_id)))
        for key, _t in _TEXTS:
            self.edits[key].setText(getattr(before, key))
        self.bought.setChecked(before.bought)
        self.handed.setChecked(before.handed)
        self._named_recipient()

    def _named_recipient(self) -> None:
        off = self.recipient.currentData() == _OFF_ROSTER
        for key in ("recipient_en", "recipient_ja"):
            self.edits[key].setEnabled(off)

    def gift(self) -> gifts.GiftData:
        recipient = self.recipient.currentData()
        off = recipient == _OFF_ROSTER
        texts = {key: self.edits[key].text() for key, _t in _TEXTS}
        if not off:       # a recipient on the roster is named by the roster
            texts |= {"recipient_en": "", "recipient_ja": ""}
        before = self.before
        return gifts.cleaned(gifts.GiftData(
            before.id if before else None, self.item.currentData(), self.giver.currentData(),
            None if off else recipient, bought=self.bought.isChecked(),
            handed=self.handed.isChecked(), uuid=before.uuid if before else None, **texts))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Edit gift") if self.before else _("Add gift"))
        for n, (_id, title_en, title_ja, start, tz) in enumerate(self._items):
            self.item.setItemText(n, f"{pick(title_en, title_ja)[0]} · "
                                     f"{format_datetime(start, tz)}")
        for key, text in (("item", _("&At")), ("giver", _("Given &by")),
                          ("recipient", _("Given &to"))):
            self.labels[key].setText(text)
        for key, title in _TEXTS:
            self.labels[key].setText(_(title))
        self.giver.setItemText(0, _("(nobody chosen)"))
        self.recipient.setItemText(0, _("Someone not on the roster (name below)"))
        self.edits["gift_en"].setPlaceholderText(_("e.g. Kutani ware sake cups"))
        self.edits["gift_ja"].setPlaceholderText(_("e.g. 九谷焼の盃"))
        self.bought.setText(_("B&ought"))
        self.handed.setText(_("&Handed over"))
        if self.error.isVisible():
            self._check()

    def _check(self) -> bool:
        code = gifts.problem(self.gift())
        self.error.setText(problem_text(code) if code else "")
        self.error.setVisible(bool(code))
        return code is None

    def accept(self) -> None:
        if self._check():
            super().accept()
