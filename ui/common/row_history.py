"""Who last changed a row of a shared mission, and when: a line the tabs add to a row's tooltip
("Last changed by Aiko Tanaka, Dec 2, 9:12 AM"). Read when the tooltip is asked for, so it is
never out of date and a table of 2,000 rows costs nothing until someone hovers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from i18n import _
from models.global_ids import ends_uuids
from models.mission_document import BY_KEY
from models.store.db import read_session
from models.store.errors import StorageError
from ui.common.local_time import local_when
from ui.common.table_model import RowTableModel

# A row -> its (part, local id) pairs; parts as models.mission_document.PARTS names them.
Ends = Callable[[object], Iterable[tuple[str, int]]]


def last_change(engine, ends: Iterable[tuple[str, int]]) -> tuple[str, datetime] | None:
    """The latest (organizer, when) among the rows named by (part, local id)."""
    from models.sync import last_changed

    found = []
    with read_session(engine) as session:
        uuids = [(part, ends_uuids(session, BY_KEY[part].model.__tablename__, {row_id})
                  .get(row_id)) for part, row_id in ends]
    for part, uuid in uuids:
        if uuid is not None and (change := last_changed(engine, part, uuid)) is not None:
            organizer, when = change
            found.append((organizer, when if when.tzinfo else when.replace(tzinfo=UTC)))
    return max(found, key=lambda c: c[1]) if found else None


def change_line(engine, ends: Iterable[tuple[str, int]]) -> str:
    """"Last changed by …, …" in the current language and the laptop's clock; empty for a row
    no organizer of a shared mission changed (or that no server knows)."""
    try:
        change = last_change(engine, ends)
    except StorageError:
        return ""
    if change is None:
        return ""
    organizer, when = change
    return _("Last changed by {organizer}, {when}").format(organizer=organizer,
                                                          when=local_when(when))


def show_changes(model: RowTableModel, ctx, ends: Ends) -> None:
    """Add the row's last change to each cell's tooltip in `model`."""
    model.row_note = lambda row: change_line(ctx.engine, ends(row))
