"""The Qt side of a language switch: Qt's own translations, the default QLocale, a Japanese font
family, and the remembered choice. The only module of i18n that imports Qt."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

import i18n

SETTINGS_KEY = "language"
# Qt's fallback may draw kanji with Chinese glyph shapes; name Japanese families first.
JAPANESE_FAMILIES = ("Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans",
                     "Hiragino Kaku Gothic ProN", "Yu Gothic UI", "Meiryo UI", "Meiryo",
                     "IPAexGothic", "TakaoPGothic")


def system_language() -> str:
    return "ja" if QLocale.system().language() == QLocale.Language.Japanese else "en"


def saved_language(settings: QSettings) -> str | None:
    value = settings.value(SETTINGS_KEY)
    return value if value in i18n.LANGUAGES else None


def japanese_families() -> list[str]:
    available = set(QFontDatabase.families())
    return [f for f in JAPANESE_FAMILIES if f in available]


class QtLanguage:
    """Keeps Qt in step with i18n.set_language; create once, after the QApplication."""

    def __init__(self, app: QApplication, settings: QSettings):
        self.app = app
        self.settings = settings
        self.translator: QTranslator | None = None
        self.default_font = QFont(app.font())
        i18n.add_listener(self.apply)

    def apply(self, language: str) -> None:
        QLocale.setDefault(QLocale(i18n.LOCALES[language]))
        self._set_font(language)
        if self.translator is not None:
            self.app.removeTranslator(self.translator)
            self.translator = None
        if language != "en":
            translator = QTranslator(self.app)
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if translator.load(f"qtbase_{language}", folder):
                self.translator = translator
        # Installing or removing a translator sends LanguageChange to Qt's own widgets (their
        # buttons and menus); ours are retranslated once each by ui.common.retranslate.
        if self.translator is not None:
            self.app.installTranslator(self.translator)
        self.settings.setValue(SETTINGS_KEY, language)

    def _set_font(self, language: str) -> None:
        font = QFont(self.default_font)
        if language == "ja":
            families = japanese_families()
            if families:
                font.setFamilies(families + [self.default_font.family()])
        self.app.setFont(font)

    def close(self) -> None:
        i18n.remove_listener(self.apply)
