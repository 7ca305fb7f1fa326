"""Which roster column holds what: header texts in English or Japanese, any width or case.

Organizers get rosters from both sides of the Pacific, typed by hand: "E-mail", "ﾒｰﾙｱﾄﾞﾚｽ",
"姓（フリガナ）", "Family name (kana)". A header is folded (NFKC, katakana to hiragana,
casefold, spaces and punctuation dropped), then looked up as a whole, and else split into a
name part and a qualifier saying which script it is in (漢字, カナ, ローマ字, English...).
"""

from __future__ import annotations

import re

from i18n import N_
from i18n.formatting import fold_kana

# What a column can be mapped to, and its name for the user (translated when drawn).
FIELD_LABELS = {
    "full_name": N_("Name"),
    "full_name_ja": N_("Name (Japanese)"),
    "family_name": N_("Family name"),
    "given_name": N_("Given name"),
    "family_name_ja": N_("Family name (Japanese)"),
    "given_name_ja": N_("Given name (Japanese)"),
    "reading": N_("Reading"),
    "family_kana": N_("Family name reading"),
    "given_kana": N_("Given name reading"),
    "organization": N_("Organization"),
    "title": N_("Job title"),
    "email": N_("E-mail"),
    "phone": N_("Mobile"),
    "citizenship": N_("Citizenship"),
    "dietary": N_("Dietary needs"),
    "role": N_("Role"),
    "passport_number": N_("Passport number"),
    "passport_expiry": N_("Passport expiry"),
    "passport_issued": N_("Passport issued"),
    "date_of_birth": N_("Date of birth"),
    "sex": N_("Sex"),
    "visa_type": N_("Visa type"),
    "notes": N_("Notes"),
    # What US sites' visitor lists ask of foreign nationals (issue 11).
    "birth_country": N_("Country of birth"),
    "passport_country": N_("Passport issuing country"),
    "visit_purpose": N_("Purpose of visit"),
    "us_person": N_("US person"),
    "escort": N_("Host / escort"),
}
NAME_FIELDS = frozenset({"full_name", "full_name_ja", "family_name", "given_name",
                         "family_name_ja", "given_name_ja", "reading", "family_kana",
                         "given_kana"})

# Written as people type them; folded by _fold below, so width, case and kana kind don't matter.
_ALIASES = {
    "full_name": ["Name", "Full name", "Attendee name", "Participant name", "Delegate name",
                  "Legal name", "Full legal name", "Name as in passport", "Passport name",
                  "English name", "Roman name", "氏名", "名前", "お名前", "ローマ字氏名",
                  "英字氏名"],
    "full_name_ja": ["Japanese name", "Name in Japanese", "漢字氏名", "氏名漢字", "和名"],
    "family_name": ["Family name", "Last name", "Surname", "姓", "氏", "苗字", "名字"],
    "given_name": ["Given name", "Given names", "First name", "Forename", "名"],
    "reading": ["Reading", "Furigana", "Kana", "Kana name", "Name reading", "フリガナ", "ふりがな",
                "カナ", "よみ", "よみがな", "読み", "読み仮名", "カナ氏名", "氏名カナ"],
    "family_kana": ["セイ"],
    "given_kana": ["メイ"],
    "organization": ["Organization", "Organisation", "Company", "Affiliation", "Employer",
                     "Institution", "所属", "所属先", "所属機関", "会社", "会社名", "団体",
                     "団体名", "組織", "勤務先", "社名", "企業名"],
    "title": ["Title", "Job title", "Position", "Designation", "役職", "役職名", "肩書",
              "肩書き", "職位"],
    "email": ["E-mail", "Email", "E-mail address", "Mail", "メール", "メールアドレス",
              "Eメール", "電子メール"],
    "phone": ["Phone", "Phone number", "Mobile", "Mobile phone", "Mobile number", "Cell",
              "Cell phone", "Tel", "Telephone", "電話", "電話番号", "携帯", "携帯電話",
              "携帯番号", "携帯電話番号"],
    "citizenship": ["Nationality", "Citizenship", "Country of citizenship", "国籍"],
    "sex": ["Sex", "Gender", "M/F", "Sex (M/F)", "性別", "男女", "男/女"],
    "dietary": ["Dietary", "Diet", "Dietary needs", "Dietary restrictions",
                "Dietary requirements", "Allergies", "Allergy", "Food allergies", "食事制限",
                "アレルギー", "食物アレルギー", "食事"],
    "role": ["Role", "Mission role", "役割", "区分"],
    "passport_number": ["Passport", "Passport number", "Passport no", "Passport #", "旅券番号",
                        "旅券", "パスポート番号", "パスポート"],
    "passport_issued": ["Passport issued", "Passport issue date", "Date of issue", "Issue date",
                        "旅券発行日", "パスポート発行日", "発行年月日", "発行日"],
    "passport_expiry": ["Passport expiry", "Passport expiry date", "Passport expiration",
                        "Passport valid until", "旅券有効期限", "パスポート有効期限", "有効期限"],
    "date_of_birth": ["Date of birth", "DOB", "Birth date", "Birthdate", "Birthday", "生年月日",
                      "誕生日"],
    "visa_type": ["Visa", "Visa type", "Visa status", "ESTA", "ビザ", "査証", "ビザ種類"],
    "notes": ["Notes", "Note", "Remarks", "Comments", "備考", "メモ"],
    "birth_country": ["Country of birth", "Birth country", "Place of birth", "出生国",
                      "出生地"],
    "passport_country": ["Passport issuing country", "Passport country", "Issuing country",
                         "Country of issue", "Passport issued by", "旅券発行国",
                         "パスポート発行国", "発行国"],
    "visit_purpose": ["Purpose of visit", "Visit purpose", "Purpose", "訪問目的", "目的"],
    "us_person": ["US person", "U.S. person", "US citizen or permanent resident", "米国人等"],
    "escort": ["Escort", "Host escort", "Host / escort", "Escort name", "受入側担当者",
               "随行者"],
}
# A qualifier names the script of a name column: 姓（漢字）, Family name (kana), 氏名ローマ字.
_QUALIFIERS = {
    "ja": ["漢字", "Kanji", "Japanese", "日本語", "和文", "JP"],
    "kana": ["カナ", "フリガナ", "ふりがな", "よみ", "よみがな", "読み", "読み仮名", "Kana",
             "Reading", "Furigana", "Yomi"],
    "latin": ["ローマ字", "Romaji", "Roman", "English", "英語", "英字", "英文", "Latin",
              "Alphabet", "アルファベット", "Passport", "As in passport", "パスポート表記"],
}
_COMBINED = {
    "full_name": {"ja": "full_name_ja", "kana": "reading", "latin": "full_name"},
    "family_name": {"ja": "family_name_ja", "kana": "family_kana", "latin": "family_name"},
    "given_name": {"ja": "given_name_ja", "kana": "given_kana", "latin": "given_name"},
}
# Marks of a required column (*, ※) and separators that vary between people typing a header;
# "#" too, so "Passport #" folds to "passport" (the number is what a bare "Passport" means).
_NOISE = re.compile(r"[\s\-_.:：・/*※'’#]+")
_PARENS = re.compile(r"[(\[【〔<《「]([^)\]】〕>》」]*)[)\]】〕>》」]")


