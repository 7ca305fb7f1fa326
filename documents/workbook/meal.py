"""A caterer's own list for one meal: the confirmed guest count, a count per need, and a line
per guest with needs, written from the needs' codes in the caterer's language (never by
translating what someone typed). A free note goes as it was written, with its language said.
No passport, birth date, phone or e-mail.
"""

from __future__ import annotations

from collections import Counter

from documents.workbook.data import MissionData
from documents.workbook.lang import list_separator, picked, plain
from documents.workbook.page import Column, SheetData, sheet_name
from documents.workbook.receivers import Document, Receiver
from documents.workbook.travel import Names, item_place
from i18n import _, ngettext, pick
from i18n.formatting import format_datetime
from models.dietary import CODES, SEVERITIES, decode, note_language
from models.entities import AttendanceStatus

_SEVERITY_ORDER = ("severe", "allergy", "intolerance", "preference")


def need_text(need) -> str:
    return f"{_(CODES[need.code])} — {_(SEVERITIES[need.severity])}"


def note_text(note: str) -> str:
    if not note:
        return ""
    if note_language(note) == "ja":
        return _("{note} (as written, in Japanese)").format(note=note)
    return _("{note} (as written, in English)").format(note=note)


def meal_document(data: MissionData, receiver: Receiver, used: set[str]) -> Document:
    item = next(i for i in data.items if i.id == receiver.key)
    names = Names.of(data)
    guests = [pid for pid in item.people
              if data.people[pid].status == AttendanceStatus.CONFIRMED.value]
    unconfirmed = len(item.people) - len(guests)
    columns = [Column(_("No."), 5), Column(_("Guest"), 24), Column(_("Needs"), 40),
               Column(_("Note"), 36)]
    rows, counts, missing = [], Counter(), []
    for pid in names.sorted(guests):
        extra = data.person_extra.get(pid, {})
        needs = sorted(decode(extra.get("dietary_codes") or ""),
                       key=lambda n: _SEVERITY_ORDER.index(n.severity))
        note = extra.get("dietary_note") or ""
        if not needs and not note:
            continue
        counts.update((n.code, n.severity) for n in needs)
        rows.append([len(rows) + 1, names.name[pid], "\n".join(need_text(n) for n in needs),
                     note_text(note)])
        if note:
            missing.append(_("{name}: \"{note}\" was not fully read into needs; the caterer "
                             "gets it as written.").format(name=names.name[pid], note=note))
    if unconfirmed:
        missing.append(ngettext("{n} invited guest is not confirmed and not counted.",
                                "{n} invited guests are not confirmed and not counted.",
                                unconfirmed).format(n=unconfirmed))
    by_need = sorted(counts.items(), key=lambda kv: (_SEVERITY_ORDER.index(kv[0][1]),
                                                     -kv[1]))
    summary = [_("{need} ({severity}): {n}").format(
        need=_(CODES[code]), severity=_(SEVERITIES[severity]), n=n)
        for (code, severity), n in by_need]
    meal = plain(picked(item.title_en, item.title_ja))
    lines = [_("Dietary list — {meal}").format(meal=meal),
             "  ".join(x for x in (format_datetime(item.start, item.start_tz),
                                   plain(item_place(data, item))) if x),
             _("{guests}; {with_needs}").format(
                 guests=ngettext("{n} confirmed guest", "{n} confirmed guests",
                                 len(guests)).format(n=len(guests)),
                 with_needs=ngettext("{n} with dietary needs", "{n} with dietary needs",
                                     len(rows)).format(n=len(rows))),
             list_separator().join(summary),
             _("Group: {mission}").format(
                 mission=pick(data.mission.title_en, data.mission.title_ja)[0])]
    if not rows:
        rows.append([None, _("No dietary requests for this meal."), None, None])
    sheet = SheetData(sheet_name(_("Dietary list"), used), "\n".join(lines), columns, rows)
    return Document([sheet], [_("Guest names"), _("Dietary needs")], missing, portrait=True)
