"""Keyboard-walk benchmark: what the Tab chain and the Escape question cost on the largest
dialog they cover, the protocol ranks (one spin box per person in the table's cells), at 1x
(20 people), 10x (200) and 100x (2,000): building the chain (`finish_form`), one Escape's
"anything changed?" (`has_changes`), and one Tab. Printed against a floor measured in the same
run: reading every spin box's text once, which `has_changes` cannot do with less.
Run: `python bench/dialog_keyboard.py --runs 7`."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui.meetings.rank_dialog import RankDialog  # noqa: E402
from ui.meetings.tab_data import Person  # noqa: E402

FRAME_MS = 16.0


def people(n: int) -> dict[int, Person]:
    return {i: Person(i, f"Family{i:04d}", f"Given{i}", "", "", "delegate", i % 6,
                      ("Org", ""), sort_key=(f"family{i:04d}",)) for i in range(1, n + 1)}


def ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    print(f"load {os.getloadavg()[0]:.2f}")
    for scale, n in (("1x", 20), ("10x", 200), ("100x", 2000)):
        dialog = RankDialog(people(n), {1: 1})
        dialog.show()
        app.processEvents()
        spins = list(dialog.spins.values())
        floor = ms(lambda s=spins: [x.text() for x in s], args.runs)
        chain = ms(dialog.finish_form, args.runs)
        escape = ms(dialog.has_changes, args.runs)
        spins[0].setFocus()
        tab = ms(lambda: QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab),
                 args.runs)
        verdict = "ok" if max(escape, tab) < FRAME_MS else "OVER 16 ms"
        print(f"{scale:>4} ({n} people): chain {chain:.2f} ms, Escape check {escape:.2f} ms "
              f"({escape / floor:.1f}x the floor {floor:.2f} ms), Tab {tab:.2f} ms  {verdict}")
        dialog.close()
        dialog.deleteLater()
        app.processEvents()


if __name__ == "__main__":
    main()
