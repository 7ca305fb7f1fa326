"""What the readiness checks found, and its wording.

A Finding holds a kind, an urgency rank and raw parameters (both languages of every title,
instants with their zones, name parts), never text: `finding_text` words it with `_()` when
called, so the window can show the same findings again after a language switch.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from i18n import N_, _, babel_locale, ngettext, pick
from i18n.formatting import (
    format_date,
    format_datetime,
    format_list,
    format_time,
    person_name,
)
from i18n.labels import VISITOR_FIELDS, label

# Most urgent first: a missed deadline, then what cannot happen as planned, then what is due
# soon, then missing data, then lodging (usually fixed with one booking).
RANK_OVERDUE, RANK_CONFLICT, RANK_DUE_SOON, RANK_MISSING, RANK_LODGING = range(5)

DEADLINE_PASSED = "deadline_passed"
CLEARANCE_REFUSED = "clearance_refused"
OVERLAP = "overlap"
TRANSFER_BEFORE_LANDING = "transfer_before_landing"
DEADLINE_SOON = "deadline_soon"
MISSING_VISITOR_FIELDS = "missing_visitor_fields"
PASSPORT_EXPIRY = "passport_expiry"
NO_LODGING = "no_lodging"
DAY_OFF = "day_off"               # a visit, meeting or ceremony on a holiday or weekend
INTERPRETER_CLASH = "interpreter_clash"
INTERPRETER_MISSING = "interpreter_missing"
MEETINGS_WITHOUT_INTERPRETER = "meetings_without_interpreter"
INTERPRETER_NO_BREAK = "interpreter_no_break"
GIFT_MISSING = "gift_missing"     # a courtesy call with no gift planned
LATIN_UNCHECKED = "latin_unchecked"     # a passport name spelled from the kana, not checked
CONSULATE_MISSING = "consulate_missing"  # no consulate of their citizenship where they go

COUNTRIES = {"US": N_("the United States"), "JP": N_("Japan")}
NAMES_SHOWN = 3


class Finding(NamedTuple):
    """One thing to fix. A named tuple, not a frozen dataclass: as immutable, and made about
    five times faster (the 100x mission has 5,000 findings)."""

    kind: str
    rank: int
    item_id: int | None          # the item to select when the finding is clicked
    participant_id: int | None   # the person concerned, when it is one person
    params: dict                 # what its wording names
    when: datetime | None = None  # orders findings of one rank: soonest first

    def sort_key(self) -> tuple:
        return (self.rank, self.when is None, self.when or datetime.min, self.kind,
                self.item_id or 0, self.participant_id or 0)


def _people(names: list[dict], total: int | None = None) -> str:
    """The first names and "n others"; `total`: how many there are when `names` holds only
    the first of them."""
    shown = [person_name(**n) for n in names[:NAMES_SHOWN]]
    rest = (len(names) if total is None else total) - len(shown)
    if rest:
        shown.append(ngettext("{n} other", "{n} others", rest).format(n=rest))
    return format_list(shown)


def _title(pair) -> str:
    return pick(*pair)[0]


def _at(when) -> str:
    return format_datetime(*when)


def _day(day) -> str:
    return format_date(day, "day")


def _country(code: str) -> str:
    """The country as prose names it: our words for the two a mission usually visits, CLDR's
    name in the current language for any other."""
    if code in COUNTRIES:
        return _(COUNTRIES[code])
    return babel_locale().territories.get(code, code)


def _day_off(p: dict) -> str:
    words = {"item": _title(p["item"]), "day": _day(p["day"]), "country": _country(p["country"])}
    if p.get("state"):              # a holiday of the state only: say whose
        words["country"] = _("{country} ({state})").format(country=words["country"],
                                                           state=p["state"])
    if p.get("holiday"):
        return _("“{item}” is on {day}, a public holiday in {country} ({holiday}).").format(
            holiday=_title(p["holiday"]), **words)
    return _("“{item}” is on {day}, a weekend day in {country}.").format(**words)


def _latin_unchecked(p: dict) -> str:
    words = {"person": person_name(**p["person"]),
             "latin": " ".join(x for x in (p["latin"][0].upper(), p["latin"][1].upper()) if x),
             "list": _title(p["list"]), "due": _day(p["due"])}
    if p["rooming"]:
        return _("{person}'s passport name {latin} was spelled from the kana and is not checked "
                 "against the passport; the rooming list for “{list}” is due by {due}.").format(
            **words)
    return _("{person}'s passport name {latin} was spelled from the kana and is not checked "
             "against the passport; the visitor list for “{list}” is due on {due}.").format(
        **words)


def _deadline(p: dict, passed: bool) -> str:
    n = p["unsent"]
    if passed:
        text = ngettext(
            "Visitor list for {site} ({visit}) was due on {deadline}: {n} visitor not sent.",
            "Visitor list for {site} ({visit}) was due on {deadline}: {n} visitors not sent.", n)
    else:
        text = ngettext(
            "Visitor list for {site} ({visit}) is due on {deadline}: {n} visitor not sent yet.",
            "Visitor list for {site} ({visit}) is due on {deadline}: {n} visitors not sent yet.",
            n)
    return text.format(site=_title(p["site"]), visit=_day(p["visit"]),
                        deadline=_day(p["deadline"]), n=n)


def _text(kind: str, p: dict) -> str:
    if kind in (DEADLINE_PASSED, DEADLINE_SOON):
        return _deadline(p, kind == DEADLINE_PASSED)
    if kind == CLEARANCE_REFUSED:
        return _("{person} was refused clearance for {site} ({visit}).").format(
            person=person_name(**p["person"]), site=_title(p["site"]), visit=_day(p["visit"]))
    if kind == OVERLAP:
        return _("Double booking: {people} in “{first}” ({first_time}) and “{second}” "
                 "({second_time}).").format(
            people=_people(p["people"]), first=_title(p["first"]), first_time=_at(p["first_at"]),
            second=_title(p["second"]), second_time=_at(p["second_at"]))
    if kind == TRANSFER_BEFORE_LANDING:
        return _("Transfer “{transfer}” leaves at {start}, before flight “{flight}” lands at "
                 "{landing}.").format(
            transfer=_title(p["transfer"]), start=_at(p["start"]), flight=_title(p["flight"]),
            landing=_at(p["landing"]))
    if kind == MISSING_VISITOR_FIELDS:
        return _("{person} lacks what {site} requires of visitors ({visit}): {fields}.").format(
            person=person_name(**p["person"]), site=_title(p["site"]), visit=_day(p["visit"]),
            fields=format_list([label(VISITOR_FIELDS, f) for f in p["fields"]]))
    if kind == PASSPORT_EXPIRY:
        country = p["country"]
        return _("{person}'s passport expires on {expiry}; {country} requires it valid until "
                 "{until}.").format(
            person=person_name(**p["person"]), expiry=format_date(p["expiry"]),
            country=_country(country),
            until=format_date(p["until"]))
    if kind == NO_LODGING:
        if p.get("hotel"):
            return _("{person} has no room at “{hotel}” for the night of {night}.").format(
                person=person_name(**p["person"]), hotel=_title(p["hotel"]),
                night=_day(p["night"]))
        return _("{person} has no lodging for the night of {night}.").format(
            person=person_name(**p["person"]), night=_day(p["night"]))
    if kind == DAY_OFF:
        return _day_off(p)
    if kind == LATIN_UNCHECKED:
        return _latin_unchecked(p)
    if kind in _INTERPRETING:
        return _interpreting(kind, p)
    if kind == CONSULATE_MISSING:
        return ngettext(
            "{people} goes to {country}, where no consulate or embassy of {nationality} is "
            "recorded for the travel pack.",
            "{people} go to {country}, where no consulate or embassy of {nationality} is "
            "recorded for the travel packs.", p["n"]).format(
            people=_people(p["people"], p["n"]), country=_country(p["country"]),
            nationality=_country(p["nationality"]))
    if kind == GIFT_MISSING:
        return _("The courtesy call “{item}” ({time}) has no gift planned.").format(
            item=_title(p["item"]), time=_at(p["at"]))
    raise ValueError(f"unknown finding kind: {kind!r}")


_INTERPRETING = {INTERPRETER_CLASH, INTERPRETER_MISSING, MEETINGS_WITHOUT_INTERPRETER,
                 INTERPRETER_NO_BREAK}


def _interpreting(kind: str, p: dict) -> str:
    if kind == INTERPRETER_CLASH:
        return _("Interpreter {person} is in two places at once: “{first}” ({first_time}) and "
                 "“{second}” ({second_time}).").format(
            person=person_name(**p["person"]), first=_title(p["first"]),
            first_time=_at(p["first_at"]), second=_title(p["second"]),
            second_time=_at(p["second_at"]))
    if kind == INTERPRETER_MISSING:
        return _("“{item}” ({time}) needs an interpreter and has none.").format(
            item=_title(p["item"]), time=_at(p["at"]))
    if kind == MEETINGS_WITHOUT_INTERPRETER:
        return ngettext("{n} meeting at “{item}” needs an interpreter and has none.",
                        "{n} meetings at “{item}” need an interpreter and have none.",
                        p["n"]).format(n=p["n"], item=_title(p["item"]))
    return _("Interpreter {person} works from {start} to {end} without a break of {pause}: "
             "more than {limit}.").format(
        person=person_name(**p["person"]), start=_at(p["from"]),
        end=format_time(*p["until"]), pause=duration_text(p["pause"]),
        limit=duration_text(p["limit"]))


def duration_text(minutes: int) -> str:
    """Minutes as "2 hours 30 minutes" / 「2時間30分」."""
    hours, rest = divmod(minutes, 60)
    h = ngettext("{n} hour", "{n} hours", hours).format(n=hours)
    m = ngettext("{n} minute", "{n} minutes", rest).format(n=rest)
    if not rest:
        return h
    if not hours:
        return m
    return _("{hours} {minutes}").format(hours=h, minutes=m)


def finding_text(finding: Finding) -> str:
    """The finding in one sentence, in the current language."""
    return _text(finding.kind, finding.params)


def count_text(n: int) -> str:
    return ngettext("{n} finding", "{n} findings", n).format(n=n)
