"""Messages more than one feature's dialogs show beside a field, worded once."""

from __future__ import annotations

from i18n import _


def not_a_phone() -> str:
    """What to say beside any phone field whose text rules.normalize_phone cannot read."""
    return _("Not a phone number: write it as dialled in Japan (090-1234-5678) or with the "
             "country code (+1 518 555 0123).")
