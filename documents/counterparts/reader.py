"""Reading counterparts (local companies with a contact person) from the first sheet of an
.xlsx workbook, headers in English or Japanese, like the roster. Values are read as text
(cached values, never a formula); the rows then go to models.counterparts.plan_import."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from documents.roster.values import text_of
from i18n import N_, _

HEADER_SCAN_ROWS = 10
LIMIT = 5000
ZIP_MAGIC = b"PK\x03\x04"

# Folded header text -> field (models.counterparts.FIELDS).
HEADERS = {
    "name_en": ("company", "company name", "organization", "organisation", "name",
                "name (english)", "counterpart", "english name"),
    "name_ja": ("会社名", "企業名", "団体名", "名称", "社名", "name (japanese)", "japanese name",
                "会社名(日本語)"),
    "contact_en": ("contact", "contact person", "contact name", "contact (english)"),
    "contact_ja": ("担当者", "担当者名", "ご担当者", "ご担当者名", "contact (japanese)"),
    "contact_title_en": ("title", "job title", "position", "contact title"),
    "contact_title_ja": ("役職", "肩書", "肩書き"),
    "email": ("email", "e-mail", "mail", "メール", "メールアドレス", "eメール"),
    "phone": ("phone", "tel", "telephone", "電話", "電話番号", "tel."),
    "notes": ("notes", "note", "備考", "メモ"),
}
_BY_HEADER = {h: f for f, names in HEADERS.items() for h in names}

_MESSAGES = {
    "missing": N_("{path} is not there any more: was it moved, renamed or deleted?"),
    "unreadable": N_("Kakehashi may not read {path}. If it is open in Excel, close it there "
                     "and try again; otherwise check the file's permissions."),
    "not_xlsx": N_("{path} is not an Excel workbook (.xlsx) that Kakehashi can read."),
    "no_header": N_("No header row with a company name (Company, 会社名) was found in the "
                    "first {n} rows of {path}."),
    "too_many": N_("{path} has more than {limit} rows, more than one import can take."),
}


class CounterpartFileError(Exception):
    def __init__(self, kind: str, **params):
        super().__init__(kind, params)
        self.kind, self.params = kind, params

    def user_message(self) -> str:
        return _(_MESSAGES[self.kind]).format(**self.params)


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def field_for(header: object) -> str | None:
    return _BY_HEADER.get(_fold(text_of(header)))


def read_counterparts(path: str | Path) -> list[dict]:
    """The sheet's rows as {field: text}; raises CounterpartFileError when the file cannot be
    read or has no header naming a company."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            head = f.read(4)
    except FileNotFoundError:
        raise CounterpartFileError("missing", path=path) from None
    except (PermissionError, IsADirectoryError):
        raise CounterpartFileError("unreadable", path=path) from None
    if head != ZIP_MAGIC:
        raise CounterpartFileError("not_xlsx", path=path)
    from openpyxl import load_workbook  # lazily: openpyxl is slow to import

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # any parser failure on a zip that is not a workbook
        raise CounterpartFileError("not_xlsx", path=path) from None
    try:
        return _rows(wb.worksheets[0], path)
    except CounterpartFileError:
        raise
    except Exception:  # a damaged sheet shows up only while its rows are read
        raise CounterpartFileError("not_xlsx", path=path) from None
    finally:
        wb.close()


def _rows(ws, path: Path) -> list[dict]:
    top = [[field_for(c) for c in cells]
           for cells in ws.iter_rows(max_row=HEADER_SCAN_ROWS, values_only=True)]
    number = next((n for n, fields in enumerate(top, start=1)
                   if {"name_en", "name_ja"} & set(fields)), None)
    if number is None:
        raise CounterpartFileError("no_header", path=path, n=HEADER_SCAN_ROWS)
    fields = top[number - 1]
    rows = []
    for cells in ws.iter_rows(min_row=number + 1, values_only=True):
        row = {f: text_of(c) for f, c in zip(fields, cells, strict=False) if f}
        if any(row.values()):
            if len(rows) == LIMIT:
                raise CounterpartFileError("too_many", path=path, limit=LIMIT)
            rows.append(row)
    return rows
