"""The contact sheet: the people to call, each under their own organization (the organizers,
interpreters and hosts; a driver under the company that runs the transfer, with the vehicle
beside the name; a site's contact under the site), the hotels with their phone and address,
the emergency numbers of every country the mission visits and the consulates and embassies there:
all of them on the organizers' sheet, those serving the reader's citizenship on a delegate's
own (as their travel pack has them).

Every name is written in both scripts: an interpreter reads 山田 太郎 and Taro Yamada side by
side."""

from __future__ import annotations

from documents.workbook.data import MissionData
from documents.workbook.lang import (
    country_name,
    display_name,
    hotel_name,
    latin_name,
    native_name,
    phone_text,
    picked,
    plain,
    sort_key,
    titled,
)
from documents.workbook.page import Column, SheetData, band_flags, sheet_name
from documents.workbook.people import CONTACT_GROUPS
from documents.workbook.travel import driver_name, hotel_phone
from i18n import _, current_language, pick
from i18n.labels import ROLES, label
from models.attendees import DocumentAttendee
from models.consulates import consulates_for
from models.emergency_numbers import emergency_numbers
from models.entities import ItemKind
from models.zone_countries import zone_country

# The order of the roles within an organization.
_ROLE_ORDER = {role: n for n, (_g, roles) in enumerate(CONTACT_GROUPS) for role in roles}


def _other_script(p) -> str:
    """The name in the script the document's language does not use first."""
    return latin_name(p) if current_language() == "ja" else native_name(p)


class _Rows:
    """Rows grouped under a key (an organization, a company, a hotel, a country); the group's
    name is written on its first row only, as a heading the rows below belong to."""

    def __init__(self) -> None:
        self.rows: list[list] = []
        self.keys: list[str] = []

    def add(self, key: str, heading, row: list) -> None:
        first = not self.keys or self.keys[-1] != key
        self.rows.append([heading if first else "", *row])
        self.keys.append(key)


def _people(out: _Rows, data: MissionData, people: list[DocumentAttendee]) -> set[str]:
    """The organizers, interpreters and hosts under their organizations; returns the phones
    and e-mail addresses listed."""
    chosen = [p for p in people if p.role in _ROLE_ORDER]
    ours = [pick(en, ja)[0] for en, ja in data.organizers]

    by_org: dict[str, list] = {}
    for p in chosen:
        by_org.setdefault(plain(picked(p.org_en, p.org_ja)), []).append(p)
    # The mission's organizers first, then the others in their names' order.
    orgs = sorted(by_org, key=lambda o: (o not in ours, ours.index(o) if o in ours else 0,
                                         o == "", o))
    for org in orgs:
        members = sorted(by_org[org], key=lambda p: (_ROLE_ORDER[p.role], sort_key(p)))
        heading = picked(members[0].org_en, members[0].org_ja) if org else _("(no organization)")
        for p in members:
            out.add("org:" + org, heading,
                    [display_name(p), _other_script(p), label(ROLES, p.role),
                     picked(p.title_en, p.title_ja), phone_text(p.phone), p.email])
    return {x for p in chosen for x in (p.phone, p.email.casefold()) if x}


def _drivers(out: _Rows, data: MissionData) -> None:
    """One row per driver (or dispatch desk) under the company running the transfer, with the
    vehicles they drive; a driver of no named company under "Drivers"."""
    found: dict[tuple, list[str]] = {}
    for item in data.mission_items():
        if item.kind == ItemKind.FLIGHT.value or not (item.driver_name or item.driver_phone):
            continue
        extra = data.item_extra.get(item.id, {})
        company = plain(picked(extra.get("operator_en", ""), extra.get("operator_ja", ""))) \
            or item.carrier
        vehicle = plain(picked(item.vehicle, extra.get("vehicle_ja", "")))
        vehicles = found.setdefault((company, driver_name(item, extra), item.driver_phone), [])
        if vehicle and vehicle not in vehicles:
            vehicles.append(vehicle)
    for (company, name, phone), vehicles in found.items():
        out.add("transport:" + company, company or _("Drivers"),
                [name, "", _("Driver"), "\n".join(vehicles), phone_text(phone), ""])


def _stay_sites(data: MissionData) -> set[int]:
    return {i.site_id for i in data.mission_items()
            if i.kind == ItemKind.HOTEL.value and i.site_id}


