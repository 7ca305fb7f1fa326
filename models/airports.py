"""Airports by IATA code from the airportsdata package: each code's IANA zone and English name,
so typing "HND" or "jfk" can fill a flight's time zone. Only the Japanese names are ours
(airportsdata has none): those of the airports US-Japan missions use.

The names are data (a bilingual pair, shown with i18n.pick), not messages to translate.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Airport:
    code: str
    tz: str
    name_en: str
    name_ja: str
    country: str = ""


# What airportsdata lacks: the airport's name as Japanese travellers and tickets write it.
JAPANESE_NAMES = {
    "HND": "東京国際空港（羽田）", "NRT": "成田国際空港", "KIX": "関西国際空港",
    "ITM": "大阪国際空港（伊丹）", "CTS": "新千歳空港", "FUK": "福岡空港",
    "NGO": "中部国際空港（セントレア）", "OKA": "那覇空港",
    "JFK": "ジョン・F・ケネディ国際空港", "EWR": "ニューアーク・リバティー国際空港",
    "LGA": "ラガーディア空港", "ALB": "オールバニ国際空港", "BOS": "ボストン・ローガン国際空港",
    "IAD": "ワシントン・ダレス国際空港", "ATL": "ハーツフィールド・ジャクソン・アトランタ国際空港",
    "DTW": "デトロイト・メトロポリタン空港", "ORD": "シカゴ・オヘア国際空港",
    "DFW": "ダラス・フォートワース国際空港", "SFO": "サンフランシスコ国際空港",
    "LAX": "ロサンゼルス国際空港", "SEA": "シアトル・タコマ国際空港",
    "HNL": "ダニエル・K・イノウエ国際空港（ホノルル）",
}


_lock = threading.Lock()


@cache
def _read() -> dict[str, Airport]:
    import airportsdata

    return {code: Airport(code, row["tz"], row["name"], JAPANESE_NAMES.get(code, ""),
                          row["country"])
            for code, row in airportsdata.load("IATA").items()}


def airports() -> dict[str, Airport]:
    """Every airport airportsdata knows by an IATA code, read once (0.1-0.7 s: its CSV holds
    every airport of the world), whichever thread asks first."""
    with _lock:
        return _read()


def warm_up() -> None:
    """Read the airports in the background now (a dialog that will look codes up is opening),
    so the first code typed does not wait for them."""
    if _read.cache_info().currsize == 0:
        threading.Thread(target=airports, name="airports", daemon=True).start()


def normalize_code(text: str) -> str:
    """NFKC, trimmed and upper-case: "ｈｎｄ ", "hnd" and "HND" are the same code."""
    return unicodedata.normalize("NFKC", text).strip().upper()


def airport(code: str) -> Airport | None:
    """The airport of `code`: from the whole table once read, else from its one row of
    airportsdata's file (a travel pack names a dozen airports: reading all 7,000 of them was a
    third of one delegate's pack)."""
    code = normalize_code(code)
    if _read.cache_info().currsize:
        return _read().get(code)
    return _one(code)


@cache
def _csv() -> tuple[str, str]:
    """airportsdata's file (the one airportsdata.load reads) and its header line."""
    from pathlib import Path

    import airportsdata

    text = (Path(airportsdata.__file__).parent / "airports.csv").read_text(encoding="utf8")
    return text, text[:text.index("\n")]


@cache
def _one(code: str) -> Airport | None:
    import csv
    import re

    if not re.fullmatch(r"[A-Z0-9]{3}", code):
        return None
    text, header = _csv()
    # The IATA code is the second column; the last row of a code wins, as in airportsdata.load.
    rows = re.findall(rf'^"[^"\n]*","{code}",[^\n]*$', text, re.M)
    if not rows:
        return None
    row = next(csv.DictReader([header, rows[-1]], quoting=csv.QUOTE_NONNUMERIC))
    return Airport(code, row["tz"], row["name"], JAPANESE_NAMES.get(code, ""), row["country"])


def zone_for(code: str) -> str | None:
    """The IANA zone of the airport, or None for a code no airport has."""
    found = airport(code)
    return found.tz if found else None
