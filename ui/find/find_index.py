"""The folded names Find searches, made once when it opens, so that a keystroke only compares
strings (2,000 attendees and 3,000 items in a few milliseconds)."""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from i18n.formatting import fold_kana
from models.search import Findable

# Shown first when as good a match: people are what one looks for most.
# A hotel's stay before the hotel's site: the stay is where its rooms are.
KIND_ORDER = {"person": 0, "organization": 1, "stay": 2, "site": 3, "item": 4}
LIMIT = 50


class FindIndex:
    def __init__(self, entries: Sequence[Findable]):
        self.entries = list(entries)
        # Each name folded like the roster filter (NFKC, kana, case), joined by a separator no
        # typed word contains, so a word never matches across two names.
        self._names = [fold_kana("\x1f".join((e.name_en, e.name_ja))) for e in self.entries]
        self._hay = [n + "\x1f" + fold_kana("\x1f".join(e.other_names))
                     for n, e in zip(self._names, self.entries, strict=True)]

    def search(self, text: str, limit: int = LIMIT) -> tuple[list[Findable], int]:
        """(the best `limit` entries holding every word of `text`, how many hold them)."""
        words = fold_kana(text).split()
        if not words:
            return [], 0
        hits = [i for i, hay in enumerate(self._hay) if all(w in hay for w in words)]
        first = words[0]

        def rank(i: int) -> tuple:
            names = self._names[i]
            starts = names.startswith(first) or f"\x1f{first}" in names or f" {first}" in names
            return (0 if starts else 1 if first in names else 2,
                    KIND_ORDER[self.entries[i].kind], len(names))

        best = heapq.nsmallest(limit, hits, key=rank)
        return [self.entries[i] for i in best], len(hits)
