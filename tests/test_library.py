"""The shared library of organizations and sites: aliases the import matches, merges that move
everything and undo to the very same rows, near-duplicate sites, sites put on a mission's list."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from models import repository as repo
from models.attendees import import_attendees, organization_index
from models.entities import ItineraryItem, MissionOrganizer, Organization, Person, Site
from models.merging import merge_organizations, merge_sites, unmerge_organizations, unmerge_sites
from models.organization_names import split_aliases
from models.site_library import add_to_mission, library_sites, similar_sites
from models.sites import create_site, delete_site, list_tab_sites, restore_site
from models.store.db import read_session, write_session
from tests.mission_builder import NEW_YORK, Builder

pytestmark = pytest.mark.both_engines    # SQLite and PostgreSQL (tests/conftest.py)


def _dump(session) -> dict:
    return {
        "orgs": sorted((o.id, o.name_en, o.name_ja, o.aliases)
                       for o in session.exec(select(Organization))),
        "people": sorted((p.id, p.organization_id) for p in session.exec(select(Person))),
        "organizers": sorted((m.mission_id, m.organization_id)
                             for m in session.exec(select(MissionOrganizer))),
    }


def _row(family: str, organization: str) -> dict:
    return {"person": {"family_name": family, "given_name": "Taro", "citizenship": "JP"},
            "organization": organization, "role": "delegate", "person_id": None}


def test_the_import_matches_names_aliases_and_short_forms_in_both_languages(empty_db):
    with write_session(empty_db.engine) as s:
        b = Builder(s)
        tel = repo.create_organization(s, name_en="Tokyo Electron Limited (TEL)",
                                       name_ja="東京エレクトロン株式会社")
        jetro = repo.create_organization(s, name_en="Japan External Trade Organization (JETRO)",
                                         name_ja="日本貿易振興機構（ジェトロ）")
        kioxia = repo.create_organization(s, name_en="Kioxia Corporation", name_ja="",
                                          aliases="キオクシア\nKIOXIA")
        names = ["東京エレクトロン", "TEL", "Tokyo Electron", "ｔｏｋｙｏ ｅｌｅｃｔｒｏｎ",
                 "日本貿易振興機構（JETRO）", "JETRO", "ジェトロ", "キオクシア", "Kioxia",
                 "キオクシア株式会社", "Hokkaido University"]
        result = import_attendees(s, mission_id=b.mission_id,
                                  rows=[_row(f"P{n}", name) for n, name in enumerate(names)])
        orgs = {p.family_name: p.organization_id for p in s.exec(select(Person))}
    expected = [tel] * 4 + [jetro] * 3 + [kioxia] * 3
    assert [orgs[f"P{n}"] for n in range(10)] == expected
    assert len(result.organizations) == 1                 # only Hokkaido University is new
    assert orgs["P10"] == result.organizations[0]


def test_an_exact_name_wins_over_another_organizations_short_form(empty_db):
    with write_session(empty_db.engine) as s:
        holding = repo.create_organization(s, name_en="Acme Holdings (ACME)")
        acme = repo.create_organization(s, name_en="ACME")
        index = organization_index(s)
    assert index["acme"] == acme and index["acmeholdings"] == holding


def test_merging_organizations_moves_people_and_missions_and_undoes_exactly(empty_db):
    with write_session(empty_db.engine) as s:
        b = Builder(s)
        other = Builder(s, code="T-2")
        keep = repo.create_organization(s, name_en="Tokyo Electron Limited (TEL)",
                                        aliases="TEL")
        drop = repo.create_organization(s, name_en="", name_ja="東京エレクトロン",
                                        aliases="TEL\nテル")
        for family in ("Sato", "Ito"):
            pid = repo.create_person(s, family_name=family, given_name="A", organization_id=drop)
            repo.add_participant(s, mission_id=b.mission_id, person_id=pid, role="delegate",
                                 status="confirmed")
        s.add(MissionOrganizer(mission_id=b.mission_id, organization_id=drop))
        s.add(MissionOrganizer(mission_id=other.mission_id, organization_id=drop))
        s.add(MissionOrganizer(mission_id=other.mission_id, organization_id=keep))
        s.flush()
        before = _dump(s)
    with write_session(empty_db.engine) as s:
        record = merge_organizations(s, keep_id=keep, drop_id=drop)
    with read_session(empty_db.engine) as s:
        after = _dump(s)
        kept = s.get(Organization, keep)
    assert [o[0] for o in after["orgs"]] == [keep]
    assert split_aliases(kept.aliases) == ["TEL", "東京エレクトロン", "テル"]
    assert {org for _p, org in after["people"] if org is not None} == {keep}
    assert after["organizers"] == sorted([(b.mission_id, keep), (other.mission_id, keep)])
    with write_session(empty_db.engine) as s:
        unmerge_organizations(s, record)
    with read_session(empty_db.engine) as s:
        assert _dump(s) == before


def test_merging_sites_moves_items_of_every_mission_and_undoes_exactly(empty_db):
    with write_session(empty_db.engine) as s:
        b, other = Builder(s), Builder(s, code="T-2")
        keep = create_site(s, values={"name_en": "Albany NanoTech Complex", "tz": NEW_YORK,
                                      "address_en": "257 Fuller Rd, Albany, NY"})
        drop = create_site(s, values={"name_en": "Albany Nanotech complex", "tz": NEW_YORK,
                                      "notice_days": 14})
        items = [b.item("site_visit", "2026-12-10T09:00", "2026-12-10T11:00", tz=NEW_YORK,
                        site_id=drop),
                 other.item("site_visit", "2026-12-11T09:00", "2026-12-11T11:00", tz=NEW_YORK,
                            site_id=drop)]
        add_to_mission(s, mission_id=other.mission_id, site_id=drop)
    with write_session(empty_db.engine) as s:
        record = merge_sites(s, keep_id=keep, drop_id=drop)
    with read_session(empty_db.engine) as s:
        assert s.get(Site, drop) is None
        assert [s.get(ItineraryItem, i).site_id for i in items] == [keep, keep]
        assert [x.id for x in list_tab_sites(s, mission_id=other.mission_id)] == [keep]
    with write_session(empty_db.engine) as s:
        unmerge_sites(s, record)
    with read_session(empty_db.engine) as s:
        assert s.get(Site, drop).notice_days == 14
        assert [s.get(ItineraryItem, i).site_id for i in items] == [drop, drop]
        assert {x.id for x in list_tab_sites(s, mission_id=other.mission_id)} == {keep, drop}


def test_a_new_missions_tab_can_take_a_site_from_the_library(empty_db):
    with write_session(empty_db.engine) as s:
        old = Builder(s, code="OLD", start=date(2025, 12, 1), end=date(2025, 12, 5))
        site = create_site(s, values={"name_en": "Albany NanoTech Complex", "tz": NEW_YORK})
        old.item("site_visit", "2025-12-02T09:00", "2025-12-02T11:00", tz=NEW_YORK,
                 site_id=site)
        new = Builder(s, code="NEW")
        assert list_tab_sites(s, mission_id=new.mission_id) == []
        assert [x.id for x in library_sites(s, mission_id=new.mission_id)] == [site]
        assert add_to_mission(s, mission_id=new.mission_id, site_id=site)
        assert not add_to_mission(s, mission_id=new.mission_id, site_id=site)
        assert [x.id for x in list_tab_sites(s, mission_id=new.mission_id)] == [site]
        assert library_sites(s, mission_id=new.mission_id) == []
        removed = delete_site(s, site_id=site)                # the list comes back on undo
        assert list_tab_sites(s, mission_id=new.mission_id) == []
        restore_site(s, removed)
        assert [x.id for x in list_tab_sites(s, mission_id=new.mission_id)] == [site]


def test_near_duplicates_are_found_by_folded_name_or_address(empty_db):
    with write_session(empty_db.engine) as s:
        site = create_site(s, values={"name_en": "Albany NanoTech Complex",
                                      "name_ja": "オールバニ・ナノテク", "tz": NEW_YORK,
                                      "address_en": "257 Fuller Road, Albany, NY 12203"})
        create_site(s, values={"name_en": "Kioxia Yokkaichi", "tz": "Asia/Tokyo"})

        def similar(**values):
            return [x.id for x in similar_sites(s, values=values)]

        assert similar(name_en="albany nanotech  complex") == [site]
        assert similar(name_en="ＡＬＢＡＮＹ ＮＡＮＯＴＥＣＨ") == [site]          # a part of it
        assert similar(name_ja="オールバニ ナノテク") == [site]
        assert similar(name_en="NY CREATES", address_en="257 fuller road, albany, ny 12203") \
            == [site]
        assert similar(name_en="Albany Med") == [] and similar(name_en="") == []
        assert similar_sites(s, values={"name_en": "Albany NanoTech Complex"},
                             exclude_id=site) == []
