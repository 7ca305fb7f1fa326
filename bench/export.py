"""Export benchmark: `main.py export` as a whole process on a mission of 2,000 attendees and
5,000 items, next to (a) pandas DataFrame.to_excel (openpyxl engine) writing the same cells
unformatted and (b) the floor of our stack, a process that imports sqlmodel and openpyxl and
writes the same cells with write_only. Goals: faster than pandas, at most 1.3x the floor, peak
memory under 250 MB. pandas is not a dependency of the app: without it, (a) is skipped.

The mission: 14 days (7 in Tokyo, 7 in New York), 100 breakout tracks of 20 people with about
three sessions a day (every 25th a site visit), lunch and dinner for everyone, eight flights
each way with their airport transfers, and two hotel stays of 1,000 twin rooms.
Run: `python bench/export.py --runs 3`; `--scale 10 --runs 1` for ten times the mission
(20,000 attendees, 50,000 items: the house bench's 1000x), to see the growth.

`--receivers`: each receiver's own export (export --for KIND=NAME) on the demo copied 100
times (bench/scale_missions.py: 2,000 attendees, 3,000 items), timed in this process beside
the organizers' whole workbook of the same mission; goal: each under 0.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

PEOPLE, ITEMS, TRACK = 2000, 5000, 20
START = date(2027, 3, 1)
TOKYO, NEW_YORK = "Asia/Tokyo", "America/New_York"
GOAL_FLOOR, GOAL_MB = 1.3, 250
DIETS = ("vegetarian", "halal", "no pork", "shellfish allergy", "gluten-free, no raw fish")

FLOOR = """import pickle, sys
import sqlmodel  # noqa: F401 - the stack's own import cost
from openpyxl import Workbook
sheets = pickle.load(open(sys.argv[1], "rb"))
wb = Workbook(write_only=True)
for name, rows in sheets:
    ws = wb.create_sheet(name)
    for row in rows:
        ws.append(row)
wb.save(sys.argv[2])
"""
PANDAS = """import pickle, sys
import pandas as pd
sheets = pickle.load(open(sys.argv[1], "rb"))
with pd.ExcelWriter(sys.argv[2], engine="openpyxl") as writer:
    for name, rows in sheets:
        pd.DataFrame(rows).to_excel(writer, sheet_name=name, index=False, header=False)
