"""Reading rosters: real .xlsx files built here with openpyxl, as organizers receive them."""

from __future__ import annotations

import os
from datetime import date, datetime

import pytest
from openpyxl import Workbook

import i18n
from documents.roster.headers import field_for_header
from documents.roster.match import classify
from documents.roster.names import split_full_name
from documents.roster.reader import OLE2_MAGIC, RosterError, read_roster
from documents.roster.rows import Column, SheetRow, build_rows
from models.repository import AttendeeRow

EN_HEADER = ["Full name", "Organization", "Title", "E-mail", "Mobile", "Nationality", "Role",
             "Date of birth", "Passport", "Passport expiry", "Dietary", "Notes"]
JA_HEADER = ["氏名", "フリガナ", "所属", "役職", "メールアドレス", "携帯電話", "国籍", "役割",
             "生年月日", "旅券番号", "旅券有効期限", "食事制限"]


def write_roster(path, header, rows, *, title="Delegation roster 2026", header_row=3):
    """A workbook as people make them: a title, a blank row, the header, the people."""
    wb = Workbook()
    ws = wb.active
    if title:
        ws.cell(1, 1, title)
    for col, text in enumerate(header, start=1):
        ws.cell(header_row, col, text)
    for number, row in enumerate(rows, start=header_row + 1):
        for col, value in enumerate(row, start=1):
            cell = ws.cell(number, col, value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # typed as text in Excel ('=1+1), not a formula
    wb.save(path)
    return path


def rows_of(path, **kwargs):
    return read_roster(path, **kwargs).rows


def errors_of(row):
    return {column: reason for column, reason in row.errors}


# --- headers --------------------------------------------------------------------------------

def test_english_headers_below_a_title_are_found(tmp_path):
    path = write_roster(tmp_path / "r.xlsx", EN_HEADER, [
        ["Taro YAMADA", "Rapidus", "Director", "taro@example.jp", "090-1234-5678", "Japan",
         "Head of delegation", datetime(1975, 4, 15), "TK1234567", "2031/3/31", "Halal", ""]])
    preview = read_roster(path)
    assert preview.header_row == 3 and preview.unmapped == []
    assert [c.field for c in preview.columns] == [
        "full_name", "organization", "title", "email", "phone", "citizenship", "role",
        "date_of_birth", "passport_number", "passport_expiry", "dietary", "notes"]
    (row,) = preview.rows
    assert row.number == 4 and row.errors == []
    assert row.values == {
        "family_name": "Yamada", "given_name": "Taro", "organization": "Rapidus",
        "title_en": "Director", "email": "taro@example.jp", "phone": "+819012345678",
        "citizenship": "JP", "role": "head", "date_of_birth": date(1975, 4, 15),
        "passport_number": "TK1234567", "passport_expiry": date(2031, 3, 31),
        "dietary": "Halal", "latin_unconfirmed": False}


def test_japanese_headers_and_kana_only_names_give_unconfirmed_latin_names(tmp_path):
    path = write_roster(tmp_path / "r.xlsx", JA_HEADER, [
        ["本間　太郎", "ホンマ　タロウ", "北海道庁", "部長", "taro@pref.hokkaido.jp",
         "080-1111-2222", "日本", "団長", "1970/1/2", "TR0000001", "2030-05-06", "なし"],
        ["佐藤 純一郎", "ｻﾄｳ ｼﾞｭﾝｲﾁﾛｳ", "ラピダス", "", "", "", "JPN", "団員", "", "", "", ""]])
    preview = read_roster(path)
    assert preview.header_row == 3
    first, second = preview.rows
    assert first.errors == [] and second.errors == []
    assert first.values["family_name_ja"] == "本間" and first.values["given_name_ja"] == "太郎"
    assert first.values["family_kana"] == "ホンマ" and first.values["given_kana"] == "タロウ"
    assert (first.values["family_name"], first.values["given_name"]) == ("Homma", "Taro")
    assert first.values["latin_unconfirmed"] is True
    assert first.values["title_ja"] == "部長" and first.values["role"] == "head"
    assert any("passport" in reason for _col, reason in first.warnings)
    assert (second.values["family_name"], second.values["given_name"]) == ("Sato", "Junichiro")
    assert second.values["family_kana"] == "サトウ"  # half-width kana stored full-width


@pytest.mark.parametrize(("header", "field"), [
    ("Name", "full_name"), ("FULL NAME", "full_name"), ("氏名", "full_name"),
    ("名前", "full_name"), ("氏名（ローマ字）", "full_name"), ("氏名(漢字)", "full_name_ja"),
    ("Last Name", "family_name"), ("Surname", "family_name"), ("姓", "family_name"),
    ("First name", "given_name"), ("名", "given_name"), ("姓（漢字）", "family_name_ja"),
    ("名(漢字)", "given_name_ja"), ("姓(フリガナ)", "family_kana"), ("セイ", "family_kana"),
    ("ﾒｲ", "given_kana"), ("Family name (kana)", "family_kana"), ("ふりがな", "reading"),
    ("ﾌﾘｶﾞﾅ", "reading"), ("よみ", "reading"), ("会社名", "organization"),
    ("団体名", "organization"), ("Company", "organization"), ("Position", "title"),
    ("役職", "title"), ("Ｅ－ｍａｉｌ", "email"), ("email", "email"), ("メール", "email"),
    ("Tel", "phone"), ("携帯", "phone"), ("電話", "phone"), ("Citizenship", "citizenship"),
    ("国籍", "citizenship"), ("Diet", "dietary"), ("アレルギー", "dietary"), ("役割", "role"),
    ("旅券番号", "passport_number"), ("Passport No.", "passport_number"),
    ("旅券有効期限", "passport_expiry"), ("DOB", "date_of_birth"), ("生年月日", "date_of_birth"),
    ("Shoe size", None), ("", None), (None, None), ("Notes *", "notes"),
])
def test_header_variants_in_both_languages_any_width_or_case(header, field):
    assert field_for_header(header) == field


def test_unknown_columns_are_reported_and_a_column_can_be_remapped(tmp_path):
    path = write_roster(tmp_path / "r.xlsx", ["Name", "E-mail", "Company name (EN)", "Shoe size"],
                        [["Jane Smith", "jane@example.com", "NY CREATES", "42"]])
    preview = read_roster(path)
    assert [c.header for c in preview.unmapped] == ["Company name (EN)", "Shoe size"]
    assert "Shoe size" in preview.problems[0]
    assert "organization" not in preview.rows[0].values
    preview.remap({2: "organization"})
    assert preview.rows[0].values["organization"] == "NY CREATES"
    assert [c.header for c in preview.unmapped] == ["Shoe size"]
    # The raw cells are kept, so the same rows parse under any mapping without the file.
    rows = build_rows(preview.sheet_values, [Column(0, "Name", "notes")])
    assert rows[0].values["notes"] == "Jane Smith" and rows[0].errors


def test_the_first_sheet_with_a_roster_is_read(tmp_path):
    wb = Workbook()
    wb.active.title = "Instructions"
    wb.active["A1"] = "Fill in one row per delegate on the next sheet."
    roster = wb.create_sheet("Delegates")
    roster.append(["姓", "名", "Family name (Roman)", "Given name (Roman)"])
    roster.append(["山田", "太郎", "YAMADA", "TARO"])
    wb.save(tmp_path / "r.xlsx")
    preview = read_roster(tmp_path / "r.xlsx")
    assert (preview.sheet, preview.header_row) == ("Delegates", 1)
    (row,) = preview.rows
    assert row.values["family_name_ja"] == "山田" and row.values["family_name"] == "Yamada"
    assert row.values["given_name_ja"] == "太郎" and row.values["given_name"] == "Taro"


# --- names ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "family", "given", "japanese"), [
    ("山田 太郎", "山田", "太郎", True), ("山田　太郎", "山田", "太郎", True),
    ("Taro Yamada", "Yamada", "Taro", False), ("YAMADA Taro", "Yamada", "Taro", False),
    ("Taro YAMADA", "Yamada", "Taro", False), ("Yamada, Taro", "Yamada", "Taro", False),
    ("YAMADA, TARO", "Yamada", "Taro", False), ("Mary Ann Smith", "Smith", "Mary Ann", False),
    ("John F. KENNEDY", "Kennedy", "John F.", False), ("Sean O'BRIEN", "O'Brien", "Sean", False),
    ("VAN DER BERG Anna", "Van Der Berg", "Anna", False),
    ("Ronald McDonald", "McDonald", "Ronald", False), ("TARO YAMADA", "Yamada", "Taro", False),
])
def test_a_full_name_is_split_by_its_script_and_its_capitals(text, family, given, japanese):
    split = split_full_name(text)
    assert (split.family, split.given, split.japanese) == (family, given, japanese)


