"""Dietary needs as data: codes (Japan's 8 mandatory and 20 recommended allergens, the common
diets, "other") each with a severity, read from the free text people type where it can be.

Stored on the person as "shrimp:allergy,peanut:severe" (Person.dietary_codes) beside the part
of the text that could not be read (Person.dietary_note), which goes out as it was written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from i18n import N_

# Japan's food labelling standard: the 8 allergens a label must name (特定原材料) ...
MANDATORY = {
    "shrimp": N_("Shrimp / prawn"), "crab": N_("Crab"), "walnut": N_("Walnut"),
    "wheat": N_("Wheat"), "buckwheat": N_("Buckwheat (soba)"), "egg": N_("Egg"),
    "milk": N_("Milk"), "peanut": N_("Peanut"),
}
# ... and the 20 it recommends naming (特定原材料に準ずるもの).
RECOMMENDED = {
    "almond": N_("Almond"), "abalone": N_("Abalone"), "squid": N_("Squid"),
    "salmon_roe": N_("Salmon roe (ikura)"), "orange": N_("Orange"), "cashew": N_("Cashew nut"),
    "kiwi": N_("Kiwi fruit"), "beef": N_("Beef"), "sesame": N_("Sesame"),
    "salmon": N_("Salmon"), "mackerel": N_("Mackerel"), "soy": N_("Soybean"),
    "chicken": N_("Chicken"), "banana": N_("Banana"), "pork": N_("Pork"),
    "macadamia": N_("Macadamia nut"), "peach": N_("Peach"), "yam": N_("Yam (yamaimo)"),
    "apple": N_("Apple"), "gelatin": N_("Gelatin"),
}
DIETS = {
    "vegetarian": N_("Vegetarian"), "vegan": N_("Vegan"), "pescatarian": N_("Pescatarian"),
    "halal": N_("Halal"), "kosher": N_("Kosher"), "gluten_free": N_("Gluten-free"),
    "no_alcohol": N_("No alcohol"), "no_pork": N_("No pork"), "no_beef": N_("No beef"),
    "other": N_("Other (see note)"),
}
CODES = {**MANDATORY, **RECOMMENDED, **DIETS}

PREFERENCE, INTOLERANCE, ALLERGY, SEVERE = "preference", "intolerance", "allergy", "severe"
SEVERITIES = {
    PREFERENCE: N_("Preference"), INTOLERANCE: N_("Intolerance"), ALLERGY: N_("Allergy"),
    SEVERE: N_("Severe allergy (carries an auto-injector)"),
}
_RANK = {PREFERENCE: 0, INTOLERANCE: 1, ALLERGY: 2, SEVERE: 3}

# How people write each need, folded (NFKC, lower case). Several codes per word: "shellfish"
# is crustaceans and molluscs, so the molluscs among the 28 go with it and the rest in "other".
_WORDS: dict[str, tuple[str, ...]] = {
    "shrimp": ("shrimp",), "prawn": ("shrimp",), "えび": ("shrimp",), "海老": ("shrimp",),
    "エビ": ("shrimp",), "crab": ("crab",), "かに": ("crab",), "蟹": ("crab",), "カニ": ("crab",),
    "crustacean": ("shrimp", "crab"), "甲殻類": ("shrimp", "crab"),
    "shellfish": ("shrimp", "crab", "abalone", "squid", "other"),
    "えび・かに": ("shrimp", "crab"), "えびかに": ("shrimp", "crab"),
    "walnut": ("walnut",), "くるみ": ("walnut",), "クルミ": ("walnut",), "胡桃": ("walnut",),
    "wheat": ("wheat",), "小麦": ("wheat",), "buckwheat": ("buckwheat",), "soba": ("buckwheat",),
    "そば": ("buckwheat",), "蕎麦": ("buckwheat",), "ソバ": ("buckwheat",),
    "egg": ("egg",), "eggs": ("egg",), "卵": ("egg",), "たまご": ("egg",), "玉子": ("egg",),
    "鶏卵": ("egg",), "milk": ("milk",), "dairy": ("milk",), "乳": ("milk",),
    "牛乳": ("milk",), "乳製品": ("milk",), "lactose": ("milk",), "乳糖": ("milk",),
    "peanut": ("peanut",), "peanuts": ("peanut",), "落花生": ("peanut",),
    "ピーナッツ": ("peanut",), "らっかせい": ("peanut",),
    "tree nut": ("walnut", "almond", "cashew", "macadamia", "other"),
    "nut": ("walnut", "almond", "cashew", "macadamia", "peanut", "other"),
    "nuts": ("walnut", "almond", "cashew", "macadamia", "peanut", "other"),
    "ナッツ": ("walnut", "almond", "cashew", "macadamia", "peanut", "other"),
    "almond": ("almond",), "アーモンド": ("almond",), "abalone": ("abalone",),
    "あわび": ("abalone",), "squid": ("squid",), "いか": ("squid",), "イカ": ("squid",),
    "ikura": ("salmon_roe",), "salmon roe": ("salmon_roe",), "いくら": ("salmon_roe",),
    "orange": ("orange",), "オレンジ": ("orange",), "cashew": ("cashew",),
    "カシューナッツ": ("cashew",), "kiwi": ("kiwi",), "キウイ": ("kiwi",),
    "キウイフルーツ": ("kiwi",), "sesame": ("sesame",), "ごま": ("sesame",), "胡麻": ("sesame",),
    "ゴマ": ("sesame",), "salmon": ("salmon",), "さけ": ("salmon",), "鮭": ("salmon",),
    "サーモン": ("salmon",), "mackerel": ("mackerel",), "さば": ("mackerel",),
    "鯖": ("mackerel",), "soy": ("soy",), "soya": ("soy",), "soybean": ("soy",),
    "大豆": ("soy",), "banana": ("banana",), "バナナ": ("banana",),
    "macadamia": ("macadamia",), "マカダミアナッツ": ("macadamia",), "peach": ("peach",),
    "もも": ("peach",), "桃": ("peach",), "yam": ("yam",), "やまいも": ("yam",),
    "山芋": ("yam",), "apple": ("apple",), "りんご": ("apple",), "リンゴ": ("apple",),
    "gelatin": ("gelatin",), "ゼラチン": ("gelatin",),
    "vegetarian": ("vegetarian",), "veggie": ("vegetarian",), "ベジタリアン": ("vegetarian",),
    "菜食": ("vegetarian",), "vegan": ("vegan",), "ヴィーガン": ("vegan",),
    "ビーガン": ("vegan",), "pescatarian": ("pescatarian",), "pescetarian": ("pescatarian",),
    "ペスカタリアン": ("pescatarian",), "halal": ("halal",), "ハラール": ("halal",),
    "ハラル": ("halal",), "kosher": ("kosher",), "コーシャ": ("kosher",),
    "コーシャー": ("kosher",), "gluten": ("gluten_free",), "gluten-free": ("gluten_free",),
    "gluten free": ("gluten_free",), "グルテンフリー": ("gluten_free",),
    "グルテン": ("gluten_free",), "alcohol": ("no_alcohol",), "アルコール": ("no_alcohol",),
    "お酒": ("no_alcohol",), "酒": ("no_alcohol",), "pork": ("no_pork",), "豚肉": ("no_pork",),
    "豚": ("no_pork",), "beef": ("no_beef",), "牛肉": ("no_beef",), "牛": ("no_beef",),
}
# Words that say how serious a need is, and words that carry no need of their own.
_SEVERE = ("severe", "anaphyla", "epipen", "epi-pen", "auto-injector", "autoinjector",
           "重度", "重篤", "アナフィラキシー", "エピペン")
_ALLERGY = ("allergy", "allergic", "アレルギー")
_INTOLERANCE = ("intolerance", "intolerant", "sensitivity", "不耐", "過敏")
_FILLER = re.compile(
    r"\b(no|free|diet|only|please|carries|carry|an?|the|and|or|of|from|to|with|all|"
    r"foods?|products?|meals?|ingredients?|avoid|avoids|strict|mild|"
    r"allerg(y|ies|ic)|intoleran(ce|t)|sensitivity|severe|anaphylaxis|epi-?pens?|"
    r"auto-?injectors?|tree)\b"
    r"|不可|なし|禁止|抜き|除去|対応|食|アレルギー|重度|重篤|不耐症?|エピペン|携帯|"
    r"アナフィラキシー|[()（）・/／\s.。:：-]")
_SPLIT = re.compile(r"\s*[,;、，；\n]\s*")
_PARTS_ALLERGENS = set(MANDATORY) | set(RECOMMENDED)
# Diets whose "no X" word shares a name with an allergen: "pork allergy" is the allergen,
# "no pork" the diet.
_ALLERGEN_OF = {"no_pork": "pork", "no_beef": "beef"}


@dataclass(frozen=True)
class Need:
    code: str
    severity: str


@dataclass(frozen=True)
class ReadDiet:
    needs: tuple[Need, ...]
    note: str          # what could not be read, as written


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def _severity(part: str, allergen: bool) -> str:
    if any(w in part for w in _SEVERE):
        return SEVERE
    if any(w in part for w in _INTOLERANCE):
        return INTOLERANCE
    if any(w in part for w in _ALLERGY) or allergen:
        return ALLERGY
    return PREFERENCE


def _words_in(part: str) -> tuple[list[str], str]:
    """The codes named in `part` (longest words first) and what is left of it."""
    codes: list[str] = []
    rest = part
    for word in sorted(_WORDS, key=len, reverse=True):
        if word.isascii():
            pattern = re.compile(rf"(?<![a-z]){re.escape(word)}(?![a-z])")
            if not pattern.search(rest):
                continue
            rest = pattern.sub(" ", rest)
        elif word in rest:
            rest = rest.replace(word, " ")
        else:
            continue
        codes += [c for c in _WORDS[word] if c not in codes]
    return codes, rest


def read_dietary(text: str) -> ReadDiet:
    """The needs `text` names, and the parts of it no code covers (kept word for word)."""
    needs: dict[str, str] = {}
    unread: list[str] = []
    previous: list[str] = []
    for raw in _SPLIT.split(text.strip()):
        if not raw:
            continue
        part = _fold(raw)
        codes, rest = _words_in(part)
        leftover = _FILLER.sub("", rest).strip()
        if not codes and not leftover and previous:
            # "Peanut allergy, severe, carries EpiPen": the later parts say how serious.
            severity = _severity(part, True)
            for code in previous:
                if _RANK[severity] > _RANK[needs[code]]:
                    needs[code] = severity
            continue
        if not codes or leftover:
            unread.append(raw.strip())
        previous = []
        allergic = any(w in part for w in _ALLERGY + _SEVERE + _INTOLERANCE)
        for code in codes:
            if allergic and code in _ALLERGEN_OF:
                code = _ALLERGEN_OF[code]
            if code == "other" and raw.strip() not in unread:
                unread.append(raw.strip())      # "shellfish": clams and oysters are in the note
            severity = _severity(part, code in _PARTS_ALLERGENS)
            if code not in needs or _RANK[severity] > _RANK[needs[code]]:
                needs[code] = severity
            previous.append(code)
    return ReadDiet(tuple(Need(c, s) for c, s in needs.items()), "、".join(unread)
                    if any(not u.isascii() for u in unread) else ", ".join(unread))


def encode(needs) -> str:
    return ",".join(f"{n.code}:{n.severity}" for n in needs)


def decode(text: str) -> tuple[Need, ...]:
    found = []
    for pair in text.split(","):
        code, _colon, severity = pair.strip().partition(":")
        if code in CODES:
            found.append(Need(code, severity if severity in SEVERITIES else PREFERENCE))
    return tuple(found)


def with_codes(person: dict) -> dict:
    """A person's fields with dietary_codes and dietary_note read from the free text
    `dietary`; for a dict that carries the text but not the codes (the roster import, a bulk
    edit). Codes the dict carries were chosen (the attendee dialog edits them) and stay."""
    if "dietary" not in person or "dietary_codes" in person:
        return person
    diet = read_dietary(person["dietary"] or "")
    return person | {"dietary_codes": encode(diet.needs), "dietary_note": diet.note}


def note_language(note: str) -> str:
    """"ja" when the note is written in Japanese script, else "en": the caterer is told."""
    for c in note:
        if unicodedata.east_asian_width(c) in "WF" and not c.isascii():
            return "ja"
    return "en"
