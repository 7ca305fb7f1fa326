"""Airports from airportsdata: codes typed any way find their zone, every code a real zone."""

from __future__ import annotations

import airportsdata
import pytest

from models.airports import JAPANESE_NAMES, airport, airports, normalize_code, zone_for
from models.times import is_valid_zone
from models.zone_countries import zone_country


@pytest.mark.parametrize("typed, zone", [
    ("HND", "Asia/Tokyo"), ("nrt", "Asia/Tokyo"), (" CTS ", "Asia/Tokyo"),
    ("ｊｆｋ", "America/New_York"), ("ＡＬＢ", "America/New_York"),
    ("sfo", "America/Los_Angeles"), ("ORD", "America/Chicago"), ("DEN", "America/Denver"),
    ("HNL", "Pacific/Honolulu"), ("dfw", "America/Chicago"), ("lhr", "Europe/London"),
    ("ICN", "Asia/Seoul"), ("SYR", "America/New_York"),     # beyond the old table of 22
])
def test_codes_typed_in_any_case_or_width_find_their_zone(typed, zone):
    assert zone_for(typed) == zone


def test_unknown_or_empty_codes_find_nothing():
    assert airport("XXX") is None and zone_for("") is None and zone_for("HN") is None


def test_every_iata_code_of_airportsdata_gives_a_valid_iana_zone_in_its_country():
    data = airportsdata.load("IATA")
    assert len(airports()) == len(data) > 7000
    wrong_country = []
    for code, row in data.items():
        found = airport(code.lower())
        assert found.code == code and found.tz == row["tz"] and is_valid_zone(found.tz), code
        assert found.name_en == row["name"] and found.country == row["country"]
        # A zone names its country except the few airports on another country's clock.
        if zone_country(found.tz) != found.country:
            wrong_country.append(code)
    assert len(wrong_country) < len(data) * 0.05, wrong_country[:20]


def test_our_table_holds_only_japanese_names_of_real_codes():
    assert set(JAPANESE_NAMES) <= set(airports())
    for code, name in JAPANESE_NAMES.items():
        assert not name.isascii() and airport(code).name_ja == name


def test_a_found_airport_carries_its_names():
    found = airport("ｃｔｓ")
    assert (found.code, found.name_en, found.name_ja) == ("CTS", "New Chitose Airport",
                                                          "新千歳空港")
    assert airport("SYR").name_ja == ""                # English only: shown as it is
    assert normalize_code("ｈｎｄ　") == "HND"


def test_one_code_read_alone_is_the_airport_of_the_whole_table():
    """airport() reads a code's one row while the whole table is not loaded: the same airport,
    for every code a mission might use and for codes no airport has."""
    from models.airports import _one

    table = airports()
    for code in ("HND", "NRT", "CTS", "JFK", "ALB", "HNL", "KIX", "LAX", "ORD", "SFO"):
        assert _one(code) == table[code], code
    assert _one("QQQ") is None and _one('A"B') is None and _one("") is None
