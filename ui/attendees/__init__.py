"""The Attendees feature: the roster tab, the attendee dialog and its fields and checks,
organizations, bulk edits, the roster import preview, and their undoable commands."""
