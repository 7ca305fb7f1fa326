"""The finish of the exported documents, read back from real workbooks in both languages: tab
names shortened at a word's end, katakana names given name first with a middle dot under a
フリガナ header that matches them, row heights that fit and never pass Excel's 409 pt,
portrait pages for narrow sheets and page breaks that keep a trip's block together."""

from __future__ import annotations

import re

from openpyxl import load_workbook
from sqlalchemy import text

from documents.workbook.export import export_mission
from models.demo import DEMO_CODE
from models.store.db import write_session
from tests.test_export import TODAY

KATAKANA = re.compile(r"^[\u30a0-\u30ff ・]+$")


def _book(db, tmp_path, language: str):
    path = tmp_path / f"finish-{language}.xlsx"
    export_mission(db.engine, code=DEMO_CODE, path=path, language=language, today=TODAY)
    return load_workbook(path)


def test_tab_names_are_shortened_at_a_words_end(demo_db, tmp_path):
    names = _book(demo_db, tmp_path, "en").sheetnames
    assert "Visitors Rapidus IIM-1 2 nm…" in names           # not "... 2 nm pi…"
    assert "Meal Dec 10 Lunch at the…" in names              # not "... the Alban…"
    assert all(len(n) <= 31 for n in names)
    ja = _book(demo_db, tmp_path, "ja").sheetnames
    assert "食事 12月10日 代表団夕食会（ジェトロ…" in ja      # cut where a word ends
    assert all(len(n) <= 31 for n in ja)


def test_katakana_names_and_their_furigana_header(demo_db, tmp_path):
    roster = _book(demo_db, tmp_path, "ja")["名簿"]
    header = [c.value for c in roster[2]]
    assert header[:3] == ["氏名", "氏名（ローマ字）", "フリガナ"]
    rows = [[c.value for c in r] for r in roster.iter_rows(min_row=3)]
    by_latin = {r[1]: r for r in rows}
    assert by_latin["MILLER Sarah"][0] == "サラ・ミラー"          # not ミラー サラ
    assert by_latin["MILLER Sarah"][2] == "サラ・ミラー"
    assert by_latin["TAKAHASHI Masayuki"][0] == "高橋 正之"      # a Japanese name as it was
    assert by_latin["TAKAHASHI Masayuki"][2] == "タカハシ マサユキ"
    # フリガナ means katakana: every reading under it is katakana.
    assert all(KATAKANA.match(r[2]) for r in rows if r[2])
    assert not any("ミラー サラ" in str(v) for r in rows for v in r)
    # English documents give the Japanese name in the same order.
    english = _book(demo_db, tmp_path, "en")["Roster"]
    names = {r[0].value: r[1].value for r in english.iter_rows(min_row=3)}
    assert names["Sarah Miller"] == "サラ・ミラー"


def test_row_heights_fit_and_stop_at_409_points(demo_db, tmp_path):
    with write_session(demo_db.engine) as session:
        session.execute(text("UPDATE itinerary_item SET notes_en = :n WHERE id = "
                             "(SELECT MIN(id) FROM itinerary_item)"),
                        {"n": "A long briefing note. " * 400})
    wb = _book(demo_db, tmp_path, "en")
    heights = [d.height for ws in wb.worksheets for d in ws.row_dimensions.values()
               if d.height]
    assert max(heights) == 409                      # the long note: as tall as Excel allows
    assert all(h <= 409 for h in heights)
    itinerary = wb["Itinerary"]
    note_row = next(r[0].row for r in itinerary.iter_rows(min_row=3)
                    if any(str(c.value).startswith("A long briefing") for c in r))
    assert itinerary.row_dimensions[note_row].height == 409


def test_narrow_sheets_print_portrait_and_wide_ones_landscape(demo_db, tmp_path):
    from documents.workbook.for_receiver import export_for

    for language in ("en", "ja"):
        path = tmp_path / f"albany-{language}.xlsx"
        export_for(demo_db.engine, code=DEMO_CODE, kind="site",
                   name="albany nanotech complex (albany", path=path, language=language,
                   today=TODAY)
        visitors = load_workbook(path).active          # five columns: fits a portrait page
        assert visitors.page_setup.orientation == "portrait", language
        contacts = _book(demo_db, tmp_path, language)[
            "Contacts" if language == "en" else "連絡先一覧"]
        assert contacts.page_setup.orientation == "landscape", language


def test_japanese_lines_in_an_english_sheet_get_their_height(demo_db, tmp_path):
    """The English dietary sheet's Japanese column (for the caterer) sets its lines taller
    than the English ones: a row measured by the English height cut its last line off."""
    meal = _book(demo_db, tmp_path, "en")["Meal Dec 7 Lunch at Rapidus…"]
    header = [c.value for c in meal[2]]
    column = header.index("For the caterer (Japanese)")
    row = next(r for r in meal.iter_rows(min_row=3) if r[0].value == "Takuya Watanabe")
    lines = row[column].value.count("\n") + 1
    assert lines >= 5
    assert meal.row_dimensions[row[0].row].height >= lines * 15.5


def test_a_trip_is_not_split_across_printed_pages(demo_db, tmp_path):
    """The manifest prints one block per leg (its row, then its passengers): each page break
    comes right before a leg's row, so no page starts with passengers of an unnamed leg."""
    for language, name in (("en", "Manifest"), ("ja", "配車表")):
        manifest = _book(demo_db, tmp_path, language)[name]
        breaks = [b.id for b in manifest.row_breaks.brk]
        assert len(breaks) >= 2, language                  # 11 legs: three pages or more
        for after in breaks:
            assert manifest.cell(after + 1, 1).value, (language, after)   # a leg's kind
            assert manifest.cell(after, 1).value is None   # the last passenger of the one before


def test_a_bold_header_that_wraps_gets_two_lines(demo_db, tmp_path):
    """"Passport number" over its narrow column wraps in bold: the header row is two lines
    tall, not one with the first line drawn above it."""
    from documents.workbook.for_receiver import export_for

    path = tmp_path / "sapporo-en.xlsx"
    export_for(demo_db.engine, code=DEMO_CODE, kind="hotel", name="Sapporo", path=path,
               language="en", today=TODAY)
    rooming = load_workbook(path).active
    assert "Passport number" in [c.value for c in rooming[2]]
    assert rooming.row_dimensions[2].height >= 2 * 12.75
