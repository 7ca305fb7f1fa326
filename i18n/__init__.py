"""The gettext facade: `_`, `N_`, `ngettext`, `set_language`, `current_language`.

`_` reads the module-level catalog at call time, so a string is translated when it is drawn,
never frozen at import. Qt-side effects of a switch (translators, fonts, settings) are hooked in
by i18n.qt through `add_listener`; this module imports no Qt.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "messages"
# Full locales: bare "ja" would carry Monday as the first weekday, ja_JP has Sunday.
LOCALES = {"en": "en_US", "ja": "ja_JP"}
LANGUAGES = tuple(LOCALES)

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"
_listeners: list[Callable[[str], None]] = []
_late_listeners: list[Callable[[str], None]] = []   # after the others: the widgets' texts
_babel_locales: dict[str, object] = {}      # language -> babel.Locale, made on first use


def _(message: str) -> str:
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later with `_` when drawn."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def language_from_environment() -> str:
    """The command line's default: Japanese when the POSIX locale variables say so."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


def current_language() -> str:
    return _language


def current_locale() -> str:
    return LOCALES[_language]


def babel_locale():
    """The babel.Locale of the current language, parsed once per language: Babel's functions
    given a string parse it again on every call. Kept per language, so set_language and
    temporary_language switch it with `_language` and nothing goes stale; Babel is imported
    on first use, keeping this module light at start-up."""
    found = _babel_locales.get(_language)
    if found is None:
        from babel import Locale

        found = _babel_locales[_language] = Locale.parse(LOCALES[_language])
    return found


def load_translations(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[LOCALES[language], language])


def set_language(language: str) -> None:
    """Switch every later `_` call to `language` ("en" or "ja") and tell the listeners."""
    global _translations, _language
    if language not in LOCALES:
        raise ValueError(f"unsupported language: {language!r}")
    _translations = load_translations(language)
    _language = language
    for listener in list(_listeners) + list(_late_listeners):
        listener(language)


@contextmanager
def temporary_language(language: str) -> Iterator[None]:
    """`_`, `ngettext`, `pick` and the locale formats in `language` until the block ends.

    For a document written in another language than the window's: unlike set_language, the
    listeners are not told, so the window is not retranslated and no choice is saved.
    """
    global _translations, _language
    if language not in LOCALES:
        raise ValueError(f"unsupported language: {language!r}")
    saved = _translations, _language
    if language != _language:
        _translations, _language = load_translations(language), language
    try:
        yield
    finally:
        _translations, _language = saved


def add_listener(listener: Callable[[str], None], *, late: bool = False) -> None:
    """Call `listener(language)` after each switch; `late` ones after all the others."""
    listeners = _late_listeners if late else _listeners
    if listener not in listeners:
        listeners.append(listener)


def remove_listener(listener: Callable[[str], None]) -> None:
    for listeners in (_listeners, _late_listeners):
        if listener in listeners:
            listeners.remove(listener)


def pick(en: str, ja: str) -> tuple[str, bool]:
    """The text of a bilingual pair for the current language, and whether it fell back."""
    first, other = (ja, en) if _language == "ja" else (en, ja)
    if first:
        return first, False
    return other, bool(other)
