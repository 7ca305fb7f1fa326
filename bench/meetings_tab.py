"""The Meetings tab at 1x (the demo's 商談会, 14 requests) and 10x (a mission of 200 attendees
with a 商談会 of 400 requests, 120 counterparts, 16 slots, 30 tables): reading and filling the
tab, and a move as the user makes it (the command, its commit and the tab's reload), each the
median of a few runs, with its ratio to the 1x figure of the same run.
Run: `python bench/meetings_tab.py`."""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from scale_missions import build_scaled  # noqa: E402

from models import counterparts as cps  # noqa: E402
from models import meetings as mt  # noqa: E402
from models import repository as repo  # noqa: E402
from models.demo import seed_demo  # noqa: E402
from models.meetings_demo import seed_meetings_demo  # noqa: E402
from models.store.db import open_database, read_session, write_session  # noqa: E402
from models.times import from_local  # noqa: E402
from ui.common.refresh import Pending  # noqa: E402
from ui.meetings.commands import SetMeetings  # noqa: E402
from ui.window.main_window import MainWindow  # noqa: E402

NY = "America/New_York"


def big_fair(engine, mission_id: int) -> int:
    rng = random.Random(17)
    with write_session(engine) as session:
        people = [a.participant_id for a in repo.list_attendees(session, mission_id=mission_id)
                  if a.role not in ("host", "interpreter") and a.status != "cancelled"]
        item = repo.create_item(
            session, mission_id=mission_id, kind="matchmaking", title_en="Big B2B session",
            start_utc=from_local(datetime(2026, 12, 10, 16, 10), NY), start_tz=NY,
            end_utc=from_local(datetime(2026, 12, 11, 0, 10), NY), end_tz=NY, everyone=False)
        mt.set_settings(session, data=mt.SessionData(item, 25, 5, 30))
        cp_ids = [cps.create_counterpart(session, mission_id=mission_id,
                                         data=cps.CounterpartData(name_en=f"Company {n}"))
                  for n in range(120)]
        seen = set()
        while len(seen) < 400:
            pair = (rng.choice(people), rng.choice(cp_ids))
            if pair not in seen:
                seen.add(pair)
                mt.create_request(session, data=mt.RequestData(
                    None, item, pair[1], participant_id=pair[0], priority=rng.randint(1, 3),
                    interpreter=rng.random() < 0.3))
        mt.run_schedule(session, item_id=item)
    return item


def measure(window, page, mission_id: int, item: int, runs: int = 7) -> dict[str, float]:
    app = QApplication.instance()
    window.reload_missions(select_id=mission_id, switch=True)
    window.tabs.setCurrentWidget(window.meetings_tab)
    page._session_id = item
    app.processEvents()
    out: dict[str, list[float]] = {"read and fill": [], "move (commit and reload)": []}
    for _ in range(runs):
        t = time.perf_counter()
        page._reload(Pending(everything=True))
        app.processEvents()
        out["read and fill"].append(time.perf_counter() - t)
    with read_session(window.db.engine) as session:
        meetings = mt.get_meetings(session, item_id=item)
    taken = {(m.slot, m.table) for m in meetings}
    tables = page.grid.columnCount()
    m, free = next((m, (m.slot, t)) for m in meetings for t in range(1, tables + 1)
                   if (m.slot, t) not in taken)
    for n in range(runs):
        with read_session(window.db.engine) as session:
            current = mt.get_meetings(session, item_id=item)
        target = free if n % 2 == 0 else (m.slot, m.table)
        after = mt.moved(current, m.request_id, *target)
        t = time.perf_counter()
        window.run_command(SetMeetings("move", window.ctx.engine, window.events, mission_id,
                                       item, current, after))
        app.processEvents()
        out["move (commit and reload)"].append(time.perf_counter() - t)
    return {k: statistics.median(v) for k, v in out.items()}


def main() -> None:
    app = QApplication(sys.argv[:1])
    print(f"load: {os.getloadavg()[0]:.2f} (1 min) on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.db")
        demo = seed_demo(db.engine)
        small = seed_meetings_demo(db.engine, demo)
        scaled, sizes = build_scaled(db.engine, 10)
        big = big_fair(db.engine, scaled)
        window = MainWindow(db, QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        window.resize(1360, 800)
        window.show()
        page = window.meetings_tab.matchmaking
        one = measure(window, page, demo, small)
        ten = measure(window, page, scaled, big)
        print(f"10x mission: {sizes['attendees']} attendees, 400 requests, "
              f"{page.grid.rowCount()} slots x {page.grid.columnCount()} tables")
        for key in one:
            print(f"  {key:<26} 1x {one[key] * 1000:6.1f} ms   10x {ten[key] * 1000:6.1f} ms "
                  f"({ten[key] / one[key]:.1f}x)")
        window.close()
        db.dispose()
    del app


if __name__ == "__main__":
    main()
