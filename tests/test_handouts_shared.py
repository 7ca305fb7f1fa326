"""Pages drawn once and shown in many packs (documents/handouts/shared_pages.py): a batch of
every delegate's pack draws each distinct section once, known by its HTML's digest, and every
pack shows the drawings of its own sections. Read back with pdftotext: each pack of the batch
says what the delegate's own pack says, page by page, and delegates with other items or other
contacts get other pages."""

from __future__ import annotations

import re
import subprocess

import pytest

from documents.handouts import export_handout
from documents.handouts.export import load
from documents.workbook.lang import display_name
from documents.workbook.travel import Names
from i18n import _, temporary_language

CODE = "HKD-ALB-2026"


def _pages(path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    return text.split("\f")[:-1]


def _drawn_pages(path) -> int:
    """The pages Qt drew (the pages shown point at them)."""
    return len(re.findall(rb"/Type /Page\n/Parent \d+ 0 R\n/Contents \d+ 0 R",
                          path.read_bytes()))


@pytest.mark.parametrize("language", ["en", "ja"])
def test_each_pack_of_a_batch_is_the_delegates_own_pack(qapp, demo_db, tmp_path, language):
    loaded = load(demo_db.engine, code=CODE)
    people = loaded.data.people
    with temporary_language(language):
        pids = Names.of(loaded.data).sorted(p.pid for p in loaded.data.active())
    everyone = tmp_path / "everyone.pdf"
    result = export_handout(demo_db.engine, code=CODE, path=everyone, language=language,
                            everyone=True)
    batch = _pages(everyone)
    assert len(batch) == result.pages
    packs, at = {}, 0
    for pid in pids:
        own = tmp_path / f"{pid}.pdf"
        # On the batch's paper: alone, a delegate from the US gets Letter.
        export_handout(demo_db.engine, code=CODE, path=own, language=language,
                       participant_id=pid, paper=result.paper)
        pages = _pages(own)
        packs[pid] = batch[at:at + len(pages)]
        assert packs[pid] == pages, display_name(people[pid])
        at += len(pages)
    assert at == len(batch)
    # Not the same pages for all: the delegates' itineraries and contacts differ, and the
    # pages many of them share were drawn once.
    with temporary_language(language):
        itinerary, emergency = _("Itinerary"), _("Emergency numbers")
    itineraries = {"\n".join(p for p in pages if itinerary in p) for pages in packs.values()}
    contacts = {next(p for p in pages if emergency in p) for pages in packs.values()}
    assert len(itineraries) > 3 and len(contacts) > 3
    # Drawn: each body once, each pack's footer, each "Page n of N" once.
    numbers = {re.search(r"(\d+)\D+(\d+)\D*$", page.strip()).groups() for page in batch}
    bodies = _drawn_pages(everyone) - len(pids) - len(numbers)
    assert bodies < len(batch) - len(pids)


def test_two_delegates_with_different_items_get_different_pages(qapp, demo_db, tmp_path):
    loaded = load(demo_db.engine, code=CODE)
    active = {p.pid for p in loaded.data.active()}
    # An item one delegate takes part in and another does not, with a title of its own.
    titles = [i.title_en for i in loaded.data.items]
    item = next(i for i in loaded.data.items if not i.everyone and titles.count(i.title_en) == 1
                and active - set(i.people) and active & set(i.people))
    inside = next(iter(active & set(item.people)))
    outside = next(iter(active - set(item.people)))
    everyone = tmp_path / "everyone.pdf"
    export_handout(demo_db.engine, code=CODE, path=everyone, language="en", everyone=True)
    packs: dict[str, str] = {}
    for page in _pages(everyone):
        footer = page.strip().splitlines()[-1]      # mission — name      Page n of N
        whose = re.sub(r"\s+Page \d+ of \d+$", "", footer).split("—")[-1].strip()
        packs[whose] = packs.get(whose, "") + page
    with temporary_language("en"):
        names = {pid: display_name(loaded.data.people[pid]) for pid in (inside, outside)}
    assert item.title_en in packs[names[inside]]
    assert item.title_en not in packs[names[outside]]


def test_a_page_copied_out_of_the_batch_shows_what_it_showed_there(qapp, demo_db, tmp_path):
    """A page is a stack of drawings with one resource dictionary: poppler's pdfseparate
    copies it into a file of its own, and the copy reads as the page did."""
    everyone = tmp_path / "everyone.pdf"
    export_handout(demo_db.engine, code=CODE, path=everyone, language="ja", everyone=True)
    batch = _pages(everyone)
    for number in (1, 3, len(batch)):
        single = tmp_path / f"page-{number}.pdf"
        subprocess.run(["pdfseparate", "-f", str(number), "-l", str(number), str(everyone),
                        str(single)], check=True)
        assert _pages(single) == [batch[number - 1]]
