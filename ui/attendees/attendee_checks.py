"""What is wrong with an attendee as entered, worded for the person at the keyboard.

The rules are models.rules' and models.countries', the same the roster import applies; only the
words are here. Errors must be put right before saving; warnings (a passport too short for the
trip, a possible duplicate, no given name) may be accepted knowingly, after one more question.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QMessageBox, QSizePolicy, QSpacerItem, QWidget

from i18n import N_, _
from i18n.formatting import format_date
from models import rules
from models.rules import Problem
from ui.common.countries import country_name, parse_country
from ui.common.date_time_fields import EXAMPLE_DATE
from ui.common.dialogs import discard
from ui.common.when_text import EntryError, parse_date
from ui.common.wording import not_a_phone

# The dialog's words for what a rule found, in sentences beside the field.
MESSAGES = {
    Problem.EMAIL_SHAPE: N_("This is not an e-mail address (like name@example.com)."),
    Problem.EMAIL_NO_DOMAIN_DOT: N_("This is not an e-mail address: the part after @ needs a "
                                    "dot, as in example.com."),
    Problem.EMAIL_DOUBLE_DOT: N_("This is not an e-mail address: after the @ there are two "
                                 "dots in a row, or a dot at an end."),
    Problem.EMAIL_SHORT_TLD: N_("This is not an e-mail address: no domain ends in a single "
                                "letter (check the end, like .com or .jp)."),
    Problem.BIRTH_IN_FUTURE: N_("The date of birth cannot be in the future."),
    Problem.BIRTH_TOO_OLD: N_("This date of birth is more than 120 years ago: check the "
                              "year."),
    Problem.PASSPORT_NUMBER_SHAPE: N_("Use only the letters and digits of the passport "
                                      "number."),
    Problem.PASSPORT_EXPIRY_TOO_FAR: N_("No passport is valid that long: check the year of "
                                        "expiry."),
    Problem.PASSPORT_EXPIRY_BEFORE_ISSUE: N_("A passport cannot expire before it was issued "
                                             "or before its holder was born: check the dates."),
    Problem.PASSPORT_ISSUE_IMPLAUSIBLE: N_("A passport is issued on a day that has come and "
                                           "after its holder was born: check the date."),
    Problem.NAME_EMPTY: N_("The name is empty once invisible characters are removed."),
    Problem.COUNTRY_UNKNOWN: N_("Use a two-letter country code, like JP or US."),
}



def find_problems(texts: dict[str, str], *, citizenship: str, born: str, expiry: str,
                  issued: str = "",
                  mission_end: date, countries: set[str],
                  duplicates: Callable[[str, str, str], list[str]],
                  ) -> tuple[dict[str, str], dict[str, str]]:
    """(errors, warnings), each field key -> message, from the texts as typed."""
    errors: dict[str, str] = {}
    warnings: dict[str, str] = {}
    text = {k: rules.clean(v) for k, v in texts.items()}
    family, given = text["family_name"], text["given_name"]
    if not family and texts["family_name"].strip():
        errors["latin"] = _(MESSAGES[Problem.NAME_EMPTY])
    elif not family:
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
    email = rules.normalize_email(texts["email"])
    if problem := rules.email_problem(email):
        errors["email"] = _(MESSAGES[problem])
    try:
        country = parse_country(citizenship)
    except ValueError:
        country = ""
        errors["citizenship"] = _(MESSAGES[Problem.COUNTRY_UNKNOWN])
    if rules.phone_problem(text["phone"], country):
        errors["phone"] = not_a_phone()
    example = format_date(EXAMPLE_DATE, "short_date")
    today = date.today()
    born_on = None
    try:
        born_on = parse_date(born, example)
        if problem := rules.birth_date_problem(born_on, today=today):
            errors["date_of_birth"] = _(MESSAGES[problem])
            born_on = None
    except EntryError as exc:
        errors["date_of_birth"] = exc.message()
    number = rules.normalize_passport_number(text["passport_number"])
    if problem := rules.passport_number_problem(number):
        errors["passport_number"] = _(MESSAGES[problem])
    issued_on = None
    try:
        issued_on = parse_date(issued, example)
        if problem := rules.passport_issue_problem(issued_on, today=today, born=born_on):
            errors["passport_issued"] = _(MESSAGES[problem])
            issued_on = None
    except EntryError as exc:
        errors["passport_issued"] = exc.message()
    try:
        expires = parse_date(expiry, example)
        short = rules.passport_too_short(expires, country, mission_end, countries)
        if problem := rules.passport_expiry_problem(expires, today=today, born=born_on,
                                                    issued=issued_on):
            errors["passport_expiry"] = _(MESSAGES[problem])
        elif short:
            warnings["passport_expiry"] = _(
                "For this mission the passport must be valid until at least {date} "
                "(entry rule: {country}).").format(
                date=format_date(short[0]), country=country_name(short[1]) or short[1])
    except EntryError as exc:
        errors["passport_expiry"] = exc.message()
    names = duplicates(family, given, email) if family else []
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
    discard(box)
    return box.clickedButton() is save
