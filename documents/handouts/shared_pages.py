"""Pages made of shared drawings: a PDF whose pages show, one over another, pages Qt drew
once each. Two thousand travel packs show a few dozen distinct itinerary pages and a few
hundred distinct contacts pages; drawing each of them once and pointing every pack's page at
the drawing (a page's /Contents may be an array of streams) saves most of the drawing and
compressing, which were most of a batch's time, and most of the file.

Qt's PDF writer knows no shared page contents, so pdf.py draws every distinct page body,
footer and page number once, on pages of their own (the "drawings"), and `compose` then adds
the pages the reader sees as an incremental update at the end of that PDF (PDF 1.4, 3.4.5): a
new page tree whose pages stack the drawings' content streams. Qt's own pages stay in the
file, outside the tree, so no byte of what Qt wrote moves.
"""

from __future__ import annotations

import mmap
import os
import re
from collections.abc import Sequence

_REF = rb"(\d+) 0 R"
_CONTENTS = re.compile(rb"/Contents " + _REF)
_RESOURCES = re.compile(rb"/Resources " + _REF)
_ANNOTS = re.compile(rb"/Annots " + _REF)
_BOXES = re.compile(rb"/(?:MediaBox|TrimBox) \[[^\]]*\]")
_GROUP = re.compile(rb"/(\w+) <<\n(.*?)>>\n", re.S)
_ENTRY = re.compile(rb"(/\S+) ([^\n]+)")


class _Pdf:
    """The objects of the PDF Qt wrote: one xref table, as QPdfWriter makes it."""

    def __init__(self, data) -> None:
        self.data = data
        self.startxref = int(data[data.rfind(b"startxref") + 9:].split()[0])
        head, trailer = data[self.startxref:].split(b"trailer", 1)
        lines = head.split(b"\n")
        first, count = (int(x) for x in lines[1].split())
        if lines[0].strip() != b"xref" or first != 0:
            raise ValueError("not a PDF as QPdfWriter writes one")
        self.offsets = [int(line[:10]) for line in lines[2:2 + count]]
        self.trailer = trailer[:trailer.index(b"startxref")].strip()
        self.size = count

    def object(self, number: int) -> bytes:
        start = self.offsets[number]
        # (mmap has find, not index; the object is there, by the xref)
        return self.data[self.data.find(b"obj", start) + 3:
                         self.data.find(b"endobj", start)].strip()

    def ref(self, key: bytes, text: bytes) -> int:
        return int(re.search(rb"/" + key + rb" " + _REF, text)[1])

    def pages(self) -> tuple[int, list[int]]:
        """The page tree's object and the pages in it, in order."""
        tree = self.ref(b"Pages", self.object(self.ref(b"Root", self.trailer)))
        kids = self.object(tree)
        listed = kids[kids.index(b"/Kids"):]
        listed = listed[listed.index(b"[") + 1:listed.index(b"]")]
        return tree, [int(n) for n in re.findall(_REF, listed)]


def _merged_resources(pdf: _Pdf, numbers: set[int]) -> bytes:
    """One resource dictionary holding every drawing's: Qt names a font, state or image after
    its object, so one name never means two things (checked)."""
    groups: dict[bytes, dict[bytes, bytes]] = {}
    for number in sorted(numbers):
        for group, body in _GROUP.findall(pdf.object(number)):
            entries = groups.setdefault(group, {})
            for name, value in _ENTRY.findall(body):
                if entries.setdefault(name, value) != value:
                    raise ValueError(f"two resources named {name!r}")
    lines = [b"<<"]
    for group, entries in groups.items():
        lines.append(b"/" + group + b" <<")
        lines += [name + b" " + value for name, value in entries.items()]
        lines.append(b">>")
    lines.append(b">>")
    return b"\n".join(lines)


def compose(out, pages: Sequence[Sequence[int]]) -> None:
    """Make the pages of the PDF in the open file `out` (which QPdfWriter has finished) the
    list `pages`: each a stack of drawings, by their index among Qt's pages, the first one's
    boxes and links kept. Appended; what Qt wrote stays as it was."""
    out.flush()
    fd = out.fileno()
    with mmap.mmap(fd, 0, access=mmap.ACCESS_READ) as data:
        pdf = _Pdf(data)
        tree, drawn = pdf.pages()
        pieces = {}
        for index in {i for stack in pages for i in stack}:
            page = pdf.object(drawn[index])
            annots = _ANNOTS.search(page)
            pieces[index] = (int(_CONTENTS.search(page)[1]), int(_RESOURCES.search(page)[1]),
                             annots[1].decode() if annots else "")
        boxes = b"\n".join(_BOXES.findall(pdf.object(drawn[pages[0][0]]))) if pages else b""
        resources = _merged_resources(pdf, {p[1] for p in pieces.values()})
        trailer, startxref, size = pdf.trailer, pdf.startxref, pdf.size
    end = os.lseek(fd, 0, os.SEEK_END)
    tail = bytearray(b"\n")
    offsets: dict[int, int] = {}

    def add(number: int, body: bytes) -> None:
        offsets[number] = end + len(tail)
        tail.extend(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    # Each drawing begins by setting its page's matrix outside any q: wrapped in q ... Q,
    # the next one starts from the page's own state again.
    push, pop, shared = size, size + 1, size + 2
    add(push, b"<<\n/Length 2\n>>\nstream\nq\n\nendstream")
    add(pop, b"<<\n/Length 2\n>>\nstream\nQ\n\nendstream")
    add(shared, resources)
    first = size + 3
    for number, stack in enumerate(pages, first):
        contents = b" ".join(b"%d 0 R %d 0 R %d 0 R" % (push, pieces[i][0], pop)
                             for i in stack)
        annots = pieces[stack[0]][2]
        add(number, b"<<\n/Type /Page\n/Parent %d 0 R\n/Contents [%s]\n/Resources %d 0 R\n"
            % (tree, contents, shared) + (b"/Annots %s 0 R\n" % annots.encode()
                                         if annots else b"") + boxes + b"\n>>")
    kids = b"\n".join(b"%d 0 R" % n for n in range(first, first + len(pages)))
    add(tree, b"<<\n/Type /Pages\n/Kids\n[\n%s\n]\n/Count %d\n/ProcSet [/PDF /Text /ImageB "
        b"/ImageC]\n>>" % (kids, len(pages)))
    xref = end + len(tail)
    new_size = first + len(pages)
    tail.extend(b"xref\n%d 1\n%010d 00000 n \n" % (tree, offsets[tree]))
    tail.extend(b"%d %d\n" % (size, new_size - size))
    for number in range(size, new_size):
        tail.extend(b"%010d 00000 n \n" % offsets[number])
    trailer = re.sub(rb"/Size \d+", b"/Size %d /Prev %d" % (new_size, startxref), trailer)
    tail.extend(b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % xref)
    view = memoryview(tail)
    while view:
        view = view[os.write(fd, view):]