def _sites(out: _Rows, data: MissionData, listed: set[str]) -> None:
    """Each site's contact under the site, unless listed above as one of the people."""
    hotels = _stay_sites(data)
    shown = [s for s in data.sites.values() if s.id not in hotels
             and (s.contact_name or s.contact_phone or s.contact_email)
             and not ({s.contact_phone, s.contact_email.casefold()} & listed)]
    for site in sorted(shown, key=lambda s: pick(s.name_en, s.name_ja)[0]):
        out.add(f"site:{site.id}", picked(site.name_en, site.name_ja),
                [site.contact_name, "", _("Site contact"), "", phone_text(site.contact_phone),
                 site.contact_email])


def _hotels(out: _Rows, data: MissionData) -> None:
    seen: set = set()
    for item in data.mission_items():
        if item.kind != ItemKind.HOTEL.value:
            continue
        site = data.sites.get(item.site_id) if item.site_id else None
        phone = phone_text(hotel_phone(data, item, site))
        if site is not None:
            if site.id in seen:
                continue
            seen.add(site.id)
            rules = data.site_rules.get(site.id, {})
            name = picked(site.name_en, site.name_ja)
            address = picked(rules.get("address_en", ""), rules.get("address_ja", ""))
            contact = site.contact_name
        else:
            name = hotel_name(pick(item.title_en, item.title_ja)[0])
            if name in seen:
                continue
            seen.add(name)
            address = picked(item.location_en, item.location_ja)
            contact = ""
        if not plain(address):
            address = picked(item.location_en, item.location_ja)
        out.add(f"hotel:{plain(name)}", name, [contact, "", _("Hotel contact"), "", phone, address])


def visited_countries(data: MissionData) -> list[str]:
    """The countries of the items' places, in the order the mission reaches them."""
    found: list[str] = []
    for item in data.mission_items():
        for zone in (item.start_tz, item.end_tz):
            country = zone_country(zone)
            if country and country not in found:
                found.append(country)
    return found


def _emergency(out: _Rows, data: MissionData) -> None:
    for country in visited_countries(data):
        heading = _("Emergency numbers: {country}").format(country=country_name(country))
        for number, service in emergency_numbers(country):
            out.add("emergency:" + country, heading, [service, "", "", "", number, ""])


def _consulates(out: _Rows, data: MissionData, reader: DocumentAttendee | None) -> None:
    """Under each visited country, its consulates: the name in both languages, whom it serves,
    the phone and the address. A reader of no known citizenship gets them all, as in the
    pack."""
    nationality = (reader.citizenship or None) if reader is not None else None
    rows = consulates_for(data.consulates, countries=visited_countries(data),
                          nationality=nationality)
    for row in sorted(rows, key=lambda r: (country_name(r.country), country_name(r.nationality))):
        heading = _("Consulates and embassies: {country}").format(
            country=country_name(row.country))
        name = picked(row.name_en, row.name_ja)
        other = row.name_en if current_language() == "ja" else row.name_ja
        serves = _("For citizens of: {country}").format(country=country_name(row.nationality))
        out.add("consulate:" + row.country, heading,
                [name, other if other != plain(name) else "", serves, "",
                 phone_text(row.phone), picked(row.address_en, row.address_ja)])


def contacts_sheet(data: MissionData, used: set[str], people: list[DocumentAttendee] | None = None,
                   reader: DocumentAttendee | None = None) -> SheetData:
    """`reader`: the delegate whose own workbook it is (their consulates only)."""
    other = _("Name (Latin script)") if current_language() == "ja" else _("Name (Japanese)")
    columns = [Column(_("Organization"), 28), Column(_("Name"), 24), Column(other, 24),
               Column(_("Role"), 14), Column(_("Job title or vehicle"), 28),
               Column(_("Phone"), 17, wrap=False), Column(_("E-mail or address"), 34)]
    out = _Rows()
    listed = _people(out, data, data.active() if people is None else people)
    _drivers(out, data)
    _sites(out, data, listed)
    _hotels(out, data)
    _emergency(out, data)
    _consulates(out, data, reader)
    title = titled(_("Contacts"), pick(data.mission.title_en, data.mission.title_ja)[0])
    # No filter: a group's heading is on its first row only, a filter would hide it.
    return SheetData(sheet_name(_("Contacts"), used), title, columns, out.rows,
                     band_flags(out.keys), filter=False)