def test_a_japanese_name_without_a_space_is_kept_whole_with_a_warning(tmp_path):
    path = write_roster(tmp_path / "r.xlsx", ["氏名", "姓（ローマ字）", "名（ローマ字）"],
                        [["山田太郎", "YAMADA", "TARO"]])
    (row,) = rows_of(path)
    assert row.values["family_name_ja"] == "山田太郎" and "given_name_ja" not in row.values
    assert (row.values["family_name"], row.values["given_name"]) == ("Yamada", "Taro")
    assert row.errors == [] and row.warnings


def test_a_row_without_any_latin_name_is_an_error_that_says_why(tmp_path):
    path = write_roster(tmp_path / "r.xlsx", ["氏名", "所属"], [["山田 太郎", "JETRO"]])
    (row,) = rows_of(path)
    assert row.status == "error"
    assert "Latin letters" in errors_of(row)["氏名"] and "passport" in errors_of(row)["氏名"]


# --- values ---------------------------------------------------------------------------------

def test_dates_from_cells_serials_and_text_in_both_languages(tmp_path):
    cells = [datetime(1980, 1, 2), 46365, 19750415, "2026/12/9", "2026-12-09",
             "２０２６年１２月９日", "令和8年12月9日", "2026年12月9日(水)", "Dec 9, 2026",
             "9 December 2026", "12/9/2026", "25/12/2026", "2026/02/30", "soon", "平成元年1月8日"]
    # Under a passport expiry, where dates in December 2026 are fine: a date of birth that late
    # is refused (tests/test_rule_agreement.py).
    path = write_roster(tmp_path / "r.xlsx", ["Name", "Passport expiry"],
                        [[f"Taro Yamada{i}", c] for i, c in enumerate(cells)])
    rows = rows_of(path)
    got = [r.values.get("passport_expiry") for r in rows]
    assert got[:11] == [date(1980, 1, 2), date(2026, 12, 9), date(1975, 4, 15)] + \
        [date(2026, 12, 9)] * 8
    assert got[11] == date(2026, 12, 25)  # 25/12: only day/month/year can be meant
    assert errors_of(rows[12]) == {"Passport expiry": "not a real date"}
    assert "not a date" in errors_of(rows[13])["Passport expiry"]
    assert got[14] == date(1989, 1, 8)
    assert any("month/day/year" in w for _c, w in rows[10].warnings)  # 12/9 could be 12 Sep
    assert not rows[11].warnings and not rows[3].warnings


