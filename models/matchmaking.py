"""The 商談会 scheduler: places meeting requests in slots at tables, pure Python, no database.

Rules it never breaks: a person, a counterpart, an interpreter and a table hold at most one
meeting per slot; nobody meets in a slot they are busy elsewhere; pinned meetings stay where
they are. What it aims for: requests by priority (1 first), the most constrained first within a
priority, then moving meetings already placed to make room, then letting a request displace a
met one of lower priority that shares its people or counterpart. After that no unmet request
fits anywhere, and none would fit by removing one such lower-priority meeting. Each unmet
request carries the reason found for it.
"""

from __future__ import annotations

import heapq
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# Why a request stayed unmet, as codes the window and the documents word.
NO_SLOTS = "no_slots"                      # the session's window holds no slot
PEOPLE_BOOKED = "people_booked"            # the delegate side is busy in every slot
COUNTERPART_BOOKED = "counterpart_booked"  # the counterpart is busy in every slot
NO_COMMON_SLOT = "no_common_slot"          # each is free sometimes, never both at once
NO_TABLE = "no_table"                      # every slot both are free has all tables taken
NO_INTERPRETER = "no_interpreter"          # ...or no interpreter free
PINNED_CLASH = "pinned_clash"              # pinned where another pinned meeting already is
NO_PEOPLE = "no_people"                    # its delegate is cancelled, or its organization
                                           # has nobody on the mission
FITS = "fits"                              # not placed, but a slot is free for it now
# When a slot is full, how many of its meetings are tried for moving away to make room: enough
# for a 商談会 of a few dozen tables, and it keeps a slot of 3,000 tables from costing 3,000.
MOVE_CANDIDATES = 12
REASONS = (NO_PEOPLE, NO_SLOTS, PEOPLE_BOOKED, COUNTERPART_BOOKED, NO_COMMON_SLOT, NO_TABLE,
           NO_INTERPRETER, PINNED_CLASH)


@dataclass(frozen=True)
class Request:
    id: int
    people: frozenset[int]          # participant ids of the delegate side
    counterpart: int
    priority: int = 2               # 1 is met first
    interpreter: bool = False


@dataclass(frozen=True)
class Placed:
    request_id: int
    slot: int                       # from 0
    table: int                      # from 1
    interpreter: int | None = None
    pinned: bool = False


@dataclass(frozen=True)
class Problem:
    slots: int
    tables: int
    requests: tuple[Request, ...]
    interpreters: tuple[int, ...] = ()
    busy: Mapping[int, frozenset[int]] = field(default_factory=dict)  # person -> slots busy
    counterpart_busy: Mapping[int, frozenset[int]] = field(default_factory=dict)
    pinned: tuple[Placed, ...] = ()


@dataclass
class Schedule:
    meetings: dict[int, Placed]     # request id -> where it is
    unmet: dict[int, str]           # request id -> reason code

    def met_share(self) -> float:
        total = len(self.meetings) + len(self.unmet)
        return len(self.meetings) / total if total else 1.0


