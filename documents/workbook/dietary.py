"""One dietary and allergy list per meal, in the organizers' workbook.

Each need is a code with a severity (models/dietary.py), written from its label in the
workbook's language and, in the caterer's column, in the caterer's: Japanese when the venue is
in Japan, English elsewhere. What could not be read into codes goes in its own column as it
was written, never translated.
"""

from __future__ import annotations

from functools import lru_cache

from documents.workbook.data import MissionData
from documents.workbook.lang import picked, plain, short_day, titled
from documents.workbook.meal import note_text
from documents.workbook.page import Column, SheetData, sheet_name
from documents.workbook.travel import Names, item_place
from i18n import _, current_language, load_translations, ngettext
from i18n.formatting import format_datetime
from models.dietary import CODES, SEVERITIES, decode
from models.times import to_local
from models.zone_countries import zone_country


@lru_cache(maxsize=2)
def _catalog(language: str):
    return load_translations(language)


def needs_text(codes: str, language: str | None = None) -> str:
    """"Walnut — Allergy" a line, in `language` (the workbook's when None)."""
    return _needs_text(codes, language or current_language(), current_language())


@lru_cache(maxsize=1024)            # a mission has a handful of different needs, many meals
def _needs_text(codes: str, language: str, current: str) -> str:
    translate = _ if language == current else _catalog(language).gettext
    return "\n".join(f"{translate(CODES[n.code])} — {translate(SEVERITIES[n.severity])}"
                     for n in decode(codes))


def caterer_language(zone: str) -> str:
    return "ja" if zone_country(zone) == "JP" else "en"


def dietary_sheets(data: MissionData, used: set[str]) -> list[SheetData]:
    names = Names.of(data)
    sheets = []
    for item in data.items:
        if item.kind != "meal":
            continue
        caterer = caterer_language(item.start_tz)
        # The caterer's own column only where its language is not the workbook's: else it
        # would repeat the needs word for word.
        theirs = caterer != current_language()
        columns = [Column(_("Guest"), 24), Column(_("Organization"), 32),
                   Column(_("Dietary needs / allergies"), 32),
                   *([Column(_("For the caterer (Japanese)") if caterer == "ja"
                             else _("For the caterer (English)"), 32)] if theirs else []),
                   Column(_("Note"), 30)]
        rows = []
        for pid in names.sorted(item.people):
            extra = data.person_extra.get(pid, {})
            codes, note = extra.get("dietary_codes") or "", extra.get("dietary_note") or ""
            if not codes and not note:
                continue
            p = data.people[pid]
            rows.append([names.name[pid], picked(p.org_en, p.org_ja), needs_text(codes),
                         *([needs_text(codes, caterer)] if theirs else []), note_text(note)])
        if not rows:
            rows.append([_("No dietary requests for this meal.")] + [None] * (len(columns) - 1))
        meal = plain(picked(item.title_en, item.title_ja))
        guests = len(item.people)
        title = titled(_("Dietary requests"), meal, format_datetime(item.start, item.start_tz),
                       plain(item_place(data, item)),
                       ngettext("{n} guest", "{n} guests", guests).format(n=guests))
        day = short_day(to_local(item.start, item.start_tz).date())
        tab = _("Meal {day} {name}").format(day=day, name=meal)
        sheets.append(SheetData(sheet_name(tab, used), title, columns, rows))
    return sheets
