"""A handout as the HTML subset Qt's QTextDocument lays out: the cover, the days, the taxi
cards and the contacts, each a section from a new page. Every text is escaped here."""

from __future__ import annotations

from html import escape

from documents.handouts.content import Entry, Handout
from i18n import _, current_language

GREY = "#5a5a5a"
COVER_ORGANIZERS = 14


def labelled(heading: str) -> str:
    """"Place: " / 「場所：」: a detail's heading before its text."""
    return f"{heading}：" if current_language() == "ja" else f"{heading}: "


def _e(text: str) -> str:
    return escape(text).replace("\n", "<br/>")


def _cover(h: Handout) -> str:
    pack_for, whole = _("Travel pack for"), _("Itinerary of the whole delegation")
    organizers = _("Organizers on the mission (mobile)")
    parts = [f'<p style="font-size: 10pt; color: {GREY}">{_e(h.code)}</p>',
             f'<p style="font-size: 22pt; font-weight: bold">{_e(h.title)}</p>']
    if h.subtitle:
        parts.append(f'<p style="font-size: 13pt; color: {GREY}">{_e(h.subtitle)}</p>')
    parts.append(f'<p style="font-size: 13pt">{_e(h.dates)}</p>')
    if h.person:
        parts.append(f'<p style="font-size: 11pt; margin-top: 28px; color: {GREY}">'
                     f'{_e(pack_for)}</p>'
                     f'<p style="font-size: 26pt; font-weight: bold">{_e(h.person)}</p>')
        if h.person_other:
            parts.append(f'<p style="font-size: 15pt">{_e(h.person_other)}</p>')
    else:
        parts.append(f'<p style="font-size: 18pt; margin-top: 28px; font-weight: bold">'
                     f'{_e(whole)}</p>')
    if h.organizers:
        rows = "".join(f"<tr><td>{_e(name)}</td><td>{_e(phone)}</td></tr>"
                       for name, phone in h.organizers[:COVER_ORGANIZERS])
        parts.append(f'<p style="font-size: 12pt; margin-top: 28px; font-weight: bold">'
                     f'{_e(organizers)}</p>'
                     f'<table cellpadding="3" style="font-size: 11pt">{rows}</table>')
        rest = len(h.organizers) - COVER_ORGANIZERS
        if rest > 0:    # the cover stays one page; the contacts page lists them all
            more = _("{n} more on the contacts page.").format(n=rest)
            parts.append(f'<p style="color: {GREY}">{_e(more)}</p>')
    return "".join(parts)


def _entry(entry: Entry) -> str:
    """An item as paragraphs: its times (and the other side's clock) on the first line, what
    and where indented below. Paragraphs, not table rows: Qt lays a page of table cells out
    four times slower, and a batch of 2,000 handouts feels it. Kept on the entry: a batch
    shares one entry between every pack that has the item."""
    if entry.markup:
        return entry.markup
    when = f'<b>{_e(entry.times)}</b>'
    if entry.mark:
        when += f'　<b style="color: #b00000">{_e(entry.mark)}</b>'
    if entry.other:
        when += f'　<span style="font-size: 8pt; color: {GREY}">{_e(entry.other)}</span>'
    what = (f'<span style="font-size: 8pt; color: {GREY}">{_e(entry.kind)}</span><br/>'
            f'<b style="font-size: 11pt">{_e(entry.title)}</b>')
    for heading, text in entry.details:
        what += f'<br/><span style="color: {GREY}">{_e(labelled(heading))}</span>{_e(text)}'
    entry.markup = (f'<p style="margin-top: 9px; margin-bottom: 0">{when}</p>'
                    f'<p style="-qt-block-indent: 1; margin-top: 1px">{what}</p>')
    return entry.markup


def _days(h: Handout) -> str:
    heading, empty = _("Itinerary"), _("No items yet.")
    parts = [f'<h1 style="font-size: 17pt">{_e(heading)}</h1>']
    if not h.days:
        parts.append(f"<p>{_e(empty)}</p>")
    for day in h.days:
        parts.append(f'<h2 style="font-size: 13pt; margin-top: 14px; background-color: #e8edf3">'
                     f'{_e(day.heading)}<span style="font-size: 9pt; font-weight: normal; '
                     f'color: {GREY}">　{_e(day.clock)}</span></h2>')
        parts.append(f'<div style="font-size: 9.5pt">{"".join(_entry(e) for e in day.entries)}'
                     f'</div>')
    return "".join(parts)


