"""Countries from CLDR (Babel) and zones' countries from the tz database, over all their data."""

from __future__ import annotations

from importlib import resources

import pytest
from babel import Locale
from babel.core import get_global

from models.countries import citizenship_problem, code_aliases, country_code, country_codes
from models.rules import Problem, mission_countries
from models.zone_countries import zone_country, zone_country_table


def test_every_cldr_territory_round_trips_by_its_english_and_japanese_names_and_codes():
    en, ja = Locale.parse("en").territories, Locale.parse("ja").territories
    assert len(country_codes()) > 240
    for code in country_codes():
        assert country_code(en[code]) == code, en[code]
        assert country_code(ja[code]) == code, ja[code]
        assert country_code(en[code].upper()) == code       # as a roster in capitals has it
        assert country_code(code.lower()) == code
        assert country_code(f"{code} — {ja[code]}") == code  # as the dialog shows it


def test_every_alpha3_code_of_cldr_reads_as_its_country():
    alpha3 = {alias: targets[0] for alias, targets in get_global("territory_aliases").items()
              if len(alias) == 3 and alias.isalpha() and len(targets) == 1
              and targets[0] in country_codes()}
    assert len(alpha3) > 240
    for alias, code in alpha3.items():
        assert country_code(alias) == code and country_code(alias.lower()) == code
    assert {code_aliases()[a] for a in ("JPN", "USA", "GBR", "KOR", "TWN")} == {
        "JP", "US", "GB", "KR", "TW"}
    # Every country a passport names has an alpha-3 code.
    assert country_codes() <= set(alpha3.values())


@pytest.mark.parametrize("text", ["ZZ", "zz", "XX", "XYZ", "EU", "UN", "Atlantis", "QO", "999"])
def test_unknown_codes_and_names_are_refused(text):
    assert country_code(text) is None
    assert citizenship_problem(text) == Problem.COUNTRY_UNKNOWN


@pytest.mark.parametrize("text, code", [
    ("Japanese", "JP"), ("日本人", "JP"), ("American", "US"), ("アメリカ", "US"),
    ("米国", "US"), ("British", "GB"), ("Korean", "KR"), ("ｊｐｎ", "JP"), ("U.S.A.", "US"),
])
def test_demonyms_cldr_lacks_come_from_the_small_table(text, code):
    assert country_code(text) == code


def _tab(name: str) -> list[list[str]]:
    text = resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and line[0] != "#"]


def test_every_zone_of_zone_tab_and_zone1970_tab_has_its_country():
    for row in _tab("zone.tab"):
        assert zone_country(row[2]) == row[0], row
    for row in _tab("zone1970.tab"):
        assert zone_country(row[2]) in row[0].split(","), row
    assert len(zone_country_table()) > 400
    # Every country the tz database knows is a citizenship the attendee dialog takes.
    assert set(zone_country_table().values()) <= country_codes() | {"AQ"}


def test_old_zone_names_and_zones_of_no_country():
    assert zone_country("US/Eastern") == zone_country("US/Hawaii") == "US"
    assert zone_country("Japan") == zone_country("Asia/Tokyo") == "JP"
    assert zone_country("UTC") is None and zone_country("Etc/GMT+5") is None
    assert zone_country("Mars/Olympus") is None
    assert mission_countries(["Asia/Tokyo", "Europe/London", "UTC", "America/Denver"]) == {
        "JP", "GB", "US"}
