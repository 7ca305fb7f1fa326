"""Random sequences of create, edit, undo, redo and delete keep the database equal to a model.

The commands are the window's own (ui.missions.commands on a QUndoStack), deleting a whole mission
included: undoing it must bring the mission back with its id. After every step the missions in
the file (codes, titles, dates, zone, status, organizers) must equal a plain in-memory model,
and titles in any script (Japanese, emoji, right-to-left, a leading "=") must come back unchanged.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from PySide6.QtGui import QUndoStack

from models import repository as repo
from models.entities import MissionStatus
from models.store.db import open_database, read_session, write_session
from ui.common.events import MissionEvents
from ui.missions.commands import CreateMission, DeleteMission, EditMission

FIELDS = ("code", "title_en", "title_ja", "start_date", "end_date", "home_tz", "status")
ORGANIZATIONS = 3

# The mission dialog's rule for codes (ui/missions/mission_dialog.py), which every stored code
# obeys.
codes = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{1,39}", fullmatch=True)
titles = st.one_of(
    # Anything that is valid text: only lone surrogates cannot be stored as UTF-8 at all.
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    st.sampled_from([
        "北海道・オールバニ半導体ミッション2026", "ｶﾀｶﾅ ﾐｯｼｮﾝ", "🇯🇵🤝🇺🇸 mission 🚀",
        "=SUM(A1:A9)", "=cmd|' /C calc'!A0", "+1 -1 @home", "مهمة الأعمال", "משלחת עסקית",
        "\u202eRTL override\u202c", "  spaced  ", "tab\tand\nnewline", "", "a\x00b",
    ]),
)
zones = st.sampled_from(["Asia/Tokyo", "America/New_York", "Pacific/Honolulu", "UTC"])
statuses = st.sampled_from([s.value for s in MissionStatus])


@st.composite
def mission_values(draw) -> dict:
    start = draw(st.dates(date(2000, 1, 1), date(2099, 12, 31)))
    return {
        "code": draw(codes), "title_en": draw(titles), "title_ja": draw(titles),
        "start_date": start, "end_date": start + timedelta(days=draw(st.integers(0, 60))),
        "home_tz": draw(zones), "status": draw(statuses),
    }


organizer_picks = st.lists(st.integers(0, ORGANIZATIONS - 1), max_size=4)  # duplicates too


class DatabaseMachine(RuleBasedStateMachine):
    """A state machine with its own database file per example, an undo stack and the events."""

    template: Path  # an empty, migrated database file; set by the test before it runs

    def open_copy(self) -> None:
        # A fresh file per example: state machines get no per-example pytest fixtures. Copied
        # from a migrated template, since running the migrations each time makes shrinking slow.
        self.tmp = Path(tempfile.mkdtemp(prefix="example-", dir=self.template.parent))
        shutil.copyfile(self.template, self.tmp / "stateful.db")
        self.db = open_database(self.tmp / "stateful.db")
        self.events = MissionEvents()
        self.undo_stack = QUndoStack()

    def teardown(self):
        if hasattr(self, "db"):
            self.undo_stack.clear()
            self.db.dispose()
            shutil.rmtree(self.tmp, ignore_errors=True)


class MissionMachine(DatabaseMachine):
    """The model: `missions` maps a slot (a mission's identity) to its expected fields, and
    `stack`/`index` mirror the QUndoStack with entries (kind, slot, before, after, command)."""

    @initialize()
    def open_fresh_database(self):
        self.open_copy()
        with write_session(self.db.engine) as session:
            self.org_ids = [repo.create_organization(session, name_en=f"Org {i}")
                            for i in range(ORGANIZATIONS)]
        self.emitted: list[tuple[int, str]] = []
        # A mission that comes (created, or its deletion undone) or changes names its row; one
        # that goes says it is removed.
        self.events.changed.connect(lambda change: self.emitted.append(
            (change.mission_id, "deleted" if change.removed else "|".join(sorted(change.kinds)))))
        self.missions: dict[int, dict] = {}
        self.ids: dict[int, int] = {}       # slot -> the database id it has now
        self.stack: list[tuple] = []
        self.index = 0
        self.next_slot = 0

    # -- helpers ---------------------------------------------------------------------------

    def _code_free(self, code: str, except_slot: int | None = None) -> bool:
        # Case-insensitive, as the dialog checks it (repo.code_in_use).
        return all(m["code"].lower() != code.lower()
                   for slot, m in self.missions.items() if slot != except_slot)

    def _organizers(self, picks: list[int]) -> list[int]:
        return [self.org_ids[i] for i in picks]

    def _expect_one_event(self, what: str, slot: int) -> None:
        assert self.emitted == [(self.ids[slot], what)], self.emitted
        self.emitted.clear()

    def _apply(self, entry: tuple, forward: bool) -> None:
        """What the model expects one stack entry to do, forward (redo) or backward (undo)."""
        kind, slot, before, after, command = entry
        if kind == "create":
            if forward:
                self.missions[slot] = dict(after)
                self.ids[slot] = command.mission_id
                self._expect_one_event("mission", slot)
            else:
                self._expect_one_event("deleted", slot)
                del self.missions[slot]
        elif kind == "delete":
            if forward:
                self._expect_one_event("deleted", slot)
                del self.missions[slot]
            else:
                self.missions[slot] = dict(before)
                self._expect_one_event("mission", slot)
        else:
            self.missions[slot].update(after if forward else before)
            self._expect_one_event("mission", slot)

    def _push(self, entry: tuple) -> None:
        # Pushing drops whatever could have been redone, in the model as on the stack.
        del self.stack[self.index:]
        self.stack.append(entry)
        self.undo_stack.push(entry[4])  # runs redo() once
        self.index += 1
        self._apply(entry, forward=True)

    # -- rules -----------------------------------------------------------------------------

    @rule(values=mission_values(), picks=organizer_picks)
    def create(self, values, picks):
        if not self._code_free(values["code"]):
            return  # the dialog would refuse it; nothing to do
        organizers = self._organizers(picks)
        command = CreateMission(self.db.engine, self.events, dict(values), organizers)
        expected = dict(values, organizer_ids=tuple(sorted(set(organizers))))
        self._push(("create", self.next_slot, None, expected, command))
        self.next_slot += 1

    @precondition(lambda self: self.missions)
    @rule(data=st.data(), values=mission_values(), picks=organizer_picks)
    def edit(self, data, values, picks):
        slot = data.draw(st.sampled_from(sorted(self.missions)), label="slot")
        # The command edits the fields it is given (always the code, to name itself).
        names = data.draw(st.sets(st.sampled_from(FIELDS[1:])), label="fields")
        changed = {k: v for k, v in values.items() if k == "code" or k in names}
        if not self._code_free(changed["code"], except_slot=slot):
            return
        with read_session(self.db.engine) as session:
            before_row = repo.get_mission(session, mission_id=self.ids[slot])
        organizers = self._organizers(picks)
        command = EditMission(self.db.engine, self.events, before_row, dict(changed),
                              organizers)
        old = self.missions[slot]
        before = {k: old[k] for k in changed} | {"organizer_ids": old["organizer_ids"]}
        after = dict(changed, organizer_ids=tuple(sorted(set(organizers))))
        self._push(("edit", slot, before, after, command))

    @precondition(lambda self: self.index > 0)
    @rule()
    def undo(self):
        self.undo_stack.undo()
        self.index -= 1
        self._apply(self.stack[self.index], forward=False)

    @precondition(lambda self: self.index < len(self.stack))
    @rule()
    def redo(self):
        self.undo_stack.redo()
        self._apply(self.stack[self.index], forward=True)
        self.index += 1

    @precondition(lambda self: self.missions)
    @rule(data=st.data())
    def delete(self, data):
        slot = data.draw(st.sampled_from(sorted(self.missions)), label="slot")
        command = DeleteMission(self.db.engine, self.events, self.ids[slot],
                                self.missions[slot]["code"])
        self._push(("delete", slot, dict(self.missions[slot]), None, command))

    # -- the check -------------------------------------------------------------------------

    @invariant()
    def database_equals_model(self):
        if not hasattr(self, "db"):
            return
        with read_session(self.db.engine) as session:
            rows = repo.list_missions(session)
        actual = {r.id: {k: getattr(r, k) for k in (*FIELDS, "organizer_ids")} for r in rows}
        expected = {self.ids[slot]: m for slot, m in self.missions.items()}
        assert actual == expected
        assert self.undo_stack.index() == self.index
        assert self.undo_stack.count() == len(self.stack)


@pytest.mark.slow
def test_random_edits_undo_and_redo_keep_the_database_equal_to_the_model(qapp, tmp_path):
    # qapp: the commands are Qt objects; pytest-qt's QApplication serves the whole session.
    open_database(tmp_path / "template.db").dispose()  # closing folds the WAL into the file
    MissionMachine.template = tmp_path / "template.db"
    run_state_machine_as_test(MissionMachine, settings=settings(
        max_examples=40, stateful_step_count=25, deadline=None,
        suppress_health_check=[HealthCheck.too_slow]))
