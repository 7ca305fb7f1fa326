"""What real rosters hold besides attendees: merged cells (an organization merged down over its
people) and notes below the data (※ 変更がある場合は…, * to be confirmed, Note: …)."""

from __future__ import annotations

from collections.abc import Sequence

from documents.roster.rows import SheetRow
from documents.roster.values import text_of

# A note starts with one of these; checked after rules.clean (＊ is * by then).
NOTE_MARKS = ("※", "*", "注", "備考", "nb:", "n.b.")
NOTE_WORDS = ("note",)         # Note, Notes, NOTE: ... (case-folded)


def is_note(row: SheetRow) -> bool:
    """One filled cell whose text starts like a note."""
    filled = [text_of(c) for c in row.cells if text_of(c)]
    if len(filled) != 1:
        return False
    text = filled[0].casefold()
    return text.startswith(NOTE_MARKS) or text.startswith(NOTE_WORDS)


def split_notes(rows: Sequence[SheetRow]) -> tuple[list[SheetRow], list[SheetRow]]:
    """(data rows, the note rows below the last attendee); a note between attendees stays a
    row, so that its error says where it is."""
    end = len(rows)
    while end and is_note(rows[end - 1]):
        end -= 1
    return list(rows[:end]), list(rows[end:])


def apply_merges(rows: Sequence[SheetRow], merges: Sequence[tuple[int, int, int, int]],
                 header_row: int) -> list[SheetRow]:
    """Each merged range's value in every row it covers (a file holds it in the top-left
    cell only): an organization merged over five people is each one's organization."""
    by_number = {row.number: list(row.cells) for row in rows}
    changed = False
    for r1, c1, r2, _c2 in merges:
        top = by_number.get(r1)
        if r2 <= r1 or r1 <= header_row or top is None or c1 - 1 >= len(top):
            continue
        value = top[c1 - 1]
        if value is None:
            continue
        for number in range(r1 + 1, r2 + 1):
            cells = by_number.get(number)
            if cells is not None and cells[c1 - 1] is None:
                cells[c1 - 1] = value
                changed = True
    if not changed:
        return list(rows)
    return [SheetRow(row.number, tuple(by_number[row.number])) for row in rows]
