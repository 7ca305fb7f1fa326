"""Python's cycle collector paused while a whole mission is read and worked through at once (the
readiness checks, a document's export): at 2,000 people that makes hundreds of thousands of
short-lived, acyclic objects, and the collections they set off cost a third of the time or more.
Nothing made inside outlives the call but its result."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_collection() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
