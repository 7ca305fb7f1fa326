"""The itinerary as an iCalendar file (.ics) for a delegate's phone: one event per item, each end
in its own zone with real VTIMEZONE blocks, UIDs stable across exports (ics.py)."""

from documents.calendar.ics import CalendarResult, export_calendar

__all__ = ["CalendarResult", "export_calendar"]