def _meetings(h: Handout) -> str:
    """The person's meeting schedule: a row per meeting (a short table: one per person)."""
    if not h.meetings:
        return ""
    heading = _("Meeting schedule")
    head = "".join(f'<th align="left">{_e(t)}</th>' for t in (
        _("Time"), _("Table"), _("Counterpart"), _("Interpreter")))
    rows, day = [], None
    for line in h.meetings:
        if line.day != day:
            day = line.day
            rows.append(f'<tr><td colspan="4" style="font-weight: bold; padding-top: 8px; '
                        f'background-color: #e8edf3">{_e(day)} – {_e(line.session)}</td></tr>')
        other = "<br/>".join(_e(part) for part in line.other.split("\n"))
        rows.append(f'<tr><td width="26%">{_e(line.time)}</td><td width="10%">{line.table}'
                    f'</td><td width="40%">{other}</td><td width="24%">'
                    f'{_e(line.interpreter)}</td></tr>')
    return (f'<h1 style="font-size: 17pt">{_e(heading)}</h1>'
            f'<table width="100%" cellpadding="3" cellspacing="0" style="font-size: 10pt">'
            f'<tr>{head}</tr>{"".join(rows)}</table>')


def _cards(h: Handout) -> str:
    if not h.cards:
        return ""
    heading, hint = _("Taxi cards"), _("Show the card to the driver.")
    parts = [f'<h1 style="font-size: 17pt">{_e(heading)}</h1>',
             f'<p style="color: {GREY}">{_e(hint)}</p>']
    for card in h.cards:
        lines = [f'<p style="font-size: 15pt">{_e(card.request)}</p>']
        if card.reader:
            lines.append(f'<p style="font-size: 8pt; color: {GREY}">{_e(card.reader)}</p>')
        lines.append(f'<p style="font-size: 22pt; font-weight: bold">{_e(card.hotel)}</p>')
        if card.reader_hotel:
            lines.append(f'<p style="font-size: 9pt; color: {GREY}">{_e(card.reader_hotel)}</p>')
        lines.append(f'<p style="font-size: 17pt">{_e(card.address)}</p>')
        if card.phone:
            lines.append(f'<p style="font-size: 14pt">☎ {_e(card.phone)}</p>')
        lines.append(f'<p style="font-size: 8pt; color: {GREY}">{_e(card.stay)}</p>')
        parts.append(f'<table width="100%" border="2" cellpadding="12" cellspacing="0" '
                     f'style="border-color: #333333; margin-top: 12px">'
                     f'<tr><td>{"".join(lines)}</td></tr></table><p></p>')
    return "".join(parts)


def _contacts(h: Handout) -> str:
    heading, emergency = _("Contacts"), _("Emergency numbers")
    parts = [f'<h1 style="font-size: 17pt">{_e(heading)}</h1>']
    if h.emergency:
        parts.append(f'<h2 style="font-size: 13pt">{_e(emergency)}</h2>')
        rows = []
        for country, numbers in h.emergency:
            listed = "<br/>".join(f"<b>{_e(n)}</b>　{_e(service)}" for n, service in numbers)
            rows.append(f'<tr><td width="30%">{_e(country)}</td>'
                        f'<td width="70%" style="font-size: 13pt">{listed}</td></tr>')
        parts.append(f'<table width="100%" cellpadding="4" cellspacing="0" '
                     f'style="font-size: 11pt">{"".join(rows)}</table>')
    if h.consulates:
        parts.append(f'<h2 style="font-size: 13pt">{_e(_("Consulates and embassies"))}</h2>')
        parts.append(_contact_table(h.consulates, "11pt", 38, 40))
    if h.contacts:
        parts.append(_contact_table(h.contacts, "9.5pt", 34, 44))
    return "".join(parts)


def _contact_table(contacts, size: str, name_width: int, detail_width: int) -> str:
    """Contacts under their group's heading, as name, detail and phone columns."""
    group = None
    rows = []
    for c in contacts:
        if c.group != group:
            group = c.group
            rows.append(f'<tr><td colspan="3" style="font-weight: bold; font-size: 11pt; '
                        f'padding-top: 8px">{_e(group)}</td></tr>')
        rows.append(f'<tr><td width="{name_width}%">{_e(c.name)}</td>'
                    f'<td width="{detail_width}%">{_e(c.detail)}</td>'
                    f'<td width="{100 - name_width - detail_width}%">{_e(c.phone)}</td></tr>')
    return (f'<table width="100%" cellpadding="3" cellspacing="0" '
            f'style="font-size: {size}; margin-top: 10px">{"".join(rows)}</table>')


def cover_html(h: Handout) -> str:
    return f"<html><body>{_cover(h)}</body></html>"


def cover_section(h: Handout) -> str:
    return _cover(h)


def handout_sections(h: Handout) -> tuple[str, ...]:
    """The cover, the days, the meetings, the taxi cards and the contacts, each from a new
    page (pdf.Part): a batch lays out a section many delegates share only once."""
    return tuple(s for s in (_cover(h), _days(h), _meetings(h), _cards(h), _contacts(h)) if s)
