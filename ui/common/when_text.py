"""Reading a date or a time as a person types it, in either language's form (a Japanese era date
too) or ISO: what the date and time fields of every dialog accept, and the words for what they
refuse."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, time

from i18n import N_, _, babel_locale
from models.japanese_eras import EraDateError, era_date

_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*\(.*\))?$")
_MDY = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2,4})$")   # 5/31/2030 (US)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")                             # 20300531
_WORDS = re.compile(r"^(?:\w+,?\s+)?([^\W\d]+)\.?\s+(\d{1,2}),?\s+(\d{2,4})$")  # Dec 9, 2026
_DAY_FIRST = re.compile(r"^(\d{1,2})\s+([^\W\d]+)\.?,?\s+(\d{2,4})$")          # 9 Dec 2026

# 9, 930, 0930, 9:30, 9.30, 21:30, 9:30 pm, 9pm, 午後2時30分, 14時
_CLOCK = re.compile(r"^(?P<ampm1>am|pm|a|p|午前|午後)?\s*(?P<h>\d{1,2})"
                    r"(?:\s*[:.時]\s*(?P<m>\d{1,2})\s*分?|(?P<compact>\d{2}))?\s*時?\s*"
                    r"(?P<ampm2>am|pm|a|p|a\.m\.|p\.m\.|午前|午後)?$")

NO_DATE = N_("Give a date, like {example}.")
NOT_A_DATE = N_("Not a date: write it like {example} or {iso}.")
SHORT_YEAR = N_("Write the year in full, with four digits (for example {year}).")
NO_SUCH_DAY = N_("There is no such day: {text}.")
NOT_A_TIME = N_("Not a time: write it like {example} or 14:30.")
NO_SUCH_TIME = N_("There is no such time: {text}.")


class EntryError(ValueError):
    """What is wrong with a typed date or time, worded in the current language by `message()`."""

    def __init__(self, template: str, **values: str):
        super().__init__(template)
        self.template, self.values = template, values

    def message(self) -> str:
        return _(self.template).format(**self.values)


def _months() -> dict[str, int]:
    """Month names and abbreviations of English and the current language (CLDR), folded."""
    names: dict[str, int] = {}
    from babel import Locale
    for locale in {babel_locale(), Locale.parse("en")}:
        for width in ("wide", "abbreviated"):
            for number, name in locale.months["format"][width].items():
                names[name.casefold().rstrip(".")] = number
    return names


def _day(year: str, month: int | str, day: str, text: str, example: str) -> date:
    if len(year) != 4:
        raise EntryError(SHORT_YEAR, year=str(date.today().year))
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise EntryError(NO_SUCH_DAY, text=text) from None


def parse_date(text: str, example: str = "12/9/2026") -> date | None:
    """The date written in `text`, None for an empty text; EntryError when it is not a date,
    names a day that does not exist, or leaves the century to guess (3/8/27)."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return None
    try:
        if (day := era_date(text)) is not None:       # 令和8年12月9日, R8.12.9
            return day
    except EraDateError as exc:
        raise EntryError(exc.template, **exc.values) from None
    if m := _YMD.match(text) or _COMPACT.match(text):
        year, month, day = m.groups()
        return _day(year, month, day, text, example)
    if m := _MDY.match(text):
        month, day, year = m.groups()
        return _day(year, month, day, text, example)
    if (m := _WORDS.match(text)) and (month := _months().get(m[1].casefold())):
        return _day(m[3], month, m[2], text, example)
    if (m := _DAY_FIRST.match(text)) and (month := _months().get(m[2].casefold())):
        return _day(m[3], month, m[1], text, example)
    raise EntryError(NOT_A_DATE, example=example, iso="2026-12-09")


def parse_time(text: str, example: str = "2:30 PM") -> time:
    """The clock time written in `text` (either language's form, 24-hour or with AM/PM, with
    or without the colon); EntryError when it is empty or not a time of day."""
    folded = unicodedata.normalize("NFKC", text).strip().casefold()
    m = _CLOCK.match(folded)
    if m is None or (m["ampm1"] and m["ampm2"]):
        raise EntryError(NOT_A_TIME, example=example)
    hour = int(m["h"])
    minute = int(m["m"] or m["compact"] or 0)
    half = (m["ampm1"] or m["ampm2"] or "").replace(".", "")
    if half:
        if not 1 <= hour <= 12 and not (hour == 0 and half in ("am", "a", "午前")):
            raise EntryError(NO_SUCH_TIME, text=text.strip())
        hour = hour % 12 + (12 if half in ("pm", "p", "午後") else 0)
    if hour > 23 or minute > 59:
        raise EntryError(NO_SUCH_TIME, text=text.strip())
    return time(hour, minute)
