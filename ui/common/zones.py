"""The time zone field of every dialog: the zones US-Japan missions go to first, each named as
people call it (Eastern Time, 日本時間) with its IANA id beside it, any other id typed and
completed from the tz database."""

from __future__ import annotations

import re
import zoneinfo

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import QComboBox, QWidget

from i18n.formatting import zone_name
from ui.common.completion import complete_anywhere

# The places US-Japan missions go, first in the list; any other IANA name can be typed.
COMMON_ZONES = ("Asia/Tokyo", "America/New_York", "America/Chicago", "America/Denver",
                "America/Los_Angeles", "Pacific/Honolulu", "America/Detroit", "Europe/London",
                "UTC")
_ALL_ZONES: list[str] = []
_NAMED = re.compile(r"^.*\(([A-Za-z_]+(?:/[A-Za-z0-9_+\-]+)*)\)\s*$")   # "Japan Time (Asia/Tokyo)"


def _all_zones() -> list[str]:
    if not _ALL_ZONES:                         # read the zone database once, when first needed
        _ALL_ZONES.extend(sorted(zoneinfo.available_timezones()))
    return _ALL_ZONES


def zone_label(zone: str) -> str:
    """"Eastern Time (America/New_York)": the id only where the name is not it already."""
    name = zone_name(zone)
    return zone if name == zone else f"{name} ({zone})"


class ZoneCombo(QComboBox):
    """An IANA zone: the common ones to pick by name, any other id typed (completed)."""

    def __init__(self, extra: list[str] = (), parent: QWidget | None = None, **props):
        super().__init__(parent, editable=True, **props)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for zone in dict.fromkeys([*COMMON_ZONES, *extra]):
            self.addItem(zone_label(zone), zone)
        complete_anywhere(self, QStringListModel(_all_zones(), self))
        self.setMinimumContentsLength(18)

    def zone(self) -> str:
        """The id: of the item picked, inside "Name (id)", or as typed."""
        text = self.currentText().strip()
        index = self.findText(text)
        if index >= 0:
            return self.itemData(index)
        match = _NAMED.match(text)
        return match[1] if match else text

    def set_zone(self, zone: str) -> None:
        index = self.findData(zone)
        if index >= 0:
            self.setCurrentIndex(index)
        self.setCurrentText(self.itemText(index) if index >= 0 else zone)

    def retranslate_ui(self) -> None:
        zone = self.zone()
        for i in range(self.count()):
            self.setItemText(i, zone_label(self.itemData(i)))
        self.set_zone(zone)
