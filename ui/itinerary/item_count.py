"""The Itinerary's count of items shown ("12 of 300 items"), in a box that fits any count of up
to five digits (more when the mission has more items): ui/common/count_label.py."""

from __future__ import annotations

from i18n import ngettext
from ui.common.count_label import CountLabel


def count_text(shown: int, total: int) -> str:
    if shown == total:
        return ngettext("{n} item", "{n} items", total).format(n=total)
    return ngettext("{shown} of {total} item", "{shown} of {total} items",
                    total).format(shown=shown, total=total)


class ItemCount(CountLabel):
    def __init__(self, parent=None):
        super().__init__("itemCount", parent)

    def show_count(self, shown: int, total: int) -> None:
        most = int("8" * max(5, len(str(total))))                 # 8: the widest digit, mostly
        self.set_count_text(count_text(shown, total),
                            (count_text(most - 1, most), count_text(most, most)))
