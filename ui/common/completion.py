"""The completer every typed-into list of the app uses: any part of a name, in any case, offered
in a popup (a country, an organization, a time zone)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter


def complete_anywhere(combo: QComboBox, model: QAbstractItemModel) -> QCompleter:
    """Give `combo` a completer over `model` that matches inside names, ignoring case."""
    completer = QCompleter(model, combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    return completer
