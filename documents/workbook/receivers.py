"""The receivers of a mission's documents: the organizers, each site's security office, each
hotel, each coach company, each meal's caterer, each delegate and each counterpart met at a
商談会 (its own schedule only), with what their document
holds, which personal fields leave the laptop in it, its language and paper.

A receiver's NAME is matched like a person would type it (models/receivers.match_names).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from documents.workbook.data import MissionData
from documents.workbook.lang import display_name, latin_name, native_name, without_prefix
from documents.workbook.page import PAPER_A4, PAPER_LETTER
from documents.workbook.schedules import has_meetings, schedule_lines
from i18n import N_, _, pick
from i18n.formatting import format_date
from models.entities import AttendanceStatus, ItemKind
from models.lodging import StayRow
from models.readiness_data import PlanItem
from models.receivers import match_names
from models.rules import email_key
from models.times import local_date
from models.zone_countries import zone_country

KINDS = ("organizers", "site", "hotel", "transport", "meal", "delegate", "counterpart")
KIND_NAMES = {"organizers": N_("Organizers"), "site": N_("Site (visitor list)"),
              "hotel": N_("Hotel (rooming list)"), "transport": N_("Coach company (trips)"),
              "meal": N_("Caterer (dietary list)"), "delegate": N_("Delegate (own itinerary)"),
              "counterpart": N_("Counterpart (own meeting schedule)")}


@dataclass(frozen=True)
class Receiver:
    kind: str
    key: object                       # item id, the coach company's name, participant id
    name_en: str
    name_ja: str
    country: str = ""                 # "JP", "US", or "" when unknown
    aliases: tuple[str, ...] = field(default_factory=tuple)

    @property
    def name(self) -> str:
        return pick(self.name_en, self.name_ja)[0]

    @property
    def language(self) -> str:
        return "ja" if self.country == "JP" else "en"

    @property
    def paper(self) -> int:
        return PAPER_A4 if self.country == "JP" else PAPER_LETTER

    def ident(self) -> str:
        """KIND=NAME as the command line takes it."""
        return self.kind if self.kind == "organizers" else f"{self.kind}={self.name}"


ORGANIZERS = Receiver("organizers", None, "Whole workbook", "ワークブック全体")


def hotel_name(title: str) -> str:
    """"Hotel: Sapporo Kitagate Hotel (1 night)" -> "Sapporo Kitagate Hotel"."""
    name = without_prefix(title)
    for opening, closing in (("(", ")"), ("（", "）")):
        if name.endswith(closing) and opening in name:
            name = name[:name.rindex(opening)].rstrip()
    return name or title


def _country(zone: str) -> str:
    return zone_country(zone) or ""


def coach_company(data: MissionData, item) -> str:
    """The receiver a transfer's document goes to: the company running it, or its driver
    (dispatch desk) when no company is named."""
    extra = data.item_extra.get(item.id, {})
    # The older one-language "carrier" field names the coach company where no operator is.
    return (extra.get("operator_en") or extra.get("operator_ja") or item.carrier
            or item.driver_name)


def company_trips(data: MissionData, key: str) -> list:
    """The transfers of the company (or driver) `key`."""
    return [i for i in data.items if i.kind == ItemKind.TRANSFER.value
            and key and coach_company(data, i) == key]


def list_receivers(data: MissionData, kinds=KINDS) -> list[Receiver]:
    """Every receiver of the mission (of `kinds`), organizers first, then in the plan's
    order, then the delegates by name."""
    found = [ORGANIZERS]
    seen_companies: set[str] = set()
    for item in data.items:
        if item.kind == ItemKind.SITE_VISIT.value and item.site_id in data.sites:
            site = data.sites[item.site_id]
            found.append(Receiver("site", item.id, site.name_en, site.name_ja,
                                  _country(site.tz), (item.title_en, item.title_ja)))
        elif item.kind == ItemKind.HOTEL.value:
            found.append(Receiver("hotel", item.id, hotel_name(item.title_en),
                                  hotel_name(item.title_ja), _country(item.start_tz),
                                  (item.title_en, item.title_ja)))
        elif item.kind == ItemKind.MEAL.value:
            found.append(Receiver("meal", item.id, item.title_en, item.title_ja,
                                  _country(item.start_tz), (item.location_en, item.location_ja)))
        elif item.kind == ItemKind.TRANSFER.value and coach_company(data, item):
            company = coach_company(data, item)
            if company not in seen_companies:
                seen_companies.add(company)
                extra = data.item_extra.get(item.id, {})
                found.append(Receiver("transport", company, extra.get("operator_en") or company,
                                      extra.get("operator_ja") or company,
                                      _country(item.start_tz),
                                      (item.driver_name, extra.get("driver_name_ja", ""))))
    _tell_apart(found)
    found = [r for r in found if r.kind in kinds]
    if "delegate" in kinds:
        found += delegates(data.people)
    if "counterpart" in kinds and data.meetings is not None:
        found += _counterparts(data)
    return found


def _counterparts(data: MissionData) -> list[Receiver]:
    """The counterparts with at least one meeting, by name; in the country of the session."""
    meetings = data.meetings
    zones = {r.counterpart_id: row.tz for row, _slots, requests, _placed in meetings.sessions
             for r in requests}
    found = [Receiver("counterpart", cp.id, cp.name_en or cp.name_ja, cp.name_ja or cp.name_en,
                      _country(zones.get(cp.id, "")), (cp.contact_en, cp.contact_ja, cp.email))
             for cp in meetings.counterparts.values() if has_meetings(meetings, cp.id)]
    return sorted(found, key=lambda r: r.name_en.casefold())


def delegates(people: dict) -> list[Receiver]:
    """The delegates among `people` (MissionData.people), by name."""
    found = []
    people = sorted((p for p in people.values()
                     if p.status != AttendanceStatus.CANCELLED.value), key=_person_order)
    for p in people:
        latin = " ".join(x for x in (p.given, p.family) if x)
        native = native_name(p)
        found.append(Receiver(
            "delegate", p.pid, latin or native, native or latin,
            "JP" if p.citizenship.upper() == "JP" else "US" if p.citizenship else "",
            (latin_name(p), " ".join(x for x in (p.family, p.given) if x),
             " ".join(x for x in (p.family_kana, p.given_kana) if x), p.email)))
    return found


def _tell_apart(found: list[Receiver]) -> None:
    """Two visits to one site: each named by its visit as well."""
    from collections import Counter

    twice = Counter((r.kind, r.name_en) for r in found)
    for n, r in enumerate(found):
        if twice[(r.kind, r.name_en)] > 1 and r.aliases:
            en, ja = (without_prefix(a) for a in r.aliases[:2])
            found[n] = Receiver(r.kind, r.key, f"{r.name_en} ({en or ja})",
                                f"{r.name_ja}（{ja or en}）", r.country, r.aliases)


def _person_order(p) -> tuple:
    return (p.family.casefold(), p.given.casefold())


class ReceiverNotFound(Exception):
    """No receiver, or more than one, has the name asked for; `candidates` are the ones to
    choose from."""

    def __init__(self, kind: str, name: str, candidates: list[Receiver]) -> None:
        super().__init__(kind, name)
        self.kind, self.name, self.candidates = kind, name, candidates

    def user_message(self) -> str:
        if self.kind not in KINDS:
            head = _("{kind} is not a kind of receiver. Choose one of: {kinds}.").format(
                kind=self.kind, kinds=", ".join(KINDS))
            return head
        if not self.name:
            head = _("Say which {kind}: --for {kind}=NAME.").format(kind=self.kind)
        elif self.candidates and self.ambiguous:
            head = _("More than one {kind} matches {name}:").format(kind=self.kind,
                                                                    name=self.name)
        else:
            head = _("No {kind} matches {name}. The {kind} receivers are:").format(
                kind=self.kind, name=self.name)
        return "\n".join([head, *(f"  {r.ident()}" for r in self.candidates)])

    ambiguous = False


def find_receiver(receivers: list[Receiver], kind: str, name: str = "") -> Receiver:
    """The receiver of `kind` that `name` names (a unique part of it is enough; a delegate
    by e-mail too). ReceiverNotFound lists the candidates."""
    of_kind = [r for r in receivers if r.kind == kind]
    if kind == "organizers" or (len(of_kind) == 1 and not name):
        if of_kind:
            return of_kind[0]
    if kind not in KINDS:
        raise ReceiverNotFound(kind, name, [])
    if not name:
        raise ReceiverNotFound(kind, name, of_kind)
    if kind == "delegate" and "@" in name:
        mail = email_key(name)
        hit = [r for r in of_kind if any(email_key(a) == mail for a in r.aliases if "@" in a)]
        if len(hit) == 1:
            return hit[0]
    keys = match_names(name, {n: [r.name_en, r.name_ja, *r.aliases]
                              for n, r in enumerate(of_kind)})
    if len(keys) == 1:
        return of_kind[keys[0]]
    error = ReceiverNotFound(kind, name, [of_kind[k] for k in keys] or of_kind)
    error.ambiguous = bool(keys)
    raise error


def descriptions(data: MissionData, receivers: list[Receiver]) -> list[str]:
    """A line for each receiver: what its document holds. The plan's look-ups are made once
    for the whole list: at the large end a mission has 3,000 receivers and 3,000 items."""
    items = {i.id: i for i in data.items}
    stays = {s.item_id: s for s in data.stays}
    return [_description(data, receiver, items, stays) for receiver in receivers]


def _description(data: MissionData, receiver: Receiver, items: dict[int, PlanItem],
                 stays: dict[int, StayRow]) -> str:
    from i18n import ngettext

    if receiver.kind == "organizers":
        return _("The whole workbook: overview and findings, roster, itinerary, visitor "
                 "lists, rooming lists, manifest, dietary lists, contacts")
    if receiver.kind == "site":
        item = items[receiver.key]
        n = len(item.people)
        return _("Visitor list for {visit}, {day}: up to {n} visitors").format(
            visit=pick(item.title_en, item.title_ja)[0],
            day=format_date(local_date(item.start, item.start_tz)), n=n)
    if receiver.kind == "hotel":
        stay = stays[receiver.key]
        rooms = len(stay.nights[0].rooms) if stay.nights else 0
        return ngettext("Rooming list: {n} room, {check_in} to {check_out}",
                        "Rooming list: {n} rooms, {check_in} to {check_out}", rooms).format(
            n=rooms, check_in=format_date(stay.check_in), check_out=format_date(stay.check_out))
    if receiver.kind == "transport":
        trips = company_trips(data, receiver.key)
        return ngettext("Trips: {n} trip with pick-up, drop-off, times and headcount",
                        "Trips: {n} trips with pick-up, drop-off, times and headcount",
                        len(trips)).format(n=len(trips))
    if receiver.kind == "meal":
        item = items[receiver.key]
        return _("Dietary list for {day}: guest count and each guest's needs").format(
            day=format_date(local_date(item.start, item.start_tz)))
    if receiver.kind == "counterpart":
        n = len(schedule_lines(data.meetings, counterpart=receiver.key))
        return ngettext("Own meeting schedule: {n} meeting with the delegation",
                        "Own meeting schedule: {n} meetings with the delegation", n).format(n=n)
    person = data.people[receiver.key]
    if data.meetings is not None and schedule_lines(data.meetings, participant=person.pid):
        return _("Own itinerary with rooms, own meeting schedule, and the contact sheet "
                 "({email})").format(email=person.email or display_name(person))
    return _("Own itinerary with rooms, and the contact sheet ({email})").format(
        email=person.email or display_name(person))


@dataclass
class Document:
    """A receiver's document as built: its sheets, the personal fields in it (translated
    labels), and what the organizer should know is missing before sending it."""

    sheets: list
    personal: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    portrait: bool = False
