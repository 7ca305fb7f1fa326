"""How an organization is recognized by name: its English and Japanese names, its aliases (in
either language), and the short forms rosters write (without 株式会社 / Ltd., or the
abbreviation in brackets: "日本貿易振興機構（JETRO）" is JETRO)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from models.rules import clean

# Legal forms a roster may add or leave out; a name differing only by them is the same body.
_LEGAL_FORMS = re.compile(
    r"(株式会社|有限会社|合同会社|一般社団法人|公益財団法人|独立行政法人|国立大学法人|\(株\)|㈱"
    r"|\b(?:co\.?,?\s*ltd|ltd|limited|inc|incorporated|corp|corporation|llc|gmbh|k\.?k)\b\.?)",
    re.IGNORECASE)
_BRACKETED = re.compile(r"\(([^()]*)\)")
# What a bracket may hold that is the body's own short name: JETRO, TEL, ジェトロ (not "(US)",
# which rosters write for a branch: two letters are not enough).
_ABBREVIATION = re.compile(r"^(?:[A-Z][A-Z0-9&\-]{2,9}|[ァ-ヶー]{3,12})$")
_SEPARATORS = re.compile(r"[\n;；]+")


def fold(name: str) -> str:
    """NFKC, case-folded, without spaces and dots: "Tokyo  Electron" = "ＴＯＫＹＯ ELECTRON"."""
    return re.sub(r"[\s.・,、]+", "", unicodedata.normalize("NFKC", name).casefold())


def split_aliases(text: str) -> list[str]:
    """The aliases typed in one field, separated by ";" or new lines (commas belong to names:
    "Bridge Language Co., Ltd.")."""
    seen, out = set(), []
    for part in _SEPARATORS.split(clean(text)):       # stored as typed, as names are
        part = part.strip()
        if part and fold(part) not in seen:
            seen.add(fold(part))
            out.append(part)
    return out


def join_aliases(aliases: Iterable[str]) -> str:
    """The stored form: one alias a line."""
    return "\n".join(aliases)


def _short_forms(name: str) -> list[str]:
    name = unicodedata.normalize("NFKC", name)
    forms = []
    for inner in _BRACKETED.findall(name):
        if _ABBREVIATION.match(inner.strip()):
            forms.append(inner.strip())                     # (JETRO), (ジェトロ)
    outside = _BRACKETED.sub(" ", name).strip()
    forms += [outside, _LEGAL_FORMS.sub(" ", outside), _LEGAL_FORMS.sub(" ", name)]
    return [f for f in forms if fold(f)]


def organization_keys(name_en: str, name_ja: str, aliases: str) -> tuple[list[str], list[str]]:
    """(exact keys, short-form keys) an organization answers to; an exact key of one
    organization wins over another's short form."""
    exact = [fold(n) for n in (name_en, name_ja, *split_aliases(aliases)) if fold(n)]
    short = [fold(f) for n in (name_en, name_ja, *split_aliases(aliases)) if n
             for f in _short_forms(n)]
    return exact, [k for k in short if k not in exact]


def name_index(rows: Iterable[tuple[int, str, str, str]]) -> dict[str, int]:
    """Folded name -> organization id over (id, name_en, name_ja, aliases) rows; the first
    organization to claim a key keeps it, exact names before short forms."""
    rows = list(rows)
    keys = {org_id: organization_keys(en, ja, aliases) for org_id, en, ja, aliases in rows}
    index: dict[str, int] = {}
    for pass_ in (0, 1):
        for org_id, *_names in rows:
            for key in keys[org_id][pass_]:
                index.setdefault(key, org_id)
    return index


def lookup_keys(name: str) -> list[str]:
    """The keys a name typed in a roster is looked up by, most exact first."""
    return [fold(name)] + [k for k in (fold(f) for f in _short_forms(name)) if k != fold(name)]
