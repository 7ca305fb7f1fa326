"""Names from a roster: one full-name cell split into family and given name, Latin capitals
tamed, a kana reading split in two, and a missing Latin name derived from the reading.

Japanese script is written family name first (山田 太郎). Latin is given name first (Taro
Yamada) unless the writer says otherwise: "Yamada, Taro" (the comma) or "YAMADA Taro" (the
family name in capitals, as passports and many Japanese rosters write it).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from documents.roster.values import is_japanese
from i18n import _

# A word made of letters, with ' - . inside (O'BRIEN, JEAN-PIERRE, ST.JOHN): only such words are
# re-cased, so a cell like "@SUM(A1)" stays exactly as typed.
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’\-.][^\W\d_]+)*\.?")


@dataclass(frozen=True)
class SplitName:
    family: str
    given: str
    japanese: bool           # the parts belong in family_name_ja / given_name_ja
    warning: str = ""


def _is_capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and bool(_NAME_WORD.fullmatch(word)) and word.isupper()


def latin_case(text: str) -> str:
    """YAMADA -> Yamada, O'BRIEN -> O'Brien; mixed-case words (McDonald, van) stay as typed.

    Full-width letters (Ｙａｍａｄａ, typed with a Japanese keyboard) become plain ones (NFKC):
    a passport name is never in full width."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\S+", lambda m: m.group().title() if _is_capitals(m.group()) else m.group(),
                  text)


def split_full_name(text: str) -> SplitName:
    text = text.strip()
    if is_japanese(text):
        parts = text.split()  # str.split also splits at the ideographic space (U+3000)
        if len(parts) >= 2:
            return SplitName(parts[0], " ".join(parts[1:]), japanese=True)
        return SplitName(text, "", japanese=True, warning=_(
            "cannot tell the family name from the given name: put a space between them"))
    if "," in text:
        family, given = (part.strip() for part in text.split(",", 1))
        return SplitName(latin_case(family), latin_case(given), japanese=False)
    words = text.split()
    if len(words) < 2:
        return SplitName(latin_case(text), "", japanese=False)
    capitals = [i for i, word in enumerate(words) if _is_capitals(word)]
    if capitals and len(capitals) < len(words):
        first, last = capitals[0], capitals[-1]
        contiguous = capitals == list(range(first, last + 1))
        if contiguous and (first == 0 or last == len(words) - 1):
            family = " ".join(words[first:last + 1])
            given = " ".join(words[:first] + words[last + 1:])
            return SplitName(latin_case(family), latin_case(given), japanese=False)
    return SplitName(latin_case(words[-1]), latin_case(" ".join(words[:-1])), japanese=False)


def split_reading(text: str) -> SplitName:
    """ヤマダ タロウ (half- or full-width, either space) -> ヤマダ / タロウ."""
    parts = unicodedata.normalize("NFKC", text).split()
    if len(parts) >= 2:
        return SplitName(parts[0], " ".join(parts[1:]), japanese=True)
    return SplitName("".join(parts), "", japanese=True, warning=_(
        "cannot tell the family name from the given name: put a space between them"))


def latin_from_reading(kana: str) -> str:
    """Title-case passport Hepburn for a reading, or "" when it is not all kana."""
    from documents.roster.hepburn import to_hepburn, to_name_case

    try:
        return to_name_case(to_hepburn(kana))
    except ValueError:
        return ""