class Board:
    """Who is where in which slot; every check and change is a dictionary look-up."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.requests = {r.id: r for r in problem.requests}
        self.where: dict[int, Placed] = {}
        self.person: dict[tuple[int, int], int] = {}
        self.cp: dict[tuple[int, int], int] = {}
        self.interp: dict[tuple[int, int], int] = {}
        self.at_table: list[dict[int, int]] = [{} for _ in range(problem.slots)]
        self.load: dict[int, int] = defaultdict(int)
        self.by_person: dict[int, set[int]] = defaultdict(set)   # person -> met request ids
        self.by_cp: dict[int, set[int]] = defaultdict(set)
        self._no = frozenset()
        self.interpreters = frozenset(problem.interpreters)
        # Per slot, heaps of the free tables and of (load, interpreter), kept lazily: an entry
        # that went stale (a table taken, a load changed, an interpreter busy) is dropped when
        # it comes to the top, and a fresh one pushed whenever something frees up.
        self.tables_free = [list(range(1, problem.tables + 1)) for _ in range(problem.slots)]
        self.interp_free: list[list[tuple[int, int]]] = [
            [(0, i) for i in problem.interpreters if s not in problem.busy.get(i, self._no)]
            for s in range(problem.slots)]
        for heap in self.interp_free:
            heapq.heapify(heap)

    # checks ----------------------------------------------------------------------------------
    def people_free(self, r: Request, slot: int) -> bool:
        busy = self.problem.busy
        return all((p, slot) not in self.person and (p, slot) not in self.interp
                   and slot not in busy.get(p, self._no) for p in r.people)

    def cp_free(self, r: Request, slot: int) -> bool:
        return ((r.counterpart, slot) not in self.cp
                and slot not in self.problem.counterpart_busy.get(r.counterpart, self._no))

    def free_table(self, slot: int) -> int | None:
        heap, taken = self.tables_free[slot], self.at_table[slot]
        while heap and heap[0] in taken:
            heapq.heappop(heap)
        return heap[0] if heap else None

    def _interp_usable(self, entry: tuple[int, int], slot: int) -> bool:
        load, i = entry
        return (load == self.load[i] and (i, slot) not in self.interp
                and (i, slot) not in self.person)

    def free_interpreter(self, slot: int, exclude: Iterable[int] = ()) -> int | None:
        """The free interpreter with the fewest meetings so far (then the lowest id)."""
        heap, skip, held = self.interp_free[slot], set(exclude), []
        found = None
        while heap:
            if not self._interp_usable(heap[0], slot):
                heapq.heappop(heap)
            elif heap[0][1] in skip:
                held.append(heapq.heappop(heap))
            else:
                found = heap[0][1]
                break
        for entry in held:
            heapq.heappush(heap, entry)
        return found

    def _interp_changed(self, i: int) -> None:
        busy = self.problem.busy.get(i, self._no)
        for s in range(self.problem.slots):
            if s not in busy:
                heapq.heappush(self.interp_free[s], (self.load[i], i))

    def fits(self, r: Request, slot: int) -> tuple[int, int | None] | None:
        """(table, interpreter) for the request in the slot, or None."""
        if not (self.people_free(r, slot) and self.cp_free(r, slot)):
            return None
        table = self.free_table(slot)
        if table is None:
            return None
        interpreter = None
        if r.interpreter:
            interpreter = self.free_interpreter(slot, exclude=r.people)
            if interpreter is None:
                return None
        return table, interpreter

    # changes ---------------------------------------------------------------------------------
    def put(self, placed: Placed) -> None:
        r = self.requests[placed.request_id]
        s = placed.slot
        self.where[r.id] = placed
        for p in r.people:
            self.person[(p, s)] = r.id
            self.by_person[p].add(r.id)
        self.cp[(r.counterpart, s)] = r.id
        self.by_cp[r.counterpart].add(r.id)
        self.at_table[s][placed.table] = r.id
        if placed.interpreter is not None:
            self.interp[(placed.interpreter, s)] = r.id
            self.load[placed.interpreter] += 1
            self._interp_changed(placed.interpreter)

    def take(self, request_id: int) -> Placed:
        placed = self.where.pop(request_id)
        r, s = self.requests[request_id], placed.slot
        for p in r.people:
            del self.person[(p, s)]
            self.by_person[p].discard(r.id)
        del self.cp[(r.counterpart, s)]
        self.by_cp[r.counterpart].discard(r.id)
        del self.at_table[s][placed.table]
        heapq.heappush(self.tables_free[s], placed.table)
        if placed.interpreter is not None:
            del self.interp[(placed.interpreter, s)]
            self.load[placed.interpreter] -= 1
            self._interp_changed(placed.interpreter)
        for i in r.people & self.interpreters:      # an interpreter on the delegate side
            self._interp_changed(i)
        return placed

    def place(self, r: Request, slots: Iterable[int] | None = None) -> bool:
        """Put the request in the free slot with the most tables left; False if none fits."""
        best = None
        for s in range(self.problem.slots) if slots is None else slots:
            found = self.fits(r, s)
            if found is not None and (best is None or len(self.at_table[s])
                                      < len(self.at_table[best[0]])):
                best = (s, *found)
        if best is None:
            return False
        self.put(Placed(r.id, best[0], best[1], best[2]))
        return True

    def neighbours(self, r: Request) -> set[int]:
        """Met requests that share a person or the counterpart with `r`."""
        out = set(self.by_cp[r.counterpart])
        for p in r.people:
            out |= self.by_person[p]
        out.discard(r.id)
        return out


def _movable_in(board: Board, r: Request, slot: int) -> list[int] | None:
    """The meetings to move away for `r` to be possible in the slot, or None when a pinned
    meeting or a busy time stands in the way."""
    busy, cp_busy = board.problem.busy, board.problem.counterpart_busy
    if any(slot in busy.get(p, ()) for p in r.people) or slot in cp_busy.get(r.counterpart, ()):
        return None
    blockers = {board.person[(p, slot)] for p in r.people if (p, slot) in board.person}
    if (r.counterpart, slot) in board.cp:
        blockers.add(board.cp[(r.counterpart, slot)])
    if any(board.where[b].pinned for b in blockers):
        return None
    return sorted(blockers)


def _relocate(board: Board, moved: list[Placed], avoid: int) -> list[int] | None:
    """Place each moved meeting again in another slot than `avoid`; the ids placed, or None
    (and nothing placed) when one of them finds no room."""
    others = [s for s in range(board.problem.slots) if s != avoid]
    done = []
    for placed in moved:
        if not board.place(board.requests[placed.request_id], others):
            for rid in done:
                board.take(rid)
            return None
        done.append(placed.request_id)
    return done


def _place_by_moving(board: Board, r: Request) -> bool:
    """Make room for `r` in some slot by moving the meetings in its way (its people's, its
    counterpart's, and if need be one more for a table or an interpreter) to other slots."""
    for s in range(board.problem.slots):
        blockers = _movable_in(board, r, s)
        if blockers is None:
            continue
        moved = [board.take(b) for b in blockers]
        extra_options: list[int | None] = [None]
        if board.fits(r, s) is None:
            movable = (rid for rid in board.at_table[s].values() if not board.where[rid].pinned)
            extra_options = list(itertools.islice(movable, MOVE_CANDIDATES))
        for extra in extra_options:
            more = [board.take(extra)] if extra is not None else []
            found = board.fits(r, s)
            if found is not None:
                board.put(Placed(r.id, s, *found))
                if _relocate(board, moved + more, avoid=s) is not None:
                    return True
                board.take(r.id)
            for placed in more:
                board.put(placed)
        for placed in moved:
            board.put(placed)
    return False


def _displace(board: Board, r: Request, unmet: set[int]) -> bool:
    """Place `r` by taking out one met, unpinned request of lower priority that shares its
    people or counterpart (which is then placed elsewhere if it can be)."""
    for rid in sorted(board.neighbours(r), key=lambda i: (-board.requests[i].priority, i)):
        lower = board.requests[rid]
        if lower.priority <= r.priority or board.where[rid].pinned:
            continue
        was = board.take(rid)
        if board.place(r):
            unmet.discard(r.id)
            if not board.place(lower):
                unmet.add(lower.id)
            return True
        board.put(was)
    return False


def reason(board: Board, r: Request) -> str:
    slots = range(board.problem.slots)
    if not slots:
        return NO_SLOTS
    people = [board.people_free(r, s) for s in slots]
    cp = [board.cp_free(r, s) for s in slots]
    if not any(people):
        return PEOPLE_BOOKED
    if not any(cp):
        return COUNTERPART_BOOKED
    both = [s for s in slots if people[s] and cp[s]]
    if not both:
        return NO_COMMON_SLOT
    if any(board.fits(r, s) is not None for s in both):
        return FITS
    if all(board.free_table(s) is None for s in both):
        return NO_TABLE
    return NO_INTERPRETER


def schedule(problem: Problem) -> Schedule:
    board = Board(problem)
    unmet: dict[int, str] = {}
    for placed in problem.pinned:
        r = board.requests.get(placed.request_id)
        if r is None:
            continue
        if (0 <= placed.slot < problem.slots and 1 <= placed.table <= problem.tables
                and placed.table not in board.at_table[placed.slot]
                and board.people_free(r, placed.slot) and board.cp_free(r, placed.slot)
                and (placed.interpreter is None
                     or (placed.interpreter, placed.slot) not in board.interp)):
            board.put(Placed(r.id, placed.slot, placed.table, placed.interpreter, True))
        else:
            unmet[r.id] = PINNED_CLASH
    # Within a priority, the requests with the fewest free slots go first.
    def freedom(r: Request) -> int:
        return sum(1 for s in range(problem.slots) if board.people_free(r, s)
                   and board.cp_free(r, s))

    todo = sorted((r for r in problem.requests if r.id not in board.where and r.id not in unmet),
                  key=lambda r: (r.priority, freedom(r), r.id))
    left: set[int] = set()
    for r in todo:
        if not board.place(r) and not _place_by_moving(board, r):
            left.add(r.id)
    changed = True
    while changed:
        changed = False
        for rid in sorted(left, key=lambda i: (board.requests[i].priority, i)):
            if rid not in left:
                continue
            r = board.requests[rid]
            if board.place(r) or _displace(board, r, left):
                left.discard(rid)
                changed = True
    unmet.update({rid: reason(board, board.requests[rid]) for rid in left})
    return Schedule(meetings=dict(board.where), unmet=unmet)


def check(problem: Problem, meetings: Iterable[Placed]) -> list[str]:
    """What breaks the rules in a set of meetings (empty when none): the scheduler's tests and
    the window's move and swap use it."""
    requests = {r.id: r for r in problem.requests}
    seen: dict[tuple, int] = {}
    wrong = []
    for m in meetings:
        r = requests[m.request_id]
        if not (0 <= m.slot < problem.slots and 1 <= m.table <= problem.tables):
            wrong.append(f"request {r.id} outside the grid")
        keys = [("person", p) for p in r.people] + [("counterpart", r.counterpart),
                                                    ("table", m.table)]
        if m.interpreter is not None:
            keys.append(("person", m.interpreter))
        for key in keys:
            other = seen.setdefault((*key, m.slot), r.id)
            if other != r.id:
                wrong.append(f"{key[0]} {key[1]} in requests {other} and {r.id} at slot {m.slot}")
        if any(m.slot in problem.busy.get(p, ()) for p in r.people):
            wrong.append(f"request {r.id} while its people are busy")
        if m.interpreter is not None and m.slot in problem.busy.get(m.interpreter, ()):
            wrong.append(f"request {r.id}: interpreter busy")
        if m.slot in problem.counterpart_busy.get(r.counterpart, ()):
            wrong.append(f"request {r.id} while its counterpart is busy")
    return wrong
