"""The bundled airport table: codes typed any way find their zone and both names."""

from __future__ import annotations

import pytest

from models.airports import AIRPORTS, airport, normalize_code, zone_for
from models.times import is_valid_zone


@pytest.mark.parametrize("typed, zone", [
    ("HND", "Asia/Tokyo"), ("nrt", "Asia/Tokyo"), (" CTS ", "Asia/Tokyo"),
    ("ｊｆｋ", "America/New_York"), ("ＡＬＢ", "America/New_York"),
    ("sfo", "America/Los_Angeles"), ("ORD", "America/Chicago"), ("DTW", "America/Detroit"),
    ("HNL", "Pacific/Honolulu"), ("dfw", "America/Chicago"),
])
def test_codes_typed_in_any_case_or_width_find_their_zone(typed, zone):
    assert zone_for(typed) == zone


def test_unknown_or_empty_codes_find_nothing():
    assert airport("XXX") is None and zone_for("") is None and zone_for("HN") is None


def test_every_airport_has_a_real_zone_and_both_names():
    expected = {"HND", "NRT", "KIX", "ITM", "CTS", "FUK", "NGO", "OKA", "JFK", "EWR", "LGA",
                "ALB", "BOS", "IAD", "ORD", "SFO", "LAX", "SEA", "DTW", "HNL", "ATL", "DFW"}
    assert set(AIRPORTS) == expected
    for code, found in AIRPORTS.items():
        assert found.code == code and is_valid_zone(found.tz)
        assert found.name_en.isascii() and found.name_ja and not found.name_ja.isascii()


def test_a_found_airport_carries_its_names():
    found = airport("ｃｔｓ")
    assert (found.code, found.name_en, found.name_ja) == ("CTS", "New Chitose", "新千歳空港")
    assert normalize_code("ｈｎｄ　") == "HND"
