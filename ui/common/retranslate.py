"""The one retranslation mechanism: a widget registers once, and each language switch calls its
`retranslate_ui()` exactly once (as Frescobaldi's app.translateUI does).

Qt's LanguageChange event is not used for our widgets: Qt sends it to every widget when a
translator is installed or removed, and passes it on to children, so a handler in `changeEvent`
ran several times per switch. Qt's own widgets still follow it.
"""

from __future__ import annotations

import weakref

import shiboken6

import i18n

_registered: dict[int, weakref.ref] = {}   # in registration order: children before parents


def register(widget) -> None:
    """Call `widget.retranslate_ui()` on every later language switch, until it is deleted."""
    key = id(widget)
    if key in _registered and _registered[key]() is widget:
        return
    _registered[key] = weakref.ref(widget, lambda _ref, key=key: _registered.pop(key, None))
    # After i18n.qt has set Qt's locale, translators and font (listeners run in order).
    i18n.add_listener(retranslate_all, late=True)


def retranslate_all(_language: str = "") -> None:
    for ref in list(_registered.values()):
        widget = ref()
        if widget is not None and shiboken6.isValid(widget):
            widget.retranslate_ui()
