"""Cleaning one roster cell: dates, phone numbers, e-mail, citizenship, role, passport number.

Each cleaner takes the raw cell value (str, int, float, datetime, None) and returns what is
stored, or raises BadValue with a reason for the user (translated when raised). The rules are
models.rules' and models.countries', worded here; text is data: a cell reading "=1+1" or
"@SUM(A1)" is kept as those characters, never evaluated.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time
from functools import cache

from i18n import N_, _
from i18n.formatting import fold_kana
from models import rules
from models.countries import country_code
from models.japanese_eras import EraDateError, era_date
from models.rules import Problem

# A roster reason is a fragment after "row 4, column E-mail:"; the dialog has sentences.
REASONS = {
    Problem.EMAIL_SHAPE: N_("not an e-mail address"),
    Problem.EMAIL_NO_DOMAIN_DOT: N_("not an e-mail address: the part after @ needs a dot"),
    Problem.EMAIL_DOUBLE_DOT: N_("not an e-mail address: two dots in a row, or a dot at an "
                                 "end, after the @"),
    Problem.EMAIL_SHORT_TLD: N_("not an e-mail address: no domain ends in a single letter"),
    Problem.PHONE_INVALID: N_("not a phone number"),
    Problem.BIRTH_IN_FUTURE: N_("a date of birth cannot be in the future"),
    Problem.BIRTH_TOO_OLD: N_("a date of birth more than 120 years ago: check the year"),
    Problem.PASSPORT_NUMBER_SHAPE: N_("not a passport number (letters and digits only)"),
    Problem.PASSPORT_EXPIRY_TOO_FAR: N_("no passport is valid that long: check the year"),
    Problem.PASSPORT_EXPIRY_BEFORE_ISSUE: N_("a passport cannot expire before it was issued "
                                             "or its holder was born: check the dates"),
    Problem.PASSPORT_ISSUE_IMPLAUSIBLE: N_("a passport is issued on a day that has come and "
                                           "after its holder was born: check the date"),
    Problem.NAME_EMPTY: N_("the name is empty once invisible characters are removed"),
    Problem.COUNTRY_UNKNOWN: N_("not a country we know: write its two-letter code, such as "
                                "JP or US"),
}


class BadValue(Exception):
    """A cell that cannot be stored as it is; `reason` is already translated."""

    def __init__(self, reason: str, problem: Problem | None = None):
        super().__init__(reason)
        self.reason = reason
        self.problem = problem


def _refuse(problem: Problem | None) -> None:
    if problem is not None:
        raise BadValue(_(REASONS[problem]), problem)


def text_of(raw: object) -> str:
    """A cell as text: strings stripped, whole numbers without ".0", dates as ISO."""
    if raw is None:
        return ""
    if isinstance(raw, str):
        return rules.clean(raw)   # NFKC, no zero-width or control characters, trimmed
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == time() else raw.isoformat(sep=" ")
    if isinstance(raw, date):
        return raw.isoformat()
    return str(raw).strip()


def is_japanese(text: str) -> bool:
    """Whether the text holds kana or kanji (then it belongs in the _ja fields)."""
    for ch in text:
        code = ord(ch)
        if (0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF
                or 0xF900 <= code <= 0xFAFF or 0xFF66 <= code <= 0xFF9F
                or 0x20000 <= code <= 0x3134F or ch in "々〆ヶ"):
            return True
    return False


# --- dates -----------------------------------------------------------------------------------

_YMD = re.compile(r"(\d{4})[/\-.年](\d{1,2})[/\-.月](\d{1,2})日?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_NUMERIC = re.compile(r"(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})")
_MONTHS = {m: i + 1 for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split())}
_DAY_MONTH = re.compile(r"(\d{1,2}) ([a-z]+) (\d{4})")
_MONTH_DAY = re.compile(r"([a-z]+) (\d{1,2}) (\d{4})")


def _real_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise BadValue(_("not a real date")) from None


def _date_from_text(text: str, warnings: list[str]) -> date:
    # Full-width digits and ㋿ become plain by NFKC; a weekday in brackets, (水), is dropped.
    text = re.sub(r"\([^)]*\)$", "", unicodedata.normalize("NFKC", text)).strip()
    compact = re.sub(r"\s+", "", text)
    try:
        past_end: list = []
        if (day := era_date(compact, past_end)) is not None:     # 令和8年12月9日, R8.12.9
            warnings.extend(_(template).format(**words) for template, words in past_end)
            return day
    except EraDateError as exc:
        raise BadValue(_(exc.template).format(**exc.values)) from None
    if m := _YMD.fullmatch(compact) or _COMPACT.fullmatch(compact):
        return _real_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _NUMERIC.fullmatch(compact):
        first, second, year = (int(g) for g in m.groups())
        if first > 12:  # only day/month/year can be meant
            return _real_date(year, second, first)
        value = _real_date(year, first, second)
        if second <= 12 and first != second:  # US order is the likelier, but say so
            warnings.append(_("read as month/day/year: {date}").format(date=value.isoformat()))
        return value
    words = re.sub(r"[.,]", " ", text.casefold()).split()
    spaced = " ".join(words)
    for pattern, day_at, month_at in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        if (m := pattern.fullmatch(spaced)) and m.group(month_at)[:3] in _MONTHS:
            return _real_date(int(m.group(3)), _MONTHS[m.group(month_at)[:3]],
                              int(m.group(day_at)))
    raise BadValue(_("not a date (write it like 2026-12-09)"))


def clean_date(raw: object, warnings: list[str]) -> date | None:
    """A date from a date cell, an Excel serial number, yyyymmdd, or text in common forms."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if float(raw).is_integer() and 19000101 <= raw <= 21001231:
            return _date_from_text(str(int(raw)), warnings)  # 19750415 typed as a number
        # Excel's day count since 1899-12-30, from 1910 to 2118: below that, a year alone
        # (1975) or a stray count would silently become a date in 1905.
        if 3654 <= raw < 80000:
            from openpyxl.utils.datetime import from_excel

            return from_excel(raw).date()
        raise BadValue(_("not a date (write it like 2026-12-09)"))
    if isinstance(raw, str) and raw.strip():
        return _date_from_text(raw, warnings)
    raise BadValue(_("not a date (write it like 2026-12-09)"))


