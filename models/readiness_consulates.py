"""The readiness check for the consulates a travel pack names: a traveller whose citizenship
has no consulate or embassy recorded in a country they go to, other than their own, gets a
contacts page without "the delegation's consulate" (models/consulates.py, DOMAIN: the one
they call after losing a passport abroad is their own country's there).

Who is checked: participants not cancelled, not of the host side (they are at home), with a
citizenship entered (an unknown one cannot be matched to a consulate: the passport and visitor
checks ask for it). Where they go: the countries of the zones of their own items and of the
"everyone" items, as the passport check reads them. One finding per (country, nationality)
missing, naming its people: a mission with no consulates entered yet gets a line per country
and citizenship, not one per delegate. The work is once per distinct schedule (people who
travel together share one), then once per person: linear in the people and their items.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable

from sqlalchemy import bindparam, select

from models import findings as F
from models.entities import Consulate, Role
from models.findings import Finding

_HOST = Role.HOST.value


_PAIRS = (select(Consulate.country, Consulate.nationality)
          .where(Consulate.mission_id == bindparam("mission_id")))     # built once, run often


def consulate_pairs(conn, mission_id: int) -> frozenset[tuple[str, str]]:
    """(country visited, nationality served) of each consulate the mission has (on a Core
    connection)."""
    return frozenset(conn.execute(_PAIRS, {"mission_id": mission_id}).all())


def consulate_findings(plan, countries_of: Callable[[int], frozenset[str]]) -> list[Finding]:
    """`plan`: a readiness_data.Plan; `countries_of`: the countries a participant goes to
    (readiness._Schedules.countries_of, worked out once per schedule)."""
    missing: dict[tuple[str, str], list[int]] = defaultdict(list)
    for pid in plan.active:
        person = plan.people[pid]
        nationality = person.citizenship.strip().upper()
        if not nationality or person.role == _HOST:
            continue
        where = countries_of(pid)
        for country in where:
            if country != nationality and (country, nationality) not in plan.consulates:
                missing[(country, nationality)].append(pid)
    found = []
    for (country, nationality), pids in sorted(missing.items()):
        # The few names shown, not a sort of them all (see findings.NAMES_SHOWN).
        people = heapq.nsmallest(F.NAMES_SHOWN, (plan.people[p] for p in pids),
                                 key=lambda p: (p.family, p.given))
        found.append(Finding(F.CONSULATE_MISSING, F.RANK_MISSING, None,
                             pids[0] if len(pids) == 1 else None, {
                                 "country": country, "nationality": nationality,
                                 "people": [p.name() for p in people], "n": len(pids)}))
    return found
