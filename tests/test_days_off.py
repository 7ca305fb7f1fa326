"""Public holidays (the holidays package) and weekends: the readiness finding on a visit,
meeting or ceremony that falls on one in its host country, and the timeline's day heading."""

from __future__ import annotations

from datetime import date

import holidays
import pytest

import i18n
from models import findings as F
from models.public_holidays import holiday, is_weekend, state_in_address
from models.readiness import finding_text, run_checks
from models.sites import create_site
from models.store.db import read_session, write_session
from tests.mission_builder import NEW_YORK, TOKYO, Builder
from ui.itinerary.day_heading import day_heading

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)


def _days_off(db, build) -> list:
    with write_session(db.engine) as s:
        b = Builder(s, start=date(2026, 11, 20), end=date(2026, 11, 30), home_tz=TOKYO)
        build(b, s)
    with read_session(db.engine) as s:
        found = run_checks(s, mission_id=b.mission_id, today=date(2026, 11, 1))
    return [f for f in found if f.kind == F.DAY_OFF]


def test_a_site_visit_on_thanksgiving_at_a_us_site_is_found_by_the_sites_clock(empty_db):
    def build(b, s):
        site = create_site(s, values={"name_en": "Albany NanoTech", "tz": NEW_YORK})
        # Starts in the Tokyo zone on the 27th, but the site is in New York: the 26th there.
        b.item("site_visit", "2026-11-27T00:00", "2026-11-27T02:00", tz=TOKYO, site_id=site,
               title_en="Fab tour")
        b.item("meeting", "2026-11-24T10:00", "2026-11-24T11:00", tz=NEW_YORK)   # a Tuesday
        b.item("meal", "2026-11-26T12:00", "2026-11-26T13:00", tz=NEW_YORK)      # not checked
    found = _days_off(empty_db, build)
    assert len(found) == 1
    assert found[0].params["holiday"] == ("Thanksgiving Day", "感謝祭")
    assert found[0].params["country"] == "US" and found[0].params["day"] == date(2026, 11, 26)
    assert finding_text(found[0]) == ("“Fab tour” is on Thu, Nov 26, a public holiday in the "
                                      "United States (Thanksgiving Day).")
    i18n.set_language("ja")
    text = finding_text(found[0])
    assert text == "「Fab tour」は11月26日(木)で、米国の祝日（感謝祭）に当たります。"


def test_meetings_and_ceremonies_on_a_japanese_holiday_or_weekend_are_found(empty_db):
    def build(b, s):
        b.item("ceremony", "2026-11-23T10:00", "2026-11-23T11:00", tz=TOKYO)  # 勤労感謝の日
        b.item("meeting", "2026-11-21T10:00", "2026-11-21T11:00", tz=TOKYO)   # a Saturday
        b.item("meeting", "2026-11-25T10:00", "2026-11-25T11:00", tz=TOKYO)   # a Wednesday
    found = _days_off(empty_db, build)
    assert [(f.params["day"], f.params["holiday"]) for f in found] == [
        (date(2026, 11, 21), None),
        (date(2026, 11, 23), ("Labor Thanksgiving Day", "勤労感謝の日"))]
    assert "weekend day in Japan" in finding_text(found[0])


def test_the_holidays_come_from_the_package_in_both_languages():
    assert holiday("JP", date(2026, 1, 12)) == ("Coming of Age Day", "成人の日")
    assert holiday("US", date(2027, 7, 5)) == ("Independence Day (observed)",
                                               "独立記念日（振替休日）")
    assert holiday("US", date(2026, 11, 27)) is None and holiday("ZZ", date(2026, 1, 1)) is None
    assert is_weekend("US", date(2026, 12, 5)) and not is_weekend("US", date(2026, 12, 4))
    assert is_weekend("AE", date(2026, 12, 5)) and not is_weekend("AE", date(2026, 12, 4))
    # Every US and Japanese holiday of the years a mission plans for has both names.
    for country in ("JP", "US"):
        for year in range(2026, 2031):
            for day in holidays.country_holidays(country, years=year):
                en, ja = holiday(country, day)
                assert en.isascii() and ja and not ja.isascii(), (country, day, en)


