"""Writing travel packs: one delegate's, the whole delegation's, or every delegate's in one
file, as PDF in English or Japanese on A4 or Letter, saved atomically like the workbook (a
cancelled or failed export leaves the old file, and no partial one)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from documents.handouts.content import Batch, build_handout
from documents.handouts.html import handout_sections
from documents.handouts.pdf import Cancelled, Part, Progress, write_pdf
from documents.handouts.places import paper_for, zone_country
from documents.workbook.data import MissionData, find_person, load_mission
from documents.workbook.lang import display_name
from documents.workbook.meetings import read_meetings
from documents.workbook.save import ExportCancelled, ExportError, check_target, save_atomically
from i18n import _, pick, temporary_language
from models import repository as repo
from models.sites import site_values
from models.store.db import Engine, read_session


@dataclass(frozen=True)
class HandoutResult:
    path: Path
    pages: int
    paper: str


@dataclass
class Loaded:
    data: MissionData
    sites: dict[int, SimpleNamespace]


def load(engine: Engine, *, code: str, person_id: int | None = None) -> Loaded:
    """The mission's plan (no sensitive fields) and its sites' addresses and rules; for
    `person_id`, only what that person's pack reads (their items, stays and meetings)."""
    data = load_mission(engine, code=code, sensitive=False, today=date.today(),
                        person_id=person_id, own_items=person_id is not None)
    if data is None:
        raise ExportError("unknown_mission", code=code)
    with read_session(engine) as session:
        if data.meetings is None:            # a batch: every delegate's meetings
            data.meetings = read_meetings(session, mission_id=data.mission.id)
        sites = {s.id: SimpleNamespace(id=s.id, **site_values(s))
                 for s in repo.list_sites(session, mission_id=data.mission.id)}
    return Loaded(data, sites)


def participant(engine: Engine, *, code: str, email: str = "",
                participant_id: int | None = None) -> int:
    if participant_id is not None:
        return participant_id
    with read_session(engine) as session:
        mission = repo.find_mission_by_code(session, code=code)
    if mission is None:
        raise ExportError("unknown_mission", code=code)
    pid = find_person(engine, mission_id=mission.id, email=email)
    if pid is None:
        raise ExportError("unknown_person", code=code, email=email)
    return pid


def default_paper(loaded: Loaded, pid: int | None) -> str:
    """Letter for a receiver in the US, A4 in Japan: the delegate's citizenship, else the
    mission's home country."""
    person = loaded.data.people.get(pid) if pid is not None else None
    country = (person.citizenship if person is not None else "") or \
        zone_country(loaded.data.mission.home_tz)
    return paper_for(country)


def iter_parts(loaded: Loaded, pids: list[int | None]) -> Iterator[Part]:
    """One Part per person (None: the whole delegation's itinerary) in the current language,
    made as the PDF needs them: 2,000 handouts' HTML is never all in memory at once. Run it
    inside the caller's temporary_language: a generator suspended in a `with` of its own
    could put the language back after the caller had."""
    batch = Batch(loaded.data)
    for pid in pids:
        person = loaded.data.people.get(pid) if pid is not None else None
        handout = build_handout(loaded.data, loaded.sites, person, batch)
        footer = handout.footer if person is None else \
            f"{handout.footer}  —  {display_name(person)}"
        yield Part(handout_sections(handout), footer)


def cover_part(loaded: Loaded, pid: int | None, language: str) -> Part:
    """The first page (the cover) of a person's pack or the delegation's, for a preview: at
    once, however many items the mission holds."""
    from documents.handouts.html import cover_section

    with temporary_language(language):
        person = loaded.data.people.get(pid) if pid is not None else None
        handout = build_handout(loaded.data, loaded.sites, person, cover_only=True)
        footer = handout.footer if person is None else \
            f"{handout.footer}  —  {display_name(person)}"
        return Part((cover_section(handout),), footer)


