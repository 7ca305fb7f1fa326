"""The contact sheet as the organizers and the interpreters read it: people under their own
organization, drivers under the company running the coach with the vehicle beside them, the
hotels with phone and address, each visited country's emergency numbers, names in both
scripts. Read back from the real exported workbook in English and Japanese."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from documents.workbook.export import export_mission
from models.demo import DEMO_CODE
from tests.test_export import TODAY


def _sheet(db, tmp_path, language: str, write=None):
    """The contact sheet of the organizers' workbook, or of the one `write(path)` makes."""
    path = tmp_path / f"contacts-{language}.xlsx"
    if write is None:
        export_mission(db.engine, code=DEMO_CODE, path=path, language=language, today=TODAY)
    else:
        write(path)
    wb = load_workbook(path)
    ws = wb["Contacts" if language == "en" else "連絡先一覧"]
    header = [c.value for c in ws[2]]
    body = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    # A group's heading is written on its first row only: carry it down as a reader does.
    group = None
    for row in body:
        group = row[0] or group
        row[0] = group
    return ws, header, body


def _under(body, heading) -> list[str]:
    return [r[1] for r in body if r[0] == heading]


def test_english_contacts_are_under_their_organizations(demo_db, tmp_path):
    ws, header, body = _sheet(demo_db, tmp_path, "en")
    assert header == ["Organization", "Name", "Name (Japanese)", "Role", "Job title or vehicle",
                      "Phone", "E-mail or address"]
    headings = list(dict.fromkeys(r[0] for r in body))
    # The mission's organizing bodies first, in their order.
    assert headings[:2] == ["Japan External Trade Organization (JETRO)", "NY CREATES"]
    assert set(_under(body, "Bridge Language Co., Ltd.")) == {"Kaori Inoue", "Shun Kimura"}
    assert "Sachiko Ito" in _under(body, "Rapidus Corporation")
    # Names in both scripts, the katakana one given name first with a middle dot.
    names = {r[1]: r[2] for r in body}
    assert names["Kaori Inoue"] == "井上 香織"
    assert names["Sarah Miller"] == "サラ・ミラー"
    # A driver under the coach company, the vehicle beside the name.
    coach = next(r for r in body if r[0] == "Chitose Coach Lines")
    assert coach[1:6] == ["Dispatch desk (Mr. Endo)", None, "Driver",
                          "Chartered coach, 28 seats", "+81 90-5550-1428"]
    # Hotels with their phone and address.
    hotel = next(r for r in body if r[0] == "Sapporo Kitagate Hotel")
    assert hotel[5] == "+81 11-555-0180" and "Sapporo, Hokkaido 060-0005" in hotel[6]
    assert next(r for r in body if r[0] == "Fuller Road Suites Albany")[5] == "+1 518-555-0160"
    # The stay's own front desk before its site's main number, as the travel pack has it.
    assert next(r for r in body if r[0] == "Akasaka Hills Hotel Tokyo")[5] == "+81 3-5555-0144"
    # Each visited country's emergency numbers (phonenumbers' short-number data).
    japan = {r[5]: r[1] for r in body if r[0] == "Emergency numbers: Japan"}
    assert japan == {"110": "Police", "119": "Fire and ambulance"}
    assert "911" in {r[5] for r in body if r[0] == "Emergency numbers: United States"}
    # A host who is the site's contact is listed once, under the host's own organization.
    assert [r[1] for r in body].count("Laura Bennett") == 1
    # Delegates are in the roster, not here; no hotel is a "site contact".
    everyone = [v for r in body for v in r]
    assert "Takuya Watanabe" not in everyone
    assert not any(r[3] == "Site contact" and "Hotel" in r[0] for r in body)
    assert ws.auto_filter.ref is None            # a filter would hide the groups' headings


def test_japanese_contacts_read_in_japanese(demo_db, tmp_path):
    ws, header, body = _sheet(demo_db, tmp_path, "ja")
    assert header == ["所属", "氏名", "氏名（ローマ字）", "役割", "役職・車両", "電話番号",
                      "メールアドレス・住所"]
    names = {r[1]: r[2] for r in body}
    assert names["サラ・ミラー"] == "MILLER Sarah"           # not ミラー サラ
    assert names["井上 香織"] == "INOUE Kaori"               # the Japanese name family first
    assert "ミラー サラ" not in names
    coach = next(r for r in body if r[0] == "千歳コーチライン")
    assert coach[3:5] == ["運転手", "貸切バス（28人乗り）"]
    assert coach[1] == "配車担当（遠藤様）"                   # the driver's Japanese name
    hotel = next(r for r in body if r[0] == "札幌北ゲートホテル")
    assert hotel[6] == "〒060-0005 北海道札幌市中央区北5条西4丁目"
    assert {r[5] for r in body if r[0] == "緊急通報番号：日本"} == {"110", "119"}
    assert any(r[0] == "緊急通報番号：アメリカ合衆国" and r[5] == "911" for r in body)
    # No English an organizer would have had to translate in the headings and labels.
    assert all(not str(h).isascii() for h in header)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_no_personal_data_on_the_contact_sheet(demo_db, tmp_path, language):
    from tests.test_receivers import MILLER_PASSPORT

    _ws, _header, body = _sheet(demo_db, tmp_path, language)
    text = " ".join(str(v) for r in body for v in r if v is not None)
    assert MILLER_PASSPORT not in text


