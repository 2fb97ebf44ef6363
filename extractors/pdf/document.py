"""Opening a PDF through pypdfium2 (readable or a PdfError), its pages one at a time, and
the positioned-line records the line and layout readers fill."""
from __future__ import annotations

import ctypes
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Iterable, Iterator

from extractors.pdf import limits

# PDFium is not thread-safe: two threads inside it at once crash the process (seen when a
# run's fetching thread read a PDF the listing links straight while its loading thread read
# a report). Every use of it holds this lock, for a whole document.
PDFIUM_LOCK = threading.RLock()


class PdfError(ValueError):
    """The bytes are not a readable PDF (corrupt, truncated, encrypted or empty)."""


@dataclass(slots=True)
class PdfLine:
    """One printed line with its place on the page (top-down points) and its style."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    cells: tuple[str, ...] | None = None   # set for a table row
    hang: float | None = None   # x where the text starts after a number set in a margin column

    def __reduce__(self):
        """Pickled as a call with the fields in order (a page worker sends thousands:
        a quarter of the time of a slotted dataclass's default state pickling)."""
        return (PdfLine, (self.text, self.x0, self.x1, self.top, self.bottom, self.size,
                          self.bold, self.cells, self.hang))


@dataclass
class PdfLayoutPage:
    """A page as lines in reading order; ``multi_column`` when lines sit side by side."""

    number: int
    width: float
    height: float
    lines: list[PdfLine] = field(default_factory=list)
    multi_column: bool = False
    ruled: bool = False          # drawn lines that may rule a table
    table_unread: bool = False   # rules look like a table that pdfium could not read
    text: str = ""               # pdfium's raw text of the page (shared with the grade reader)
    word_order: str = ""         # words drawn out of order in a line: "reordered" / "scrambled"


BOLD_FONT_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


# ---------------------------------------------------------------- pdfium by address

@cache
def by_address(name: str, restype, *argtypes):
    """pdfium's function ``name`` taking and giving handles as plain addresses (ints):
    cheaper to call than pypdfium2's typed binding, and two handles compare as numbers."""
    import pypdfium2.raw as pdfium_c

    address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


# ---------------------------------------------------------------- the C heap

M_TOP_PAD = -2               # glibc mallopt(3): bytes of freed heap top kept, not returned
HEAP_TOP_KEPT = 16 << 20


@cache
def keep_freed_heap() -> bool:
    """Ask glibc's malloc to keep up to 16 MB of freed memory at the top of its heap
    (M_TOP_PAD) rather than hand it back to the kernel at once: once for the process, on
    the first PDF opened. pdfium allocates and frees each page's objects in turn; with
    glibc's default (128 KB kept) that memory was returned and faulted in anew, page after
    page (a 100-page report: 9,400 page faults in the pass, some 37 ms where a fault costs
    4 us, as on a small VM; with it, about 20). Peak memory is the same: the pages kept are
    the ones just used. False where the C library has no mallopt (macOS, Windows)."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (AttributeError, OSError, TypeError):
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    return mallopt(M_TOP_PAD, HEAP_TOP_KEPT) == 1


# ---------------------------------------------------------------- opening documents

def _open_pdfium(data: bytes):
    import pypdfium2 as pdfium

    keep_freed_heap()
    if not data or not data.lstrip()[:5].startswith(b"%PDF"):
        raise PdfError("not a PDF: no %PDF header")
    if b"%%EOF" not in data[-2048:]:
        raise PdfError("truncated: no %%EOF marker at the end")
    limits.check_streams(data)  # PdfOverCap before pdfium inflates anything
    try:
        pdf = pdfium.PdfDocument(bytes(data))
    except pdfium.PdfiumError as exc:
        raise PdfError(_pdfium_reason(str(exc))) from exc
    pages = len(pdf)
    if pages == 0 or pages > limits.MAX_PAGES:
        pdf.close()
        limits.check_pages(pages)
        raise PdfError("no pages")
    return pdf


def _pdfium_reason(message: str) -> str:
    low = message.lower()
    if "password" in low or "security" in low:
        return "encrypted: needs a password"
    return f"unreadable: {message.strip()}"


class OpenPdf:
    """An open document: its page count and its pages, one at a time."""

    def __init__(self, pdf) -> None:
        self.pdf = pdf

    def __len__(self) -> int:
        return len(self.pdf)

    @contextmanager
    def page(self, index: int) -> Iterator[tuple[object, object, str]]:
        """(page, textpage, raw text) of page ``index`` (0-based), closed after use."""
        import pypdfium2 as pdfium

        try:
            page = self.pdf[index]
            textpage = page.get_textpage()
        except pdfium.PdfiumError as exc:
            raise PdfError(f"unreadable page {index + 1}: {exc}") from exc
        try:
            yield page, textpage, textpage.get_text_range()
        finally:
            textpage.close()
            page.close()


@contextmanager
def open_pages(data: bytes) -> Iterator[OpenPdf]:
    """The document, opened with every check (header, end marker, encryption, limits) and
    closed after use. The caller holds PDFIUM_LOCK."""
    pdf = _open_pdfium(data)
    try:
        yield OpenPdf(pdf)
    finally:
        pdf.close()


def page_texts(data: bytes) -> Iterable[tuple[int, object, object, str]]:
    """Yield (number, page, textpage, raw text) and close each page after use."""
    with PDFIUM_LOCK, open_pages(data) as pdf:
        for index in range(len(pdf)):
            with pdf.page(index) as (page, textpage, text):
                yield index + 1, page, textpage, text


def pdf_metadata_title(data: bytes) -> str | None:
    """The document information dictionary's Title, if any."""
    with PDFIUM_LOCK:
        pdf = _open_pdfium(data)
        try:
            title = (pdf.get_metadata_value("Title") or "").strip()
        finally:
            pdf.close()
    return title or None
