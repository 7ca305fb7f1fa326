"""Counterparts read from a real .xlsx (headers in English or Japanese, a title row above them),
and files that cannot be read refused with a message, nothing imported."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from documents.counterparts.reader import CounterpartFileError, read_counterparts
from models import counterparts as cps


def _book(path, rows):
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for cells in ws.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"          # text typed with "=", as Excel keeps it
    wb.save(path)
    return path


def test_japanese_headers_below_a_title_row_are_read_and_planned(tmp_path):
    path = _book(tmp_path / "相手先.xlsx", [
        ["オールバニ商談会 参加企業一覧"],
        ["会社名", "Company", "担当者", "役職", "メールアドレス", "電話番号"],
        ["東京エレクトロン", "Tokyo Electron", "佐藤 健", "部長", "sato@example.jp",
         "03-1234-5678"],
        ["", "=HYPERLINK(\"http://x\")", "", "", "", ""],
        [None, None, None, None, None, None],
        ["", "", "", "", "bad", ""],
    ])
    rows = read_counterparts(path)
    assert rows[0] == {"name_ja": "東京エレクトロン", "name_en": "Tokyo Electron",
                       "contact_ja": "佐藤 健", "contact_title_ja": "部長",
                       "email": "sato@example.jp", "phone": "03-1234-5678"}
    made, skipped = cps.plan_import([], rows)
    assert [m.name_en for m in made] == ["Tokyo Electron", '=HYPERLINK("http://x")']
    assert made[0].phone == "+81312345678"
    assert skipped == [(3, "name_missing")]


@pytest.mark.parametrize("content, kind", [
    (b"name,email\nIBM,a@b.com\n", "not_xlsx"),
    (b"PK\x03\x04garbage", "not_xlsx"),
])
def test_a_file_that_is_not_a_workbook_is_refused(tmp_path, content, kind):
    path = tmp_path / "counterparts.xlsx"
    path.write_bytes(content)
    with pytest.raises(CounterpartFileError) as err:
        read_counterparts(path)
    assert err.value.kind == kind and str(path) in err.value.user_message()


def test_a_sheet_without_a_company_header_or_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CounterpartFileError) as err:
        read_counterparts(_book(tmp_path / "x.xlsx", [["Date", "Amount"], ["2026-12-01", 3]]))
    assert err.value.kind == "no_header"
    with pytest.raises(CounterpartFileError) as err:
        read_counterparts(tmp_path / "gone.xlsx")
    assert err.value.kind == "missing"