def test_phones_keep_leading_zeros_and_become_e164(tmp_path):
    header = ["Name", "Nationality", "Mobile"]
    path = write_roster(tmp_path / "r.xlsx", header, [
        ["A Aa", "Japan", "090-1234-5678"],          # text with its zero
        ["B Bb", "Japan", 9012345678],               # a number: Excel dropped the zero
        ["C Cc", "", "+81 90-1234-5678"],
        ["D Dd", "USA", "(518) 555-0142"],
        ["E Ee", "US", 9085550142],                  # New Jersey, not a Japanese mobile
        ["F Ff", "", "03-5572-1111"],
        ["G Gg", "Japan", "12345"],
        ["H Hh", "Japan", "０９０－１２３４－５６７８"],
    ])
    rows = rows_of(path)
    assert [r.values.get("phone") for r in rows[:6]] == [
        "+819012345678", "+819012345678", "+819012345678", "+15185550142", "+19085550142",
        "+81355721111"]
    assert errors_of(rows[6]) == {"Mobile": "not a phone number"}
    assert rows[7].values["phone"] == "+819012345678"


def test_email_citizenship_role_and_passport_are_checked(tmp_path):
    path = write_roster(tmp_path / "r.xlsx",
                        ["Name", "E-mail", "Citizenship", "Role", "Passport number"], [
        ["A Aa", "ａ＠ｅｘａｍｐｌｅ．ｊｐ", "アメリカ", "通訳", "tk 123 4567"],
        ["B Bb", "not-an-address", "Atlantis", "Chef", "TK-12#"],
        ["C Cc", "c@example.com", "jp", "", ""],
    ])
    first, second, third = rows_of(path)
    assert first.values["email"] == "a@example.jp" and first.values["citizenship"] == "US"
    assert first.values["role"] == "interpreter" and first.values["passport_number"] == "TK1234567"
    assert set(errors_of(second)) == {"E-mail", "Citizenship", "Passport number"}
    assert second.values["role"] == "delegate" and second.warnings  # unknown role: a warning
    assert third.values["citizenship"] == "JP" and "role" not in third.values


