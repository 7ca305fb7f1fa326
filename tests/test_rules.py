"""The attendee rules without a window: passport validity in both directions, the countries of
an itinerary, and the shape of names, e-mail addresses and phone numbers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from models import attendees as att
from models import repository as repo
from models import rules
from models.store.db import read_session

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)

END = date(2026, 12, 13)            # the demo mission's last day
BOTH = {"JP", "US"}


def test_japanese_citizens_entering_the_us_need_validity_through_the_stay_only():
    # Japan is in the US "six-month club".
    assert rules.passport_valid_until("JP", END, "US") == END
    assert rules.passport_too_short(END, "JP", END, {"US"}) is None            # must not fire
    assert rules.passport_too_short(END + timedelta(days=30), "JP", END, {"US"}) is None
    assert rules.passport_too_short(END - timedelta(days=1), "JP", END, {"US"}) == (END, "US")


def test_others_entering_the_us_need_six_months_beyond_departure():
    six_months = date(2027, 6, 13)
    assert rules.passport_valid_until("NG", END, "US") == six_months
    assert rules.passport_too_short(date(2027, 5, 31), "NG", END, {"US"}) == (six_months, "US")
    assert rules.passport_too_short(six_months, "NG", END, {"US"}) is None
    # An unknown citizenship is treated as foreign, with the stricter rule.
    assert rules.passport_valid_until("", END, "US") == six_months


def test_anyone_entering_japan_needs_validity_through_the_stay():
    assert rules.passport_valid_until("US", END, "JP") == END
    assert rules.passport_too_short(END, "US", END, {"JP"}) is None            # must not fire
    assert rules.passport_too_short(date(2026, 12, 12), "US", END, {"JP"}) == (END, "JP")


def test_no_rule_applies_at_home_and_the_strictest_one_wins():
    assert rules.passport_valid_until("JP", END, "JP") is None
    assert rules.passport_valid_until("us", END, "US") is None
    assert rules.passport_requirement("US", END, {"US"}) is None
    assert rules.passport_requirement("NG", END, BOTH) == (date(2027, 6, 13), "US")
    assert rules.passport_too_short(None, "NG", END, BOTH) is None              # nothing known


def test_months_are_added_by_the_calendar():
    assert rules.add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert rules.add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert rules.add_months(date(2026, 12, 13), 6) == date(2027, 6, 13)


def test_the_countries_of_a_mission_come_from_its_zones():
    assert rules.mission_countries(["Asia/Tokyo", "America/New_York", "UTC"]) == BOTH
    assert rules.mission_countries(["Europe/London"]) == {"GB"}     # from the tz database
    assert rules.mission_countries(["UTC", "Etc/GMT-9"]) == set()


def test_no_demo_attendee_is_flagged_and_a_short_passport_would_be(demo_db):
    with read_session(demo_db.engine) as session:
        mission = repo.list_missions(session)[0]
        zones = [mission.home_tz] + [z for i in repo.list_items(session, mission_id=mission.id)
                                     for z in (i.start_tz, i.end_tz)]
        people = [att.get_attendee(session, participant_id=r.participant_id).person
                  for r in repo.list_attendees(session, mission_id=mission.id)]
    countries = rules.mission_countries(zones)
    assert countries == BOTH
    # Kimura's passport ends three months after the return: fine for a Japanese citizen.
    flagged = [p["family_name"] for p in people if rules.passport_too_short(
        p["passport_expiry"], p["citizenship"], mission.end_date, countries)]
    assert flagged == []
    assert rules.passport_too_short(date(2026, 12, 1), "JP", mission.end_date, countries)


def test_phone_numbers_are_normalized_to_e164():
    assert rules.normalize_phone("090-1234-5678") == "+819012345678"
    assert rules.normalize_phone("090-1234-5678", "US") == "+819012345678"   # 0: Japanese
    assert rules.normalize_phone("(518) 555-0123", "US") == "+15185550123"
    assert rules.normalize_phone("(518) 555-0123") == "+15185550123"         # default: US
    assert rules.normalize_phone("+1 518 555 0123", "JP") == "+15185550123"
    assert rules.normalize_phone("０９０‐１２３４‐５６７８") == "+819012345678"  # full-width
    assert rules.normalize_phone("") == ""
    assert rules.normalize_phone("12345") is None
    assert rules.normalize_phone("call me") is None


def test_names_readings_and_addresses_have_their_shapes():
    assert rules.is_latin_name("O'Connor") and rules.is_latin_name("Müller-Lüdenscheidt")
    assert not rules.is_latin_name("山田")
    assert rules.is_kana("やまだ") and rules.is_kana("ヤマダ タロウ") and rules.is_kana("")
    assert not rules.is_kana("yamada") and not rules.is_kana("山田")
    assert rules.is_email("taro@example.jp")
    assert not rules.is_email("taro@") and not rules.is_email("taro example.jp")
    assert rules.normalize_passport_number(" tz 123４５６７ ") == "TZ1234567"
