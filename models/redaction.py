"""Taking personal data out of any text that leaves the app as an error: a log line, a
traceback, a crash dialog, a command-line message.

By value first: the redactor knows the sensitive values of the open database (passport numbers,
dates of birth, long visa entries), learnt when it opens and whenever a person row is written,
and removes them wherever they appear, whatever their case or width. Then by neighbourhood: a
5-20 character token of letters and digits within a few words after "passport" (パスポート,
旅券). Then by shape: the passport shapes and full dates no value list can miss. No Qt here.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from datetime import date

from sqlalchemy import event

from models.entities import Person

REDACTED = "[redacted]"

_L = "A-Za-zＡ-Ｚａ-ｚ"
_D = "0-9０-９"
_TOKEN = re.compile(f"[{_L}{_D}]+")
_ALONE_BEFORE, _ALONE_AFTER = f"(?<![{_L}{_D}])", f"(?![{_L}{_D}])"
# "passport", "passport_number", "Passport No.", パスポート番号, 旅券番号: the words that say a
# number follows; what follows within NEAR characters is treated as one.
_PASSPORT_WORD = re.compile(r"passport|パスポート|旅券", re.IGNORECASE)
NEAR = 40
_NEAR_TOKEN = re.compile(
    f"{_ALONE_BEFORE}(?=[{_L}]*[{_D}])[{_L}{_D}]{{5,20}}{_ALONE_AFTER}")
_YEAR = f"(?:19|20)[{_D}]{{2}}"
_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_SHAPES = [re.compile(p) for p in (
    f"{_ALONE_BEFORE}(?:[{_L}]{{2}}[{_D}]{{7}}|[{_L}][{_D}]{{8}}|[{_D}]{{9}}){_ALONE_AFTER}",
    f"(?<![{_D}]){_YEAR}([-/.])[{_D}]{{1,2}}\\1[{_D}]{{1,2}}(?![{_D}])",
    f"(?<![{_D}])[{_D}]{{1,2}}/[{_D}]{{1,2}}/{_YEAR}(?![{_D}])",
    f"(?:{_YEAR}|(?:明治|大正|昭和|平成|令和)\\s*(?:元|[{_D}]{{1,2}}))\\s*年\\s*[{_D}]{{1,2}}\\s*月"
    f"\\s*[{_D}]{{1,2}}\\s*日",
    f"\\b(?:{_MONTHS})[a-z]*\\.? [{_D}]{{1,2}}, {_YEAR}",
    f"\\bdate(?:time)?\\(\\s*{_YEAR}\\s*,[^)]*\\)",
)]
# A date's other spellings that a token lookup cannot see as one token.
_DATE_CALL = re.compile(r"(?:date|datetime)\(\s*(\d{1,4})\s*,\s*(\d{1,2})\s*,\s*(\d{1,2})")
_SEPARATED_DATE = re.compile(r"(?<!\d)(\d{1,4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?!\d)")

_lock = threading.Lock()
_tokens: set[str] = set()      # passport numbers and the like, NFKC upper case
_dates: set[date] = set()


def _key(token: str) -> str:
    return unicodedata.normalize("NFKC", token).upper()


def learn(*, numbers: Iterable[str] = (), dates: Iterable[date | None] = ()) -> None:
    """Add sensitive values to those removed from every text from now on."""
    with _lock:
        for number in numbers:
            for token in _TOKEN.findall(number or ""):
                if len(token) >= 4:          # shorter pieces ("B", "1") are no one's data
                    _tokens.add(_key(token))
        for day in dates:
            if isinstance(day, date):
                _dates.add(day if type(day) is date else date(day.year, day.month, day.day))
                _tokens.add(day.strftime("%Y%m%d"))


def forget_all() -> None:
    """For tests: start from no known values."""
    with _lock:
        _tokens.clear()
        _dates.clear()


def known_count() -> int:
    return len(_tokens) + len(_dates)


def learn_database(engine) -> None:
    """Learn every person's sensitive values from the database (one query; 2,000 people
    ~5 ms)."""
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT passport_number, date_of_birth, visa_type FROM person").fetchall()
    learn(numbers=[n for row in rows for n in (row[0], row[2]) if n],
          # ISO text from SQLite's driver, a date from a server's
          dates=[date.fromisoformat(str(row[1])[:10]) for row in rows if _iso(row[1])])


def _iso(text) -> bool:
    try:
        date.fromisoformat(str(text)[:10])
    except (TypeError, ValueError):
        return False
    return True


@event.listens_for(Person, "before_insert")
@event.listens_for(Person, "before_update")
def _learn_person(_mapper, _connection, person: Person) -> None:
    # Before the statement runs: if it fails, its error may quote these values.
    learn(numbers=[person.passport_number or "", person.visa_type or ""],
          dates=[person.date_of_birth])


def _known_date(year: str, month: str, day: str) -> bool:
    try:
        return date(int(year), int(month), int(day)) in _dates
    except ValueError:
        return False


def redact(text: str) -> str:
    """`text` without any known sensitive value, any passport-like token after a passport word,
    and any passport-shaped token or full date (the rules in the module docstring)."""
    if not text:
        return text
    with _lock:
        tokens, dates = frozenset(_tokens), bool(_dates)
    if tokens:
        text = _TOKEN.sub(lambda m: REDACTED if _key(m[0]) in tokens else m[0], text)
    if dates:
        text = _DATE_CALL.sub(lambda m: REDACTED if _known_date(*m.groups()) else m[0], text)
        text = _SEPARATED_DATE.sub(
            lambda m: REDACTED if _known_date(*m.groups()) else m[0], text)
    text = _near_passport_words(text)
    for pattern in _SHAPES:
        text = pattern.sub(REDACTED, text)
    return text


def _near_passport_words(text: str) -> str:
    spans = [m.end() for m in _PASSPORT_WORD.finditer(text)]
    if not spans:
        return text
    out, at = [], 0
    for start in spans:
        start = max(start, at)   # windows that overlap are read as one
        out.append(text[at:start])
        end = min(start + NEAR, len(text))
        while end < len(text) and _TOKEN.match(text, end - 1) and _TOKEN.match(text, end):
            end += 1      # a token the window's edge cuts is taken whole
        out.append(_NEAR_TOKEN.sub(REDACTED, text[start:end]))
        at = end
    out.append(text[at:])
    return "".join(out)
