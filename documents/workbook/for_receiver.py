"""Exporting one receiver's own document (see receivers.py), and what the export window shows
before saving: the receivers with what each document holds, the personal fields that leave
the laptop in it and what is missing.

The organizers' document is the whole workbook (export.export_mission); every other one is
built from a read that leaves the readiness findings out, so none can reach a receiver.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from documents.workbook.book import Book, Progress
from documents.workbook.contacts import contacts_sheet
from documents.workbook.data import (
    MissionData,
    load_contacts,
    load_mission,
    load_people,
    load_stays,
    load_visitors,
)
from documents.workbook.export import ExportResult, export_mission
from documents.workbook.hotel import hotel_document
from documents.workbook.lang import display_name, titled
from documents.workbook.meal import meal_document
from documents.workbook.page import PageSetup
from documents.workbook.people import mission_title
from documents.workbook.receivers import (
    KIND_NAMES,
    ORGANIZERS,
    Document,
    Receiver,
    ReceiverNotFound,
    delegates,
    descriptions,
    find_receiver,
    list_receivers,
)
from documents.workbook.save import ExportError, check_target
from documents.workbook.schedules import (
    COUNTERPART_PERSONAL,
    delegate_schedule,
    schedule_sheet,
)
from documents.workbook.site import site_document
from documents.workbook.transport import transport_document
from documents.workbook.travel import itinerary_sheet, person_rooms
from i18n import N_, _, current_language, pick, temporary_language
from models.collection_pause import no_collection
from models.entities import ItemKind
from models.store.db import Engine

_DELEGATE_PERSONAL = [N_("Names, mobile numbers and e-mail addresses of the organizers, "
                         "interpreters and hosts")]
# Which receivers' documents may carry passport numbers or birth dates: only these are read
# with them.
_SENSITIVE_KINDS = {"site", "hotel", "organizers"}
_HOTEL_ITEMS = (ItemKind.HOTEL.value, ItemKind.FLIGHT.value, ItemKind.TRANSFER.value)


@dataclass(frozen=True)
class ReceiverExport(ExportResult):
    receiver: Receiver | None = None
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class Preview:
    """One receiver as the export window lists it, worded in the window's language."""

    receiver: Receiver
    kind_name: str
    description: str


@dataclass(frozen=True)
class Details:
    """What goes to a receiver: the personal fields in its document, and what is missing."""

    personal: tuple[str, ...]
    missing: tuple[str, ...]


def _load(engine: Engine, code: str, *, sensitive: bool, today: date,
          **options) -> MissionData:
    data = load_mission(engine, code=code, sensitive=sensitive, today=today, receivers=True,
                        **options)
    if data is None:
        raise ExportError("unknown_mission", code=code)
    return data


def _choose(receivers: list[Receiver], kind: str, name: str, key: object) -> Receiver:
    """The one with `key` (as the export window chose it), else the one `name` names."""
    chosen = [r for r in receivers if r.kind == kind and r.key == key] if key is not None else []
    return chosen[0] if chosen else find_receiver(receivers, kind, name)


def _receiver_data(engine: Engine, *, code: str, kind: str, name: str, key: object,
                   today: date) -> tuple[MissionData | None, Receiver]:
    """The receiver asked for, and only what its document reads: at 2,000 people and 3,000
    items reading the whole mission costs more than writing a hotel's or a delegate's file.
    None for the organizers, whose whole workbook reads its own."""
    if kind == "organizers":
        return None, ORGANIZERS
    sensitive = kind in _SENSITIVE_KINDS
    if kind == "delegate":
        # The delegate is found among the people, then only their own items, rooms and
        # meetings are read (as their travel pack reads them).
        people = load_people(engine, code=code, sensitive=sensitive)
        if people is None:
            raise ExportError("unknown_mission", code=code)
        receiver = _choose(delegates(people), kind, name, key)
        data = _load(engine, code, sensitive=sensitive, today=today, person_id=receiver.key,
                     own_items=True, people=people)
        load_contacts(engine, data)     # their contact sheet lists the whole mission's
        return data, receiver
    # A hotel's list reads its stay and the legs that arrive at it, and its own rooms only.
    data = _load(engine, code, sensitive=sensitive, today=today, stays=False,
                 kinds=_HOTEL_ITEMS if kind == "hotel" else None,
                 meetings=kind == "counterpart")
    receiver = _choose(list_receivers(data, kinds=(kind,)), kind, name, key)
    if receiver.kind == "site":
        load_visitors(engine, data, [receiver.key])
    elif receiver.kind == "hotel":
        load_stays(engine, data, [receiver.key])
    return data, receiver


