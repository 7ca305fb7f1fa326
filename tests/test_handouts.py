"""`main.py handout` as a user runs it: real PDFs written by Qt, read back with poppler's
pdftotext, pdffonts and pdfinfo (poppler-utils, installed by .ci/run)."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.conftest import run_cli

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)

CODE = "HKD-ALB-2026"
TAKAHASHI = "m.takahashi@jetro.example.jp"
MILLER = "smiller@nycreates.example.org"        # a US citizen: Letter paper


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def pdf_info(path) -> str:
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          check=True).stdout


def _handout(tmp_path, name: str, *args: str):
    out = tmp_path / name
    result = run_cli("--db", str(tmp_path / "k.db"), "handout", CODE, "--out", str(out), *args)
    return result, out


@pytest.fixture
def english_pack(qapp, tmp_path):
    result, out = _handout(tmp_path, "takahashi-en.pdf", "--person", TAKAHASHI, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout and "pages written" in result.stdout
    return out


def test_the_pacific_crossings_are_on_their_local_days(english_pack):
    text = " ".join(pdf_text(english_pack).split())
    # Eastbound: HND 17:55 lands at JFK at 16:45 the same local date, in its own zone.
    day = text.index("Wed, Dec 9, 2026")
    out = text.index("5:55 PM JST → 4:45 PM EST")
    assert day < out < text.index("Thu, Dec 10, 2026")
    assert "day" not in text[out:text.index("Flight", out)]
    # Westbound: JFK 13:00 on Dec 12 lands on Dec 13 at HND: "+1 day" beside it.
    back = text.index("1:00 PM EST → 5:15 PM JST")
    assert text.index("Sat, Dec 12, 2026") < back
    assert "+1 day" in text[back:back + 60]
    # The other side's clock beside each item: the HND departure is 3:55 AM in New York.
    assert "US Eastern time: Wed, Dec 9, 3:55 AM – 4:45 PM" in text


def test_taxi_cards_speak_the_drivers_language_in_an_english_pack(english_pack):
    text = pdf_text(english_pack)
    cards = text[text.index("Taxi cards"):text.index("Contacts\n")]
    # A hotel in Japan: the address in Japanese, the request in Japanese, the English below.
    assert "こちらまでお願いします" in cards and "Please take me to:" in cards
    assert "札幌市中央区北5条西4丁目" in cards and "札幌北ゲートホテル" in cards
    # A hotel in the US: English for the driver.
    assert "Washington Avenue Extension, Albany, NY" in cards


def test_contacts_page_has_each_visited_countrys_emergency_numbers(english_pack):
    text = " ".join(pdf_text(english_pack).split())
    contacts = text[text.index("Emergency numbers"):]
    for number in ("110", "119", "911"):
        assert re.search(rf"\b{number}\b", contacts), number
    assert "Police" in contacts and "Fire and ambulance" in contacts
    # A driver with the company running the coach, and each hotel's front desk by phone.
    assert "Dispatch desk (Mr. Endo)" in contacts and "Chitose Coach Lines" in contacts
    # The Albany stay's own front-desk number (its hotel_phone; the demo's site has the same).
    assert "+81 11-555-0180" in contacts and "+1 518-555-0160" in contacts
    assert "+81 90-3124-5601" in text                                 # organizers' mobiles
    # The footer on every page. pdftotext places the footer's words among the page's last
    # lines (the pages look right rendered), so its words are looked for page by page.
    pages = int(re.search(r"Pages:\s+(\d+)", pdf_info(english_pack))[1])
    assert pages > 5
    for page in range(1, pages + 1):
        words = set(subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(english_pack), "-"],
            capture_output=True, text=True, check=True).stdout.split())
        assert {"HKD-ALB-2026", "Hokkaido-Albany", "Semiconductor", "Masayuki"} <= words, page
        assert f"Page {page} of {pages}" in " ".join(pdf_text(english_pack).split())


def test_site_rules_say_what_to_wear_and_bring(english_pack):
    text = " ".join(pdf_text(english_pack).split())
    assert "What to wear: Business attire. Full cleanroom gowning" in text
    assert "Bring your passport" in text and "non-disclosure agreement" in text
    assert "Address: 257 Fuller Road, Albany, NY 12203, USA" in text


def test_the_japanese_pack_reads_as_japanese_and_breaks_lines_the_japanese_way(qapp,
                                                                              tmp_path):
    result, out = _handout(tmp_path, "takahashi-ja.pdf", "--person", TAKAHASHI, "--lang", "ja")
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "高橋 正之" in text and "⾼" not in text     # the ideograph, not the radical
    assert "2026年12月9日(水)" in text and "行程" in text and "タクシーカード" in text
    assert "こちらまでお願いします" in text and "緊急連絡先" in text
    assert "17:55 JST → 16:45 EST" in text and "+1日" in text
    # Drivers under their company, the vehicle in Japanese; a foreign name as サラ・ミラー.
    contacts = " ".join(text[text.index("緊急連絡先"):].split())
    assert "千歳コーチライン / 貸切バス（28人乗り）" in contacts
    assert "Chartered coach" not in contacts
    # The driver (dispatch desk) in Japanese, on the contacts page and the day pages.
    assert "配車担当（遠藤様）" in contacts and "Dispatch desk" not in text
    assert "Chartered coach" not in text
    assert "サラ・ミラー" in contacts and "ミラー サラ" not in text
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) > 200
    assert [line for line in lines if line.lstrip()[0] in "。、）」"] == []
    assert [line for line in lines if line.rstrip()[-1] in "（「"] == []
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    japanese = [line for line in fonts.splitlines() if "CJK" in line]
    assert japanese and all(" yes " in line for line in japanese), fonts


def test_paper_follows_the_receivers_country(qapp, tmp_path):
    result, japanese = _handout(tmp_path, "t.pdf", "--person", TAKAHASHI)
    assert result.returncode == 0
    assert "595 x 842 pts (A4)" in pdf_info(japanese)
    result, american = _handout(tmp_path, "m.pdf", "--person", MILLER)
    assert result.returncode == 0
    assert "612 x 792 pts (letter)" in pdf_info(american)
    result, chosen = _handout(tmp_path, "c.pdf", "--person", MILLER, "--paper", "a4")
    assert "(A4)" in pdf_info(chosen)


def test_the_whole_delegations_itinerary_names_who_takes_part(qapp, tmp_path):
    result, out = _handout(tmp_path, "all.pdf")
    assert result.returncode == 0, result.stderr
    text = " ".join(pdf_text(out).split())
    assert "Itinerary of the whole delegation" in text
    assert "Participants:" in text                 # items for some of the delegation only
    assert "TK1234567" not in text                 # no passport numbers in a handout


def test_everyone_puts_each_delegates_pack_one_after_another(qapp, tmp_path):
    result, out = _handout(tmp_path, "everyone.pdf", "--everyone")
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert text.count("Travel pack for") >= 15 and "Masayuki Takahashi" in text


def test_bad_input_is_refused_with_a_message_and_nothing_written(qapp, tmp_path):
    result, out = _handout(tmp_path, "x.xlsx", "--person", TAKAHASHI)
    assert result.returncode == 1 and "does not end in .pdf" in result.stderr
    assert not out.exists()
    result, out = _handout(tmp_path, "x.pdf", "--person", "nobody@example.com")
    assert result.returncode == 1 and "nobody@example.com" in result.stderr
    result = run_cli("--db", str(tmp_path / "k.db"), "handout", "NOPE", "--out",
                     str(tmp_path / "n.pdf"), "--lang", "ja")
    assert result.returncode == 1 and "NOPE" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == []


def test_a_cancelled_export_leaves_the_old_file_and_no_partial_one(qapp, demo_db, tmp_path):
    from documents.handouts import export_handout
    from documents.workbook import ExportCancelled

    target = tmp_path / "pack.pdf"
    target.write_bytes(b"old")
    with pytest.raises(ExportCancelled):
        export_handout(demo_db.engine, code=CODE, path=target, language="en", everyone=True,
                       progress=lambda done, total: done < 3)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~")] == []


def test_badges_fit_the_label_stock_and_put_the_reading_above_the_name(qapp, tmp_path):
    db = ("--db", str(tmp_path / "k.db"))
    out = tmp_path / "badges.pdf"
    result = run_cli(*db, "badges", CODE, "--out", str(out), "--lang", "ja")
    assert result.returncode == 0, result.stderr
    # 20 attendees not cancelled at 2 x 5 on A4 (the mission's home is Japan): 2 sheets.
    assert "Pages:           2" in pdf_info(out) and "(A4)" in pdf_info(out)
    layout = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                            text=True, check=True).stdout
    lines = [line for line in layout.splitlines() if line.strip()]
    # Each part's kana reading sits above it (furigana), family name first.
    name = next(n for n, line in enumerate(lines) if "高橋 正之" in line)
    ruby = lines[name - 1]
    assert ruby.index("タカハシ") < ruby.index("マサユキ")
    assert abs(ruby.index("タカハシ") - lines[name].index("高橋")) <= 3
    assert "TAKAHASHI Masayuki" in lines[name + 1]
    # A foreign name in katakana: given name first with a middle dot, its reading above.
    miller = next(n for n, line in enumerate(lines) if "サラ・ミラー" in line)
    assert "MILLER Sarah" in lines[miller + 1]
    assert "ミラー サラ" not in layout
    letter = tmp_path / "letter.pdf"
    result = run_cli(*db, "badges", CODE, "--out", str(letter), "--paper", "letter")
    assert result.returncode == 0
    assert "Pages:           3" in pdf_info(letter) and "(letter)" in pdf_info(letter)
    text = " ".join(pdf_text(letter).split())
    assert "Masayuki Takahashi" in text and "高橋 正之" in text
    assert "Japan External Trade Organization (JETRO) Executive Vice President" in text


def test_table_cards_have_the_name_on_both_faces(qapp, tmp_path):
    out = tmp_path / "tent.pdf"
    result = run_cli("--db", str(tmp_path / "k.db"), "badges", CODE, "--out", str(out),
                     "--layout", "tent")
    assert result.returncode == 0, result.stderr
    assert "Pages:           20" in pdf_info(out)
    first_page = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(out), "-"],
                                capture_output=True, text=True, check=True).stdout
    assert first_page.count("Laura Bennett") == 2      # upright below the fold, turned above


def test_a_japanese_pack_from_an_english_window_is_japanese_to_the_footer(qapp, demo_db,
                                                                        tmp_path):
    import i18n
    from documents.handouts import export_handout

    out = tmp_path / "ja.pdf"
    result = export_handout(demo_db.engine, code=CODE, path=out, language="ja", email=TAKAHASHI)
    text = pdf_text(out)
    assert f"1 / {result.pages} ページ" in text and "Page 1" not in text
    assert i18n.current_language() == "en"


def test_the_cover_stays_one_page_however_many_organizers():
    from documents.handouts.content import Handout
    from documents.handouts.html import COVER_ORGANIZERS, cover_html

    staff = [(f"Organizer {n}", f"+1 518-555-01{n:02d}") for n in range(40)]
    h = Handout("en", CODE, "Title", "", "Dec 7 – Dec 13", "", "", staff, [], [], [], [], [],
                "footer")
    html = cover_html(h)
    assert html.count("<tr>") == COVER_ORGANIZERS
    assert f"{40 - COVER_ORGANIZERS} more on the contacts page." in html


def test_a_delegates_pack_has_their_own_meetings_and_nobody_elses(qapp, tmp_path):
    from models.demo import seed_demo
    from models.meetings_demo import seed_meetings_demo
    from models.store.db import open_database

    db = open_database(tmp_path / "k.db")
    seed_demo(db.engine)
    seed_meetings_demo(db.engine, 1)
    db.dispose()
    result, out = _handout(tmp_path, "t-ja.pdf", "--person", TAKAHASHI, "--lang", "ja")
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    page = text[text.index("商談予定"):].split("\f")[0]
    assert "12月10日(木) – オールバニ商談会" in page
    for counterpart, interpreter in (("経済成長センター", "井上 香織"),
                                     ("グローバルファウンドリーズ", "井上 香織")):
        assert counterpart in page and interpreter in page
    assert "IBM" not in page and "アイビーエム" not in page   # not one of his meetings
    _result, miller = _handout(tmp_path, "m.pdf", "--person", MILLER, "--lang", "en")
    assert "Meeting schedule" not in pdf_text(miller)        # a host has no meetings
