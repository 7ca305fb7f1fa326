"""The Attendees feature: the Attendees tab (attendees_tab.py), the attendee dialog and its
fields and checks, organizations, bulk edits, the roster import preview, and their undoable
commands."""
