"""The organizations every mission shares, with their English and Japanese names and the other
names a roster may write (aliases): add, rename in the cells, delete one that nobody belongs to,
merge two that are one.

Each change is saved at once as its own undoable step (Edit > Undo once the dialog is closed); a
deletion is only allowed for an organization nothing refers to (so nothing else is lost with
it), and the dialog asks before deleting.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from i18n import _, ngettext, pick
from models import repository as repo
from models.organization_names import join_aliases, split_aliases
from models.store.db import read_session
from ui.attendees.organization_commands import (
    AddOrganization,
    DeleteOrganization,
    MergeOrganizations,
    RenameOrganization,
    SetAliases,
)
from ui.common import retranslate
from ui.common.context import Context
from ui.common.dialogs import confirm, discard
from ui.common.form_dialog import KeyboardDialog
from ui.common.merge_dialog import MergeDialog
from ui.common.styles import ERROR_STYLE

ID_ROLE = Qt.ItemDataRole.UserRole


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


class OrganizationsDialog(KeyboardDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("organizationsDialog")
        self.ctx, self.engine, self.read_only = ctx, ctx.engine, ctx.read_only
        read_only = self.read_only
        self.changed = False                 # the window reloads its views when True
        self.table = QTableWidget(0, 3, objectName="organizationTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        if read_only:
            self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemChanged.connect(self._on_item_changed)
        self.message = QLabel(objectName="organizationMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        self.add_button = QPushButton(enabled=not read_only, clicked=self.add_row)
        self.delete_button = QPushButton(enabled=not read_only, clicked=self.delete_current)
        self.merge_button = QPushButton(objectName="mergeOrganization", enabled=not read_only,
                                        clicked=self.merge_current)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.delete_button)
        row.addWidget(self.merge_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.resize(820, 460)
        self.reload()
        retranslate.register(self)
        self.retranslate_ui()
        self.finish_form()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Organizations"))
        self.table.setHorizontalHeaderLabels([_("English name"), _("Japanese name"),
                                              _("Other names (separate with ;)")])
        self.add_button.setText(_("&Add"))
        self.delete_button.setText(_("&Delete…"))
        self.merge_button.setText(_("&Merge into…"))
        self.hint.setText(_("Double-click a name to change it. The names are shared by all "
                            "missions; an imported roster finds an organization by any of its "
                            "names (TEL, 東京エレクトロン, Tokyo Electron)."))

    # rows ------------------------------------------------------------------------------------
    def reload(self) -> None:
        with read_session(self.engine) as session:
            orgs = repo.list_organizations(session)        # by English name, the first column
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for org in orgs:
            self._append(org.id, org.name_en, org.name_ja, org.aliases)
        self.table.blockSignals(False)

    def _append(self, org_id: int | None, name_en: str, name_ja: str, aliases: str = "") -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, text in enumerate((name_en, name_ja, "; ".join(split_aliases(aliases)))):
            item = QTableWidgetItem(text)
            item.setData(ID_ROLE, org_id)
            self.table.setItem(row, col, item)
        return row

    def _names(self, row: int) -> tuple[str, str]:
        return tuple(unicodedata.normalize("NFKC", self.table.item(row, c).text()).strip()
                     for c in (0, 1))

    def row_of(self, org_id: int) -> int:
        return next(r for r in range(self.table.rowCount())
                    if self.table.item(r, 0).data(ID_ROLE) == org_id)

    def add_row(self) -> None:
        """A new empty row to type in; it is saved once it has a name."""
        self.table.blockSignals(True)
        row = self._append(None, "", "", "")
        self.table.blockSignals(False)
        self.table.setCurrentCell(row, 0)
        self.table.editItem(self.table.item(row, 0))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _taken(self, row: int, names: tuple[str, str]) -> bool:
        wanted = {_fold(n) for n in names if n}
        return any(_fold(self.table.item(r, c).text()) in wanted
                   for r in range(self.table.rowCount()) if r != row for c in (0, 1))

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        row = item.row()
        org_id = item.data(ID_ROLE)
        if item.column() == 2:
            self._aliases_changed(row, org_id)
            return
        name_en, name_ja = self._names(row)
        if not name_en and not name_ja:
            if org_id is not None:
                self._say(_("An organization needs a name in at least one language."))
                self._revert(row, org_id)
            return                                   # an empty new row waits for a name
        if self._taken(row, (name_en, name_ja)):
            self._say(_("Another organization already has this name."))
            self._revert(row, org_id)
            return
        ctx = self.ctx
        if org_id is None:
            command = AddOrganization(ctx.engine, ctx.events, ctx.mission_id(), (name_en, name_ja))
        else:
            command = RenameOrganization(ctx.engine, ctx.events, ctx.mission_id(), org_id,
                                         self._stored(org_id), (name_en, name_ja))
        if not ctx.run_command(command):             # it has said why
            self._revert(row, item.data(ID_ROLE))
            return
        org_id = command.organization_id
        self.table.blockSignals(True)
        for col, text in enumerate((name_en, name_ja)):
            self.table.item(row, col).setText(text)
            self.table.item(row, col).setData(ID_ROLE, org_id)
        self.table.blockSignals(False)
        self._say("")
        self.changed = True
        if self.table.item(row, 2).text().strip():      # typed before the row had a name
            self._aliases_changed(row, org_id)

    def _aliases_changed(self, row: int, org_id: int | None) -> None:
        if org_id is None:
            return                                   # saved with the row, once it has a name
        after = join_aliases(split_aliases(self.table.item(row, 2).text()))
        with read_session(self.engine) as session:
            before = next(o for o in repo.list_organizations(session) if o.id == org_id).aliases
        self.table.blockSignals(True)
        self.table.item(row, 2).setText("; ".join(split_aliases(after)))
        self.table.blockSignals(False)
        if after == before:
            return
        ctx = self.ctx
        if ctx.run_command(SetAliases(ctx.engine, ctx.events, ctx.mission_id(), org_id,
                                      self._stored(org_id), before, after)):
            self.changed = True
            self._say("")
        else:
            self.table.blockSignals(True)
            self.table.item(row, 2).setText("; ".join(split_aliases(before)))
            self.table.blockSignals(False)

    def merge_current(self) -> None:
        row = self.table.currentRow()
        org_id = self.table.item(row, 0).data(ID_ROLE) if row >= 0 else None
        if org_id is None:
            return
        names = self._stored(org_id)
        name = pick(*names)[0]
        choices = [(self.table.item(r, 0).data(ID_ROLE), pick(*self._names(r))[0])
                   for r in range(self.table.rowCount())
                   if r != row and self.table.item(r, 0).data(ID_ROLE) is not None]
        if not choices:
            return

        def describe(_target: int) -> str:
            with read_session(self.engine) as session:
                people, missions = repo.organization_usage(session, organization_id=org_id)
            return _("{people} and {missions} of “{name}” move to the organization kept, "
                     "which keeps “{name}” as another name.").format(
                people=ngettext("{n} person", "{n} people", people).format(n=people),
                missions=ngettext("{n} mission", "{n} missions", missions).format(n=missions),
                name=name)

        dialog = MergeDialog(lambda: _("Merge organizations"), name, choices, describe,
                             parent=self)
        keep = dialog.chosen() if dialog.exec() else None
        discard(dialog)
        if keep is None:
            return
        ctx = self.ctx
        if ctx.run_command(MergeOrganizations(ctx.engine, ctx.events, ctx.mission_id(),
                                              keep, org_id, names)):
            self.changed = True
            self.reload()
            self.table.setCurrentCell(self.row_of(keep), 0)
            self._say("")

    def _stored(self, org_id: int) -> tuple[str, str]:
        with read_session(self.engine) as session:
            org = next(o for o in repo.list_organizations(session) if o.id == org_id)
        return org.name_en, org.name_ja

    def _revert(self, row: int, org_id: int | None) -> None:
        """Show the stored names again (or clear a new row) after a change was refused."""
        names = ("", "")
        if org_id is not None:
            with read_session(self.engine) as session:
                org = next(o for o in repo.list_organizations(session) if o.id == org_id)
            names = (org.name_en, org.name_ja)
        self.table.blockSignals(True)
        for col, text in enumerate(names):
            self.table.item(row, col).setText(text)
        self.table.blockSignals(False)

    def delete_current(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        org_id = self.table.item(row, 0).data(ID_ROLE)
        name = pick(*self._names(row))[0]
        if org_id is None:                           # never saved: just drop the row
            self.table.removeRow(row)
            return
        with read_session(self.engine) as session:
            people, missions = repo.organization_usage(session, organization_id=org_id)
        if people:
            self._say(ngettext("{name} cannot be deleted: {n} person belongs to it.",
                               "{name} cannot be deleted: {n} people belong to it.",
                               people).format(name=name, n=people))
            return
        if missions:
            self._say(ngettext("{name} cannot be deleted: it organizes {n} mission.",
                               "{name} cannot be deleted: it organizes {n} missions.",
                               missions).format(name=name, n=missions))
            return
        if not confirm(
            self, _("Delete organization"),
            _("Delete the organization {name}?").format(name=name)):
            return
        ctx = self.ctx
        if not ctx.run_command(DeleteOrganization(ctx.engine, ctx.events, ctx.mission_id(),
                                                  org_id, self._stored(org_id))):
            return
        self.table.removeRow(row)
        self._say("")
        self.changed = True