"""


def _at(day: int, hh_mm: str, zone: str) -> datetime:
    from models.times import from_local

    hour, minute = map(int, hh_mm.split(":"))
    return from_local(datetime.combine(START + timedelta(days=day), datetime.min.time())
                      .replace(hour=hour, minute=minute), zone)


def build(path: Path, scale: int = 1) -> dict[str, int]:
    """Write the mission (`scale` times as many people, items, tracks, flights and rooms)
    into a new database file; returns its sizes."""
    n_people, n_items, tracks = PEOPLE * scale, ITEMS * scale, 100 * scale
    per_flight = n_people // 8
    from sqlalchemy import insert, select

    from models import repository as repo
    from models.entities import ItemParticipant, ItineraryItem, Participant, Room, RoomGuest
    from models.global_ids import link_uuid
    from models.store.db import open_database, write_session

    db = open_database(path)
    with write_session(db.engine) as s:
        mission_id = repo.create_mission(
            s, code="BENCH", title_en="Export bench mission", title_ja="書き出し計測ミッション",
            start_date=START, end_date=START + timedelta(days=14), home_tz=TOKYO)
        orgs = [repo.create_organization(s, name_en=f"Company {n}", name_ja=f"株式会社{n}")
                for n in range(40)]
        sites = [repo.create_site(s, name_en=f"Fab {n}", name_ja=f"工場{n}", tz=zone,
                                  notice_days=14, required_fields="full_legal_name,citizenship,"
                                  "date_of_birth,passport_number,organization")
                 for n, zone in enumerate((TOKYO, TOKYO, NEW_YORK, NEW_YORK))]
        people = []
        for n in range(n_people):
            person = repo.create_person(
                s, family_name=f"Family{n:04d}", given_name="Given", family_name_ja=f"山田{n}",
                given_name_ja="太郎", family_kana=f"やまだ{n}", given_kana="たろう",
                citizenship="JP" if n % 3 else "US", title_en="Engineer", title_ja="技術者",
                email=f"p{n}@example.com", phone=f"+8190{n:08d}",
                dietary=DIETS[n % len(DIETS)] if n % 5 == 0 else "",
                organization_id=orgs[n % len(orgs)], date_of_birth=date(1980, 1, 1 + n % 28),
                passport_number=f"TK{n:07d}", visa_type="ESTA")
            people.append(repo.add_participant(s, mission_id=mission_id, person_id=person,
                                               role="delegate", status="confirmed"))
        items: list[tuple[ItineraryItem, list[int]]] = []

        def add(kind, start, end, zone, who, end_zone=None, **fields):
            items.append((ItineraryItem(
                mission_id=mission_id, kind=kind, title_en=f"{kind} {len(items)}",
                title_ja=f"項目{len(items)}", notes_en="Bring your badge.", start_utc=start,
                end_utc=end, start_tz=zone, end_tz=end_zone or zone, everyone=who is None,
                location_en="Main hall", **fields), who or []))

        for n in range(8):                          # eight flights each way, 250 people each
            who = people[n * per_flight:(n + 1) * per_flight]
            add("transfer", _at(0, "06:00", TOKYO), _at(0, "07:00", TOKYO), TOKYO, who,
                to_code="HND", vehicle="Coach", pickup="Hotel lobby")
            add("flight", _at(7, "17:55", TOKYO), _at(7, "16:45", NEW_YORK), TOKYO, who,
                end_zone=NEW_YORK, carrier="ANA", flight_number=f"NH {110 + n}",
                from_code="HND", to_code="JFK")
            add("transfer", _at(7, "18:15", NEW_YORK), _at(7, "21:00", NEW_YORK), NEW_YORK,
                who, from_code="JFK", vehicle="Coach", pickup="Arrivals hall")
            add("flight", _at(13, "13:00", NEW_YORK), _at(14, "17:15", TOKYO), NEW_YORK, who,
                end_zone=TOKYO, carrier="ANA", flight_number=f"NH {109 + n}",
                from_code="JFK", to_code="HND")
        hotels = []
        for a, b, zone in ((0, 7, TOKYO), (7, 13, NEW_YORK)):
            add("hotel", _at(a, "15:00", zone), _at(b, "10:00", zone), zone, None)
            hotels.append(items[-1][0])
        for day in range(14):
            zone = TOKYO if day < 7 else NEW_YORK
            add("meal", _at(day, "12:00", zone), _at(day, "13:00", zone), zone, None)
            add("meal", _at(day, "18:30", zone), _at(day, "20:00", zone), zone, None)
        slots = (("09:00", "10:30"), ("10:45", "11:45"), ("14:00", "15:30"), ("16:00", "17:30"))
        n = 0
        while len(items) < n_items:
            day, track = (n // tracks) % 14, n % tracks
            zone = TOKYO if day < 7 else NEW_YORK
            a, b = slots[(n // (14 * tracks)) % len(slots)]
            who = people[track * TRACK:(track + 1) * TRACK]
            visit = n % 250 == 7                     # twenty site visits
            add("site_visit" if visit else "meeting", _at(day, a, zone), _at(day, b, zone),
                zone, who, site_id=sites[(0 if zone == TOKYO else 2) + n % 2] if visit
                else None)
            n += 1
        s.add_all([item for item, _ in items])
        s.flush()
        # Bulk inserts give no defaults: each link its UUID, as models/global_ids derives it.
        uuids = dict(s.execute(select(Participant.id, Participant.uuid)).all())
        links = [{"item_id": item.id, "participant_id": p,
                  "uuid": link_uuid("item_participant", item.uuid, uuids[p])}
                 for item, who in items for p in who]
        s.execute(insert(ItemParticipant), links)
        rooms = [Room(item_id=h.id, room_type="twin", label=f"{n + 1001}")
                 for h in hotels for n in range(n_people // 2)]
        s.add_all(rooms)
        s.flush()
        half = n_people // 2
        guests = [{"room_id": room.id, "participant_id": people[2 * (n % half) + k],
                   "uuid": link_uuid("room_guest", room.uuid, uuids[people[2 * (n % half) + k]])}
                  for n, room in enumerate(rooms) for k in (0, 1)]
        s.execute(insert(RoomGuest), guests)
    db.dispose()
    return {"attendees": len(people), "items": len(items), "links": len(links),
            "rooms": len(rooms)}


def run(args: list[str]) -> tuple[float, float]:
    """Wall-clock seconds and peak resident memory (MB) of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(args, cwd=REPO, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, env=dict(os.environ, LANG="C.UTF-8"))
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{child.stderr.read().decode()}")
    child.stderr.close()
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return elapsed, usage.ru_maxrss / scale


def cells(workbook: Path, out: Path) -> int:
    """Every sheet's values as our export wrote them, for the other two to write again."""
    from openpyxl import load_workbook

    wb = load_workbook(workbook, read_only=True)
    sheets = [(ws.title, [list(r) for r in ws.iter_rows(values_only=True)])
              for ws in wb.worksheets]
    wb.close()
    with open(out, "wb") as f:
        pickle.dump(sheets, f)
    return sum(len(r) for _n, rows in sheets for r in rows)


def measure(kinds: dict[str, list[str]], runs: int) -> None:
    """Run each command `runs` times, interleaved so that drift hits all alike; print JSON."""
    times: dict[str, list[float]] = {k: [] for k in kinds}
    memory: dict[str, float] = {k: 0.0 for k in kinds}
    for _ in range(runs):
        for kind, cmd in kinds.items():
            seconds, mb = run(cmd)
            times[kind].append(seconds)
            memory[kind] = max(memory[kind], mb)
    print(json.dumps([times, memory]))


GOAL_RECEIVER_S = 0.5


