"""Roster rows: raw cells turned into a person's fields under a column mapping, then sorted into
new attendees, updates of attendees already in the mission, and rows with errors.

`build_rows` keeps each row's raw cells, so the import window can map a column to another
field and parse again without reading the file a second time.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from documents.roster import values
from documents.roster.names import (
    latin_case,
    latin_from_reading,
    split_full_name,
    split_reading,
)
from i18n import _

PERSON_KEYS = (
    "family_name", "given_name", "family_name_ja", "given_name_ja", "family_kana", "given_kana",
    "title_en", "title_ja", "email", "phone", "citizenship", "dietary", "notes",
    "date_of_birth", "passport_number", "passport_issued", "passport_expiry", "visa_type",
    "latin_unconfirmed",
    "birth_country", "passport_country", "visit_purpose", "us_person", "escort", "sex",
)
_NAME_ORDER = ("full_name", "full_name_ja", "family_name", "given_name", "family_name_ja",
               "given_name_ja", "reading", "family_kana", "given_kana")


@dataclass(frozen=True)
class Column:
    index: int                # 0-based position in the sheet
    header: str               # as written in the file
    field: str | None         # see roster_headers.FIELD_LABELS; None: not imported

    @property
    def label(self) -> str:
        """The header, or Excel's letter for a column without one (A, B, ... AA)."""
        if self.header:
            return self.header
        letters, n = "", self.index + 1
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("A") + rest) + letters
        return letters


@dataclass(frozen=True)
class SheetRow:
    number: int               # Excel's row number, 1-based, as the user sees it
    cells: tuple


@dataclass
class ImportRow:
    number: int
    raw: tuple
    values: dict = field(default_factory=dict)     # person fields + "organization", "role"
    errors: list[tuple[str, str]] = field(default_factory=list)    # (column header, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    status: str = "new"       # new | update | error, set by classify
    person_id: int | None = None

    def to_import(self) -> dict:
        """The row as models.attendees.import_attendees takes it."""
        person = {k: v for k, v in self.values.items() if k in PERSON_KEYS}
        if self.person_id is not None and person.get("latin_unconfirmed"):
            # A name guessed from the reading must not replace the one already on file.
            for key in ("family_name", "given_name", "latin_unconfirmed"):
                person.pop(key, None)
        return {"person": person, "organization": self.values.get("organization", ""),
                "role": self.values.get("role", ""), "person_id": self.person_id}


def _put_name(out: dict, split, latin: tuple[str, str], ja: tuple[str, str]) -> None:
    family_key, given_key = ja if split.japanese else latin
    if split.family:
        out[family_key] = split.family
    if split.given:
        out[given_key] = split.given


def _clean(field_name: str, raw: object, out: dict, notes: list[str]) -> None:
    """Store one cell's value under its field(s); raises values.BadValue."""
    text = values.text_of(raw)
    if field_name in ("full_name", "full_name_ja"):
        if text:
            split = split_full_name(text)
            _put_name(out, split, ("family_name", "given_name"),
                      ("family_name_ja", "given_name_ja"))
            if split.warning:
                notes.append(split.warning)
    elif field_name in ("family_name", "given_name"):
        if text:
            out[f"{field_name}_ja" if values.is_japanese(text) else field_name] = (
                text if values.is_japanese(text) else latin_case(text))
    elif field_name == "reading":
        if text:
            split = split_reading(text)
            _put_name(out, split, ("family_kana", "given_kana"), ("family_kana", "given_kana"))
            if split.warning:
                notes.append(split.warning)
    elif field_name in ("family_kana", "given_kana"):
        if text:
            out[field_name] = unicodedata.normalize("NFKC", text)  # ｶﾀｶﾅ -> カタカナ
    elif field_name == "title":
        if text:
            out["title_ja" if values.is_japanese(text) else "title_en"] = text
    elif field_name in ("date_of_birth", "passport_issued", "passport_expiry"):
        day = values.clean_date(raw, notes)
        values.check_date(field_name, day)
        if day:
            out[field_name] = day
    elif field_name == "email":
        out["email"] = values.clean_email(raw)
    elif field_name == "phone":
        out["phone"] = values.clean_phone(raw, out.get("citizenship", ""))
    elif field_name == "citizenship":
        out["citizenship"] = values.clean_citizenship(raw)
    elif field_name == "role":
        out["role"] = values.clean_role(raw, notes)
    elif field_name in ("birth_country", "passport_country"):
        if text:
            out[field_name] = values.clean_citizenship(raw)
    elif field_name == "us_person":
        out["us_person"] = values.clean_yes_no(raw, notes)
    elif field_name == "sex":
        out["sex"] = values.clean_sex(raw, notes)
    elif field_name == "passport_number":
        out["passport_number"] = values.clean_passport(raw)
    elif text:  # organization, family_name_ja, dietary, notes, visa type: data, kept as typed
        out[field_name] = text


def _order(column: Column) -> int:
    # Citizenship before the phone (its country reads a national number); a full name before
    # separate name columns, which then win.
    if column.field == "citizenship":
        return -1
    return _NAME_ORDER.index(column.field) if column.field in _NAME_ORDER else len(_NAME_ORDER)


def _derive_latin(row: ImportRow, name_header: str) -> None:
    out = row.values
    for latin, kana in (("family_name", "family_kana"), ("given_name", "given_kana")):
        if not out.get(latin) and out.get(kana):
            derived = latin_from_reading(out[kana])
            if derived:
                out[latin] = derived
                out["latin_unconfirmed"] = True
    if out.get("latin_unconfirmed"):
        row.warnings.append((name_header, _(
            "Latin name spelled from the reading: check it against the passport")))
    if not (out.get("family_name") and out.get("given_name")):
        row.errors.append((name_header, _(
            "a family and a given name in Latin letters are needed, as in the passport, "
            "for visitor lists and hotels")))
    elif not out.get("latin_unconfirmed"):
        out["latin_unconfirmed"] = False


def build_row(row: SheetRow, mapping: Sequence[Column]) -> ImportRow:
    result = ImportRow(number=row.number, raw=row.cells)
    mapped = sorted((c for c in mapping if c.field), key=_order)
    for column in mapped:
        raw = row.cells[column.index] if column.index < len(row.cells) else None
        notes: list[str] = []
        try:
            _clean(column.field, raw, result.values, notes)
        except values.BadValue as exc:
            result.errors.append((column.label, exc.reason))
        result.warnings.extend((column.label, note) for note in notes)
    result.values = {k: v for k, v in result.values.items() if v not in ("", None)}
    for dated in ("passport_issued", "passport_expiry"):
        if dated in result.values and ({"date_of_birth", "passport_issued"} - {dated}) & set(
                result.values):
            try:
                values.check_passport_dates(result.values, dated)
            except values.BadValue as exc:
                label = next(c.label for c in mapped if c.field == dated)
                result.errors.append((label, exc.reason))
    name_header = next((c.label for c in mapped if c.field in _NAME_ORDER), "")
    _derive_latin(result, name_header)
    if result.errors:
        result.status = "error"
    return result


def build_rows(sheet_values: Sequence[SheetRow], mapping: Sequence[Column]) -> list[ImportRow]:
    """Parse every raw row again under `mapping` (rows with no value at all are skipped)."""
    return [build_row(row, mapping) for row in sheet_values
            if any(values.text_of(cell) for cell in row.cells)]
