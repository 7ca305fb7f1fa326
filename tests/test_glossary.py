"""The Japanese catalog holds to the shared glossary (../shared/GLOSSARY.md): no word the
glossary turns down, and a message that is one of its terms says it with the glossary's word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT.parent / "shared" / "GLOSSARY.md"
CATALOG = ROOT / "i18n" / "locale" / "ja" / "LC_MESSAGES" / "messages.po"


def _rows() -> list[tuple[str, str, str]]:
    if not GLOSSARY.exists():
        pytest.skip(f"no glossary beside the repository at {GLOSSARY}")
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 3 and cells[0] not in ("English", "---"):
            rows.append((cells[0], cells[1], cells[2]))
    return rows


def _messages() -> list[tuple[str, str]]:
    """(English, Japanese) of every message; each plural form on its own."""
    with CATALOG.open("rb") as f:
        catalog = read_po(f)
    out = []
    for m in catalog:
        if not m.id:
            continue
        ids = (m.id,) if isinstance(m.id, str) else m.id
        strings = (m.string,) if isinstance(m.string, str) else m.string
        out.extend((ids[min(n, len(ids) - 1)], s) for n, s in enumerate(strings))
    return out


def _banned() -> list[tuple[str, str, str | None]]:
    """(word turned down, the glossary's word, a longer word that is fine) from the "not"
    column; "fine in prose" words are allowed, as are terms the note says are right elsewhere
    ("use 見学者 for the visitors")."""
    banned = []
    for _en, ja, refused in _rows():
        if not refused or "fine in prose" in refused or "alone in prose" in refused:
            continue
        word = re.sub(r"\s*\(.*\)$", "", refused).strip()
        allowed = re.search(r"use (\S+) for", refused)
        banned.append((word, ja, allowed.group(1) if allowed else None))
    return banned


def test_the_glossary_is_read_and_names_the_words_the_issue_found():
    words = {word for word, _ja, _allowed in _banned()}
    assert {"旅券", "訪問者リスト", "安全説明", "招待中", "出席者", "旅程", "見学"} <= words


def test_no_japanese_message_uses_a_word_the_glossary_turns_down():
    found = []
    for english, japanese in _messages():
        for word, ja, allowed in _banned():
            text = japanese.replace(allowed, "") if allowed else japanese
            if word in text:
                found.append(f"{english!r}: {japanese!r} uses {word}, the glossary says {ja}")
    assert found == []


def _terms() -> dict[str, str]:
    """English term -> Japanese, one pair per slash-separated part ("not sent / submitted")."""
    terms = {}
    for en, ja, _refused in _rows():
        english = [e.strip() for e in re.sub(r"\(.*?\)", "", en).split("/")]
        japanese = [j.strip() for j in re.sub(r"\(.*?\)", "", ja).split("/")]
        if len(english) == len(japanese):
            terms.update({e.lower(): j for e, j in zip(english, japanese, strict=True)})
    return terms


def test_a_message_that_is_a_glossary_term_uses_the_glossarys_japanese():
    terms, found = _terms(), []
    for english, japanese in _messages():
        key = re.sub(r"&|…$|:$", "", english).strip().lower()
        term = terms.get(key) or terms.get(key.removesuffix("s"))
        if term and term not in japanese:
            found.append(f"{english!r}: {japanese!r} lacks {term}")
    assert found == []


@pytest.mark.parametrize("english, japanese", [
    ("passport", "パスポート"), ("visitor list", "見学者名簿"), ("safety briefing", "安全講習"),
    ("itinerary", "行程"), ("rooming list", "ルーミングリスト"), ("readiness", "準備状況"),
])
def test_messages_naming_the_issues_terms_say_them_with_the_glossarys_words(english, japanese):
    lacking = [(e, j) for e, j in _messages()
               if re.search(rf"\b{english}", e, re.IGNORECASE) and japanese not in j
               and not (english == "readiness" and "要確認事項" in j)]
    assert lacking == []