def export_handout(engine: Engine, *, code: str, path: str | Path, language: str,
                   email: str = "", participant_id: int | None = None,
                   everyone: bool = False, paper: str | None = None,
                   progress: Progress | None = None) -> HandoutResult:
    """The PDF travel pack at `path`: one attendee's (by e-mail or participant id), every
    attendee's one after another (`everyone`), or else the whole delegation's itinerary.

    ExportError (nothing written) for an unknown mission or person or a target that cannot be
    written; ExportCancelled when `progress` returns False (nothing written either).
    """
    path = Path(path)
    check_target(path, ".pdf")
    pid = participant(engine, code=code, email=email, participant_id=participant_id) \
        if (email or participant_id is not None) else None
    loaded = load(engine, code=code, person_id=None if everyone else pid)
    if pid is not None and pid not in loaded.data.people:
        raise ExportError("unknown_person", code=code, email=email)
    if everyone:
        with temporary_language(language):
            from documents.workbook.travel import Names

            pids = Names.of(loaded.data).sorted(p.pid for p in loaded.data.active())
    else:
        pids = [pid]
    paper = paper or default_paper(loaded, pid)
    with temporary_language(language):
        m = loaded.data.mission
        pack = _("Travel pack")
        title = f"{m.code} {pick(m.title_en, m.title_ja)[0]} — {pack}"
    pages = []

    def write(out) -> None:
        # The footers' "Page n of N" is in the document's language too.
        with temporary_language(language):
            pages.append(write_pdf(iter_parts(loaded, pids), out, count=len(pids),
                                   paper=paper, title=title, progress=progress))

    _save(write, path)
    return HandoutResult(path, pages[0], paper)


def _save(write, path: Path) -> None:
    """save_atomically for a PDF: a cancel leaves the old file and no temporary one."""
    try:
        save_atomically(write, path, private=False, suffix=".pdf")
    except Cancelled as exc:
        raise ExportCancelled() from exc


def seated_badges(engine: Engine, loaded: Loaded, item_id: int, language: str) -> list:
    """The badges of the people seated at an item, by table and seat, in the language's name
    order."""
    from documents.handouts.badges import badge_of
    from models.seating import get_seats

    with read_session(engine) as session:
        seats = get_seats(session, item_id=item_id)
    people = loaded.data.people
    with temporary_language(language):
        return [badge_of(people[pid]) for pid, _seat in sorted(seats.items(),
                                                               key=lambda kv: kv[1])
                if pid in people]


def badge_list(loaded: Loaded, language: str) -> list:
    """Every attendee not cancelled, in the language's name order, as badges."""
    from documents.handouts.badges import badge_of
    from documents.workbook.travel import Names

    with temporary_language(language):
        names = Names.of(loaded.data)
        pids = names.sorted(p.pid for p in loaded.data.active())
        return [badge_of(loaded.data.people[pid]) for pid in pids]


def export_badges(engine: Engine, *, code: str, path: str | Path, language: str,
                  layout: str = "badge", paper: str | None = None,
                  progress: Progress | None = None, item_id: int | None = None) -> HandoutResult:
    """Name badges on label sheets (`layout` "badge") or folded table cards ("tent") for
    every attendee not cancelled, as a PDF at `path`; errors as export_handout's. With
    `item_id`, the cards of the people seated at that meal or ceremony, table by table in
    seat order (the order they are set out in)."""
    from documents.handouts.badges import write_badges

    path = Path(path)
    check_target(path, ".pdf")
    loaded = load(engine, code=code)
    paper = paper or default_paper(loaded, None)
    if item_id is None:
        badges = badge_list(loaded, language)
    else:
        badges = seated_badges(engine, loaded, item_id, language)
    with temporary_language(language):
        m = loaded.data.mission
        what = _("Table cards") if layout == "tent" else _("Name badges")
        item = next((i for i in loaded.data.items if i.id == item_id), None)
        if item is not None:
            what = f"{what}: {pick(item.title_en, item.title_ja)[0]}"
        title = f"{m.code} {pick(m.title_en, m.title_ja)[0]} — {what}"
    pages = []

    def write(out) -> None:
        pages.append(write_badges(badges, out, paper=paper, layout=layout, title=title,
                                  progress=progress))

    _save(write, path)
    return HandoutResult(path, pages[0], paper)