def _fold(text: str) -> str:
    return _NOISE.sub("", fold_kana(text))


_LOOKUP = {_fold(alias): field for field, aliases in _ALIASES.items() for alias in aliases}
_QUALIFIER_LOOKUP = {_fold(q): kind for kind, words in _QUALIFIERS.items() for q in words}


def _qualified(base: str, qualifier: str) -> str | None:
    field = _LOOKUP.get(base)
    kind = _QUALIFIER_LOOKUP.get(qualifier)
    if field is None:
        return None
    if field in _COMBINED and kind is not None:
        return _COMBINED[field][kind]
    return field  # "Title (English)": the value's own script decides, see roster_values


def field_for_header(header: object) -> str | None:
    """The field a header names, or None when it is not one we know."""
    if header is None:
        return None
    text = fold_kana(str(header)).strip()
    if not text:
        return None
    whole = _fold(_PARENS.sub(r"\1", text))
    if whole in _LOOKUP:
        return _LOOKUP[whole]
    match = _PARENS.search(text)
    if match:  # 姓（フリガナ）, Name (as in passport), Name (optional)
        base = _fold(text[:match.start()] + text[match.end():])
        field = _qualified(base, _fold(match.group(1)))
        if field:
            return field
        return _LOOKUP.get(base)
    for qualifier in _QUALIFIER_LOOKUP:  # 姓フリガナ, フリガナ姓, Family name kana
        if whole.endswith(qualifier) and len(whole) > len(qualifier):
            field = _qualified(whole[:-len(qualifier)], qualifier)
        elif whole.startswith(qualifier) and len(whole) > len(qualifier):
            field = _qualified(whole[len(qualifier):], qualifier)
        else:
            continue
        if field:
            return field
    return None


def _is_bare_japanese(header: object) -> bool:
    text = str(header or "")
    return _fold(text) in _LOOKUP and any("\u3040" <= c <= "\u9fff" for c in text)


def map_headers(headers: list[object]) -> list[str | None]:
    """The field of each header; a field named twice maps only at its first column.

    A bare 姓, 名 or 氏名 beside a Latin column for the same name ("Family name (Roman)") is
    the Japanese form of it: Japanese rosters write both that way."""
    found = [field_for_header(header) for header in headers]
    for i, field in enumerate(found):
        if field in _COMBINED and found.count(field) > 1 and _is_bare_japanese(headers[i]):
            found[i] = _COMBINED[field]["ja"]
    seen: set[str] = set()
    fields: list[str | None] = []
    for field in found:
        if field in seen:
            field = None
        if field:
            seen.add(field)
        fields.append(field)
    return fields


def header_score(cells: list[object]) -> int:
    """How header-like a row is: its recognized columns, 0 unless one of them is a name."""
    fields = [f for f in map_headers(cells) if f]
    if len(fields) < 2 or not NAME_FIELDS.intersection(fields):
        return 0
    return len(fields)


def looked_for() -> str:
    """The headers a roster needs at least, for the message when none is found."""
    return "Name / Family name / Given name / 氏名 / 姓 / 名 / フリガナ"
