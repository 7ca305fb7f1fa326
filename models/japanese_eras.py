"""Japanese era dates (令和6年4月1日, R6.4.1, 平成元年1月8日, S45/4/1, 令和六年四月一日) read as
calendar dates, on the era table of the japanera package (its eras from Meiji on, with their
first and last days) and kanjize for numbers written in kanji.

What is refused, with the reason for the user: year 0 (令和0年: the first year is 元年), a day
before its era began (令和元年4月30日 was still 平成), and a day the calendar does not have.
A year past its era's end is read on (平成32年1月1日 is 2020-01-01): such dates were printed on
forms and passports made before the change of era, and the count leaves no doubt which day is
meant; a roster import says how it read one.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache

from i18n import N_, pick

ERA_YEAR_ZERO = N_("{era} has no year 0: its first year is written 元年 or 1.")
ERA_NOT_BEGUN = N_("{era} began on {start}: {text} is before it.")
ERA_NO_SUCH_DAY = N_("There is no such day: {text}.")
ERA_PAST_END = N_("{text} is after the end of {era}: read as {date}.")

# 令和6年4月1日, 令和元年5月1日, R6.4.1, R06/04/01, H31-4-30, r6年4月1日; NFKC makes ㋿ 令和 and
# full-width digits plain before this is matched.
_ERA_DATE = re.compile(
    r"^(?P<era>[^\W\d_]{1,2}?)\s*(?P<year>\d{1,2}|元)\s*(?:年|[./\-])\s*(?P<month>\d{1,2})"
    r"\s*(?:月|[./\-])\s*(?P<day>\d{1,2})\s*日?$")


_KANJI_NUMBER = re.compile(r"[〇一二三四五六七八九十]+")     # 令和六年四月一日, 平成三十一年


def _digits(found: re.Match) -> str:
    from kanjize import kanji2number

    try:
        return str(kanji2number(found[0]))
    except ValueError:              # not a number after all: left for the pattern to refuse
        return found[0]


class EraDateError(ValueError):
    """Why an era date names no day: `template` (an N_ message) and its `values`."""

    def __init__(self, template: str, **values: str):
        super().__init__(template)
        self.template, self.values = template, values


@cache
def _eras() -> dict[str, object]:
    """The modern eras (Meiji on) by kanji and by initial, folded."""
    from japanera import ERA_DATA_GENERAL

    found = {}
    for era in ERA_DATA_GENERAL:
        if era.since >= date(1868, 1, 1):
            found[era.kanji] = era
            found[era.english_head.casefold()] = era
    return found


def era_name(era) -> str:
    """The era's name in the current language: Reiwa, 令和."""
    return pick(era.english_vowel_shortened, era.kanji)[0]


def era_date(text: str, notes: list[tuple[str, dict]] | None = None) -> date | None:
    """The day an era date names; None when `text` is not written as an era date (the caller
    reads it its other ways); EraDateError when it names no day. A year past the era's end
    adds (ERA_PAST_END, its values) to `notes`, for a roster to say how it was read."""
    text = unicodedata.normalize("NFKC", text).strip()
    m = _ERA_DATE.match(_KANJI_NUMBER.sub(_digits, text))
    if m is None or (era := _eras().get(m["era"].casefold())) is None:
        return None
    year = 1 if m["year"] == "元" else int(m["year"])
    if year == 0:
        raise EraDateError(ERA_YEAR_ZERO, era=era_name(era))
    try:
        day = date(era.since.year + year - 1, int(m["month"]), int(m["day"]))
    except ValueError:
        raise EraDateError(ERA_NO_SUCH_DAY, text=text) from None
    if day < era.since:
        from i18n.formatting import format_date

        raise EraDateError(ERA_NOT_BEGUN, era=era_name(era), start=format_date(era.since),
                           text=text)
    if era.until is not None and day >= era.until and notes is not None:
        notes.append((ERA_PAST_END, {"text": text, "era": era_name(era),
                                     "date": day.isoformat()}))
    return day
