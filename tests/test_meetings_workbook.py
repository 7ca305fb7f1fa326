"""The organizers' workbook carries the 商談会's grid and schedule, the interpreters'
assignments and the seating plan, read back with openpyxl in both languages."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from documents.workbook.export import export_mission
from models import meetings as mt
from models.meetings_demo import seed_meetings_demo
from models.store.db import read_session

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)


def _export(demo_db, tmp_path, language):
    mission_id = 1
    item = seed_meetings_demo(demo_db.engine, mission_id)
    path = tmp_path / f"book-{language}.xlsx"
    export_mission(demo_db.engine, code="HKD-ALB-2026", path=path, language=language)
    with read_session(demo_db.engine) as session:
        meetings = mt.get_meetings(session, item_id=item)
    return load_workbook(path, read_only=True), meetings


def test_the_grid_and_schedule_hold_every_meeting_at_its_time_and_table(demo_db, tmp_path):
    wb, meetings = _export(demo_db, tmp_path, "en")
    grid = list(wb["Slots Albany B2B matchmaking"].iter_rows(values_only=True))
    assert grid[1] == ("Time", "Table 1", "Table 2", "Table 3", "Table 4")
    filled = sum(1 for row in grid[2:] for cell in row[1:] if cell)
    assert filled == len(meetings)
    assert grid[2][0] == "4:10 PM–4:35 PM EST"
    schedule = list(wb["Meetings Albany B2B matchmaking"].iter_rows(values_only=True))
    lines = schedule[2:]
    assert len(lines) == 14                              # every request: met or not scheduled
    takahashi = [r for r in lines if r[2] == "Masayuki Takahashi"]
    assert {r[3] for r in takahashi} >= {"GlobalFoundries", "Empire State Development"}
    assert all(r[4] for r in takahashi)                  # each of his needs an interpreter
    interpreters = list(wb["Interpreters"].iter_rows(values_only=True))[2:]
    assert {r[0] for r in interpreters} == {"Kaori Inoue", "Shun Kimura"}
    assert any("Delegation dinner" in r[3] for r in interpreters)


def test_the_seating_sheet_marks_the_seat_of_honour_once_and_sides_by_role(demo_db, tmp_path):
    wb, _meetings = _export(demo_db, tmp_path, "ja")
    name = next(n for n in wb.sheetnames if n.startswith("席次"))
    rows = list(wb[name].iter_rows(values_only=True))[2:]
    honour = [r for r in rows if r[4] == "上座"]
    assert [r[2] for r in honour] == ["高橋 正之"]
    assert {r[3] for r in rows if r[2] == "マイケル・レイノルズ"} == {"受入側"}
    assert {r[3] for r in rows if r[2] == "佐藤 健二"} == {"訪問団"}


def test_the_gift_sheet_holds_every_gift_with_bought_and_handed_over(demo_db, tmp_path):
    wb, _meetings = _export(demo_db, tmp_path, "en")
    rows = list(wb["Gifts"].iter_rows(values_only=True))
    assert rows[1][:8] == ("Day", "Time", "At", "Gift", "Given by", "Given to", "Bought",
                           "Handed over")
    by_gift = {r[3]: r for r in rows[2:]}
    cups = by_gift["Kutani ware sake cups, pair"]
    assert cups[2:8] == ("Courtesy call on NY CREATES leadership",
                         "Kutani ware sake cups, pair", "Masayuki Takahashi",
                         "Michael Reynolds", "Yes", "No")
    assert by_gift["Hokkaido sweets assortment"][5] == "Mayor of Albany"
    ja, _m = _export_again(demo_db, tmp_path, "ja")
    ja_rows = list(ja["手土産"].iter_rows(values_only=True))[2:]
    assert {r[3] for r in ja_rows} == {"九谷焼 ペア盃", "北海道銘菓詰め合わせ"}
    # a foreign name in katakana: given name first, with a middle dot (ARCHITECTURE.md)
    assert {r[5] for r in ja_rows} == {"マイケル・レイノルズ", "オールバニ市長"}


def _export_again(demo_db, tmp_path, language):
    path = tmp_path / f"again-{language}.xlsx"
    export_mission(demo_db.engine, code="HKD-ALB-2026", path=path, language=language)
    return load_workbook(path, read_only=True), None


def test_a_counterpart_receives_only_its_own_schedule(demo_db, tmp_path):
    from documents.workbook.for_receiver import export_for, previews

    _wb, meetings = _export(demo_db, tmp_path, "en")
    with read_session(demo_db.engine) as session:
        requests = {r.id: r for r in mt.list_requests(session, item_id=next(iter(
            mt.list_sessions(session, mission_id=1))).item_id)}
    kinds = [p.receiver for p in previews(demo_db.engine, code="HKD-ALB-2026")
             if p.receiver.kind == "counterpart"]
    gf = next(r for r in kinds if r.name_en == "GlobalFoundries")
    path = tmp_path / "gf.xlsx"
    result = export_for(demo_db.engine, code="HKD-ALB-2026", kind="counterpart",
                        name="globalfoundries", path=path)
    wb = load_workbook(path, read_only=True)
    assert wb.sheetnames == ["Meeting schedule"] == result.sheets
    rows = list(wb["Meeting schedule"].iter_rows(values_only=True))
    mine = [m for m in meetings if requests[m.request_id].counterpart_id == gf.key]
    assert len(rows) - 2 == len(mine) > 0
    assert rows[1] == ("Day", "Time", "Table", "Delegate side", "Interpreter", "Session")
    assert {r[2] for r in rows[2:]} == {m.table for m in mine}
    assert all("\n" in r[3] for r in rows[2:])           # each delegate with their company
    text = repr(rows)
    for other in ("IBM Research", "SUNY Polytechnic", "Empire State Development"):
        assert other not in text                          # nobody else's meetings
    assert "Findings" not in text and "Passport" not in text


def test_a_delegate_workbook_has_their_own_meetings(demo_db, tmp_path):
    from documents.workbook.for_receiver import export_for

    _wb, meetings = _export(demo_db, tmp_path, "en")
    path = tmp_path / "t.xlsx"
    export_for(demo_db.engine, code="HKD-ALB-2026", kind="delegate", name="Takahashi",
               path=path, language="ja")
    wb = load_workbook(path, read_only=True)
    rows = list(wb["商談予定"].iter_rows(values_only=True))
    assert rows[0][0] == "商談予定：高橋 正之"
    counterparts = {r[3].split("\n")[0] for r in rows[2:]}
    assert counterparts >= {"グローバルファウンドリーズ"}
    assert all(r[4] for r in rows[2:])                     # his meetings all have interpreters
