"""The language a workbook is written in, and how people, countries and phones read in it.

The window may show English while the user exports a Japanese workbook: the export runs inside
i18n.temporary_language, and these helpers read whichever language is in force.
"""

from __future__ import annotations

from functools import lru_cache

import i18n
from documents.workbook.cells import FALLBACK, Mark
from i18n import babel_locale, current_language
from i18n.formatting import japanese_name, name_sort_key, person_name


def display_name(p) -> str:
    """山田 太郎 in Japanese, Taro Yamada in English (see i18n.formatting.person_name)."""
    return person_name(family=p.family, given=p.given, family_ja=p.family_ja,
                       given_ja=p.given_ja)


def latin_name(p) -> str:
    """The passport name in the language's order: Taro Yamada, or YAMADA Taro in Japanese (the
    capitals say which part is the family name, as Japanese documents write it)."""
    if current_language() == "ja":
        return " ".join(x for x in (p.family.upper(), p.given) if x)
    return " ".join(x for x in (p.given, p.family) if x)


def native_name(p) -> str:
    """山田 太郎; a foreign name in katakana サラ・ミラー."""
    return japanese_name(p.family_ja, p.given_ja)


def reading(p) -> str:
    """The kana reading in katakana (the フリガナ a Japanese form prints), in the order of the
    name it reads: ヤマダ タロウ, サラ・ミラー."""
    return to_katakana(japanese_name(p.family_ja, p.given_ja, kana_family=p.family_kana,
                                     kana_given=p.given_kana))


# ぁ (U+3041) .. ゖ (U+3096) to ァ .. ヶ: the same 0x60 apart throughout.
_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(ord("ぁ"), ord("ゖ") + 1)}


def to_katakana(text: str) -> str:
    return text.translate(_HIRAGANA_TO_KATAKANA)


def sort_key(p) -> tuple:
    """Kana reading (五十音順) in Japanese, family name in English."""
    return name_sort_key(family=p.family, given=p.given, family_kana=p.family_kana,
                         given_kana=p.given_kana)


def list_separator(language: str | None = None) -> str:
    return "、" if (language or current_language()) == "ja" else ", "


@lru_cache(maxsize=8)
def _territories(language: str) -> dict:
    return dict(babel_locale().territories)        # `language` is the current one: the key


def country_name(code: str) -> str:
    """Japan / 日本 for "JP"; an unknown code is shown as it is."""
    code = code.strip().upper()
    return _territories(current_language()).get(code, code) if code else ""


@lru_cache(maxsize=4096)
def phone_text(e164: str) -> str:
    """+81 90-3124-5601 for +819031245601: grouped as the country writes it, still text."""
    if not e164.startswith("+"):
        return e164
    import phonenumbers  # loads its metadata on import: only when a phone is written

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def picked(en: str, ja: str):
    """The text for the language, marked (grey italic) when it is the other language's."""
    text, fallback = i18n.pick(en, ja)
    return Mark(text, FALLBACK) if fallback else text


def plain(value) -> str:
    """The text of a value that may be marked (see picked)."""
    return getattr(value, "value", value)


def titled(*parts: str) -> str:
    """A sheet's title row: the document's name, then what it is about."""
    joiner = "　" if current_language() == "ja" else " — "
    return joiner.join(p for p in parts if p)


def short_day(day) -> str:
    """Dec 7 / 12月7日: a day short enough for a sheet's tab."""
    from babel.dates import format_date

    pattern = "M月d日" if current_language() == "ja" else "MMM d"
    return format_date(day, pattern, locale=babel_locale())


def without_prefix(title: str) -> str:
    """"Hotel: Sapporo Kitagate Hotel" -> "Sapporo Kitagate Hotel": the part worth a tab name."""
    for colon in ("：", ": "):
        head, found, rest = title.partition(colon)
        if found and rest.strip() and len(head) <= 24:
            return rest.strip()
    return title


def hotel_name(title: str) -> str:
    """"Hotel: Sapporo Kitagate Hotel (1 night)" -> "Sapporo Kitagate Hotel"."""
    name = without_prefix(title)
    for opening in (" (", "（"):
        head, found, _rest = name.partition(opening)
        if found and head.strip():
            return head.strip()
    return name


def passport_name(p) -> str:
    """YAMADA TARO: the Latin name in capitals, family name first, as a passport prints it."""
    return " ".join(x for x in (p.family.upper(), p.given.upper()) if x)
