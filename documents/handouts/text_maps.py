"""Making the text of Qt's PDFs read back as written: the ToUnicode maps rewritten in place.

Qt maps each glyph back to the lowest code point that draws it, and CJK fonts draw several
code points alike: 高 came out as the Kangxi radical ⾼ (U+2FBC), ・ as ‧ (U+2027), – as ‒.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import cache

from PySide6.QtGui import QRawFont

from documents.handouts.fonts import document_font

_CMAP = re.compile(rb"begincmap.*?endcmap", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")


# The code points a text means where a font draws several alike: ideographs, kana, full-width
# forms, the en dash. Qt would name the lowest of them (a radical, a hyphenation point).
_MEANT = ((0x3000, 0x3100), (0x3400, 0x4DC0), (0x4E00, 0xA000), (0xFF00, 0xFFF0),
          (0x2013, 0x2015), (0x2026, 0x2027))
_SHADOWS = (0x2000, 0x3000)          # where the lower look-alikes live


@cache
def _meant_code_points() -> dict[int, int]:
    """Look-alike code point -> the one meant (⾼ U+2FBC -> 高 U+9AD8, ‧ U+2027 -> ・ U+30FB)."""
    raw = QRawFont.fromFont(document_font())
    meant = [chr(c) for block in _MEANT for c in range(*block)]
    first: dict[int, int] = {}
    for char, glyph in zip(meant, raw.glyphIndexesForString("".join(meant)), strict=True):
        if glyph:
            first.setdefault(glyph, ord(char))
    found = {}
    shadows = [chr(c) for c in range(*_SHADOWS)]
    for char, glyph in zip(shadows, raw.glyphIndexesForString("".join(shadows)), strict=True):
        target = first.get(glyph) if glyph else None
        if target is None:
            folded = unicodedata.normalize("NFKC", char)
            if 0x2E80 <= ord(char) < 0x3000 and folded != char and len(folded) == 1:
                target = ord(folded)
        if target is not None and target != ord(char):
            found[ord(char)] = target
    return found


def _fonts_start(pdf) -> int:
    """Where the first font object starts (Qt writes the fonts after the pages), or 0."""
    found = pdf.find(b"/Type /FontDescriptor")
    return max(0, found) if found >= 0 else 0


def readable_text(out) -> None:
    """Qt maps each glyph back to the lowest code point that draws it, and CJK fonts draw a
    radical (⾼ U+2FBC) and its ideograph (高 U+9AD8) alike: copied or searched text would hold
    radicals. The ToUnicode maps of the PDF in the open file `out` are rewritten to the
    ideographs, in place: each code keeps its length, so no offset in the file moves."""
    import mmap

    out.flush()
    if os.fstat(out.fileno()).st_size == 0:
        return
    table = _meant_code_points()

    def line(text: bytes) -> bytes:
        tokens = list(_HEX.finditer(text))
        targets = tokens[2:] if b"[" in text else tokens[-1:] if len(tokens) in (2, 3) else []
        out = bytearray(text)
        for token in targets:
            code = int(token[1], 16)
            if code in table:
                out[token.start(1):token.end(1)] = b"%04X" % table[code]
        return bytes(out)

    with mmap.mmap(out.fileno(), 0) as pdf:
        # The font maps come after every page: the regular expression starts at the fonts.
        for match in _CMAP.finditer(pdf, _fonts_start(pdf)):
            fixed = b"\n".join(line(text) for text in match.group(0).split(b"\n"))
            pdf[match.start():match.end()] = fixed
        pdf.flush()
