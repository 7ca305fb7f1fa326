"""A small bundled table of the airports US-Japan missions use: IATA code -> IANA zone and the
airport's name in both languages, so typing "HND" or "jfk" can fill a flight's time zone.

The names are data (a bilingual pair, shown with i18n.pick), not messages to translate.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Airport:
    code: str
    tz: str
    name_en: str
    name_ja: str


_TABLE = (
    # Japan
    ("HND", "Asia/Tokyo", "Tokyo Haneda", "東京国際空港（羽田）"),
    ("NRT", "Asia/Tokyo", "Narita International", "成田国際空港"),
    ("KIX", "Asia/Tokyo", "Kansai International", "関西国際空港"),
    ("ITM", "Asia/Tokyo", "Osaka Itami", "大阪国際空港（伊丹）"),
    ("CTS", "Asia/Tokyo", "New Chitose", "新千歳空港"),
    ("FUK", "Asia/Tokyo", "Fukuoka", "福岡空港"),
    ("NGO", "Asia/Tokyo", "Chubu Centrair International", "中部国際空港（セントレア）"),
    ("OKA", "Asia/Tokyo", "Naha", "那覇空港"),
    # United States
    ("JFK", "America/New_York", "New York John F. Kennedy", "ジョン・F・ケネディ国際空港"),
    ("EWR", "America/New_York", "Newark Liberty International",
     "ニューアーク・リバティー国際空港"),
    ("LGA", "America/New_York", "New York LaGuardia", "ラガーディア空港"),
    ("ALB", "America/New_York", "Albany International", "オールバニ国際空港"),
    ("BOS", "America/New_York", "Boston Logan International", "ボストン・ローガン国際空港"),
    ("IAD", "America/New_York", "Washington Dulles International", "ワシントン・ダレス国際空港"),
    ("ATL", "America/New_York", "Atlanta Hartsfield-Jackson",
     "ハーツフィールド・ジャクソン・アトランタ国際空港"),
    ("DTW", "America/Detroit", "Detroit Metropolitan", "デトロイト・メトロポリタン空港"),
    ("ORD", "America/Chicago", "Chicago O'Hare International", "シカゴ・オヘア国際空港"),
    ("DFW", "America/Chicago", "Dallas/Fort Worth International",
     "ダラス・フォートワース国際空港"),
    ("SFO", "America/Los_Angeles", "San Francisco International", "サンフランシスコ国際空港"),
    ("LAX", "America/Los_Angeles", "Los Angeles International", "ロサンゼルス国際空港"),
    ("SEA", "America/Los_Angeles", "Seattle-Tacoma International", "シアトル・タコマ国際空港"),
    ("HNL", "Pacific/Honolulu", "Honolulu Daniel K. Inouye International",
     "ダニエル・K・イノウエ国際空港（ホノルル）"),
)
AIRPORTS: dict[str, Airport] = {row[0]: Airport(*row) for row in _TABLE}


def normalize_code(text: str) -> str:
    """NFKC, trimmed and upper-case: "ｈｎｄ ", "hnd" and "HND" are the same code."""
    return unicodedata.normalize("NFKC", text).strip().upper()


def airport(code: str) -> Airport | None:
    return AIRPORTS.get(normalize_code(code))


def zone_for(code: str) -> str | None:
    """The IANA zone of the airport, or None for a code not in the table."""
    found = airport(code)
    return found.tz if found else None
