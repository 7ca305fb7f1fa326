"""What the Conflicts window calls the rows and fields a conflict names: the sync engine names
them by table and column; a person reads "Attendee: Sarah Miller, Dietary needs"."""

from __future__ import annotations

from datetime import date

from i18n import N_, _
from i18n.formatting import format_date
from i18n.labels import VISITOR_FIELDS
from models.mission_document import BY_KEY

# The parts of a mission (models.mission_document.PARTS) a conflict's `kind` names.
KINDS = {
    "mission": N_("Mission"), "organizers": N_("Organizing body"),
    "people": N_("Attendee"), "participants": N_("Attendee"),
    "organizations": N_("Organization"), "items": N_("Itinerary item"),
    "item_participants": N_("Who takes part"), "clearances": N_("Visitor clearance"),
    "rooms": N_("Room"), "room_guests": N_("Room guest"), "sites": N_("Site"),
}
# What happened to a whole row (a conflict without a field).
WHOLE_ROW = {
    "edit-deleted": N_("You changed it; a colleague deleted it"),
    "delete-edited": N_("You deleted it; a colleague changed it"),
    "insert-deleted": N_("You added to it; a colleague deleted it"),
}

# Columns of the tables a mission shares, as the dialogs label them (the visitor fields
# have their labels in i18n.labels already).
FIELDS = {
    "code": N_("Code"), "title_en": N_("Title (English)"), "title_ja": N_("Title (Japanese)"),
    "start_date": N_("First day"), "end_date": N_("Last day"), "status": N_("Status"),
    "home_tz": N_("Home time zone"),
    "family_name": N_("Family name"), "given_name": N_("Given name"),
    "family_name_ja": N_("Family name (Japanese)"), "given_name_ja": N_("Given name (Japanese)"),
    "family_kana": N_("Family name (kana)"), "given_kana": N_("Given name (kana)"),
    "email": N_("Email"), "phone": N_("Phone"), "dietary": N_("Dietary needs"),
    "dietary_codes": N_("Dietary needs"), "dietary_note": N_("Dietary note"),
    "notes": N_("Notes"), "role": N_("Role"), "organization": N_("Organization"),
    "passport_issued": N_("Passport issue date"),
    "name_en": N_("Name (English)"), "name_ja": N_("Name (Japanese)"),
    "kind": N_("Kind"), "notes_en": N_("Notes (English)"), "notes_ja": N_("Notes (Japanese)"),
    "start_utc": N_("Start"), "end_utc": N_("End"), "start_tz": N_("Start time zone"),
    "end_tz": N_("End time zone"), "location_en": N_("Location (English)"),
    "location_ja": N_("Location (Japanese)"), "carrier": N_("Carrier"),
    "flight_number": N_("Flight number"), "from_code": N_("From"), "to_code": N_("To"),
    "site": N_("Site"), "everyone": N_("Everyone takes part"),
    "confirmation": N_("Confirmation number"),
    "room_type": N_("Room type"), "label": N_("Room number"),
}
# Where a part's column means something else than the same name elsewhere.
PART_FIELDS = {
    ("people", "title_en"): N_("Job title (English)"),
    ("people", "title_ja"): N_("Job title (Japanese)"),
    ("items", "title_en"): N_("Title (English)"),
}
MISSING = N_("(none)")
DELETED = N_("(deleted)")


def kind_label(kind: str) -> str:
    return _(KINDS[kind]) if kind in KINDS else kind


def field_label(field: str | None, what: str = "edit", kind: str = "") -> str:
    """The field's label; for a conflict about the whole row, what happened to it."""
    if not field:
        return _(WHOLE_ROW[what]) if what in WHOLE_ROW else _("The whole row")
    if (kind, field) in PART_FIELDS:
        return _(PART_FIELDS[kind, field])
    if field in FIELDS:
        return _(FIELDS[field])
    if field in VISITOR_FIELDS:
        return _(VISITOR_FIELDS[field])
    return field.replace("_", " ")


def _python_type(kind: str, field: str):
    part = BY_KEY.get(kind)
    column = part.table.columns.get(field) if part is not None else None
    try:
        return column.type.python_type if column is not None else None
    except NotImplementedError:
        return None


def value_text(value, kind: str = "", field: str = "") -> str:
    """A value as the window shows it (the engine hands them over as SQLite stores them):
    yes/no for 0/1, a date in the language's form, nothing as "(none)"; for a whole row
    (no field), whether it is there or deleted."""
    if not field:
        return _(DELETED) if value is None else _("Kept, with its changes")
    if value is None or value == "":
        return _(MISSING)
    wanted = _python_type(kind, field)
    if wanted is bool or isinstance(value, bool):
        return _("Yes") if value else _("No")
    if wanted is date and isinstance(value, str):
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)