NY_JAPAN = ["Consulate General of Japan in New York", "在ニューヨーク日本国総領事館",
            "For citizens of: Japan", None, "+1 212-371-8222",
            "299 Park Avenue, 18th Floor, New York, NY 10171"]
TOKYO_US = ["Embassy of the United States of America, Tokyo", "アメリカ合衆国大使館（東京）",
            "For citizens of: United States", None, "+81 3-3224-5000",
            "1-10-5 Akasaka, Minato-ku, Tokyo 107-8420"]


def _consulates(body) -> dict[str, list]:
    return {r[0]: r[1:] for r in body if r[0].startswith(("Consulates and", "領事館"))}


def test_the_organizers_sheet_lists_every_consulate_under_its_country(demo_db, tmp_path):
    _ws, _header, body = _sheet(demo_db, tmp_path, "en")
    assert _consulates(body) == {"Consulates and embassies: United States": NY_JAPAN,
                                 "Consulates and embassies: Japan": TOKYO_US}
    _ws, _header, body = _sheet(demo_db, tmp_path, "ja")
    assert _consulates(body) == {
        "領事館・大使館：アメリカ合衆国": [
            "在ニューヨーク日本国総領事館", "Consulate General of Japan in New York",
            "日本国籍の方向け", None, "+1 212-371-8222",
            "米国ニューヨーク州ニューヨーク市パーク・アベニュー299番地 18階"],
        "領事館・大使館：日本": [
            "アメリカ合衆国大使館（東京）", "Embassy of the United States of America, Tokyo",
            "アメリカ合衆国国籍の方向け", None, "+81 3-3224-5000",
            "〒107-8420 東京都港区赤坂1-10-5"]}


def test_a_delegates_own_sheet_has_their_consulate_and_the_hotel_phones(demo_db, tmp_path):
    from documents.workbook.export import export_person
    from documents.workbook.for_receiver import export_for
    from tests.test_handouts import MILLER, TAKAHASHI

    def person(email, language):
        return lambda path: export_person(demo_db.engine, code=DEMO_CODE, path=path,
                                          language=language, email=email)

    # A Japanese delegate: Japan's consulate in New York, not the US embassy in Tokyo.
    _ws, _header, body = _sheet(demo_db, tmp_path, "en", person(TAKAHASHI, "en"))
    assert _consulates(body) == {"Consulates and embassies: United States": NY_JAPAN}
    phones = {r[0]: r[5] for r in body}
    assert phones["Sapporo Kitagate Hotel"] == "+81 11-555-0180"
    assert phones["Akasaka Hills Hotel Tokyo"] == "+81 3-5555-0144"
    assert phones["Fuller Road Suites Albany"] == "+1 518-555-0160"
    # An American, in Japanese: the embassy in Tokyo only.
    _ws, _header, body = _sheet(demo_db, tmp_path, "ja", person(MILLER, "ja"))
    assert list(_consulates(body)) == ["領事館・大使館：日本"]
    assert _consulates(body)["領事館・大使館：日本"][4] == "+81 3-3224-5000"
    assert {r[0]: r[5] for r in body}["札幌北ゲートホテル"] == "+81 11-555-0180"
    # The delegate's document of the export window: the same rule.
    _ws, _header, body = _sheet(demo_db, tmp_path, "ja", lambda path: export_for(
        demo_db.engine, code=DEMO_CODE, kind="delegate", name="Takahashi", path=path,
        language="ja"))
    assert list(_consulates(body)) == ["領事館・大使館：アメリカ合衆国"]


def test_a_delegates_document_read_lean_is_the_one_read_whole(demo_db, tmp_path):
    """The export window's delegate document reads only the delegate's own items (and every
    item's drivers and hotels for the contact sheet): it holds what the document read from
    the whole mission holds, also for a host who travels with no coach and stays nowhere."""
    from documents.workbook.export import export_person
    from documents.workbook.for_receiver import export_for

    def values(path):
        return [[ws.title, [[c for c in row] for row in ws.iter_rows(values_only=True)]]
                for ws in load_workbook(path).worksheets]

    for email, language in (("lbennett@nycreates.example.org", "en"),
                            ("m.takahashi@jetro.example.jp", "ja")):
        whole, lean = tmp_path / f"whole-{language}.xlsx", tmp_path / f"lean-{language}.xlsx"
        export_person(demo_db.engine, code=DEMO_CODE, path=whole, language=language,
                      email=email)
        export_for(demo_db.engine, code=DEMO_CODE, kind="delegate", name=email, path=lean,
                   language=language)
        assert values(lean) == values(whole), email
    contacts = dict(values(tmp_path / "lean-en.xlsx"))["Contacts"]
    headings = {row[0] for row in contacts}
    # Laura Bennett rides no coach and has no room, yet her sheet has every one of them.
    assert {"Chitose Coach Lines", "Capital Region Coach", "Sapporo Kitagate Hotel",
            "Emergency numbers: Japan"} <= headings
