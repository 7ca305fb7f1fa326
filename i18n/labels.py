"""Display names of the stored enumerations (roles, statuses, item kinds, visitor fields).

Marked with N_ here and translated with `label()` when drawn, so a language switch reaches them.
"""

from __future__ import annotations

from i18n import N_, _

ROLES = {
    "head": N_("Head of delegation"),
    "delegate": N_("Delegate"),
    "host": N_("Host"),
    "interpreter": N_("Interpreter"),
    "staff": N_("Staff"),
    "speaker": N_("Speaker"),
}
ATTENDANCE = {
    "invited": N_("Invited"),
    "confirmed": N_("Confirmed"),
    "cancelled": N_("Cancelled"),
}
MISSION_STATUS = {
    "planning": N_("Planning"),
    "confirmed": N_("Confirmed"),
    "travelling": N_("Travelling"),
    "done": N_("Done"),
}
ITEM_KINDS = {
    "flight": N_("Flight"),
    "transfer": N_("Transfer"),
    "meeting": N_("Meeting"),
    "seminar": N_("Seminar"),
    "site_visit": N_("Site visit"),
    "meal": N_("Meal / reception"),
    "ceremony": N_("Ceremony"),
    "hotel": N_("Hotel"),
    "free_time": N_("Free time"),
    "matchmaking": N_("B2B matchmaking session"),
    "courtesy_call": N_("Courtesy call"),
}
SEATING_CONVENTIONS = {
    "japanese": N_("Japanese (seat of honour farthest from the door)"),
    "western": N_("Western (hosts and guests alternating)"),
}
TABLE_SHAPES = {
    "long": N_("Long table"),
    "round": N_("Round tables"),
}
# How much a delegate wants a meeting; 1 is scheduled first.
PRIORITIES = {
    "1": N_("Must meet"),
    "2": N_("Want to meet"),
    "3": N_("If possible"),
}
# A person's sex as passports print it (ICAO 9303: F, M, X); "" is not given.
SEXES = {
    "": N_("Not given"),
    "F": N_("Female"),
    "M": N_("Male"),
    "X": N_("X (unspecified)"),
}
ROOM_TYPES = {
    "single": N_("Single"),
    "twin": N_("Twin"),
    "double": N_("Double"),
    "suite": N_("Suite"),
}
# Where a visitor stands with the host of a site visit, in the order the list is worked through.
CLEARANCES = {
    "not_sent": N_("Not sent"),
    "submitted": N_("Submitted"),
    "cleared": N_("Cleared"),
    "refused": N_("Refused"),
}
VISITOR_FIELDS = {
    "full_legal_name": N_("Full legal name"),
    "citizenship": N_("Citizenship"),
    "date_of_birth": N_("Date of birth"),
    "passport_number": N_("Passport number"),
    "visa_type": N_("Visa type"),
    "organization": N_("Organization"),
    "title": N_("Job title"),
    "birth_country": N_("Country of birth"),
    "passport_country": N_("Passport issuing country"),
    "passport_expiry": N_("Passport expiry"),
    "employer": N_("Employer"),
    "visit_purpose": N_("Purpose of visit"),
    "us_person": N_("US person (citizen or permanent resident)"),
    "escort": N_("Host / escort"),
    "sex": N_("Sex"),
}


def label(table: dict[str, str], key: str) -> str:
    """The translated name of `key`, or the key itself when it is unknown (never empty)."""
    return _(table[key]) if key in table else key