def receivers_bench(runs: int, factor: int) -> None:
    """Per-receiver exports at `factor` x the demo, against the whole workbook."""
    from bench.scale_missions import build_scaled, scale_code
    from documents.workbook.data import load_mission
    from documents.workbook.for_receiver import export_for, list_receivers
    from models.first_open import open_with_demo

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        db = open_with_demo(tmp / "k.db")
        t = time.perf_counter()
        _mission_id, sizes = build_scaled(db.engine, factor)
        code = scale_code(factor)
        print(f"mission {code}: {sizes} (built in {time.perf_counter() - t:.1f} s), "
              f"load {os.getloadavg()[0]:.2f}")
        data = load_mission(db.engine, code=code, sensitive=False, today=date(2026, 11, 1),
                            receivers=True)
        receivers = list_receivers(data)
        chosen = {}
        for r in receivers:
            chosen.setdefault(r.kind, r)
        times: dict[str, list[float]] = {k: [] for k in chosen}
        for _ in range(runs):                   # interleaved, so drift hits all alike
            for kind, r in chosen.items():
                for language in ("en", "ja"):
                    started = time.perf_counter()
                    export_for(db.engine, code=code, kind=kind, key=r.key,
                               path=tmp / f"{kind}-{language}.xlsx", language=language)
                    times[kind].append(time.perf_counter() - started)
        db.dispose()
    whole = statistics.median(times["organizers"])
    print(f"median of {runs} runs x 2 languages; ratio to the organizers' whole workbook")
    for kind, values in times.items():
        median = statistics.median(values)
        goal = "" if kind == "organizers" else (
            " OK" if median < GOAL_RECEIVER_S else " MISSED")
        print(f"  {kind:11} {median * 1000:8.0f} ms  {median / whole:5.2f}x{goal}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", default="en", choices=("en", "ja"))
    parser.add_argument("--receivers", type=int, metavar="FACTOR", nargs="?", const=100,
                        help="time each receiver's export at FACTOR x the demo (100)")
    parser.add_argument("--scale", type=int, default=1,
                        help="the mission N times as large (10: the house bench's 1000x)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        return measure(json.loads(options.measure), options.runs)
    if options.receivers:
        return receivers_bench(options.runs, options.receivers)
    py = sys.executable
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        db = tmp / "bench.db"
        t = time.perf_counter()
        sizes = build(db, options.scale)
        print(f"mission: {sizes} (built in {time.perf_counter() - t:.1f} s)")
        out = tmp / "ours.xlsx"
        ours_cmd = [py, str(REPO / "main.py"), "--db", str(db), "--lang", options.lang,
                    "export", "BENCH", "--out", str(out)]
        run(ours_cmd)                                 # the day's backup, warm file cache
        n_cells = cells(out, tmp / "cells.pickle")
        print(f"workbook: {out.stat().st_size / 1e6:.1f} MB, {n_cells:,} cells")
        try:
            import pandas  # noqa: F401
            has_pandas = True
        except ImportError:
            has_pandas = False
            print("note: pandas is not installed here, so the pandas comparison is skipped "
                  "(pip install pandas into the venv to run it; the app does not need it)")
        kinds = {"kakehashi export": ours_cmd,
                 "stack floor": [py, "-c", FLOOR, str(tmp / "cells.pickle"),
                                 str(tmp / "floor.xlsx")]}
        if has_pandas:
            kinds["pandas to_excel"] = [py, "-c", PANDAS, str(tmp / "cells.pickle"),
                                        str(tmp / "pandas.xlsx")]
        # Timed from a small process of its own: a child's peak memory counts the pages it
        # shares with its parent before exec, and this one has the whole mission in memory.
        measured = subprocess.run(
            [py, __file__, "--measure", json.dumps(kinds), "--runs", str(options.runs)],
            capture_output=True, text=True, check=True)
        times, memory = json.loads(measured.stdout)
    print(f"{platform.python_implementation()} {platform.python_version()}, "
          f"{platform.system()} {platform.machine()}, {options.runs} runs, median wall time "
          f"of the whole process, language {options.lang}")
    median = {k: statistics.median(v) for k, v in times.items()}
    for kind in kinds:
        print(f"  {kind:18} {median[kind]:6.2f} s   peak {memory[kind]:6.0f} MB")
    ours = median["kakehashi export"]
    floor_ratio = ours / median["stack floor"]
    print(f"ratio to the stack floor: {floor_ratio:.2f}x (goal <= {GOAL_FLOOR}x) "
          f"{'OK' if floor_ratio <= GOAL_FLOOR else 'MISSED'}")
    if has_pandas:
        pandas_ratio = ours / median["pandas to_excel"]
        print(f"ratio to pandas to_excel: {pandas_ratio:.2f}x (goal < 1) "
              f"{'OK' if pandas_ratio < 1 else 'MISSED'}")
    peak = memory["kakehashi export"]
    print(f"peak memory of the export: {peak:.0f} MB (goal < {GOAL_MB} MB) "
          f"{'OK' if peak < GOAL_MB else 'MISSED'}")


if __name__ == "__main__":
    main()
