"""Caps on what one PDF may cost to read: its page count and the inflated size of its
compressed streams, checked before anything is read for real.

A 1 MB file whose content stream inflates to 1 GiB would take gigabytes of memory inside
pdfium; a 100,000-page file a minute of CPU. `check_streams` walks the raw bytes for
FlateDecode streams (also chained filters) and inflates each through bounded
``zlib.decompressobj`` steps, counting the output and keeping none of it, and stops as
soon as the total passes the cap. Image XObjects are not counted: the text passes never
decode them, and a real report's photographs may well inflate to hundreds of megabytes.
Other compressions (LZW, run length) are not measured. Pure: bytes in, a verdict out.
"""
from __future__ import annotations

import re
import zlib

MAX_PAGES = 5_000
MAX_INFLATED_BYTES = 256 * 1024 * 1024  # every non-image Flate stream, inflated, together

_IN_STEP = 64 * 1024       # compressed bytes fed per step
_OUT_STEP = 1024 * 1024    # inflated bytes produced per step (then counted and dropped)
_STREAM = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_FLATE = {b"FlateDecode", b"Fl"}
_DICT_REACH = 64 * 1024    # how far back from 'stream' its object header may be


class PdfOverCap(ValueError):
    """The PDF would cost more than a cap to read; ``record`` holds the figures."""

    def __init__(self, what: str, figure: int, cap: int, message: str) -> None:
        super().__init__(message)
        self.record = {"cap": what, "figure": figure, "limit": cap}


def check_pages(count: int, cap: int = MAX_PAGES) -> None:
    """PdfOverCap when the document has more than ``cap`` pages."""
    if count > cap:
        raise PdfOverCap("pages", count, cap,
                         f"PDF over the page cap: {count} pages (cap {cap})")


def check_streams(data: bytes, cap: int = MAX_INFLATED_BYTES) -> int:
    """The inflated size of the non-image Flate streams; PdfOverCap past ``cap``."""
    total = inflated_size(data, cap)
    if total > cap:
        raise PdfOverCap("inflated_bytes", total, cap,
                         f"PDF over the decompressed-size cap: its streams inflate to more "
                         f"than {total} bytes (cap {cap} bytes) from a {len(data)}-byte file")
    return total


def inflated_size(data: bytes, cap: int) -> int:
    """The inflated bytes of every non-image Flate stream, counting stopped once past cap."""
    view = memoryview(data)
    total = 0
    for match in _STREAM.finditer(data):
        head = _object_dict(data, match.start())
        layers = _flate_layers(head)
        if not layers or _IMAGE.search(head):
            continue
        start = match.end()
        length = _LENGTH.search(head)
        end = start + int(length.group(1)) if length else len(data)
        total += _inflate(view[start:min(end, len(data))], layers, cap - total)
        if total > cap:
            break
    return total


def _object_dict(data: bytes, stream_at: int) -> bytes:
    """The stream's dictionary: from its 'N G obj' header to the 'stream' keyword."""
    header = data.rfind(b"obj", max(0, stream_at - _DICT_REACH), stream_at)
    return data[header + 3 if header >= 0 else max(0, stream_at - _DICT_REACH):stream_at + 2]


def _flate_layers(head: bytes) -> int:
    """How many Flate decodes come first in the stream's filter chain."""
    found = _FILTER.search(head)
    if not found:
        return 0
    names = re.findall(rb"/([A-Za-z0-9]+)", found.group(1))
    layers = 0
    for name in names:
        if name not in _FLATE:
            break
        layers += 1
    return layers


def _inflate(raw: memoryview, layers: int, room: int) -> int:
    """Bytes the chain of ``layers`` inflaters makes of ``raw``; stops past ``room``."""
    decoders = [zlib.decompressobj() for _ in range(layers)]
    made = 0
    for pos in range(0, len(raw), _IN_STEP):
        made += _push(decoders, 0, bytes(raw[pos:pos + _IN_STEP]), room - made)
        if made > room or decoders[0].eof:
            break
    return made


def _push(decoders: list, index: int, data: bytes, room: int) -> int:
    """Feed ``data`` to decoder ``index``; its output goes on down the chain, counted."""
    decoder = decoders[index]
    made = 0
    while not decoder.eof:
        try:
            out = decoder.decompress(data, _OUT_STEP)
        except zlib.error:
            break  # a damaged stream: pdfium stops there too
        data = decoder.unconsumed_tail
        if not out:
            break
        if index + 1 < len(decoders):
            made += _push(decoders, index + 1, out, room - made)
        else:
            made += len(out)
        if made > room:
            break
    return made
