"""A kana reading written as a Japanese passport writes it: Hepburn, in capitals.

The passport rules (旅券法施行規則, as the passport offices publish them) differ from textbook
Hepburn: long vowels are not marked (トウキョウ TOKYO, オオノ ONO, ユウコ YUKO), ン is M before
B, M and P (ホンマ HOMMA) and never takes an apostrophe (ケンイチ KENICHI), ッ doubles the next
consonant but is T before CH (ハッチョウ HATCHO), and a name ending in オオ keeps OO (タカトオ
TAKATOO). A derived name is only a proposal: the reading cannot tell 松浦 MATSUURA (two
words) from a long vowel, so whoever imports it must check it against the passport.
"""

from __future__ import annotations

_VOWELS = "AIUEO"

# One mora each; the small kana combine with the kana before them (see _syllables).
_BASIC = {
    "ア": "A", "イ": "I", "ウ": "U", "エ": "E", "オ": "O",
    "カ": "KA", "キ": "KI", "ク": "KU", "ケ": "KE", "コ": "KO",
    "サ": "SA", "シ": "SHI", "ス": "SU", "セ": "SE", "ソ": "SO",
    "タ": "TA", "チ": "CHI", "ツ": "TSU", "テ": "TE", "ト": "TO",
    "ナ": "NA", "ニ": "NI", "ヌ": "NU", "ネ": "NE", "ノ": "NO",
    "ハ": "HA", "ヒ": "HI", "フ": "FU", "ヘ": "HE", "ホ": "HO",
    "マ": "MA", "ミ": "MI", "ム": "MU", "メ": "ME", "モ": "MO",
    "ヤ": "YA", "ユ": "YU", "ヨ": "YO",
    "ラ": "RA", "リ": "RI", "ル": "RU", "レ": "RE", "ロ": "RO",
    "ワ": "WA", "ヰ": "I", "ヱ": "E", "ヲ": "O", "ン": "N",
    "ガ": "GA", "ギ": "GI", "グ": "GU", "ゲ": "GE", "ゴ": "GO",
    "ザ": "ZA", "ジ": "JI", "ズ": "ZU", "ゼ": "ZE", "ゾ": "ZO",
    "ダ": "DA", "ヂ": "JI", "ヅ": "ZU", "デ": "DE", "ド": "DO",
    "バ": "BA", "ビ": "BI", "ブ": "BU", "ベ": "BE", "ボ": "BO",
    "パ": "PA", "ピ": "PI", "プ": "PU", "ペ": "PE", "ポ": "PO",
    "ヴ": "VU", "ヵ": "KA", "ヶ": "KE",
    # A small vowel on its own (no kana before it to combine with) reads as the vowel.
    "ァ": "A", "ィ": "I", "ゥ": "U", "ェ": "E", "ォ": "O", "ャ": "YA", "ュ": "YU", "ョ": "YO",
}

# Two-kana sounds: yōon (キャ KYA) and the loanword sounds names use (ティ TI, ファ FA).
_DIGRAPHS = {
    "キャ": "KYA", "キュ": "KYU", "キョ": "KYO", "ギャ": "GYA", "ギュ": "GYU", "ギョ": "GYO",
    "シャ": "SHA", "シュ": "SHU", "ショ": "SHO", "ジャ": "JA", "ジュ": "JU", "ジョ": "JO",
    "チャ": "CHA", "チュ": "CHU", "チョ": "CHO", "ヂャ": "JA", "ヂュ": "JU", "ヂョ": "JO",
    "ニャ": "NYA", "ニュ": "NYU", "ニョ": "NYO", "ヒャ": "HYA", "ヒュ": "HYU", "ヒョ": "HYO",
    "ビャ": "BYA", "ビュ": "BYU", "ビョ": "BYO", "ピャ": "PYA", "ピュ": "PYU", "ピョ": "PYO",
    "ミャ": "MYA", "ミュ": "MYU", "ミョ": "MYO", "リャ": "RYA", "リュ": "RYU", "リョ": "RYO",
    "シェ": "SHE", "ジェ": "JE", "チェ": "CHE", "ティ": "TI", "ディ": "DI", "デュ": "DYU",
    "ファ": "FA", "フィ": "FI", "フェ": "FE", "フォ": "FO", "ウィ": "WI", "ウェ": "WE",
    "ウォ": "WO", "ヴァ": "VA", "ヴィ": "VI", "ヴェ": "VE", "ヴォ": "VO", "ツァ": "TSA",
}

_SOKUON, _CHOON = "ッ", "ー"


def _katakana(text: str) -> str:
    import jaconv  # lazily: only an import needs it, and start-up time matters

    return jaconv.hira2kata(jaconv.h2z(text, kana=True, ascii=False, digit=False))


def _syllables(word: str) -> list[tuple[str, str]]:
    """(kana, romaji) per mora; ッ and ー stay as markers for _romanize to resolve."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(word):
        pair = word[i:i + 2]
        if pair in _DIGRAPHS:
            out.append((pair, _DIGRAPHS[pair]))
            i += 2
            continue
        kana = word[i]
        if kana in (_SOKUON, _CHOON):
            out.append((kana, ""))
        elif kana in _BASIC:
            out.append((kana, _BASIC[kana]))
        else:
            raise ValueError(f"not kana: {kana!r}")
        i += 1
    return out


def _is_long_vowel(prev: str, kana: str, next_kana: str, at_end: bool) -> bool:
    """Whether this ウ or オ only lengthens the O or U before it, so the passport drops it."""
    if not prev or prev[-1] not in "OU":
        return False
    if kana == "ウ":
        # ウエ is almost always its own word (上: イノウエ INOUE), not a lengthening.
        return next_kana != "エ"
    if kana == "オ" and prev[-1] == "O":
        return not at_end  # a name ending in オオ keeps OO: セノオ SENOO, タカトオ TAKATOO
    return False


def _romanize(word: str) -> str:
    moras = _syllables(word)
    parts: list[str] = []
    lengthened = False  # a long vowel is one extra mora: オオウチ is OUCHI, not OCHI
    for i, (kana, roman) in enumerate(moras):
        next_kana, next_roman = moras[i + 1] if i + 1 < len(moras) else ("", "")
        prev = parts[-1] if parts else ""
        if kana == _CHOON:
            lengthened = True
            continue
        if kana == _SOKUON:
            # Doubles the next consonant, T before CH; nothing to double before a vowel or end.
            if next_roman and next_roman[0] not in _VOWELS + "N":
                parts.append("T" if next_roman.startswith("CH") else next_roman[0])
            continue
        if not lengthened and kana in "ウオ" and _is_long_vowel(
                prev, kana, next_kana, at_end=i == len(moras) - 1):
            lengthened = True
            continue
        lengthened = False
        if kana == "ン":
            roman = "M" if next_roman[:1] in ("B", "M", "P") else "N"
        parts.append(roman)
    return "".join(parts)


def to_hepburn(reading: str) -> str:
    """Passport Hepburn in capitals for a kana reading (hiragana, katakana, half-width).

    Words separated by spaces (half- or full-width) are romanized one by one and joined by a
    single space. Raises ValueError when the reading holds anything but kana.
    """
    words = _katakana(reading).split()
    if not words:
        raise ValueError("empty reading")
    return " ".join(_romanize(word) for word in words)


def to_name_case(hepburn: str) -> str:
    """HOMMA -> Homma: how a derived Latin name is stored (the passport prints capitals)."""
    return " ".join(word.capitalize() for word in hepburn.split())
