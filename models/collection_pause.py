"""Python's cycle collector paused while many plain rows are built at once.

Reading 3,000 items or checking a mission of 2,000 people makes tens of thousands of short-lived,
acyclic objects (rows, tuples, sets). Each collection the allocations set off walks every young
object again, so at that size the collections cost a third of the reading. Under the pause
reference counting still frees what is not kept; the next collection meets the survivors once,
and any cycle made meanwhile (none of the rows has one) waits for it: nothing is lost.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_collection() -> Iterator[None]:
    """Collections paused for the block (nested blocks keep the outermost's decision)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
