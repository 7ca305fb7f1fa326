"""Page breaks in the travel packs, read back with pdftotext: every pack of the demo (each
delegate's and the whole delegation's, in English and Japanese) says each line once, on its
own page. Qt drew the line before a page break on the next page too (hidden by the clip on
paper, but there in the text that is copied, searched and read aloud)."""

from __future__ import annotations

import re
import subprocess

import pytest
from PySide6.QtGui import QTextDocument

from documents.handouts import export_handout
from documents.handouts.export import iter_parts, load
from documents.workbook.travel import Names
from i18n import temporary_language

CODE = "HKD-ALB-2026"
# The footer's "Page n of N" / "n / N ページ": where one pack ends and the next begins.
_PAGE = re.compile(r"(?:Page (\d+) of (\d+)|(\d+) / (\d+) ページ)\s*$")


def _pages(path) -> list[list[str]]:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [[line.strip() for line in page.splitlines() if line.strip()]
            for page in text.split("\f")[:-1]]


def _packs(pages: list[list[str]]) -> list[list[list[str]]]:
    """The pages of each pack, by the page numbers in their footers."""
    packs = []
    for page in pages:
        number = next(m for line in page if (m := _PAGE.search(line)))
        first = int(number[1] or number[3])
        body = [line for line in page if not _PAGE.search(line)]
        if first == 1:
            packs.append([])
        packs[-1].append(body)
    return packs


def _sources(demo_db, pids, language: str) -> list[tuple[str, str]]:
    """Each pack's own text, as its document holds it (one paragraph a line), and its
    footer's left side, which every page repeats."""
    loaded = load(demo_db.engine, code=CODE)
    with temporary_language(language):
        parts = list(iter_parts(loaded, pids))
    texts = []
    for part in parts:
        doc = QTextDocument()
        doc.setHtml(part.html)
        texts.append((doc.toPlainText(), part.footer))
    return texts


def _repeated_across_breaks(pack: list[list[str]], source: tuple[str, str],
                            near: int = 4) -> list[str]:
    """Lines at the foot of a page that come again at the head of the next, where the pack's
    own text does not say them twice (the footer aside)."""
    text, footer = source[0], " ".join(source[1].split())   # pdftotext's single spaces
    found = []
    for number, (page, following) in enumerate(zip(pack, pack[1:], strict=False), start=1):
        for line in page[-near:]:
            if line in following[:near] and line != footer and text.count(line) < 2:
                found.append(f"page {number}->{number + 1}: {line}")
    return found


@pytest.mark.parametrize("language", ["en", "ja"])
def test_no_line_is_printed_on_both_sides_of_a_page_break(qapp, demo_db, tmp_path, language):
    loaded = load(demo_db.engine, code=CODE)
    with temporary_language(language):
        pids = Names.of(loaded.data).sorted(p.pid for p in loaded.data.active())
    everyone, delegation = tmp_path / "everyone.pdf", tmp_path / "delegation.pdf"
    export_handout(demo_db.engine, code=CODE, path=everyone, language=language, everyone=True)
    export_handout(demo_db.engine, code=CODE, path=delegation, language=language)
    packs = _packs(_pages(everyone)) + _packs(_pages(delegation))
    sources = _sources(demo_db, [*pids, None], language)
    assert len(packs) == len(sources) == len(pids) + 1
    # Page breaks inside paragraphs are there to be checked: most packs run over several pages.
    assert sum(len(pack) - 1 for pack in packs) > 3 * len(packs)
    repeated = {i: found for i, (pack, source) in enumerate(zip(packs, sources, strict=True))
                if (found := _repeated_across_breaks(pack, source))}
    assert repeated == {}
