"""Citizenship as an ISO 3166-1 alpha-2 code, read from a code or a country's name in English or
Japanese: the one rule the attendee dialog and the roster import share."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from i18n.formatting import fold_kana
from models.rules import Problem

# CLDR territories that no passport names as a nationality: groupings, pseudo-locales, and
# islands CLDR lists apart from the country that issues their passports (AC, TA: UK; IC, EA:
# Spain; CP: France; DG: UK; CQ: UK).
_NOT_NATIONALITIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ",
                                "AC", "TA", "IC", "EA", "CP", "DG", "CQ"})

# What CLDR's names lack and rosters write: demonyms, alpha-3 codes, abbreviations, short forms.
_ALIASES = {
    "JP": ["Japanese", "日本国", "JPN", "ニッポン"],
    "US": ["USA", "U.S.", "U.S.A.", "United States of America", "America", "American",
           "米国", "アメリカ", "合衆国"],
    "GB": ["UK", "Great Britain", "British", "GBR", "英国"],
    "CA": ["Canadian", "CAN"],
    "KR": ["Korea", "Republic of Korea", "Korean", "KOR", "大韓民国"],
    "CN": ["Chinese", "CHN", "中華人民共和国"],
    "TW": ["TWN"],
    "IN": ["Indian", "IND"],
    "DE": ["German", "DEU"],
    "FR": ["French", "FRA"],
    "AU": ["Australian", "AUS"],
}


def _key(text: str) -> str:
    return re.sub(r"[\s.]+", "", fold_kana(text))


@cache
def country_codes() -> frozenset[str]:
    """Every code a citizenship may hold (CLDR's two-letter territories, less the above)."""
    from babel import Locale

    return frozenset(code for code in Locale.parse("en").territories
                     if len(code) == 2 and code.isalpha() and code not in _NOT_NATIONALITIES)


@cache
def _lookup() -> dict[str, str]:
    from babel import Locale

    codes = country_codes()
    names = {_key(name): code for language in ("en", "ja")
             for code, name in Locale.parse(language).territories.items() if code in codes}
    names.update({_key(name): code for code, aliases in _ALIASES.items() for name in aliases})
    return names


def country_code(text: str) -> str | None:
    """The code for "jp", "JP — Japan" (as the dialog shows it), "Japan", "日本" or "アメリカ";
    "" for an empty text, None when it names no country we know."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return ""
    code = text.partition("—")[0].strip().upper()
    if code in country_codes():
        return code
    return _lookup().get(_key(text))


def citizenship_problem(text: str) -> Problem | None:
    """Problem.COUNTRY_UNKNOWN when the text names no country, else None."""
    return Problem.COUNTRY_UNKNOWN if country_code(text) is None else None
