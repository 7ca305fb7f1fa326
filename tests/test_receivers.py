"""Each receiver's own document, read back from the written file: what is in it and, above all,
what is not (passport numbers, birth dates, mobiles, internal status, "missing" highlights)."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

from documents.workbook.for_receiver import ReceiverNotFound, Receivers, export_for, previews
from models.demo import DEMO_CODE
from tests.conftest import run_cli

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
JP_PASSPORTS = {"TK1234567", "TR2345678", "TS3456789", "TK4567890", "TS6802413", "TZ5678901"}
MILLER_PASSPORT = "900123456"          # Sarah Miller, a US citizen at the hotels in Japan
MISSING_FILL = "FCE4E4"


def _export(db, tmp_path, kind, name="", language=None, **options):
    path = tmp_path / f"{kind}-{language}.xlsx"
    result = export_for(db.engine, code=DEMO_CODE, kind=kind, name=name, path=path,
                        language=language, **options)
    return result, load_workbook(path)


def _cells(wb) -> list:
    return [c.value for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]


def _text(wb) -> str:
    return "\n".join(str(v) for v in _cells(wb))


def _fills(wb) -> set[str]:
    return {c.fill.fgColor.rgb[-6:] for ws in wb for row in ws.iter_rows() for c in row
            if c.fill is not None and c.fill.fill_type == "solid"}


def _header(ws) -> list[str]:
    return [c.value for c in ws[2]]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_hotel_in_japan_gets_its_rooms_and_the_foreign_guests_passports(demo_db, tmp_path,
                                                                         language):
    result, wb = _export(demo_db, tmp_path, "hotel", "sapporo", language)
    ws = wb.active
    text = _text(wb)
    assert len(wb.sheetnames) == 1
    assert MILLER_PASSPORT in text                        # a foreign guest: required by law
    assert not JP_PASSPORTS & set(_cells(wb))             # a Japanese guest's: never
    assert "MILLER SARAH" in text and "SKH-26120-4471" in ws["A1"].value
    rooms = [r[0].value for r in ws.iter_rows(min_row=3)]
    assert len(rooms) == 10 and rooms.count("1208") == 1  # one row per room, the twin once
    twin = next(r for r in ws.iter_rows(min_row=3) if r[0].value == "1208")
    assert twin[2].value.count("\n") == 1                 # both its guests in one row
    # Arrival: the end of the last leg before check-in (the coach from Rapidus, 16:15 JST).
    assert ("4:15 PM JST" if language == "en" else "16:15 JST") in twin[7].value
    assert "1964" not in text and "@" not in text and "+81" not in text
    assert MISSING_FILL not in _fills(wb)
    assert ws.page_setup.paperSize == 9                # A4


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_us_hotel_gets_no_passport_number_and_a_guest_without_room_is_only_told(
        demo_db, tmp_path, language):
    _result, wb = _export(demo_db, tmp_path, "hotel", "fuller road", language)
    assert not (JP_PASSPORTS | {MILLER_PASSPORT}) & set(_cells(wb))
    assert wb.active.page_setup.paperSize == 1        # Letter
    result, wb = _export(demo_db, tmp_path, "hotel", "akasaka", language)
    text = _text(wb)
    assert "Miller" not in text and "ミラー" not in text   # no room yet: not sent as a guest
    assert any("Miller" in m or "ミラー" in m for m in result.missing)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_site_gets_its_confirmed_visitors_in_its_columns_and_nothing_internal(
        demo_db, tmp_path, language):
    result, wb = _export(demo_db, tmp_path, "site", "rapidus", language)
    ws = wb.active
    text = _text(wb)
    header = _header(ws)
    assert not {"Clearance", "クリアランス", "Status"} & set(header)
    assert "TAKAHASHI" in text and "TK1234567" in text    # required by this site
    assert "ITO" not in text                              # the host's own staff
    assert "KATO" not in text                             # invited, not confirmed
    assert any("not confirmed" in m or "未回答" in m for m in result.missing)
    assert "@" not in text and "+81" not in text and "vegetarian" not in text
    births = [c for row in ws.iter_rows(min_row=3) for c in row if getattr(c, "is_date", 0)]
    assert births and all("ddd" not in c.number_format and "aaa" not in c.number_format
                          for c in births)
    assert MISSING_FILL not in _fills(wb)
    title = ws["A1"].value
    assert ("cleanroom" in title) if language == "en" else ("クリーンルーム" in title)
    _result, wb = _export(demo_db, tmp_path, "site", "rapidus", language, unconfirmed=True)
    assert "KATO" in _text(wb)


def test_a_site_that_does_not_require_passports_gets_none(demo_db, tmp_path):
    _result, wb = _export(demo_db, tmp_path, "site", "albany nanotech complex (albany")
    assert not (JP_PASSPORTS | {MILLER_PASSPORT}) & set(_cells(wb))
    assert wb.sheetnames == ["Visitor list"]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_coach_company_gets_trips_with_both_ends_and_one_lead_mobile(demo_db, tmp_path,
                                                                         language):
    _result, wb = _export(demo_db, tmp_path, "transport", "chitose", language)
    ws = wb.active
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    trips = [r for r in rows if r[0] is not None]
    passengers = [v for r in rows if r[0] is None for v in r if v]
    assert len(trips) == 3
    assert sum(r[6] for r in trips) == len(passengers)    # headcounts add up
    assert all(r[2] and r[4] for r in trips)              # every trip has both ends
    phones = {p for p in re.findall(r"\+\d[\d -]+", _text(wb))}
    # The dispatch desk and the lead contact's mobile, never each passenger's.
    assert len(phones) <= 2
    assert not JP_PASSPORTS & set(_cells(wb)) and "@" not in _text(wb)
    if language == "ja":
        assert "貸切バス" in _text(wb) and "Chartered coach" not in _text(wb)


def test_the_coach_company_gets_the_same_lead_contact_in_either_language(demo_db, tmp_path):
    leads = []
    for language in ("en", "ja"):
        _result, wb = _export(demo_db, tmp_path, "transport", "chitose", language)
        lead = {r[8] for r in wb.active.iter_rows(min_row=3, values_only=True) if r[0]}
        leads.append({re.search(r"\+\d[\d -]+", text)[0] for text in lead})
    assert len(leads[0]) == 1 and leads[0] == leads[1]     # one person, the same mobile


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_caterer_gets_counts_and_needs_from_codes_in_its_language(demo_db, tmp_path,
                                                                    language):
    _result, wb = _export(demo_db, tmp_path, "meal", "lunch at the albany", language)
    ws = wb.active
    needs = [r[2] for r in ws.iter_rows(min_row=3, values_only=True) if r[2]]
    assert needs
    if language == "en":
        assert not any(JAPANESE.search(n) for n in needs)
        assert any("Walnut" in n for n in needs)          # "tree nut allergy" read into codes
    else:
        assert all(JAPANESE.search(n) for n in needs)
    text = _text(wb)
    assert not JP_PASSPORTS & set(_cells(wb)) and "@" not in text and "+1" not in text
    assert not any(getattr(c, "is_date", False) for row in ws.iter_rows() for c in row)


def test_the_caterer_counts_only_confirmed_guests(demo_db, tmp_path):
    result, wb = _export(demo_db, tmp_path, "meal", "welcome dinner", "en")
    title = wb.active["A1"].value
    assert "12 confirmed guests" in title                 # 13 invited, Kato not confirmed
    assert any("not confirmed" in m for m in result.missing)


def test_the_organizers_get_the_whole_workbook(demo_db, tmp_path):
    result, wb = _export(demo_db, tmp_path, "organizers", language="en")
    assert len(wb.sheetnames) == 17 and result.receiver.kind == "organizers"


def test_names_are_matched_as_a_person_types_them(demo_db, tmp_path):
    for kind, name in (("site", "ＲＡＰＩＤＵＳ"), ("delegate", "まつもと"),
                       ("delegate", "M.Takahashi@JETRO.example.jp"), ("hotel", "札幌")):
        result, _wb = _export(demo_db, tmp_path, kind, name)
        assert result.receiver.kind == kind
    with pytest.raises(ReceiverNotFound) as found:
        _export(demo_db, tmp_path, "hotel", "hotel")
    assert len(found.value.candidates) == 3 and "Akasaka" in found.value.user_message()
    with pytest.raises(ReceiverNotFound):
        _export(demo_db, tmp_path, "meal", "no such meal")


def test_every_receiver_is_previewed_with_what_leaves_the_laptop(demo_db):
    found = previews(demo_db.engine, code=DEMO_CODE)
    kinds = {p.receiver.kind for p in found}
    assert kinds == {"organizers", "site", "hotel", "transport", "meal", "delegate"}
    source = Receivers(demo_db.engine, code=DEMO_CODE)
    rapidus = next(r for r in source.receivers if r.kind == "site")
    details = source.details(rapidus)
    assert "Passport number" in details.personal
    assert any("not confirmed" in m for m in details.missing)


def test_receivers_verb_and_export_for_on_the_command_line(tmp_path):
    db = str(tmp_path / "k.db")
    result = run_cli("--db", db, "receivers", "hkd-alb-2026")
    assert result.returncode == 0, result.stderr
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert all(len(parts) == 3 for parts in lines) and lines[0][0] == "organizers"
    out = tmp_path / "site.xlsx"
    result = run_cli("--db", db, "export", DEMO_CODE, "--for", "site=rapidus", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert load_workbook(out).sheetnames == ["見学者名簿"]   # a Japanese site: Japanese
    result = run_cli("--db", db, "export", DEMO_CODE, "--for", "hotel=hotel", "--out", str(out))
    assert result.returncode == 1 and "hotel=Akasaka Hills Hotel Tokyo" in result.stderr
    assert "Traceback" not in result.stderr
    result = run_cli("--db", db, "export", DEMO_CODE, "--for", "bus", "--out", str(out))
    assert result.returncode == 1 and "transport" in result.stderr


def test_a_roster_brings_the_visitor_fields_and_the_dietary_codes(demo_db, tmp_path):
    """Imported rows carry what a US site asks, and their dietary text is read into codes."""
    from documents.roster.apply import import_roster
    from models.attendees import get_attendee
    from models.store.db import read_session
    from tests.test_roster_import import write_roster

    path = write_roster(tmp_path / "r.xlsx", [
        "Family name", "Given name", "E-mail", "Nationality", "Country of birth",
        "Passport issuing country", "Purpose of visit", "US person", "Escort", "Allergies"], [
        ["Chen", "Wei", "wei.chen@example.com", "Canada", "China", "CA", "Fab tour", "no",
         "Laura Bennett", "卵アレルギー（重度）、生魚不可"]])
    report = import_roster(demo_db.engine, code=DEMO_CODE, path=path)
    assert not report.error_rows and report.written
    with read_session(demo_db.engine) as session:
        from models.attendees import participant_by_email

        pid = participant_by_email(session, mission_id=1, email="wei.chen@example.com")
        person = get_attendee(session, participant_id=pid).person
    assert (person["birth_country"], person["passport_country"], person["us_person"]) == \
        ("CN", "CA", False)
    assert person["visit_purpose"] == "Fab tour" and person["escort"] == "Laura Bennett"
    assert person["dietary_codes"] == "egg:severe" and person["dietary_note"] == "生魚不可"


def test_a_latin_name_not_checked_is_marked_for_organizers_and_told_before_sending(
        demo_db, tmp_path):
    from sqlalchemy import text

    from documents.workbook import export_mission
    from models.store.db import write_session

    with write_session(demo_db.engine) as session:
        session.execute(text("UPDATE person SET latin_unconfirmed = true "
                             "WHERE family_name = 'Takahashi'"))
    path = tmp_path / "org.xlsx"
    export_mission(demo_db.engine, code=DEMO_CODE, path=path, language="en")
    rapidus = load_workbook(path).worksheets[3]
    row = next(r for r in rapidus.iter_rows(min_row=3) if r[2].value == "Takahashi")
    assert row[2].fill.fgColor.rgb.endswith(MISSING_FILL)      # the organizers see it
    result, wb = _export(demo_db, tmp_path, "site", "rapidus", "en")
    assert any("Masayuki Takahashi" in m and "passport spelling" in m for m in result.missing)
    assert MISSING_FILL not in _fills(wb)                       # the host never does
