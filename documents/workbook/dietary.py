"""One dietary and allergy list per meal, for its caterer.

Dietary needs are free text ("shellfish allergy, no raw fish"); the common ones are recognised
in English or Japanese and written in the workbook's language, and in the caterer's language
in the caterer's column: Japanese when the venue is in Japan, English elsewhere. Text that is
not recognised is passed on as it was written.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from documents.workbook.data import MissionData
from documents.workbook.lang import list_separator, picked, plain, short_day, titled
from documents.workbook.page import Column, SheetData, sheet_name
from documents.workbook.travel import Names, item_place
from i18n import N_, _, current_language, load_translations, ngettext
from i18n.formatting import format_datetime
from models.entities import ItemKind
from models.times import to_local
from models.zone_countries import zone_country

TERMS = (
    N_("Vegetarian"), N_("Vegan"), N_("Halal"), N_("Kosher"), N_("Gluten-free"),
    N_("No pork"), N_("No beef"), N_("No alcohol"), N_("No raw fish"),
    N_("Shellfish allergy"), N_("Tree nut allergy"), N_("Peanut allergy"), N_("Nut allergy"),
    N_("Egg allergy"), N_("Milk allergy"), N_("Lactose intolerance"), N_("Wheat allergy"),
    N_("Buckwheat (soba) allergy"), N_("Fish allergy"), N_("Soy allergy"),
    N_("Sesame allergy"),
)
# Other ways people write the same needs.
_ALIASES = {
    "veggie": "Vegetarian", "gluten free": "Gluten-free", "no shellfish": "Shellfish allergy",
    "crustacean allergy": "Shellfish allergy", "nut allergy (tree nuts)": "Tree nut allergy",
    "dairy-free": "Lactose intolerance", "dairy free": "Lactose intolerance",
    "no dairy": "Lactose intolerance", "soba allergy": "Buckwheat (soba) allergy",
    "buckwheat allergy": "Buckwheat (soba) allergy", "菜食": "Vegetarian",
    "えび・かにアレルギー": "Shellfish allergy", "そばアレルギー": "Buckwheat (soba) allergy",
}
_SPLIT = re.compile(r"\s*[,;、，；\n]\s*")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


@lru_cache(maxsize=2)
def _catalog(language: str):
    return load_translations(language)


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """Every known way of writing a term (English, its Japanese translation, aliases)."""
    ja = _catalog("ja")
    index = {_fold(term): term for term in TERMS}
    index.update({_fold(ja.gettext(term)): term for term in TERMS})
    index.update({_fold(alias): term for alias, term in _ALIASES.items()})
    return index


def needs_in(text: str, language: str | None = None) -> str:
    """The dietary text with the terms it recognises written in `language` (the workbook's
    when None)."""
    return _needs_in(text, language or current_language())


@lru_cache(maxsize=1024)            # a mission has a handful of different needs, many meals
def _needs_in(text: str, language: str) -> str:
    translate = _ if language == current_language() else _catalog(language).gettext
    index = _index()
    parts = [p for p in _SPLIT.split(text.strip()) if p]
    if not any(_fold(p) in index for p in parts):
        return text.strip()          # nothing we know: pass it on exactly as written
    return list_separator(language).join(
        translate(index[_fold(p)]) if _fold(p) in index else p for p in parts)


def caterer_language(zone: str) -> str:
    return "ja" if zone_country(zone) == "JP" else "en"


def dietary_sheets(data: MissionData, used: set[str]) -> list[SheetData]:
    names = Names.of(data)
    sheets = []
    for item in data.items:
        if item.kind != ItemKind.MEAL.value:
            continue
        caterer = caterer_language(item.start_tz)
        columns = [Column(_("Guest"), 24), Column(_("Organization"), 32),
                   Column(_("Dietary needs / allergies"), 32),
                   Column(_("For the caterer (Japanese)") if caterer == "ja"
                          else _("For the caterer (English)"), 32)]
        rows = []
        for pid in names.sorted(p for p in item.people if data.people[p].dietary.strip()):
            p = data.people[pid]
            rows.append([names.name[pid], picked(p.org_en, p.org_ja), needs_in(p.dietary),
                         needs_in(p.dietary, caterer)])
        if not rows:
            rows.append([_("No dietary requests for this meal."), None, None, None])
        meal = plain(picked(item.title_en, item.title_ja))
        guests = len(item.people)
        title = titled(_("Dietary requests"), meal, format_datetime(item.start, item.start_tz),
                       plain(item_place(data, item)),
                       ngettext("{n} guest", "{n} guests", guests).format(n=guests))
        day = short_day(to_local(item.start, item.start_tz).date())
        tab = _("Meal {day} {name}").format(day=day, name=meal)
        sheets.append(SheetData(sheet_name(tab, used), title, columns, rows))
    return sheets
