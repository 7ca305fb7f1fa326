"""Random sequences of attendee add, edit, remove, import, undo and redo keep the file equal to a
model in memory.

The commands are the window's own (ui.attendees.commands on a QUndoStack). The model keeps, for
each attendee, every person field, the organization's name, the role and the status; and the
names of all organizations. Each stack entry holds the model before and after it, so undo and
redo are checked against exactly what the user saw before. After every step the file must equal
the model: the same participants with the same ids (undo and redo must put back the very same
rows), the same values in any script, no person left behind without a mission (a removed
attendee's personal data is gone), and organizations typed in new gone again on undo.
"""

from __future__ import annotations

import copy
from datetime import date

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlmodel import select

from models import attendees as att
from models import repository as repo
from models.entities import AttendanceStatus, Organization, Participant, Person, Role
from models.store.db import open_database, read_session, write_session
from models.store.errors import InvalidInput
from tests.test_stateful import DatabaseMachine
from ui.attendees.commands import AddAttendee, EditAttendee, ImportAttendees, RemoveAttendee

BASE_ORGS = ("JETRO", "NY CREATES", "北海道庁")
# Typed in as new: none folds to a base name, and each folds to itself only.
NEW_ORGS = ("Chitose Works", "アルバニー研究所", "Ｈokkaido Lab")

texts = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=20),
    st.sampled_from(["本間", "ホンマ", "=1+1", "@SUM(A1)", "Zoë 😀", "مدير", "", "  ", "a\x00b"]),
)
TEXT_FIELDS = ("family_name", "given_name", "family_name_ja", "given_name_ja", "family_kana",
               "email", "dietary", "notes", "passport_number", "title_ja")
roles = st.sampled_from([r.value for r in Role])
statuses = st.sampled_from([s.value for s in AttendanceStatus])
org_names = st.one_of(st.none(), st.sampled_from(BASE_ORGS))
dates = st.one_of(st.none(), st.dates(date(1930, 1, 1), date(2040, 12, 31)))


@st.composite
def person_values(draw) -> dict:
    """Some person fields (the rest keep their defaults or earlier values)."""
    chosen = draw(st.sets(st.sampled_from(TEXT_FIELDS), min_size=1))
    values = {name: draw(texts) for name in chosen}
    if "passport_number" in values and draw(st.booleans()):   # mostly a number models take
        values["passport_number"] = draw(st.from_regex(r"[A-Z0-9]{5,20}", fullmatch=True))
    if draw(st.booleans()):
        values["date_of_birth"] = draw(dates)
        values["passport_expiry"] = draw(dates)
    values["latin_unconfirmed"] = draw(st.booleans())
    return values


def blank_person() -> dict:
    return {name: field.default for name, field in Person.model_fields.items()
            if name in att.PERSON_FIELDS}


