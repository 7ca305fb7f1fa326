"""The words of the status bar's sync line, from a mission's SyncStatus: "Synced 2 min. ago",
"Offline since 9:12 AM, 14 changes waiting", "3 conflicts", in the current language with
Babel's relative times and the laptop's own clock. No widgets here."""

from __future__ import annotations

from datetime import datetime, timedelta

from babel.dates import format_timedelta

from i18n import _, babel_locale, ngettext
from models.store.server import shown_url
from ui.common.local_time import aware, local_when

JUST_NOW = timedelta(minutes=1)


def synced_text(instant: datetime, now: datetime) -> str:
    """"Synced 2 min. ago" / "2 分前に同期済み"; "just now" under a minute (the line is
    redrawn each half minute, so seconds would only be wrong)."""
    delta = aware(now) - aware(instant)
    if delta < JUST_NOW:
        return _("Synced just now")
    ago = format_timedelta(-delta, add_direction=True, format="short", locale=babel_locale())
    return _("Synced {ago}").format(ago=ago)


def status_line(status, *, now: datetime, syncing: bool = False, error: str = "") -> str:
    """One line for the status bar. `error` is what the last try met that is not being
    offline (a refused sign-in, another schema); `syncing` that a sync is running now."""
    parts = []
    if syncing:
        parts.append(_("Syncing…"))
    elif error:
        parts.append(_("Not synced"))
    elif status.offline_since is not None:
        parts.append(_("Offline since {time}").format(time=local_when(status.offline_since, now)))
    elif status.last_synced_at is not None:
        parts.append(synced_text(status.last_synced_at, now))
    else:
        parts.append(_("Not synced yet"))
    if status.waiting:
        parts.append(ngettext("{n} change waiting", "{n} changes waiting",
                              status.waiting).format(n=status.waiting))
    if status.open_conflicts:
        parts.append(conflicts_text(status.open_conflicts))
    # TRANSLATORS: between the parts of the status bar's sync line ("Synced…, 3 conflicts").
    return _(", ").join(parts)


def conflicts_text(n: int) -> str:
    return ngettext("{n} conflict", "{n} conflicts", n).format(n=n)


def status_tip(status, *, now: datetime, error: str = "") -> str:
    """The tooltip: the server, when it last synced, and what a click does."""
    lines = [_("Shared on {server}").format(server=shown_url(status.server_url))]
    if status.last_synced_at is not None:
        lines.append(_("Last synced: {time}").format(
            time=local_when(status.last_synced_at, now)))
    if error:
        lines.append(error)
    if status.open_conflicts:
        lines.append(_("Click to see the conflicts and choose what to keep."))
    else:
        lines.append(_("Click to sync now."))
    return "\n".join(lines)
