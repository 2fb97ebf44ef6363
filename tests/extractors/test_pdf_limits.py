"""Caps per PDF: inflated stream size and page count, cheap on normal files; the text
pass closes each page as it goes (peak memory flat however long the document)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from extractors.pages.report_pdf import extract_report_pdf
from extractors.pdf.limits import MAX_INFLATED_BYTES, MAX_PAGES, PdfOverCap, check_streams
from tests.faults.hostile_pdfs import compression_bomb, many_pages, text_pdf

ROOT = Path(__file__).resolve().parents[2]


def _inflated_content(data: bytes) -> int:
    """What the content streams of a generated PDF inflate to, the slow honest way."""
    total = 0
    for m in re.finditer(rb"/Length (\d+) /Filter /FlateDecode >>\nstream\n", data):
        total += len(zlib.decompress(data[m.end():m.end() + int(m.group(1))]))
    return total


def test_a_normal_report_is_measured_exactly_and_passes() -> None:
    data = text_pdf(40)
    assert check_streams(data) == _inflated_content(data) > 100_000
    result = extract_report_pdf(data, "report.pdf")
    assert not [p for p in result.problems if p.stage == "extract"]


@pytest.mark.parametrize("layers", [1, 2])
def test_a_compression_bomb_is_refused_with_its_figure(layers: int) -> None:
    bomb = compression_bomb(MAX_INFLATED_BYTES + (8 << 20), layers=layers)
    assert len(bomb) < 2_000_000
    with pytest.raises(PdfOverCap) as caught:
        check_streams(bomb)
    assert caught.value.record["limit"] == MAX_INFLATED_BYTES
    assert caught.value.record["figure"] > MAX_INFLATED_BYTES
    result = extract_report_pdf(bomb, "bomb.pdf")
    [problem] = result.problems
    assert problem.stage == "extract" and "decompressed-size cap" in problem.reason
    assert problem.record["cap"] == "inflated_bytes"
    assert str(problem.record["figure"]) in problem.reason


def test_a_huge_page_count_is_refused_with_its_figure() -> None:
    result = extract_report_pdf(many_pages(100_000), "many.pdf")
    [problem] = result.problems
    assert problem.reason == f"PDF over the page cap: 100000 pages (cap {MAX_PAGES})"
    assert problem.record == {"cap": "pages", "figure": 100000, "limit": MAX_PAGES}


_PROBE = """
import json, resource, sys
from pathlib import Path
from extractors.pdf.document import page_texts
from extractors.pages.report_pdf import extract_report_pdf
data = Path(sys.argv[1]).read_bytes()
def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
base = peak()
try:
    chars = sum(len(text) for _, _, _, text in page_texts(data))
except ValueError:  # over a cap
    chars = 0
text_pass = peak() - base
result = extract_report_pdf(data, "long.pdf")
print(json.dumps({"chars": chars, "text_pass": text_pass, "extract": peak() - base,
                  "problems": [p.reason for p in result.problems if p.stage == "extract"]}))
"""


def _peak_growth(path: Path) -> dict:
    proc = subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True,
                          text=True, cwd=ROOT, timeout=300, check=True)
    return json.loads(proc.stdout)


def test_peak_memory_stays_flat_on_a_long_document(tmp_path: Path) -> None:
    """1,000 pages: holding the pages open would cost ~380 MB (measured); closed as read,
    the text pass grows by a few MB. The bounds are generous."""
    long = tmp_path / "long.pdf"
    long.write_bytes(text_pdf(1000, lines_per_page=40))
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(compression_bomb(MAX_INFLATED_BYTES + (8 << 20)))
    grown = _peak_growth(long)
    assert grown["chars"] > 2_500_000 and grown["problems"] == []
    assert grown["text_pass"] < 64 << 20
    assert grown["extract"] < 160 << 20  # lines and findings for 1,000 pages included
    bombed = _peak_growth(bomb)  # before the cap: +600 MB for a 300 MB bomb, no problem
    assert bombed["text_pass"] < 64 << 20 and bombed["chars"] == 0
    assert bombed["extract"] < 64 << 20 and len(bombed["problems"]) == 1
