"""Hostile PDFs made by hand: a compression bomb, a huge page count, and plain
many-page reports with Flate content streams (the cheap-on-normal-files measure)."""
from __future__ import annotations

import zlib

from tests.replica.minipdf import pdf_file


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _page_stream(lines: list[str]) -> bytes:
    ops = [b"BT", b"/F1 10 Tf", b"14 TL", b"56 790 Td"]
    ops += [b"(" + _escape(line) + b") Tj T*" for line in lines]
    return b"\n".join(ops + [b"ET"])


def _stream(body: bytes, extra: bytes = b"", filters: bytes = b"/FlateDecode") -> bytes:
    head = b"<< /Length " + str(len(body)).encode() + b" /Filter " + filters + extra + b" >>"
    return head + b"\nstream\n" + body + b"\nendstream"


def build_pdf(contents: list[bytes], *, kids: list[int] | None = None,
              count: int | None = None, extra: list[bytes] | None = None) -> bytes:
    """A PDF whose page i shows ``contents[i]`` (raw content-stream objects 'stream...');
    ``kids``/``count`` override the page tree (to repeat one page many times)."""
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    objects: list[bytes] = [b"", b"", font]  # 1 catalog, 2 pages, 3 font
    page_ids: list[int] = []
    for body in contents:
        objects.append(body)
        content_id = len(objects)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents "
                       + str(content_id).encode() + b" 0 R >>")
        page_ids.append(len(objects))
    objects += extra or []
    kid_ids = kids if kids is not None else page_ids
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = (b"<< /Type /Pages /Kids [" + b" ".join(f"{k} 0 R".encode() for k in kid_ids)
                  + b"] /Count " + str(count if count is not None else len(kid_ids)).encode()
                  + b" >>")
    return pdf_file(objects, "1.5")


def text_pdf(pages: int, lines_per_page: int = 50, title: str = "Report") -> bytes:
    """A plain report: every page a compressed content stream of ``lines_per_page`` lines."""
    contents = []
    for n in range(1, pages + 1):
        lines = [f"{title} page {n}"] + [
            f"Line {i} of page {n}: the force should improve how it records crime." for i in
            range(lines_per_page)]
        contents.append(_stream(zlib.compress(_page_stream(lines), 6)))
    return build_pdf(contents)


def compression_bomb(inflated: int, *, layers: int = 1) -> bytes:
    """One page whose content stream inflates to ``inflated`` bytes (of spaces after a line
    of text); ``layers`` > 1 compresses the compressed stream again (a chained filter)."""
    packer = zlib.compressobj(9)
    head = _page_stream(["Inspection of Norfolk Constabulary"]) + b"\n"
    parts = [packer.compress(head)]
    block = b" " * (1 << 20)
    left = inflated - len(head)
    while left > 0:
        parts.append(packer.compress(block[:min(left, len(block))]))
        left -= len(block)
    body = b"".join(parts) + packer.flush()
    for _ in range(layers - 1):
        body = zlib.compress(body, 9)
    return build_pdf([_stream(body, filters=b"[" + b" ".join([b"/FlateDecode"] * layers) + b"]")])


def many_pages(pages: int) -> bytes:
    """``pages`` pages that all show one small page object (a few kilobytes of file)."""
    body = _stream(zlib.compress(_page_stream(["A page"])))
    return build_pdf([body], kids=[5] * pages, count=pages)  # object 5: the one page