class AttendeeMachine(DatabaseMachine):
    @initialize()
    def open_fresh_database(self):
        self.open_copy()
        with write_session(self.db.engine) as session:
            self.org_ids = {name: att.organization_by_name(session, name, [])
                            for name in BASE_ORGS}
            self.mission_id = repo.create_mission(
                session, code="HKD-ALB", title_en="Mission", title_ja="ミッション",
                start_date=date(2026, 12, 6), end_date=date(2026, 12, 12),
                home_tz="Asia/Tokyo")
        # The model: slot -> {"person", "org", "role", "status"}; slot -> participant id.
        self.attendees: dict[int, dict] = {}
        self.orgs: set[str] = set(BASE_ORGS)
        self.ids: dict[int, int] = {}
        self.stack: list[tuple[dict, set, dict, set]] = []  # model before and after
        self.index = 0
        self.next_slot = 0

    # -- helpers ---------------------------------------------------------------------------

    def _org_id(self, name: str | None) -> int | None:
        return self.org_ids[name] if name else None

    @staticmethod
    def _stored(person: dict) -> dict | None:
        """What models store of this person: cleaned (rules.clean), or None when a rule
        refuses it (a name of invisible characters, a birth in the future...). The rules
        themselves are tested in test_hardening and test_rules; this machine holds undo and
        redo to whatever they decide."""
        from models.dietary import with_codes

        try:
            return with_codes(att.checked_person(person))   # the codes follow the free text
        except InvalidInput:
            return None

    def _refused(self, command) -> None:
        """A change models refuse: the window applies it first, is told, records nothing."""
        with pytest.raises(InvalidInput):
            command.apply_redo()

    def _push(self, command, attendees: dict, orgs: set) -> None:
        """Push the command (its first redo runs) and expect the model to become this."""
        del self.stack[self.index:]
        self.stack.append((copy.deepcopy(self.attendees), set(self.orgs),
                           copy.deepcopy(attendees), set(orgs)))
        self.undo_stack.push(command)
        self.index += 1
        self.attendees, self.orgs = attendees, orgs

    def _draw_slot(self, data) -> int:
        return data.draw(st.sampled_from(sorted(self.attendees)), label="slot")

    # -- rules -----------------------------------------------------------------------------

    @rule(values=person_values(), org=org_names, new_org=st.sampled_from(("",) + NEW_ORGS),
          role=roles, status=statuses)
    def add(self, values, org, new_org, role, status):
        values.setdefault("family_name", "Sato")    # a person needs a name (NAME_EMPTY)
        data = att.AttendeeData(person=blank_person() | values,
                                organization_id=self._org_id(org), role=role, status=status)
        command = AddAttendee(self.db.engine, self.events, self.mission_id, data, new_org)
        stored = self._stored(data.person)
        if stored is None:
            return self._refused(command)
        slot, self.next_slot = self.next_slot, self.next_slot + 1
        after = copy.deepcopy(self.attendees)
        after[slot] = {"person": stored, "org": new_org or org, "role": role,
                       "status": status}
        self._push(command, after, self.orgs | ({new_org} if new_org else set()))
        self.ids[slot] = command.participant_id

    @precondition(lambda self: self.attendees)
    @rule(data=st.data(), values=person_values(), org=org_names,
          new_org=st.sampled_from(("",) + NEW_ORGS), role=roles, status=statuses)
    def edit(self, data, values, org, new_org, role, status):
        slot = self._draw_slot(data)
        old = self.attendees[slot]
        with read_session(self.db.engine) as session:
            before = att.get_attendee(session, participant_id=self.ids[slot])
        changed = att.AttendeeData(person=before.person | values,
                                   organization_id=self._org_id(org), role=role, status=status)
        command = EditAttendee(self.db.engine, self.events, self.mission_id, self.ids[slot],
                               before, changed, new_org)
        stored = self._stored(old["person"] | values)
        if stored is None:
            return self._refused(command)
        after = copy.deepcopy(self.attendees)
        after[slot] = {"person": stored, "org": new_org or org, "role": role,
                       "status": status}
        self._push(command, after, self.orgs | ({new_org} if new_org else set()))

    @precondition(lambda self: self.attendees)
    @rule(data=st.data())
    def remove(self, data):
        slot = self._draw_slot(data)
        command = RemoveAttendee(self.db.engine, self.events, self.mission_id, self.ids[slot],
                                 "someone")
        after = {s: a for s, a in copy.deepcopy(self.attendees).items() if s != slot}
        self._push(command, after, set(self.orgs))

    @rule(data=st.data(), new=st.lists(st.tuples(person_values(), roles), max_size=4),
          org=st.sampled_from(("",) + BASE_ORGS + NEW_ORGS))
    def import_rows(self, data, new, org):
        """New rows, and updates of some attendees there (empty cells keep what was there)."""
        updates = (data.draw(st.lists(st.tuples(st.sampled_from(sorted(self.attendees)),
                                                person_values()), max_size=3,
                                      unique_by=lambda t: t[0]), label="updates")
                   if self.attendees else [])
        if not new and not updates:
            return  # the import window refuses a file with no rows
        rows, after = [], copy.deepcopy(self.attendees)
        for values, role in new:
            values.setdefault("family_name", "Sato")
            rows.append({"person": blank_person() | values, "organization": org, "role": role,
                         "person_id": None})
        with read_session(self.db.engine) as session:
            person_ids = {s: session.get(Participant, self.ids[s]).person_id
                          for s, _ in updates}
        for slot, values in updates:
            rows.append({"person": values, "organization": org, "role": "",
                         "person_id": person_ids[slot]})
            kept = {k: v for k, v in values.items() if v not in ("", None)}
            after[slot]["person"] = self._stored(after[slot]["person"] | kept)
            after[slot]["org"] = org or after[slot]["org"]
        command = ImportAttendees(self.db.engine, self.events, self.mission_id, rows)
        new_people = [self._stored(blank_person() | values) for values, _role in new]
        if None in new_people or any(after[slot]["person"] is None for slot, _ in updates):
            return self._refused(command)    # one row refused: nothing of the file is written
        new_slots = list(range(self.next_slot, self.next_slot + len(new)))
        self.next_slot += len(new)
        for slot, person, (_values, role) in zip(new_slots, new_people, new, strict=True):
            after[slot] = {"person": person, "org": org or None,
                           "role": role, "status": "invited"}
        self._push(command, after, self.orgs | ({org} if org else set()))
        for slot, pid in zip(new_slots, command.result.created, strict=True):
            self.ids[slot] = pid

    @precondition(lambda self: self.index > 0)
    @rule()
    def undo(self):
        self.undo_stack.undo()
        self.index -= 1
        before, orgs, _after, _orgs = self.stack[self.index]
        self.attendees, self.orgs = copy.deepcopy(before), set(orgs)

    @precondition(lambda self: self.index < len(self.stack))
    @rule()
    def redo(self):
        self.undo_stack.redo()
        _before, _orgs, after, orgs = self.stack[self.index]
        self.index += 1
        self.attendees, self.orgs = copy.deepcopy(after), set(orgs)

    # -- the check -------------------------------------------------------------------------

    @invariant()
    def database_equals_model(self):
        if not hasattr(self, "db"):
            return
        with read_session(self.db.engine) as session:
            names = {org.id: org.name_en or org.name_ja
                     for org in session.exec(select(Organization)).all()}
            actual = {}
            for pid in session.exec(select(Participant.id).where(
                    Participant.mission_id == self.mission_id)).all():
                a = att.get_attendee(session, participant_id=pid)
                actual[pid] = {"person": a.person, "org": names.get(a.organization_id),
                               "role": a.role, "status": a.status}
            people = len(session.exec(select(Person.id)).all())
        expected = {self.ids[slot]: a for slot, a in self.attendees.items()}
        assert actual == expected
        assert people == len(expected)  # nobody's personal data outlives their removal
        assert set(names.values()) == self.orgs
        assert self.undo_stack.index() == self.index


@pytest.mark.slow
def test_random_attendee_edits_undo_and_redo_keep_the_file_equal_to_the_model(qapp, tmp_path):
    open_database(tmp_path / "template.db").dispose()
    AttendeeMachine.template = tmp_path / "template.db"
    run_state_machine_as_test(AttendeeMachine, settings=settings(
        max_examples=40, stateful_step_count=25, deadline=None,
        suppress_health_check=[HealthCheck.too_slow]))
