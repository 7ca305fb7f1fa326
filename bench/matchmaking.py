"""The 商談会 scheduler: the issue's case (60 delegates x 120 counterparts, 400 requests, 16 slots,
30 tables, 8 interpreters for the 30 % that need one) at 1x, 10x and 100x the requests (people,
counterparts, tables and interpreters scaled alike), with the share of requests met beside the
best any schedule can reach:

- by max flow, the most meetings a delegate-counterpart graph holds with each side in at most
  one meeting a slot and at most slots x tables in all: bipartite graphs of degree <= k are
  k-edge-colourable with near-equal colour classes, so without interpreters and busy times it
  is the exact optimum; with interpreters, an upper bound;
- an exhaustive search on reduced cases (busy times, interpreters), exact.

Then the same through the database (build the problem, schedule, store) at 1x and 10x.
`python bench/matchmaking.py`; prints ratios against the 1x run of the same process.
"""

from __future__ import annotations

import itertools
import os
import random
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from models.matchmaking import Placed, Problem, Request, check, schedule  # noqa: E402


def make(k: int, seed: int = 17, per_k: int = 400) -> Problem:
    rng = random.Random(seed)
    delegates, counterparts, n = 60 * k, 120 * k, per_k * k
    seen, requests = set(), []
    while len(requests) < n:
        d, c = rng.randrange(delegates), rng.randrange(counterparts)
        if (d, c) not in seen:
            seen.add((d, c))
            requests.append(Request(len(requests) + 1, frozenset({d}), c,
                                    rng.choice((1, 2, 2, 3)), rng.random() < 0.3))
    interpreters = tuple(range(10**7, 10**7 + 8 * k))
    return Problem(16, 30 * k, tuple(requests), interpreters)


class _Flow:
    """Dinic's max flow, enough for a bound on a few thousand requests."""

    def __init__(self, n: int):
        self.graph: list[list[list[int]]] = [[] for _ in range(n)]

    def add(self, u: int, v: int, cap: int) -> None:
        self.graph[u].append([v, cap, len(self.graph[v])])
        self.graph[v].append([u, 0, len(self.graph[u]) - 1])

    def run(self, s: int, t: int) -> int:
        total = 0
        while self._levels(s, t):
            self.it = [0] * len(self.graph)
            while f := self._push(s, t, 1 << 30):
                total += f
        return total

    def _levels(self, s: int, t: int) -> bool:
        self.level = [-1] * len(self.graph)
        self.level[s] = 0
        queue = deque([s])
        while queue:
            u = queue.popleft()
            for v, cap, _r in self.graph[u]:
                if cap and self.level[v] < 0:
                    self.level[v] = self.level[u] + 1
                    queue.append(v)
        return self.level[t] >= 0

    def _push(self, u: int, t: int, f: int) -> int:
        if u == t:
            return f
        while self.it[u] < len(self.graph[u]):
            edge = self.graph[u][self.it[u]]
            v, cap, rev = edge
            if cap and self.level[v] == self.level[u] + 1:
                got = self._push(v, t, min(f, cap))
                if got:
                    edge[1] -= got
                    self.graph[v][rev][1] += got
                    return got
            self.it[u] += 1
        return 0


def interpreter_bound(p: Problem) -> int:
    """An upper bound with interpreters: the two-sided bound of all the requests, and that of
    the requests needing none plus at most slots x interpreters interpreted meetings."""
    interpreted = sum(1 for r in p.requests if r.interpreter)
    plain = Problem(p.slots, p.tables, tuple(r for r in p.requests if not r.interpreter))
    return min(two_sided_bound(p),
               two_sided_bound(plain) + min(interpreted, p.slots * len(p.interpreters)))


def two_sided_bound(p: Problem) -> int:
    """Delegate -> counterpart with both sides capped at S slots and the total at S*T: the
    exact optimum when no request needs an interpreter and nobody is busy."""
    delegates = sorted({d for r in p.requests for d in r.people})
    cps = sorted({r.counterpart for r in p.requests})
    di = {d: 2 + i for i, d in enumerate(delegates)}
    ci = {c: 2 + len(delegates) + i for i, c in enumerate(cps)}
    flow = _Flow(2 + len(delegates) + len(cps) + 1)
    source, top, sink = 0, 1, len(flow.graph) - 1
    flow.add(source, top, p.slots * p.tables)
    for d in delegates:
        flow.add(top, di[d], p.slots)
    for r in p.requests:
        flow.add(di[next(iter(r.people))], ci[r.counterpart], 1)
    for c in cps:
        flow.add(ci[c], sink, p.slots)
    return flow.run(source, sink)