EDGE_TEXT = ["=1+1", "@SUM(A1)", "+81 90-1234-5678", "🍣🥜 no shellfish 🦐", "مطبخ حلال",
             "-2+3", "=HYPERLINK(\"http://x\")"]


def test_text_that_looks_like_a_formula_is_data_kept_exactly(tmp_path):
    long_given = "Maria-" + "Alejandra" * 33  # 303 characters
    path = write_roster(tmp_path / "r.xlsx", ["Family name", "Given name", "Dietary", "Notes"],
                        [["Smith", long_given, text, text] for text in EDGE_TEXT])
    rows = rows_of(path)
    assert [r.values["dietary"] for r in rows] == EDGE_TEXT
    assert [r.values["notes"] for r in rows] == EDGE_TEXT
    assert rows[0].values["given_name"] == long_given and all(not r.errors for r in rows)


# --- files that cannot be rosters ------------------------------------------------------------

def _kind(path, **kwargs) -> RosterError:
    with pytest.raises(RosterError) as caught:
        read_roster(path, **kwargs)
    assert str(path) in caught.value.user_message() or caught.value.kind == "unknown_mission"
    return caught.value


def test_bad_files_are_refused_with_a_message_that_says_what_to_do(tmp_path):
    xls = tmp_path / "old.xls"
    xls.write_bytes(OLE2_MAGIC + bytes(504) + "Workbook".encode("utf-16-le") + bytes(1024))
    error = _kind(xls)
    assert error.kind == "xls" and ".xlsx" in error.user_message()
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(OLE2_MAGIC + bytes(504) + "EncryptionInfo".encode("utf-16-le")
                       + bytes(2048) + "EncryptedPackage".encode("utf-16-le"))
    error = _kind(locked)
    assert error.kind == "password" and "remove the password" in error.user_message()
    text = tmp_path / "notes.xlsx"
    text.write_text("Name,E-mail\nTaro,taro@example.jp\n")
    assert _kind(text).kind == "not_xlsx"
    import zipfile

    with zipfile.ZipFile(tmp_path / "doc.xlsx", "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    assert _kind(tmp_path / "doc.xlsx").kind == "not_xlsx"
    assert _kind(tmp_path / "gone.xlsx").kind == "missing"
    assert _kind(tmp_path).kind == "folder"


def test_empty_headerless_and_header_only_workbooks(tmp_path):
    Workbook().save(tmp_path / "empty.xlsx")
    assert _kind(tmp_path / "empty.xlsx").kind == "empty"
    path = write_roster(tmp_path / "nohead.xlsx", ["Who", "Where"], [["Taro", "Tokyo"]])
    error = _kind(path)
    assert error.kind == "no_header" and "氏名" in error.user_message()
    path = write_roster(tmp_path / "head.xlsx", EN_HEADER, [])
    assert _kind(path).kind == "no_rows"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_a_file_we_may_not_read_is_reported(tmp_path):
    path = write_roster(tmp_path / "r.xlsx", EN_HEADER, [["Taro Yamada"]])
    path.chmod(0)
    try:
        assert _kind(path).kind == "unreadable"
    finally:
        path.chmod(0o600)


def test_a_file_locked_by_another_program_is_reported(tmp_path, monkeypatch):
    # Excel on Windows holds an open workbook locked: opening it fails with PermissionError.
    import documents.roster.reader as module

    path = write_roster(tmp_path / "r.xlsx", EN_HEADER, [["Taro Yamada"]])

    def locked(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(module, "open", locked, raising=False)
    error = _kind(path)
    assert error.kind == "unreadable" and "close it" in error.user_message()


def write_huge(path, n):
    """A roster of n people, its sheet XML written directly: openpyxl takes seconds for it."""
    import zipfile

    Workbook().save(path.with_suffix(".base.xlsx"))
    cell = '<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
    rows = [f'<row r="{r}">' + cell.format(ref=f"A{r}", text=name)
            + cell.format(ref=f"B{r}", text=mail) + "</row>"
            for r, (name, mail) in enumerate(
                [("Name", "E-mail")] + [(f"Person {i}", f"p{i}@example.com") for i in range(n)],
                start=1)]
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
             'openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + "".join(rows)
             + "</sheetData></worksheet>")
    with zipfile.ZipFile(path.with_suffix(".base.xlsx")) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, sheet if item.filename == "xl/worksheets/sheet1.xml"
                         else src.read(item.filename))
    return path


