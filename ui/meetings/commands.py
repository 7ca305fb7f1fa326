"""Undoable changes to meetings and protocol. Each keeps both sides of the change (the rows
before and after), so that undo and redo put back exactly what was there."""

from __future__ import annotations

from dataclasses import replace

from i18n import _, pick
from models import counterparts as cps
from models import interpreting, protocol, seating
from models import meetings as mt
from models.store.db import write_session
from ui.common.events import ITEMS, MEETINGS, MISSION, PLACEMENTS, PROTOCOL
from ui.common.undo import MissionCommand


def counterpart_name(data: cps.CounterpartData) -> str:
    return pick(data.name_en, data.name_ja)[0]


class SetMeetings(MissionCommand):
    """The meetings of one session replaced: a schedule, a move, a swap, a pin. Announced as
    PLACEMENTS: the requests, counterparts and people stay, so the tab reads only meetings."""

    kinds = (PLACEMENTS,)

    def __init__(self, text: str, engine, events, mission_id: int, item_id: int,
                 before: list, after: list):
        super().__init__(text, engine, events, mission_id)
        self.item_id, self.before, self.after = item_id, list(before), list(after)

    def _store(self, meetings: list) -> None:
        with write_session(self.engine) as session:
            mt.set_meetings(session, item_id=self.item_id, meetings=meetings)
        self._announce()

    def do_redo(self) -> None:
        self._store(self.after)

    def do_undo(self) -> None:
        self._store(self.before)


class SetSessionSettings(MissionCommand):
    kinds = (MEETINGS, ITEMS)          # the grid changes: the tabs read the session again

    def __init__(self, engine, events, mission_id: int, before: mt.SessionData,
                 after: mt.SessionData, meetings: list):
        super().__init__(_("Change session slots"), engine, events, mission_id)
        self.before, self.after, self.meetings = before, after, list(meetings)

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            mt.set_settings(session, data=self.after)
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            mt.set_settings(session, data=self.before)
            mt.set_meetings(session, item_id=self.before.item_id, meetings=self.meetings)
        self._announce()


class AddRequest(MissionCommand):
    kinds = (MEETINGS,)

    def __init__(self, engine, events, mission_id: int, data: mt.RequestData):
        super().__init__(_("Add meeting request"), engine, events, mission_id)
        self.data = data

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.data = replace(self.data, id=mt.create_request(session, data=self.data))
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            mt.delete_request(session, request_id=self.data.id)
        self._announce()


class EditRequest(MissionCommand):
    kinds = (MEETINGS,)

    def __init__(self, engine, events, mission_id: int, before: mt.RequestData,
                 after: mt.RequestData):
        super().__init__(_("Edit meeting request"), engine, events, mission_id)
        self.before, self.after = before, after

    def _store(self, data: mt.RequestData) -> None:
        with write_session(self.engine) as session:
            mt.update_request(session, data=data)
        self._announce()

    def do_redo(self) -> None:
        self._store(self.after)

    def do_undo(self) -> None:
        self._store(self.before)


class DeleteRequest(MissionCommand):
    kinds = (MEETINGS,)

    def __init__(self, engine, events, mission_id: int, request_id: int):
        super().__init__(_("Delete meeting request"), engine, events, mission_id)
        self.request_id = request_id
        self.removed = None

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.removed = mt.delete_request(session, request_id=self.request_id)
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            mt.restore_request(session, *self.removed)
        self._announce()


class AddCounterparts(MissionCommand):
    """One counterpart typed in, or many imported from a spreadsheet."""

    kinds = (MEETINGS,)

    def __init__(self, text: str, engine, events, mission_id: int,
                 rows: list[cps.CounterpartData]):
        super().__init__(text, engine, events, mission_id)
        self.rows = list(rows)

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.rows = [replace(r, id=cps.create_counterpart(
                session, mission_id=self.mission_id, data=r)) for r in self.rows]
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            cps.remove_imported(session, ids=[r.id for r in self.rows])
        self._announce()


