"""PDF files written byte by byte: ``tiny_pdf`` (one page, Helvetica, WinAnsi, made in
microseconds for thousands of generated publications) and ``pdf_file`` (objects, a
cross-reference table and a trailer, which tests/faults uses to build broken and hostile
PDFs that no layout library would write).

This is not a layout mini-language: report-like PDFs come from tests/pdf_writer.py. These
writers stay minimal on purpose, so that a test controls every byte.
"""
from __future__ import annotations

import textwrap


def _escape(line: str) -> bytes:
    raw = line.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def tiny_pdf(title: str, paragraphs: list[str]) -> bytes:
    """A one-page PDF: a bold title line, then wrapped paragraphs with blank lines between."""
    lines: list[tuple[str, str]] = [("F2", t) for t in textwrap.wrap(title, 70)] + [("F1", "")]
    for para in paragraphs:
        lines += [("F1", t) for t in textwrap.wrap(para, 92)] + [("F1", "")]
    ops = [b"BT", b"14 TL", b"56 790 Td"]
    for font, text in lines[:60]:
        ops.append(f"/{font} {'13' if font == 'F2' else '10'} Tf".encode())
        ops.append(b"(" + _escape(text) + b") Tj T*")
    ops.append(b"ET")
    stream = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
        b"/Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
    ]
    return pdf_file(objects)


def pdf_file(objects: list[bytes], version: str = "1.4") -> bytes:
    """Objects 1..n (object 1 the catalog) with a cross-reference table and trailer."""
    out = bytearray(f"%PDF-{version}\n".encode() + b"%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)
