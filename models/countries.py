"""Citizenship as an ISO 3166-1 alpha-2 code, read from an alpha-2 or alpha-3 code or a country's
name in English or Japanese, all from CLDR through Babel: the one rule the attendee dialog and the
roster import share."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from i18n.formatting import fold_kana
from models.rules import Problem

# CLDR territories that no passport names as a nationality: groupings, pseudo-locales, "Unknown
# Region", and islands CLDR lists apart from the country that issues their passports (AC, TA,
# DG, CQ: UK; IC, EA: Spain; CP: France).
_NOT_NATIONALITIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ",
                                "AC", "TA", "IC", "EA", "CP", "DG", "CQ"})

# Only what CLDR lacks and rosters write: demonyms, abbreviations and short or formal forms.
# Names and codes CLDR has (Japan, 日本, JPN, UK, 韓国) come from Babel, never from here.
_DEMONYMS = {
    "JP": ["Japanese", "日本人", "日本国", "ニッポン"],
    "US": ["U.S.", "U.S.A.", "United States of America", "America", "American", "米国",
           "アメリカ", "アメリカ人", "米国人", "合衆国"],
    "GB": ["Great Britain", "British", "英国", "英国人"],
    "CA": ["Canadian", "カナダ人"],
    "KR": ["Korea", "Republic of Korea", "Korean", "大韓民国", "韓国人"],
    "CN": ["Chinese", "中華人民共和国", "中国人"],
    "TW": ["Taiwanese", "台湾人"],
    "IN": ["Indian", "インド人"],
    "DE": ["German", "ドイツ人"],
    "FR": ["French", "フランス人"],
    "AU": ["Australian", "オーストラリア人"],
}


def _key(text: str) -> str:
    return re.sub(r"[\s.]+", "", fold_kana(unicodedata.normalize("NFKC", text)))


@cache
def country_codes() -> frozenset[str]:
    """Every code a citizenship may hold (CLDR's two-letter territories, less the above)."""
    from babel import Locale

    return frozenset(code for code in Locale.parse("en").territories
                     if len(code) == 2 and code.isalpha() and code not in _NOT_NATIONALITIES)


@cache
def code_aliases() -> dict[str, str]:
    """CLDR's other codes for a territory: alpha-3 ("JPN", "USA") and old alpha-2 ("UK")."""
    from babel.core import get_global

    codes = country_codes()
    return {alias: targets[0] for alias, targets in get_global("territory_aliases").items()
            if alias.isalpha() and len(targets) == 1 and targets[0] in codes}


@cache
def _lookup() -> dict[str, str]:
    from babel import Locale

    codes = country_codes()
    names = {_key(name): code for language in ("en", "ja")
             for code, name in Locale.parse(language).territories.items() if code in codes}
    names.update({_key(name): code for code, aliases in _DEMONYMS.items() for name in aliases})
    return names


def country_code(text: str) -> str | None:
    """The code for "jp", "JPN", "JP — Japan" (as the dialog shows it), "Japan", "日本" or
    "アメリカ"; "" for an empty text, None when it names no country we know ("ZZ", "XYZ")."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return ""
    code = text.partition("—")[0].strip().upper()
    if code in country_codes():
        return code
    if code in code_aliases():
        return code_aliases()[code]
    return _lookup().get(_key(text))


def citizenship_problem(text: str) -> Problem | None:
    """Problem.COUNTRY_UNKNOWN when the text names no country, else None."""
    return Problem.COUNTRY_UNKNOWN if country_code(text) is None else None
