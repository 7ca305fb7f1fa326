"""The organizers' workbook carries the 商談会's grid and schedule, the interpreters'
assignments and the seating plan, read back with openpyxl in both languages."""

from __future__ import annotations

from openpyxl import load_workbook

from documents.workbook.export import export_mission
from models import meetings as mt
from models.meetings_demo import seed_meetings_demo
from models.store.db import read_session


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
