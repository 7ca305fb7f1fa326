"""What is wrong with an attendee as entered, worded for the person at the keyboard.

Errors must be put right before saving; warnings (a passport too short for the trip, a possible
duplicate, no given name) may be accepted knowingly, after one more question.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QMessageBox, QSizePolicy, QSpacerItem, QWidget

from i18n import _
from i18n.formatting import format_date
from models import rules
from ui.attendees.attendee_fields import EXAMPLE_DATE, country_name, parse_country, parse_date
from ui.common.wording import not_a_phone


def find_problems(texts: dict[str, str], *, citizenship: str, born: str, expiry: str,
                  mission_end: date, countries: set[str],
                  duplicates: Callable[[str, str, str], list[str]],
                  ) -> tuple[dict[str, str], dict[str, str]]:
    """(errors, warnings), each field key -> message, from the texts as typed."""
    errors: dict[str, str] = {}
    warnings: dict[str, str] = {}
    text = {k: rules.clean(v) for k, v in texts.items()}
    family, given = text["family_name"], text["given_name"]
    if not family:
        errors["latin"] = _("The name in Latin script is required: it is needed for "
                            "passports and hotel systems.")
    elif not (rules.is_latin_name(family) and rules.is_latin_name(given)):
        errors["latin"] = _("Use Latin letters as in the passport; the Japanese name has "
                            "its own fields.")
    elif not given:
        warnings["latin"] = _("No given name in Latin script: right only if the passport "
                              "shows a single name.")
    if not (rules.is_kana(text["family_kana"]) and rules.is_kana(text["given_kana"])):
        errors["kana"] = _("Write the reading in hiragana or katakana.")
    if text["email"] and not rules.is_email(text["email"]):
        errors["email"] = _("This is not an e-mail address (like name@example.com).")
    try:
        country = parse_country(citizenship)
    except ValueError:
        country = ""
        errors["citizenship"] = _("Use a two-letter country code, like JP or US.")
    if rules.normalize_phone(text["phone"], country) is None:
        errors["phone"] = not_a_phone()
    not_a_date = _("Not a date: write it like {example}.").format(
        example=format_date(EXAMPLE_DATE, "short_date"))
    try:
        birthday = parse_date(born)
        if birthday and birthday > date.today():
            errors["date_of_birth"] = _("The date of birth cannot be in the future.")
    except ValueError:
        errors["date_of_birth"] = not_a_date
    number = rules.normalize_passport_number(text["passport_number"])
    if number and not rules.PASSPORT_PATTERN.match(number):
        errors["passport_number"] = _("Use only the letters and digits of the passport "
                                      "number.")
    try:
        short = rules.passport_too_short(parse_date(expiry), country, mission_end, countries)
        if short:
            warnings["passport_expiry"] = _(
                "For this mission the passport must be valid until at least {date} "
                "(entry rule: {country}).").format(
                date=format_date(short[0]), country=country_name(short[1]) or short[1])
    except ValueError:
        errors["passport_expiry"] = not_a_date
    names = duplicates(family, given, text["email"]) if family else []
    if names:
        warnings["duplicate"] = _("{name} is already in this mission with the same name "
                                  "or e-mail.").format(name=", ".join(names))
    return errors, warnings


def ask_save_anyway(parent: QWidget, warnings: dict[str, str]) -> bool:
    """List the warnings; True when the person chooses "Save anyway"."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("Please check"),
                      _("Save this attendee anyway?"), parent=parent)
    box.setObjectName("attendeeWarnings")
    box.setInformativeText("\n\n".join(warnings.values()))
    save = box.addButton(_("Save anyway"), QMessageBox.ButtonRole.AcceptRole)
    back = box.addButton(_("Go back"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    # QMessageBox ignores a minimum width; a spacer in its grid keeps the list readable.
    grid = box.layout()
    grid.addItem(QSpacerItem(parent.fontMetrics().horizontalAdvance("x") * 70, 0,
                             QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding),
                 grid.rowCount(), 0, 1, grid.columnCount())
    box.exec()
    return box.clickedButton() is save
