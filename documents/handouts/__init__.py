"""The delegate's travel pack as PDF: the itinerary by local day, taxi cards for the hotels and
the contacts with emergency numbers (export.py); name badges and table cards (badges.py)."""

from documents.handouts.export import HandoutResult, export_badges, export_handout

__all__ = ["HandoutResult", "export_badges", "export_handout"]