def build(data: MissionData, receiver: Receiver, *, unconfirmed: bool = False) -> Document:
    """The receiver's document in the current language (a site's visitors must be loaded,
    see Receivers.details)."""
    used: set[str] = set()
    if receiver.kind == "site":
        return site_document(data, receiver, used, unconfirmed=unconfirmed)
    if receiver.kind == "hotel":
        return hotel_document(data, receiver, used)
    if receiver.kind == "transport":
        return transport_document(data, receiver, used)
    if receiver.kind == "meal":
        return meal_document(data, receiver, used)
    if receiver.kind == "delegate":
        person = data.people[receiver.key]
        sheets = [itinerary_sheet(data, used, person=person,
                                  notes_for=person_rooms(data, person.pid)),
                  *delegate_schedule(data, person, used),
                  contacts_sheet(data, used, reader=person)]
        return Document(sheets, [_(_DELEGATE_PERSONAL[0])])
    if receiver.kind == "counterpart":
        title = _("Meeting schedule with the delegation: {name}").format(name=receiver.name)
        return Document([schedule_sheet(data.meetings, used, title=title,
                                        counterpart=receiver.key)],
                        [_(COUNTERPART_PERSONAL)])
    raise ValueError(receiver.kind)


class Receivers:
    """A mission's receivers read once, for the export window: the list at once, each one's
    details (which builds its document) when it is chosen."""

    def __init__(self, engine: Engine, *, code: str, today: date | None = None,
                 sensitive: bool = True) -> None:
        """`sensitive`: read passport numbers and birth dates, which the details need (a
        listing does not)."""
        self.engine = engine
        self.data = _load(engine, code, sensitive=sensitive, today=today or date.today())
        self.receivers = list_receivers(self.data)
        self._details: dict[tuple, Details] = {}

    def previews(self) -> list[Preview]:
        return [Preview(r, _(KIND_NAMES[r.kind]), line)
                for r, line in zip(self.receivers, descriptions(self.data, self.receivers),
                                   strict=True)]

    def details(self, receiver: Receiver) -> Details:
        key = (receiver.kind, receiver.key, current_language())
        if key not in self._details:
            if receiver.kind == "organizers":
                found = Details((_("Everything, including passport numbers and dates of birth "
                                   "where a site requires them"),), ())
            elif receiver.kind == "delegate":  # its personal fields are the contact sheet's
                found = Details((_(_DELEGATE_PERSONAL[0]),), ())
            else:
                if receiver.kind == "site":
                    load_visitors(self.engine, self.data, [receiver.key])
                doc = build(self.data, receiver)
                found = Details(tuple(doc.personal), tuple(doc.missing))
            self._details[key] = found
        return self._details[key]


def previews(engine: Engine, *, code: str, today: date | None = None) -> list[Preview]:
    """Every receiver of the mission, for the `receivers` verb."""
    return Receivers(engine, code=code, today=today, sensitive=False).previews()


def receiver_file_name(code: str, receiver: Receiver, language: str) -> str:
    """HKD-ALB-2026-hotel-Sapporo-Kitagate-Hotel-ja.xlsx."""
    parts = [code] + ([] if receiver.kind == "organizers" else [receiver.kind,
                                                               receiver.name_en[:40]])
    name = "-".join("".join(c if c.isalnum() or c in "-_" else "-" for c in part)
                    for part in parts)
    while "--" in name:
        name = name.replace("--", "-")
    return f"{name.strip('-')}-{language}.xlsx"


@no_collection()        # see models/collection_pause.py
def export_for(engine: Engine, *, code: str, kind: str = "organizers", name: str = "",
               path: str | Path, language: str | None = None, unconfirmed: bool = False,
               progress: Progress | None = None, today: date | None = None,
               key: object = None) -> ReceiverExport:
    """Write the document of the receiver `kind`=`name` (or the one with `key`, as the window
    chose it) at `path`, in `language` (default: the receiver's). ReceiverNotFound for an
    unknown or ambiguous name, ExportError for an unknown mission or a target that cannot be
    written (nothing written either way)."""
    path = Path(path)
    check_target(path)
    today = today or date.today()
    data, receiver = _receiver_data(engine, code=code, kind=kind, name=name, key=key,
                                    today=today)
    if data is None:
        result = export_mission(engine, code=code, path=path,
                                language=language or current_language(), progress=progress,
                                today=today)
        return ReceiverExport(result.path, result.sheets, receiver)
    language = language or receiver.language
    with temporary_language(language):
        doc = build(data, receiver, unconfirmed=unconfirmed)
        m = data.mission
        setup = PageSetup(language=language, mission=f"{m.code}  {mission_title(data)}",
                          page_text=_("Page &P of &N"), paper=receiver.paper,
                          portrait=doc.portrait)
        what = _(KIND_NAMES[receiver.kind])
        author = ", ".join(pick(en, ja)[0] for en, ja in data.organizers) or "Kakehashi"
        subject = display_name(data.people[receiver.key]) if receiver.kind == "delegate" \
            else receiver.name
        book = Book(language=language, setup=setup, author=author,
                    title=titled(mission_title(data), subject), subject=what, keywords=m.code)
        book.write(doc.sheets, progress)
    personal = doc.personal
    book.save(path, private=any("passport" in p.casefold() or "パスポート" in p
                                for p in personal))
    return ReceiverExport(path, [s.name for s in doc.sheets], receiver, tuple(doc.missing))


__all__ = ["Details", "Preview", "ReceiverExport", "ReceiverNotFound", "Receivers", "build",
           "export_for", "previews", "receiver_file_name"]
