"""The delegation workbook read back with openpyxl: every document as a sheet, in English and in
Japanese, with real dates and times, names in each language's order and kana sorting."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from openpyxl import load_workbook

from documents.workbook import export_mission, export_person
from documents.workbook.page import text_width
from models import repository as repo
from models.demo import DEMO_CODE
from models.store.db import write_session
from tests.conftest import every_row

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)

TODAY = date(2026, 11, 20)     # before the demo mission: every check still means something


def export_demo(db, tmp_path, language: str = "en", name: str | None = None, **options):
    """Export the demo mission and return the workbook as openpyxl reads it back."""
    path = tmp_path / (name or f"demo-{language}.xlsx")
    export_mission(db.engine, code=DEMO_CODE, path=path, language=language, today=TODAY,
                   **options)
    return load_workbook(path)


def header(ws) -> list:
    return [c.value for c in ws[2]]


def rows(ws) -> list[list]:
    """The data rows (below the title and the header) as lists of values."""
    return [list(r) for r in ws.iter_rows(min_row=3, values_only=True)]


def column(ws, title: str) -> list:
    index = header(ws).index(title)
    return [r[index] for r in rows(ws)]


def all_values(wb) -> list:
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.value is not None]


def test_the_english_workbook_has_one_sheet_per_document(demo_db, tmp_path):
    names = export_demo(demo_db, tmp_path).sheetnames
    assert names[:3] == ["Overview", "Roster", "Itinerary"] and names[-1] == "Contacts"
    assert sum(n.startswith("Visitors ") for n in names) == 3      # one per site visit
    assert sum(n.startswith("Rooming ") for n in names) == 3       # one per hotel stay
    assert sum(n.startswith("Meal ") for n in names) == 6          # one per meal
    assert "Manifest" in names and len(names) == 17
    assert all(len(n) <= 31 for n in names) and len(set(names)) == len(names)


def test_the_japanese_workbook_uses_japanese_dates_and_headers(demo_db, tmp_path):
    wb = export_demo(demo_db, tmp_path, "ja")
    itinerary = wb.worksheets[2]
    assert itinerary.title == "行程" and header(itinerary)[:3] == ["日付", "開始", "終了"]
    first = itinerary["A3"]
    assert first.value == datetime(2026, 12, 7) and first.number_format == \
        "[$-411]yyyy/mm/dd (aaa)"
    assert itinerary["B3"].value == time(8, 30) and itinerary["B3"].number_format == "h:mm"
    assert column(itinerary, "種別")[0] == "航空便"


def test_english_dates_say_the_weekday_first_and_times_are_twelve_hour(demo_db, tmp_path):
    ws = export_demo(demo_db, tmp_path).worksheets[2]
    assert ws["A3"].number_format == "[$-409]ddd m/d/yyyy"
    assert ws["B3"].is_date and ws["B3"].number_format == "h:mm AM/PM"


def _kana_mission(engine) -> None:
    with write_session(engine) as s:
        mission = repo.create_mission(s, code="KANA-1", title_en="Kana order", title_ja="",
                                      start_date=date(2026, 12, 7), end_date=date(2026, 12, 9),
                                      home_tz="Asia/Tokyo")
        for family, given, fam_ja, giv_ja, fam_kana, giv_kana in (
                ("Watanabe", "Hanako", "渡辺", "花子", "ワタナベ", "ハナコ"),
                ("Yamada", "Taro", "山田", "太郎", "ヤマダ", "タロウ")):
            person = repo.create_person(s, family_name=family, given_name=given,
                                        family_name_ja=fam_ja, given_name_ja=giv_ja,
                                        family_kana=fam_kana, given_kana=giv_kana,
                                        citizenship="JP", phone="+819012345678")
            repo.add_participant(s, mission_id=mission, person_id=person, role="delegate",
                                 status="confirmed")


def test_japanese_roster_sorts_by_kana_reading_and_puts_the_family_name_first(empty_db, tmp_path):
    _kana_mission(empty_db.engine)
    for language, expected in (("ja", ["山田 太郎", "渡辺 花子"]),
                               ("en", ["Hanako Watanabe", "Taro Yamada"])):
        path = tmp_path / f"kana-{language}.xlsx"
        export_mission(empty_db.engine, code="KANA-1", path=path, language=language)
        roster = load_workbook(path).worksheets[1]
        assert [r[0] for r in rows(roster)] == expected
    ja = load_workbook(tmp_path / "kana-ja.xlsx").worksheets[1]
    assert rows(ja)[0][1:3] == ["YAMADA Taro", "ヤマダ タロウ"]


def _leg(ws, flight: str) -> list:
    return next(r for r in rows(ws) if r[1] and r[1].startswith(flight))


def test_a_flight_shows_the_local_departure_date_at_hnd_and_arrival_at_jfk(demo_db, tmp_path):
    manifest = export_demo(demo_db, tmp_path)["Manifest"]
    assert header(manifest)[2:10] == ["Departure date", "Departs", "Zone", "From",
                                      "Arrival date", "Arrives", "Zone", "To"]
    out = _leg(manifest, "NH 110")
    assert out[2:10] == [datetime(2026, 12, 9), time(17, 55), "JST",
                         "HND Tokyo International Airport",
                         datetime(2026, 12, 9), time(16, 45), "EST",
                         "JFK John F Kennedy International Airport"]
    back = _leg(manifest, "NH 109")        # across the date line the other way
    assert (back[2], back[3], back[6], back[7]) == (datetime(2026, 12, 12), time(13, 0),
                                                    datetime(2026, 12, 13), time(17, 15))
    table = rows(manifest)
    at = next(n for n, r in enumerate(table) if r[1] == "NH 110 (ANA)")
    passengers = []
    for r in table[at + 1:]:
        if r[0] is not None:
            break
        passengers.append(r[14])
    # One block per trip: the headcount in its first row, the passengers under it.
    assert table[at][13] == len(passengers) == 14
    assert passengers == sorted(passengers, key=lambda n: n.split()[-1])


def test_drivers_are_in_the_manifest_and_on_the_contact_sheet_once_each(demo_db, tmp_path):
    book = export_demo(demo_db, tmp_path)
    manifest, contacts = book["Manifest"], book["Contacts"]
    assert header(manifest)[10:15] == ["Pick-up point", "Drop-off", "Driver", "Headcount",
                                       "Passenger"]
    coach = next(r for r in rows(manifest) if r[1] == "Chartered coach, 45 seats")
    # The company running the coach, then its driver (or dispatch desk) and phone.
    assert coach[12] == "Capital Region Coach\nDispatch desk (Dana Price)\n+1 518-555-0147"
    assert coach[11] == "Fuller Road Suites Albany, lobby entrance"     # both ends
    drivers = [r for r in rows(contacts) if r[3] == "Driver"]
    # Under the company, the vehicle beside the name, once for the three rides of one coach.
    assert [(r[0], r[1], r[4], r[5]) for r in drivers] == [
        ("Chitose Coach Lines", "Dispatch desk (Mr. Endo)", "Chartered coach, 28 seats",
         "+81 90-5550-1428"),
        ("Akasaka Charter Bus", "Dispatch desk (Ms. Mori)", "Chartered coach, 28 seats",
         "+81 90-5550-1733"),
        ("Capital Region Coach", "Dispatch desk (Dana Price)", "Chartered coach, 45 seats",
         "+1 518-555-0147")]


def test_the_overview_counts_the_sites_visited_apart_from_the_hotel_stays(demo_db, tmp_path):
    overview = {r[0]: r[1] for r in rows(export_demo(demo_db, tmp_path).worksheets[0]) if r}
    # Rapidus, the Hokkaido Government, JETRO and Albany; the three hotels are stays.
    assert (overview["Sites visited"], overview["Hotel stays"]) == (4, 3)


def test_a_japanese_workbook_names_the_driver_vehicle_and_pick_up_in_japanese(demo_db, tmp_path):
    book = export_demo(demo_db, tmp_path, "ja")
    manifest = next(ws for ws in book.worksheets if ws.title == "配車表")
    coach = next(r for r in rows(manifest) if r[1] == "貸切バス（28人乗り）")
    assert coach[12] == "千歳コーチライン\n配車担当（遠藤様）\n+81 90-5550-1428"
    everything = " ".join(str(v) for ws in book.worksheets for r in rows(ws) for v in r if v)
    # The English an organizer typed beside the Japanese is not in the Japanese workbook.
    assert "Dispatch desk" not in everything and "Chartered coach" not in everything
    itinerary = book.worksheets[2]
    transfer = next(r for r in rows(itinerary) if r[9] and "配車担当" in r[9])
    assert "貸切バス（28人乗り）" in transfer[9] and "運転手: " not in transfer[9]


def test_the_itinerary_gives_each_item_its_local_clock_and_zone(demo_db, tmp_path):
    ws = export_demo(demo_db, tmp_path).worksheets[2]
    flight = next(r for r in rows(ws) if r[6] == "Flight New York JFK to Tokyo Haneda (NH 109)")
    assert flight[:5] == [datetime(2026, 12, 12), time(13, 0), time(17, 15),
                          datetime(2026, 12, 13), "EST → JST"]
    signing = next(r for r in rows(ws) if r[5] == "Ceremony")
    assert signing[3] is None and signing[4] == "JST" and signing[8].startswith("All except ")
    seminar = next(r for r in rows(ws) if r[5] == "Seminar")
    assert seminar[8] == "All"


def test_phone_flight_and_passport_numbers_stay_text(demo_db, tmp_path):
    wb = export_demo(demo_db, tmp_path)
    roster = wb["Roster"]
    phone = roster.cell(row=3, column=header(roster).index("Mobile") + 1)
    assert phone.data_type == "s" and phone.value.startswith("+")
    rapidus = wb.worksheets[3]
    numbers = rapidus["A2":"Z40"]
    passport = header(rapidus).index("Passport number")
    miller = next(r for r in numbers if r[1].value == "Sarah Miller")
    assert miller[passport].value == "900123456" and miller[passport].data_type == "s"


def test_each_visitor_list_has_its_sites_columns_and_due_date(demo_db, tmp_path):
    wb = export_demo(demo_db, tmp_path)
    rapidus, albany = wb.worksheets[3], wb.worksheets[4]
    assert header(rapidus) == ["No.", "Name", "Family name (as in passport)",
                               "Given name (as in passport)", "Citizenship", "Date of birth",
                               "Passport number", "Organization", "Job title", "Clearance"]
    assert "due Mon, Nov 16, 2026" in rapidus["A1"].value        # 21 days before Dec 7
    assert "Passport number" not in header(albany) and "Visa type" in header(albany)
    assert "due Thu, Nov 26, 2026" in albany["A1"].value
    kato = next(r for r in rows(albany) if r[1] == "Emi Kato")
    visa = header(albany).index("Visa type")
    assert kato[visa] is None and kato[-1] == "Not sent"
    assert albany.cell(row=3 + rows(albany).index(kato), column=visa + 1).fill.fgColor.rgb \
        .endswith("FCE4E4")                                         # missing: shaded
    assert isinstance(rows(rapidus)[0][header(rapidus).index("Date of birth")], datetime)


def test_sensitive_columns_appear_only_in_the_visitor_lists_that_need_them(demo_db, tmp_path):
    wb = export_demo(demo_db, tmp_path)
    # A hotel in Japan records its foreign guests' passports (the Hotel Business Act).
    japan = ("Rooming Sapporo", "Rooming Akasaka")
    for ws in wb.worksheets:
        found = {"Passport number", "Date of birth", "Visa type"} & set(header(ws))
        if ws.title.startswith("Visitors "):
            continue
        assert found <= ({"Passport number"} if ws.title.startswith(japan) else set()), \
            ws.title
    values = [v for ws in wb.worksheets if not ws.title.startswith(("Visitors ", *japan))
              for r in ws.iter_rows(values_only=True) for v in r]
    assert "TK1234567" not in values and "900123456" not in values
    hotels = [v for ws in wb.worksheets if ws.title.startswith(japan)
              for r in ws.iter_rows(values_only=True) for v in r if isinstance(v, str)]
    assert any("900123456" in v for v in hotels)                # Sarah Miller, a US citizen
    assert not any("TK1234567" in v for v in hotels)            # a Japanese guest: never


def test_leaving_sensitive_data_out_removes_it_from_every_sheet(demo_db, tmp_path):
    wb = export_demo(demo_db, tmp_path, sensitive=False)
    values = all_values(wb)
    assert not {"TK1234567", "900123456", "ESTA"} & set(values)
    assert datetime(1964, 5, 18) not in values                     # a date of birth
    for ws in wb.worksheets:
        assert not {"Passport number", "Date of birth", "Visa type"} & set(header(ws))
    assert "Left out of this workbook" in values


def test_the_rooming_list_gives_one_row_a_room_with_its_guests_and_nights(demo_db, tmp_path):
    wb = export_demo(demo_db, tmp_path)
    albany = wb.worksheets[8]
    assert albany.title.startswith("Rooming Fuller Road Suites")
    twin = [r for r in rows(albany) if r[0] == "408"]
    assert len(twin) == 1 and twin[0][2] == "Shun Kimura\nKenji Sato"
    assert twin[0][1] == "Twin" and twin[0][4:7] == [datetime(2026, 12, 9),
                                                    datetime(2026, 12, 12), 3]
    assert "FRS-2026-1209-JETRO" in albany["A1"].value      # the confirmation number
    akasaka = wb.worksheets[7]
    unroomed = next(r for r in rows(akasaka) if r[2] == "Sarah Miller")
    assert unroomed[0] is None and unroomed[-1] == "No room assigned yet"


def test_dietary_lists_speak_the_caterers_language(demo_db, tmp_path):
    wb = export_demo(demo_db, tmp_path)
    sapporo = next(ws for ws in wb.worksheets if "Welcome dinner" in ws.title)
    assert header(sapporo)[3] == "For the caterer (Japanese)"
    watanabe = next(r for r in rows(sapporo) if r[0] == "Takuya Watanabe")
    # "shellfish allergy": the crustaceans and molluscs among the 28 allergens, and the
    # words themselves as written (clams and oysters are in no code).
    assert watanabe[2].split("\n")[:2] == ["Shrimp / prawn — Allergy", "Crab — Allergy"]
    assert watanabe[3].split("\n")[:2] == ["えび — アレルギー", "かに — アレルギー"]
    assert watanabe[4] == "shellfish allergy (as written, in English)"
    albany = next(ws for ws in wb.worksheets if "Networking" in ws.title)
    # An English caterer in an English workbook: no second column repeating the first.
    assert header(albany)[2:] == ["Dietary needs / allergies", "Note"]
    hughes = next(r for r in rows(albany) if r[0] == "Daniel Hughes")
    assert hughes[2] == "Halal — Preference"
    assert "13 guests" in sapporo["A1"].value


def test_a_japanese_workbook_gives_a_japanese_caterer_no_second_needs_column(demo_db, tmp_path):
    wb = export_demo(demo_db, tmp_path, "ja")
    sapporo = next(ws for ws in wb.worksheets if "歓迎夕食会" in ws.title)
    assert "調理担当者向け（日本語）" not in header(sapporo)
    albany = next(ws for ws in wb.worksheets if "ネットワーキング" in ws.title)
    assert "調理担当者向け（英語）" in header(albany)     # the US caterer's own words stay


def test_the_overview_counts_and_lists_the_open_findings(demo_db, tmp_path):
    ws = export_demo(demo_db, tmp_path)["Overview"]
    values = {r[0]: r[1] for r in rows(ws) if r[0]}
    assert values["Code"] == DEMO_CODE and values["Attendees"] == 21
    assert values["First day"] == datetime(2026, 12, 7)
    assert values["Exported on"] == datetime.combine(TODAY, time())
    assert values["Organizing bodies"] == "Japan External Trade Organization (JETRO), NY CREATES"
    urgency = [r[0] for r in rows(ws)]
    assert "Urgency" in urgency and "Lodging" in urgency


def test_one_persons_workbook_holds_their_items_and_their_rooms(demo_db, tmp_path):
    path = tmp_path / "watanabe.xlsx"
    result = export_person(demo_db.engine, code=DEMO_CODE, email="Takuya.Watanabe@tel.example.jp",
                           path=path, language="en")
    wb = load_workbook(path)
    assert result.sheets == ["Itinerary", "Contacts"] == wb.sheetnames
    ws = wb["Itinerary"]
    assert ws["A1"].value.startswith("Itinerary for Takuya Watanabe")
    assert "Participants" not in header(ws)
    titles = column(ws, "Activity")
    assert "Flight Tokyo Haneda to New York JFK (NH 110)" in titles
    assert "Visit and discussion: TEL Technology Center America" in titles
    assert "Networking reception" in titles          # an item for everyone
    notes = column(ws, "Notes")
    assert any(n and n.startswith("Room 405 (Single)") for n in notes)
    assert not {"TZ5678901"} & set(all_values(wb))
    export_person(demo_db.engine, code=DEMO_CODE, email="d.kobayashi@jetro.example.jp",
                  path=path, language="en")            # joins the group in New York
    titles = column(load_workbook(path)["Itinerary"], "Activity")
    assert "Transfer JFK Airport to Albany" in titles
    assert "Flight Tokyo Haneda to New Chitose (JL 507)" not in titles


def test_layout_frozen_header_filter_print_setup_and_properties(demo_db, tmp_path):
    for language, paper, font in (("en", 1, "Calibri"), ("ja", 9, "游ゴシック")):
        wb = export_demo(demo_db, tmp_path, language)
        ws = wb.worksheets[1]
        assert ws.freeze_panes == "A3" and ws.auto_filter.ref.startswith("A2:")
        assert ws.print_title_rows == "$1:$2"
        assert (ws.page_setup.orientation, int(ws.page_setup.paperSize)) == ("landscape", paper)
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert DEMO_CODE in ws.oddFooter.left.text and "&P" in ws.oddFooter.center.text
        assert ws["A2"].font.b and ws["A2"].fill.fgColor.rgb.endswith("DCE6F1")
        assert ws["A3"].font.name == font
        if language == "ja":
            assert ws["A3"].font.charset == 128
        assert wb.properties.title and wb.properties.creator and wb.properties.created
        notes = wb.worksheets[2].cell(row=3, column=header(wb.worksheets[2]).index(
            "備考" if language == "ja" else "Notes") + 1)
        assert notes.alignment.wrap_text


def test_column_widths_count_wide_characters_twice(demo_db, tmp_path):
    assert text_width("山田 太郎") == 9 and text_width("Taro") == 4
    ws = export_demo(demo_db, tmp_path, "ja").worksheets[1]
    longest = max(text_width(r[0]) for r in rows(ws))
    assert ws.column_dimensions["A"].width >= longest


def test_exporting_changes_nothing_in_the_database(demo_db, tmp_path):
    def dump() -> dict:
        return every_row(demo_db.engine)

    before = dump()
    export_demo(demo_db, tmp_path, "ja")
    export_person(demo_db.engine, code=DEMO_CODE, email="m.takahashi@jetro.example.jp",
                  path=tmp_path / "p.xlsx", language="en")
    assert dump() == before


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_window_language_is_left_as_it_was(demo_db, tmp_path, language):
    import i18n

    i18n.set_language("en")
    export_demo(demo_db, tmp_path, language)
    assert i18n.current_language() == "en" and i18n._("Itinerary") == "Itinerary"