def check_date(field_name: str, day: date | None, today: date | None = None) -> None:
    """A date of birth or a passport expiry that no person or passport can have."""
    today = today or date.today()
    if field_name == "date_of_birth":
        _refuse(rules.birth_date_problem(day, today=today))
    elif field_name == "passport_expiry":
        _refuse(rules.passport_expiry_problem(day, today=today))
    elif field_name == "passport_issued":
        _refuse(rules.passport_issue_problem(day, today=today))


def check_passport_dates(out: dict, field: str, today: date | None = None) -> None:
    """The passport's issue or expiry (`field`) against the same row's date of birth and
    issue date (BadValue)."""
    today = today or date.today()
    born, issued = out.get("date_of_birth"), out.get("passport_issued")
    if field == "passport_issued":
        _refuse(rules.passport_issue_problem(issued, today=today, born=born))
    else:
        _refuse(rules.passport_expiry_problem(out.get("passport_expiry"), today=today,
                                              born=born, issued=issued))


# --- contact ---------------------------------------------------------------------------------

def clean_email(raw: object) -> str:
    text = rules.normalize_email(text_of(raw))
    _refuse(rules.email_problem(text))
    return text


def clean_phone(raw: object, citizenship: str) -> str:
    """E.164 text (+819012345678); a number in the national form is read in its likely country:
    Japan when it starts with 0 (every Japanese number does), else the citizenship's, else US."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if not float(raw).is_integer():
            _refuse(Problem.PHONE_INVALID)
        text = str(int(raw))
        # Excel turned "090-1234-5678" typed without dashes into 9012345678: a Japanese mobile
        # (070/080/090 and 8 digits) that lost its 0. Not for other citizens: 908... is New Jersey.
        if len(text) == 10 and text[:2] in ("70", "80", "90") and citizenship in ("", "JP"):
            text = "0" + text
    else:
        text = text_of(raw)
    # The same reading as a number typed in the attendee dialog (rules.phone_problem's).
    number = rules.normalize_phone(text, citizenship)
    if number is None:
        _refuse(Problem.PHONE_INVALID)
    return number


# --- citizenship, role, passport -------------------------------------------------------------

def clean_citizenship(raw: object) -> str:
    """ISO 3166-1 alpha-2: a code, or a country's name in either language (models.countries)."""
    code = country_code(text_of(raw))
    if code is None:
        _refuse(Problem.COUNTRY_UNKNOWN)
    return code


def _key(text: str) -> str:
    return re.sub(r"[\s.]+", "", fold_kana(text))


_ROLES = {
    "head": ["head", "head of delegation", "delegation head", "leader", "団長", "代表",
             "リーダー"],
    "delegate": ["delegate", "member", "participant", "団員", "参加者", "メンバー"],
    "host": ["host", "ホスト", "受入", "受け入れ", "受入側"],
    "interpreter": ["interpreter", "translator", "通訳", "通訳者"],
    "staff": ["staff", "organizer", "secretariat", "スタッフ", "事務局", "随行", "随員"],
    "speaker": ["speaker", "presenter", "panelist", "講演者", "登壇者", "スピーカー", "講師"],
}
_ROLE_LOOKUP = {_key(n): role for role, names in _ROLES.items() for n in names}


def clean_role(raw: object, warnings: list[str]) -> str:
    """A stored role; one we don't know becomes delegate, with a warning (not worth a stop)."""
    text = text_of(raw)
    if not text:
        return ""
    role = _ROLE_LOOKUP.get(_key(text))
    if role is None:
        warnings.append(_("not a role we know: imported as delegate"))
        return "delegate"
    return role


_YES = {"yes", "y", "true", "1", "はい", "該当", "○", "◯"}
_NO = {"no", "n", "false", "0", "いいえ", "非該当", "×", "ー", "-"}


def clean_yes_no(raw: object, warnings: list[str]) -> bool | None:
    """Yes or no in either language; anything else is left unanswered, with a warning."""
    text = _key(text_of(raw))
    if not text:
        return None
    if text in _YES or raw is True:
        return True
    if text in _NO or raw is False:
        return False
    warnings.append(_("not a yes or no: left unanswered"))
    return None


def clean_passport(raw: object) -> str:
    text = rules.normalize_passport_number(text_of(raw))
    _refuse(rules.passport_number_problem(text))
    return text


@cache
def _sex_names() -> dict[str, str]:
    """The codes and their names in both languages (i18n.labels.SEXES), and the one-kanji
    forms rosters use (男, 女), folded."""
    import i18n
    from i18n.labels import SEXES

    names = {"男": "M", "女": "F", "man": "M", "woman": "F"}
    for language in ("en", "ja"):
        with i18n.temporary_language(language):
            names.update((_key(_(name)), code) for code, name in SEXES.items() if code)
    names.update((_key(code), code) for code in SEXES if code)
    return names


def clean_sex(raw: object, warnings: list[str]) -> str:
    """F, M or X (as the passport prints it) from the code or its name in either language;
    anything else is left out, with a warning (rooms are then paired by organization)."""
    text = _key(text_of(raw))
    if not text:
        return ""
    code = _sex_names().get(text)
    if code is None:
        warnings.append(_("not F, M or X: left out"))
        return ""
    return code
