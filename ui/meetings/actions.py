"""What happens when someone works on meetings and protocol: the dialogs, the checks before a
move, and the undoable commands they end in (through ctx.run_command)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from i18n import _, ngettext, pick
from models import counterparts as cps
from models import meetings as mt
from models import seating
from models.store.db import read_session
from ui.common.context import Context
from ui.common.dialogs import confirm, discard, exec_until_saved
from ui.common.layout_memory import remember
from ui.meetings.commands import (
    AddCounterparts,
    AddRequest,
    DeleteCounterpart,
    DeleteRequest,
    EditCounterpart,
    EditRequest,
    SetBreakRule,
    SetGreetings,
    SetInterpreting,
    SetMeetings,
    SetRanks,
    SetSeating,
    SetSessionSettings,
    counterpart_name,
)
from ui.meetings.gift_actions import GiftActions
from ui.meetings.meetings_tab import MeetingsTab


class MeetingActions:
    def __init__(self, ctx: Context, tab: MeetingsTab):
        self.ctx, self.tab = ctx, tab
        page = self.page = tab.matchmaking
        page.schedule_requested.connect(self.schedule)
        page.settings_requested.connect(self.edit_settings)
        page.move_requested.connect(self.move)
        page.swap_requested.connect(self.swap)
        page.pin_requested.connect(self.pin)
        page.add_request.connect(self.add_request)
        page.edit_request.connect(self.edit_request)
        page.delete_request.connect(self.delete_request)
        page.counterparts_requested.connect(self.counterparts)
        proto = self.proto = tab.protocol
        proto.interpreters_requested.connect(self.interpreters)
        proto.ranks_requested.connect(self.ranks)
        proto.seat_by_rank.connect(self.seat_by_rank)
        proto.seat_dropped.connect(self.move_seat)
        proto.pdf_requested.connect(self.seating_pdf)
        proto.cards_requested.connect(self.table_cards)
        proto.greetings_changed.connect(self.set_greetings)
        proto.add_greeter.connect(self.add_greeter)
        proto.seat_move_requested.connect(self.seat_move)
        proto.break_rule_requested.connect(self.break_rule)
        self.counterparts_dialog = None
        self.gifts = GiftActions(ctx, tab.gifts)

    def _run(self, command) -> bool:
        return self.ctx.run_command(command)

    def _args(self):
        return self.ctx.engine, self.ctx.events, self.ctx.writable_mission_id()

    # the 商談会 -------------------------------------------------------------------------------
    def schedule(self, item_id: int) -> None:
        if self.ctx.writable_mission_id() is None:
            return
        with read_session(self.ctx.engine) as session:
            before = mt.get_meetings(session, item_id=item_id)
            result = mt.mm.schedule(mt.build_problem(session, item_id=item_id))
        self._run(SetMeetings(_("Schedule meetings"), *self._args(), item_id, before,
                              list(result.meetings.values())))
        n = len(result.unmet)
        self.ctx.parent.statusBar().showMessage(ngettext(
            "{met} meetings scheduled; {n} request unmet (see the list for why).",
            "{met} meetings scheduled; {n} requests unmet (see the list for why).", n).format(
            met=len(result.meetings), n=n), 10_000)

    def _change(self, item_id: int, text: str, change) -> bool:
        """Store the meetings `change(meetings)` returns, if they break no rule."""
        with read_session(self.ctx.engine) as session:
            before = mt.get_meetings(session, item_id=item_id)
            after = change(before)
            problems = mt.rule_problems(session, item_id=item_id, meetings=after)
        if problems:
            QMessageBox.information(self.ctx.parent, _("Cannot move the meeting"), _(
                "This would put a person, a counterpart or an interpreter in two places at "
                "once, or a meeting at a time its people are busy elsewhere."))
            return False
        if after == before:
            return False
        return self._run(SetMeetings(text, *self._args(), item_id, before, after))

    def move(self, item_id: int, request_id: int, slot: int, table: int) -> None:
        if self._change(item_id, _("Move meeting"),
                        lambda ms: mt.moved(ms, request_id, slot, table)):
            self.page.grid.select_request(request_id)

    def swap(self, item_id: int, first: int, second: int) -> None:
        def change(ms):
            where = {m.request_id: m for m in ms}
            return mt.moved(ms, first, where[second].slot, where[second].table)
        self._change(item_id, _("Swap meetings"), change)

    def pin(self, item_id: int, request_ids: list, pin: bool) -> None:
        self._change(item_id, _("Pin meetings") if pin else _("Unpin meetings"),
                     lambda ms: mt.pinned(ms, set(request_ids), pin))

    def edit_settings(self, item_id: int) -> None:
        from ui.meetings.session_dialog import SessionDialog

        with read_session(self.ctx.engine) as session:
            row = next(s for s in mt.list_sessions(
                session, mission_id=self.ctx.mission_id()) if s.item_id == item_id)
            meetings = mt.get_meetings(session, item_id=item_id)
        dialog = SessionDialog(row, self.ctx.parent)
        exec_until_saved(dialog, lambda: dialog.settings() == row.settings or self._run(
            SetSessionSettings(*self._args(), row.settings, dialog.settings(), meetings)))

    def add_request(self, item_id: int) -> None:
        from ui.meetings.request_dialog import RequestDialog

        dialog = RequestDialog(self.page.data, item_id, parent=self.ctx.parent)
        exec_until_saved(dialog, lambda: self._run(AddRequest(*self._args(),
                                                              dialog.request())))

    def edit_request(self, request_id: int) -> None:
        from ui.meetings.request_dialog import RequestDialog

        view = self.page.data.view
        before = next((r for r in view.requests if r.id == request_id), None) if view else None
        if before is None:
            return
        dialog = RequestDialog(self.page.data, before.item_id, before, self.ctx.parent)
        exec_until_saved(dialog, lambda: dialog.request() == before or self._run(
            EditRequest(*self._args(), before, dialog.request())))

    def delete_request(self, request_id: int) -> None:
        if confirm(self.ctx.parent, _("Delete meeting request"),
                   _("Delete this meeting request and its meeting? You can undo this.")):
            self._run(DeleteRequest(*self._args(), request_id))

    # counterparts ----------------------------------------------------------------------------
    def _counterpart_rows(self) -> list[cps.CounterpartData]:
        with read_session(self.ctx.engine) as session:
            return cps.list_counterparts(session, mission_id=self.ctx.mission_id())

    def counterparts(self) -> None:
        from ui.meetings.counterpart_dialog import CounterpartsDialog

        if self.ctx.writable_mission_id() is None:
            return
        dialog = self.counterparts_dialog = remember(self.ctx.settings, CounterpartsDialog(
            self._counterpart_rows(), self.ctx.parent))
        dialog.add_requested.connect(self.add_counterpart)
        dialog.edit_requested.connect(self.edit_counterpart)
        dialog.delete_requested.connect(self.delete_counterpart)
        dialog.import_requested.connect(self.import_counterparts)
        try:
            dialog.exec()
        finally:
            self.counterparts_dialog = None
            discard(dialog)

    def _refill(self) -> None:
        if self.counterparts_dialog is not None:
            self.counterparts_dialog.set_rows(self._counterpart_rows())

    def _parent(self):
        return self.counterparts_dialog or self.ctx.parent

    def add_counterpart(self) -> None:
        from ui.meetings.counterpart_dialog import CounterpartDialog

        dialog = CounterpartDialog(parent=self._parent())
        if exec_until_saved(dialog, lambda: self._run(AddCounterparts(
                _("Add counterpart {name}").format(name=counterpart_name(dialog.counterpart())),
                *self._args(), [dialog.counterpart()]))):
            self._refill()

    def edit_counterpart(self, counterpart_id: int) -> None:
        from ui.meetings.counterpart_dialog import CounterpartDialog

        before = next(c for c in self._counterpart_rows() if c.id == counterpart_id)
        dialog = CounterpartDialog(before, self._parent())
        if exec_until_saved(dialog, lambda: dialog.counterpart() == before or self._run(
                EditCounterpart(*self._args(), before, dialog.counterpart()))):
            self._refill()

    def delete_counterpart(self, counterpart_id: int) -> None:
        data = next(c for c in self._counterpart_rows() if c.id == counterpart_id)
        if confirm(self._parent(), _("Delete counterpart"), _(
                "Delete {name} with its meeting requests and meetings? You can undo "
                "this.").format(name=counterpart_name(data))):
            self._run(DeleteCounterpart(*self._args(), data))
            self._refill()

    def import_counterparts(self) -> None:
        from documents.counterparts.reader import CounterpartFileError, read_counterparts
        from ui.meetings.counterpart_dialog import problem_text

        path, _filter = QFileDialog.getOpenFileName(
            self._parent(), _("Import counterparts"), "", _("Excel workbooks (*.xlsx)"))
        if not path:
            return
        try:
            rows = read_counterparts(path)
        except CounterpartFileError as exc:
            QMessageBox.warning(self._parent(), _("Import counterparts"), exc.user_message())
            return
        made, skipped = cps.plan_import(self._counterpart_rows(), rows)
        if made:
            self._run(AddCounterparts(ngettext("Import {n} counterpart",
                                               "Import {n} counterparts", len(made)).format(
                n=len(made)), *self._args(), made))
            self._refill()
        lines = [ngettext("{n} counterpart imported.", "{n} counterparts imported.",
                          len(made)).format(n=len(made))]
        lines += [_("Row {row} left out: {why}").format(row=n + 1, why=problem_text(code))
                  for n, code in skipped[:20]]
        QMessageBox.information(self._parent(), _("Import counterparts"), "\n".join(lines))

    # protocol --------------------------------------------------------------------------------
    def interpreters(self, item_id: int) -> None:
        from ui.meetings import tab_data
        from ui.meetings.interpreter_dialog import InterpreterDialog

        d = self.proto.data
        row = next(i for i in d.items if i.id == item_id)
        title = (row.title_en, row.title_ja)
        with read_session(self.ctx.engine) as session:
            people, _orgs = tab_data.load_people(session, mission_id=self.ctx.mission_id())
        interpreters = sorted((p for p in people.values()
                               if p.role == "interpreter" and not p.cancelled),
                              key=lambda p: p.sort_key)
        before = (d.needed, d.interpreters)
        dialog = InterpreterDialog(title, interpreters, d.needed, d.interpreters,
                                   self.ctx.parent)
        exec_until_saved(dialog, lambda: dialog.value() == before or self._run(
            SetInterpreting(*self._args(), item_id, before, dialog.value())))

    def ranks(self) -> None:
        from ui.meetings.rank_dialog import RankDialog

        if self.ctx.writable_mission_id() is None:
            return
        d = self.proto.data
        dialog = remember(self.ctx.settings, RankDialog(d.people, d.ranks, self.ctx.parent))
        exec_until_saved(dialog, lambda: not dialog.ranks() or self._run(
            SetRanks(*self._args(), dialog.ranks())))

    def seat_by_rank(self, item_id: int, settings: seating.PlanSettings) -> None:
        from models.protocol import precedence

        d = self.proto.data
        sides = precedence(d.ranked(d.taking_part))
        spots = seating.layout(settings)
        seats = seating.assign(spots, sides["host"], sides["guest"])
        self._run(SetSeating(_("Seat by rank"), *self._args(), settings, seats))

    def move_seat(self, item_id: int, participant_id: int, table: int, seat: int) -> bool:
        d = self.proto.data
        seats = dict(d.seats)
        here = seats.get(participant_id)
        other = next((p for p, spot in seats.items() if spot == (table, seat)), None)
        if other is not None:
            if here is None:
                del seats[other]
            else:
                seats[other] = here
        seats[participant_id] = (table, seat)
        return self._run(SetSeating(_("Move seat"), *self._args(), d.settings, seats))

    def set_greetings(self, item_id: int, order: list) -> None:
        self._run(SetGreetings(*self._args(), item_id, order))

    def add_greeter(self, item_id: int) -> None:
        from ui.meetings.protocol_dialogs import SpeakerDialog

        d = self.proto.data
        order = d.greeting_order()
        left = sorted((p for p in d.taking_part if p not in order
                       and d.people[p].role != "interpreter"),
                      key=lambda p: d.people[p].sort_key)
        if not left:
            self.ctx.parent.statusBar().showMessage(
                _("Everyone taking part is on the list of speakers already."), 10_000)
            return
        dialog = SpeakerDialog([(p, d.people[p].name()) for p in left], self.ctx.parent)
        try:
            if dialog.exec():
                self.set_greetings(item_id, [*order, dialog.choice()])
        finally:
            discard(dialog)

    def seat_move(self, item_id: int) -> None:
        from ui.meetings.protocol_dialogs import SeatMoveDialog

        d = self.proto.data
        names = {p: d.people[p].name() for p in d.people}
        people = [(p, names[p]) for p in d.taking_part if d.people[p].role != "interpreter"]
        at = {spot: p for p, spot in d.seats.items()}
        spots = [(s.table, s.seat, names.get(at.get((s.table, s.seat)), ""))
                 for s in sorted(seating.layout(d.settings), key=lambda s: (s.table, s.seat))]
        dialog = SeatMoveDialog(people, spots, parent=self.ctx.parent)
        exec_until_saved(dialog, lambda: d.seats.get(dialog.choice()[0]) == dialog.choice()[1:]
                         or self.move_seat(item_id, *dialog.choice()))

    def break_rule(self) -> None:
        from ui.meetings.protocol_dialogs import BreakRuleDialog

        if self.ctx.writable_mission_id() is None:
            return
        before = self.proto.data.break_rule
        dialog = BreakRuleDialog(before, self.ctx.parent)
        exec_until_saved(dialog, lambda: dialog.rule() == before or self._run(
            SetBreakRule(*self._args(), dialog.rule())))

    def table_cards(self, item_id: int) -> None:
        """The seated people's folded table cards, table by table in seat order, as a PDF."""
        from documents.handouts import export_badges
        from documents.workbook.save import ExportError
        from i18n import current_language

        mission = self.ctx.current_mission()
        row = next(i for i in self.proto.data.items if i.id == item_id)
        title = _("Table cards")
        path, _filter = QFileDialog.getSaveFileName(
            self.ctx.parent, title, f"{row.title_en or 'table-cards'} cards.pdf"[:80],
            _("PDF documents (*.pdf)"))
        if not path or mission is None:
            return
        try:
            export_badges(self.ctx.engine, code=mission.code, path=path,
                          language=current_language(), layout="tent", item_id=item_id)
        except ExportError as exc:
            QMessageBox.warning(self.ctx.parent, title, exc.user_message())
            return
        self.ctx.parent.statusBar().showMessage(_("Saved {path}").format(path=path), 10_000)

    def seating_pdf(self, item_id: int) -> None:
        from documents.workbook.save import ExportError
        from ui.meetings.seating_pdf import save_seating_pdf

        row = next(i for i in self.proto.data.items if i.id == item_id)
        title = _("Seating plan: {item}").format(item=pick(row.title_en, row.title_ja)[0])
        path, _filter = QFileDialog.getSaveFileName(
            self.ctx.parent, _("Seating chart as PDF"), f"{row.title_en or 'seating'}.pdf"[:80],
            _("PDF documents (*.pdf)"))
        if not path:
            return
        try:
            save_seating_pdf(Path(path), self.proto.view.scene(), title,
                             self.proto.seat_lines(), row.start_tz)
        except ExportError as exc:
            QMessageBox.warning(self.ctx.parent, _("Seating chart as PDF"), exc.user_message())
            return
        self.ctx.parent.statusBar().showMessage(_("Saved {path}").format(path=path), 10_000)