class EditCounterpart(MissionCommand):
    kinds = (MEETINGS,)

    def __init__(self, engine, events, mission_id: int, before: cps.CounterpartData,
                 after: cps.CounterpartData):
        super().__init__(_("Edit counterpart {name}").format(name=counterpart_name(after)),
                         engine, events, mission_id)
        self.before, self.after = before, after

    def _store(self, data) -> None:
        with write_session(self.engine) as session:
            cps.update_counterpart(session, data=data)
        self._announce()

    def do_redo(self) -> None:
        self._store(self.after)

    def do_undo(self) -> None:
        self._store(self.before)


class DeleteCounterpart(MissionCommand):
    kinds = (MEETINGS,)

    def __init__(self, engine, events, mission_id: int, data: cps.CounterpartData):
        super().__init__(_("Delete counterpart {name}").format(name=counterpart_name(data)),
                         engine, events, mission_id)
        self.data, self.removed = data, None

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.removed = cps.delete_counterpart(session, counterpart_id=self.data.id)
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            cps.restore_counterpart(session, self.removed)
        self._announce()


class SetInterpreting(MissionCommand):
    kinds = (MEETINGS, ITEMS)

    def __init__(self, engine, events, mission_id: int, item_id: int,
                 before: tuple[bool, tuple[int, ...]], after: tuple[bool, tuple[int, ...]]):
        super().__init__(_("Change interpreters"), engine, events, mission_id)
        self.item_id, self.before, self.after = item_id, before, after

    def announced_ids(self) -> tuple[int, ...]:
        return (self.item_id,)

    def _store(self, value) -> None:
        with write_session(self.engine) as session:
            interpreting.set_interpreting(session, item_id=self.item_id, needed=value[0],
                                          interpreter_ids=value[1])
        self._announce()

    def do_redo(self) -> None:
        self._store(self.after)

    def do_undo(self) -> None:
        self._store(self.before)


class SetRanks(MissionCommand):
    kinds = (PROTOCOL,)

    def __init__(self, engine, events, mission_id: int, after: dict[int, int | None]):
        super().__init__(_("Change protocol ranks"), engine, events, mission_id)
        self.after, self.before = dict(after), None

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.before = protocol.set_ranks(session, mission_id=self.mission_id,
                                             ranks=self.after)
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            protocol.set_ranks(session, mission_id=self.mission_id, ranks=self.before)
        self._announce()


class SetSeating(MissionCommand):
    kinds = (PROTOCOL,)

    def __init__(self, text: str, engine, events, mission_id: int,
                 settings: seating.PlanSettings, seats: dict[int, tuple[int, int]]):
        super().__init__(text, engine, events, mission_id)
        self.after, self.before = (settings, dict(seats)), None

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.before = seating.set_plan(session, settings=self.after[0], seats=self.after[1])
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            seating.set_plan(session, settings=self.before[0], seats=self.before[1])
        self._announce()


class SetGreetings(MissionCommand):
    """The order of greetings at an item set by hand (an empty order: back to by rank)."""

    kinds = (PROTOCOL,)

    def __init__(self, engine, events, mission_id: int, item_id: int, after: list[int]):
        super().__init__(_("Change the order of greetings"), engine, events, mission_id)
        self.item_id, self.after, self.before = item_id, list(after), None

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.before = protocol.set_greetings(session, item_id=self.item_id,
                                                 order=self.after)
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            protocol.set_greetings(session, item_id=self.item_id, order=self.before)
        self._announce()


class SetBreakRule(MissionCommand):
    """The mission's rule for interpreters: minutes at work at most, minutes of a break."""

    kinds = (MISSION, MEETINGS)          # the checks read it; the Protocol page shows it

    def __init__(self, engine, events, mission_id: int, after: tuple[int, int]):
        super().__init__(_("Change the interpreters' break rule"), engine, events, mission_id)
        self.after, self.before = after, None

    def do_redo(self) -> None:
        with write_session(self.engine) as session:
            self.before = interpreting.set_break_rule(session, mission_id=self.mission_id,
                                                      rule=self.after)
        self._announce()

    def do_undo(self) -> None:
        with write_session(self.engine) as session:
            interpreting.set_break_rule(session, mission_id=self.mission_id, rule=self.before)
        self._announce()