def best_by_search(p: Problem) -> int:
    """Every placement of every request (or none); an interpreted meeting gets the one
    interpreter of the reduced cases."""
    best = 0
    choices = [None, *itertools.product(range(p.slots), range(1, p.tables + 1))]
    interpreter = p.interpreters[0] if p.interpreters else None
    for combo in itertools.product(choices, repeat=len(p.requests)):
        placed = [Placed(r.id, *c, interpreter if r.interpreter else None)
                  for r, c in zip(p.requests, combo, strict=True) if c]
        if len(placed) <= best:
            continue
        if any(r.interpreter and interpreter is None for r, c in zip(p.requests, combo,
                                                                    strict=True) if c):
            continue
        if not check(p, placed):
            best = len(placed)
    return best


def reduced(seed: int) -> Problem:
    rng = random.Random(seed)
    requests = tuple(Request(i, frozenset({rng.randrange(3)}), 10 + rng.randrange(3),
                             rng.randint(1, 3), rng.random() < 0.4) for i in range(1, 6))
    busy = {d: frozenset({rng.randrange(3)}) for d in range(3) if rng.random() < 0.4}
    return Problem(3, 2, requests, (99,), busy)


def timed(fn, *args, repeat: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - t)
    return best, result


def main() -> None:
    print(f"load: {os.getloadavg()[0]:.2f} (1 min) on {os.cpu_count()} cores")
    base = None
    for k in (1, 10, 100):
        p = make(k)
        seconds, result = timed(schedule, p, repeat=3 if k < 100 else 1)
        assert check(p, result.meetings.values()) == []
        base = base or seconds
        plain = Problem(p.slots, p.tables, tuple(Request(r.id, r.people, r.counterpart,
                                                         r.priority) for r in p.requests))
        plain_met = len(schedule(plain).meetings)
        bound = two_sided_bound(plain) if k <= 10 else None
        upper = interpreter_bound(p) if k <= 10 else None
        by_priority = [sum(1 for r in p.requests if r.priority == q and r.id in result.meetings)
                       for q in (1, 2, 3)]
        print(f"{k:>4}x: {len(p.requests):>6} requests, {p.tables:>5} tables: "
              f"{seconds * 1000:8.1f} ms ({seconds / base:6.1f}x of 1x); met "
              f"{len(result.meetings)} ({result.met_share():.1%}), by priority {by_priority}")
        if upper is not None:
            print(f"       with interpreters: at most {upper} can be met "
                  f"(met {len(result.meetings) / upper:.1%} of that bound)")
        if bound is not None:
            print(f"       without interpreters: met {plain_met}, exact optimum {bound} "
                  f"({plain_met / bound:.1%} of it)")
    tight = make(1, per_k=700)
    seconds, result = timed(schedule, tight)
    upper = interpreter_bound(tight)
    plain = Problem(16, 30, tuple(Request(r.id, r.people, r.counterpart, r.priority)
                                  for r in tight.requests))
    print(f"tight (700 requests for 16 x 30 = 480 meetings): {seconds * 1000:.1f} ms; met "
          f"{len(result.meetings)}, at most {upper} possible ({len(result.meetings) / upper:.1%})"
          f"; without interpreters met {len(schedule(plain).meetings)} of the exact optimum "
          f"{two_sided_bound(plain)}")
    gaps = []
    for seed in range(30):
        p = reduced(seed)
        gaps.append((len(schedule(p).meetings), best_by_search(p)))
    hit = sum(1 for got, best in gaps if got == best)
    print(f"reduced cases (3 slots, 2 tables, 1 interpreter, 5 requests, busy times): optimum "
          f"reached in {hit} of {len(gaps)}; met {sum(g for g, _b in gaps)} of the best "
          f"{sum(b for _g, b in gaps)}")
    _through_the_database()


def _through_the_database() -> None:
    from models import meetings as mt
    from models.demo import seed_demo
    from models.meetings_demo import seed_meetings_demo
    from models.store.db import open_database, read_session, write_session

    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.db")
        mission = seed_demo(db.engine)
        item = seed_meetings_demo(db.engine, mission)
        seconds, _r = timed(lambda: _db_round(db, write_session, mt, item))
        with read_session(db.engine) as session:
            n = len(mt.list_requests(session, item_id=item))
        print(f"through the database (demo 商談会, {n} requests): build, schedule and store "
              f"{seconds * 1000:.1f} ms")
        db.dispose()


def _db_round(db, write_session, mt, item):
    with write_session(db.engine) as session:
        return mt.run_schedule(session, item_id=item)


if __name__ == "__main__":
    main()