def test_a_huge_file_is_refused_quickly_with_the_limit(tmp_path, monkeypatch):
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    path = write_huge(tmp_path / "huge.xlsx", 100_000)
    read = []
    rows = ReadOnlyWorksheet.iter_rows

    def counted(self, *args, **kwargs):
        for row in rows(self, *args, **kwargs):
            read.append(1)
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "iter_rows", counted)
    error = _kind(path)
    assert error.kind == "too_many" and "5000" in error.user_message()
    # Quick because it stops at the 5,001st row: counted, not timed (the machine is shared).
    assert 5_001 <= len(read) < 5_200
    monkeypatch.undo()
    assert len(rows_of(write_huge(tmp_path / "small.xlsx", 50), limit=50)) == 50


def test_messages_are_translated_when_shown(tmp_path):
    error = _kind(tmp_path / "gone.xlsx")
    english = error.user_message()
    i18n.set_language("ja")
    assert error.user_message() != english and str(tmp_path) in error.user_message()


# --- matching with the mission's attendees ---------------------------------------------------

def _attendee(person_id, family, given, email=""):
    return AttendeeRow(participant_id=person_id, person_id=person_id, family_name=family,
                       given_name=given, family_name_ja="", given_name_ja="", family_kana="",
                       given_kana="", organization_en="", organization_ja="", title_en="",
                       title_ja="", role="delegate", status="invited", email=email, phone="",
                       citizenship="", dietary="")


def test_rows_are_new_updates_or_errors():
    rows = build_rows([
        SheetRow(4, ("Taro Yamada", "TARO@example.jp")),     # same e-mail, any case
        SheetRow(5, ("Ｈａｎａｋｏ SATO", "")),               # same name (NFKC), no e-mail
        SheetRow(6, ("Jane Smith", "jane@example.com")),    # nobody like her yet
        SheetRow(7, ("Jane Smith", "JANE@example.com")),    # twice in the file
        SheetRow(8, ("Ken Ito", "ken@new.example")),        # same name, other e-mail: new
        SheetRow(9, ("", "nobody@example.com")),            # no name at all
    ], [Column(0, "Name", "full_name"), Column(1, "E-mail", "email")])
    existing = [_attendee(1, "Yamada", "Taro", "taro@example.jp"), _attendee(2, "Sato", "Hanako"),
                _attendee(3, "Ito", "Ken", "ken@old.example")]
    classify(rows, existing)
    assert [(r.status, r.person_id) for r in rows] == [
        ("update", 1), ("update", 2), ("new", None), ("error", None), ("new", None),
        ("error", None)]
    assert "row 6" in rows[3].errors[0][1] and rows[4].warnings
    assert rows[0].to_import()["person_id"] == 1 and rows[2].to_import()["person_id"] is None
