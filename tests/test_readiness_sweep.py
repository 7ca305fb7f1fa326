"""The double-booking check sweeps each person's items: on a crowded random mission it must give
the very findings (same pairs, order and texts) as comparing every pair of items."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import i18n
from models import findings as F
from models import readiness
from models.readiness_data import load_plan
from models.store.db import read_session, write_session
from models.times import from_local, to_local
from tests.mission_builder import NEW_YORK, TOKYO, Builder

KINDS = ("meeting", "meal", "seminar", "site_visit", "flight", "transfer", "transfer", "hotel",
         "free_time")
DAY = datetime(2026, 12, 8)


def _crowded_mission(db, seed: int) -> int:
    """Forty people (some cancelled) in 160 items packed into two days on a 15-minute grid, so
    that items start together, touch, nest and overlap; a fifth of them for everyone."""
    rng = random.Random(seed)
    with write_session(db.engine) as s:
        b = Builder(s, code=f"SWEEP-{seed}")
        people = [b.person(f"Family{n % 30:02d}", f"Given{n}",
                           status="cancelled" if n % 9 == 0 else "confirmed")
                  for n in range(40)]
        for n in range(160):
            kind = rng.choice(KINDS)
            start = 8 * 60 + 15 * rng.randrange(2 * 48)
            length = 15 * rng.choice((1, 2, 4, 8, 12, 30))
            tz = rng.choice((TOKYO, TOKYO, NEW_YORK))
            end_tz = rng.choice((TOKYO, NEW_YORK)) if kind == "flight" else tz
            first = (DAY + timedelta(minutes=start)).isoformat(timespec="minutes")
            ends = from_local(DAY + timedelta(minutes=start), tz) + timedelta(minutes=length)
            last = to_local(ends, end_tz).replace(tzinfo=None).isoformat(timespec="minutes")
            codes = {}
            if kind in ("flight", "transfer"):
                codes = {"from_code": rng.choice(("", "HND", "JFK")),
                         "to_code": rng.choice(("", "HND", "JFK"))}
            who = None if rng.random() < 0.2 else rng.sample(people, rng.randrange(0, 12))
            b.item(kind, first, last, tz=tz, end_tz=end_tz, people=who,
                   title_en=f"Item {n}", **codes)
    return b.mission_id


def _every_pair(plan) -> list[F.Finding]:
    """The reference: every pair of items in the plan's order, earlier one first."""
    found = []
    for j, second in enumerate(plan.items):
        for first in plan.items[:j]:
            if (first.kind in readiness._NO_OVERLAP or second.kind in readiness._NO_OVERLAP
                    or first.end <= second.start):
                continue
            shared = first.people & second.people
            if shared:
                found.append(readiness._conflict(plan, first, second, shared))
    return found


def test_the_sweep_finds_what_comparing_every_pair_finds_in_the_same_order(empty_db):
    for seed in (1, 2, 3):
        mission_id = _crowded_mission(empty_db, seed)
        with read_session(empty_db.engine) as session:
            plan = load_plan(session, mission_id=mission_id)
        expected = _every_pair(plan)
        swept = readiness._conflicts(plan)
        kinds = {f.kind for f in expected}
        assert len(expected) > 200 and kinds == {F.OVERLAP, F.TRANSFER_BEFORE_LANDING}
        assert swept == expected
        for language in i18n.LANGUAGES:
            with i18n.temporary_language(language):
                assert ([readiness.finding_text(f) for f in swept]
                        == [readiness.finding_text(f) for f in expected])
