"""What the receivers' documents read beyond the organizers' workbook (a person's dietary
codes and visitor-list fields, an item's drop-off and Japanese operational texts, a site's
rules), and how a receiver's name typed on the command line is matched.

Sensitive fields are read only when a document asks for them by name.
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import select
from sqlmodel import Session, col

from models.entities import ItineraryItem, Participant, Person, Site

PERSON_EXTRAS = ("dietary_codes", "dietary_note", "birth_country", "passport_country",
                 "employer", "visit_purpose", "us_person", "escort", "latin_unconfirmed", "sex")
SENSITIVE_EXTRAS = ("passport_expiry",)
ITEM_EXTRAS = ("vehicle_ja", "pickup_ja", "dropoff_en", "dropoff_ja", "driver_notes_en",
               "driver_notes_ja", "confirmation", "hotel_phone", "operator_en", "operator_ja",
               "driver_name_ja")
SITE_RULES = ("address_en", "address_ja", "nda", "safety_briefing", "dress_code_en",
              "dress_code_ja", "photo_rules_en", "photo_rules_ja", "ppe_en", "ppe_ja",
              "arrival_en", "arrival_ja")


def person_extras(session: Session, *, mission_id: int,
                  sensitive: bool = False) -> dict[int, dict]:
    """Participant id -> the extra fields; the passport's expiry only with `sensitive`."""
    names = PERSON_EXTRAS + (SENSITIVE_EXTRAS if sensitive else ())
    query = (select(Participant.id, *(getattr(Person, n) for n in names))
             .join(Person, Person.id == Participant.person_id)
             .where(Participant.mission_id == mission_id))
    return {row[0]: dict(zip(names, row[1:], strict=True))
            for row in session.connection().execute(query)}


def item_extras(session: Session, *, mission_id: int) -> dict[int, dict]:
    query = select(ItineraryItem.id, *(getattr(ItineraryItem, n) for n in ITEM_EXTRAS)).where(
        ItineraryItem.mission_id == mission_id)
    return {row[0]: dict(zip(ITEM_EXTRAS, row[1:], strict=True))
            for row in session.connection().execute(query)}


def site_rules(session: Session, *, site_ids) -> dict[int, dict]:
    ids = list(site_ids)
    if not ids:
        return {}
    query = select(Site.id, *(getattr(Site, n) for n in SITE_RULES)).where(col(Site.id).in_(ids))
    return {row[0]: dict(zip(SITE_RULES, row[1:], strict=True))
            for row in session.connection().execute(query)}


def name_fold(text: str) -> str:
    """Case, width and kana folded: "ＲＡＰＩＤＵＳ", "rapidus"; "サッポロ", "さっぽろ"."""
    text = unicodedata.normalize("NFKC", text).casefold()
    # Katakana to hiragana: the two syllabaries differ by a fixed offset.
    text = "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)
    return " ".join(text.split())


def match_names(wanted: str, candidates: dict[str, list[str]]) -> list[str]:
    """The keys of `candidates` (key -> names it goes by) that `wanted` names: an exact name
    first, else the ones of which it is a part. One key: found; several: ambiguous."""
    folded = name_fold(wanted)
    if not folded:
        return []
    exact = [key for key, names in candidates.items()
             if any(name_fold(n) == folded for n in names)]
    if exact:
        return exact
    return [key for key, names in candidates.items()
            if any(folded in name_fold(n) for n in names if n)]
