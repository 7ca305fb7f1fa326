"""Everything a mission's workbook shows, read in one read-only session into plain rows.

Reads only (a read session, never a write one): exporting changes nothing in the database.
Every read is a models function: the items, sites and readiness findings come from one
readiness_data.load_plan; the people from attendees.document_attendees, which leaves the
sensitive fields (date of birth, passport number, visa type) unread when the export omits them.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from documents.workbook.meetings import MeetingsData, read_delegate_meetings, read_meetings
from models import repository as repo
from models.attendees import DocumentAttendee, document_attendees, participant_by_email
from models.consulates import ConsulateRow, list_consulates
from models.entities import AttendanceStatus, ItemKind
from models.lodging import StayRow, rooming_list
from models.readiness import Finding, check_plan
from models.readiness_data import (
    PlanItem,
    PlanSite,
    load_plan,
    mission_items,
    mission_zones,
)
from models.receivers import item_extras, person_extras, site_rules
from models.store.db import Engine, read_session
from models.visits import VisitorRow, list_visitors_of


@dataclass
class MissionData:
    mission: repo.MissionRow
    organizers: list[tuple[str, str]]
    people: dict[int, DocumentAttendee]
    items: list[PlanItem]                  # by start, then id
    sites: dict[int, PlanSite]
    counts: dict[str, int]
    stays: list[StayRow] = field(default_factory=list)
    visitors: dict[int, list[VisitorRow]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    sensitive: bool = True
    # What the receivers' documents read besides (models/receivers.py): by participant, by
    # item, by site.
    person_extra: dict[int, dict] = field(default_factory=dict)
    item_extra: dict[int, dict] = field(default_factory=dict)
    site_rules: dict[int, dict] = field(default_factory=dict)
    # The 商談会 meetings, for each delegate's and counterpart's schedule (receivers only).
    meetings: MeetingsData | None = None
    # The consulates and embassies that serve its delegates abroad (models/consulates.py).
    consulates: list[ConsulateRow] = field(default_factory=list)
    # Every zone of the mission's items, when `items` holds one person's only (own_items).
    zones: frozenset[str] | None = None
    # Every item of the mission without its people, when `items` holds one person's only and
    # their contact sheet lists the mission's drivers, hotels and countries (load_contacts).
    all_items: list[PlanItem] | None = None

    def mission_items(self) -> list[PlanItem]:
        return self.items if self.all_items is None else self.all_items

    def active(self) -> list[DocumentAttendee]:
        return [p for p in self.people.values() if p.status != AttendanceStatus.CANCELLED.value]


def load_mission(engine: Engine, *, code: str, sensitive: bool, today: date,
                 person_id: int | None = None, receivers: bool = False,
                 visits: frozenset[int] = frozenset(), stays: bool = True,
                 own_items: bool = False, kinds: Collection[str] | None = None,
                 meetings: bool = True,
                 people: dict[int, DocumentAttendee] | None = None) -> MissionData | None:
    """The mission with this code, or None. `person_id`: only what that person's own workbook
    needs (no visitor lists, stays or findings). `own_items` (with `person_id`): only that
    person's items, stays and meetings besides, for their travel pack or calendar (the
    mission's zones in `zones`). `receivers`: also what the receivers' documents read, the
    visitor lists of the site visits in `visits` only, and no readiness findings (no
    receiver's file shows them). `stays`: False leaves the rooms unread. `kinds`: only the
    items of these kinds (one receiver's document; not with the findings, which need all).
    `meetings`: False leaves the 商談会 unread (a receiver's document that shows none).
    `people`: the attendees already read by load_people, not read again."""
    own = person_id if own_items else None
    with read_session(engine) as session:
        mission = repo.find_mission_by_code(session, code=code)
        if mission is None:
            return None
        orgs = {o.id: o for o in repo.list_organizations(session)}
        organizers = [(orgs[i].name_en, orgs[i].name_ja) for i in mission.organizer_ids
                      if i in orgs]
        plan = load_plan(session, mission_id=mission.id, details=True, participant_id=own,
                         kinds=kinds)
        if people is None:
            people = document_attendees(session, mission_id=mission.id, sensitive=sensitive)
        data = MissionData(
            mission=mission, organizers=organizers, people=people,
            items=plan.items, sites=plan.sites,
            counts=repo.mission_counts(session, mission_id=mission.id), sensitive=sensitive)
        if stays:
            data.stays = rooming_list(session, mission_id=mission.id, item_ids=None if own is None
                                      else [i.id for i in plan.items
                                            if i.kind == ItemKind.HOTEL.value])
        if person_id is None:
            data.visitors = list_visitors_of(session, item_ids=[
                item.id for item in plan.items if item.kind == ItemKind.SITE_VISIT.value
                and item.site_id and (not receivers or item.id in visits)])
            if not receivers and kinds is None:
                data.findings = check_plan(plan, today=today)
        # Every document may print the Japanese operational texts and the dietary codes.
        data.person_extra = person_extras(session, mission_id=mission.id, sensitive=sensitive)
        data.item_extra = item_extras(session, mission_id=mission.id)
        data.site_rules = site_rules(session, site_ids=plan.sites)
        if own is not None:
            data.zones = mission_zones(session, mission_id=mission.id)
            data.meetings = read_delegate_meetings(session, mission_id=mission.id,
                                                   participant_id=own, people=plan.people)
        elif meetings and (receivers or person_id is not None):
            data.meetings = read_meetings(session, mission_id=mission.id)
        data.consulates = list_consulates(session, mission_id=mission.id)
    return data


def load_people(engine: Engine, *, code: str,
                sensitive: bool) -> dict[int, DocumentAttendee] | None:
    """The mission's attendees (as MissionData.people has them), or None for no such
    mission: enough to find one delegate before reading only what their document needs."""
    with read_session(engine) as session:
        mission = repo.find_mission_by_code(session, code=code)
        if mission is None:
            return None
        return document_attendees(session, mission_id=mission.id, sensitive=sensitive)


def load_stays(engine: Engine, data: MissionData, item_ids) -> None:
    """Add the rooms and guests of these hotel stays to `data` (read with stays=False)."""
    wanted = [i for i in item_ids if all(s.item_id != i for s in data.stays)]
    if wanted:
        with read_session(engine) as session:
            data.stays += rooming_list(session, mission_id=data.mission.id, item_ids=wanted)


def load_contacts(engine: Engine, data: MissionData) -> None:
    """Add to one person's `data` (own_items) what their contact sheet lists of the whole
    mission: every item's drivers, hotels and zones, and the sites with their rules."""
    with read_session(engine) as session:
        data.all_items, sites = mission_items(session, mission_id=data.mission.id)
        new = {k: v for k, v in sites.items() if k not in data.sites}
        data.sites.update(new)
        data.site_rules.update(site_rules(session, site_ids=new))


def load_visitors(engine: Engine, data: MissionData, item_ids) -> None:
    """Add the visitor lists of these site visits to `data`."""
    with read_session(engine) as session:
        data.visitors.update(list_visitors_of(
            session, item_ids=[i for i in item_ids if i not in data.visitors]))


def find_person(engine: Engine, *, mission_id: int, email: str) -> int | None:
    """The participant of the mission with this e-mail address (case and width ignored)."""
    with read_session(engine) as session:
        return participant_by_email(session, mission_id=mission_id, email=email)