@pytest.mark.parametrize("language, zone, day, expected", [
    ("en", NEW_YORK, date(2026, 11, 26), "Thu, Nov 26, 2026 · Thanksgiving Day (United States)"),
    ("ja", TOKYO, date(2026, 11, 23), "2026年11月23日(月) · 勤労感謝の日（日本）"),
    ("en", TOKYO, date(2026, 11, 26), "Thu, Nov 26, 2026"),
    ("en", "UTC", date(2026, 12, 25), "Fri, Dec 25, 2026"),
])
def test_the_timeline_day_heading_names_the_holiday_where_the_day_is_spent(
        language, zone, day, expected):
    i18n.set_language(language)
    assert day_heading(day, zone) == expected


def test_the_day_heading_names_a_state_holiday_of_a_site_visited_that_day():
    albany, cambridge = "257 Fuller Rd, Albany, NY 12203", "77 Massachusetts Ave, Cambridge, MA"
    election = date(2026, 11, 3)
    assert day_heading(election, NEW_YORK, [albany]) == \
        "Tue, Nov 3, 2026 · Election Day (United States, NY)"
    assert day_heading(election, NEW_YORK, [cambridge]) == "Tue, Nov 3, 2026"
    assert day_heading(election, NEW_YORK) == "Tue, Nov 3, 2026"
    i18n.set_language("ja")
    assert day_heading(election, NEW_YORK, [albany]) == \
        "2026年11月3日(火) · 選挙日（アメリカ合衆国・NY）"


@pytest.mark.parametrize("address, state", [
    ("257 Fuller Rd, Albany, NY 12203", "NY"), ("Albany, New York, USA", "NY"),
    ("400 N Indiana Ave, Chicago, IL 60601", "IL"),         # a street named for a state
    ("1 Main St, Springfield", None), ("", None), ("ZZ 12345", None)])
def test_the_state_is_read_from_the_end_of_a_us_address(address, state):
    assert state_in_address("US", address) == state
    assert state_in_address("JP", "東京都港区赤坂1-12-32") is None   # prefectures: national


def test_a_visit_on_a_state_holiday_is_found_only_in_that_state(empty_db):
    def build(b, s):
        albany = create_site(s, values={"name_en": "Albany NanoTech", "tz": NEW_YORK,
                                        "address_en": "257 Fuller Rd, Albany, NY 12203"})
        mit = create_site(s, values={"name_en": "MIT", "tz": NEW_YORK,
                                     "address_en": "77 Massachusetts Ave, Cambridge, MA"})
        # Tue 2026-11-03 is Election Day, a holiday in New York and not in Massachusetts.
        b.item("site_visit", "2026-11-03T10:00", "2026-11-03T11:00", tz=NEW_YORK,
               site_id=albany, title_en="Fab tour")
        b.item("site_visit", "2026-11-03T13:00", "2026-11-03T14:00", tz=NEW_YORK,
               site_id=mit, title_en="Lab tour")
    found = _days_off(empty_db, build)
    assert [(f.params["holiday"], f.params["state"]) for f in found] == [
        (("Election Day", "選挙日"), "NY")]
    assert finding_text(found[0]) == ("“Fab tour” is on Tue, Nov 3, a public holiday in the "
                                      "United States (NY) (Election Day).")
    i18n.set_language("ja")
    assert "米国（NY）の祝日（選挙日）" in finding_text(found[0])
    assert holiday("US", date(2026, 2, 12), "NY") == ("Lincoln's Birthday", "リンカーン誕生日")
    assert holiday("US", date(2026, 2, 12), "MA") is None
    assert holiday("US", date(2026, 11, 26), "XX") == ("Thanksgiving Day", "感謝祭")
