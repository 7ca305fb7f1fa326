"""The Sharing feature: share and join dialogs, sync on a server thread, the status line and
the Conflicts window."""
