"""PDF text as the product reads it: the pdfium page pass, furniture removal, blocks, split
words, ligatures, layout pages, and the checks made when a PDF is opened."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.pdf.document import PdfError, keep_freed_heap
from extractors.pdf.blocks import pdf_blocks
from extractors.pdf.furniture import remove_furniture
from extractors.pdf.words import Vocabulary, fix_chars, join_hyphenated, join_lines, printed_lines
from extractors.pdf.layout import pdf_layout_pages
from extractors.pdf.pagepass import pdf_line_pages
from tests.extractors.report_recipes import (SEED_RECOMMENDATIONS, SEED_TITLE, corrupt, report,
                                             seed_report, truncated, untidy_report)
from tests.pdf_writer import page_break, para

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seed_pdf() -> bytes:
    return seed_report()[0]


@pytest.fixture(scope="module")
def untidy_pdf() -> bytes:
    return untidy_report()[0]


def raw_report() -> list[str]:
    """Raw page texts as pdfium prints them: header, footer, page numbers, split words."""
    header = "Police response in the eastern region"
    return [
        "Police response in the eastern region\r\nA spotlight report\r\nMarch 2024",
        f"{header}\r\nContents\r\nSummary ........ 3\r\nRecommendations ........ 4\r\nPage 2 of 4",
        f"{header}\r\nSummary\r\nThe forces\u2019 \u201cfirst response\u201d was too slow and the\r\n"
        "recom-\r\nmendations that follow are \ufb01rm. Crime-recording matters.\r\n"
        "Officers have a ﬂexible and e\ufb00ective approach to the crime-\r\nrecording rules "
        "and their o\ufb03cers are\r\nwell trained.\r\nPage 3 of 4",
        f"{header}\r\nRecommendations\r\nForces should make sure their decision-\r\nmaking is "
        "recorded and that infor-\r\nmation is shared.\r\n4",
    ]


def _blocks(data: bytes) -> list[str]:
    """The texts of the blocks the findings reader gets: pages without their furniture."""
    return [b.text for b in pdf_blocks(remove_furniture(pdf_line_pages(data)))]


def _paragraph(raw_page: str, vocabulary_from: list[str]) -> str:
    """One raw pdfium page's lines unwrapped into one paragraph, as a block is joined."""
    vocab = Vocabulary.from_lines(ln for page in vocabulary_from for ln in printed_lines(page))
    return join_lines(printed_lines(raw_page), vocab)


def test_running_headers_footers_and_page_numbers_are_dropped_but_the_cover_keeps_its_title(
        ) -> None:
    header = "Police response in the eastern region"
    data, _ = report(header, [
        para(header, bold=True), para("A spotlight report"), page_break(),
        para("The forces were too slow to respond to calls for service."), page_break(),
        para("Forces should make sure their decisions are recorded."), page_break(),
        para("We will check progress.")])
    pages = remove_furniture(pdf_line_pages(data))
    assert [p.number for p in pages] == [1, 2, 3, 4]
    for page in pages[1:]:
        texts = [ln.text for ln in page.lines]
        assert header not in texts and texts
        assert not any("Page" in t or t.strip().isdigit() for t in texts)
    assert header in [ln.text for ln in pages[0].lines]          # the cover keeps it


def test_split_words_are_joined_real_hyphens_kept_and_ligatures_fixed() -> None:
    """String level, on pdfium's raw text: the writer's fonts draw no ff or ffi ligature."""
    raw = raw_report()
    text = _paragraph(raw[2], raw)
    assert "recommendations that follow are firm." in text
    assert "flexible and effective approach to the crime-recording rules" in text
    assert "their officers are well trained." in text
    assert "\u2019" in text and "\u201c" in text           # curly quotes kept as printed
    assert not any(c in text for c in "\ufb00\ufb01\ufb02\ufb03\ufb04")
    assert "decision-making is recorded and that information is shared." in \
        _paragraph(raw[3], raw)
    assert fix_chars("e\ufb00ective o\ufb03cers \ufb02ow") == "effective officers flow"


@pytest.mark.parametrize(("left", "right", "joined"), [
    ("the recom-", "mendation", "the recommendation"),
    ("informa-", "tion", "information"),
    ("decision-", "making", "decision-making"),
    ("non-", "Home Office", "non-Home Office"),
    ("crime-", "recording", "crime-recording"),
    ("under-", "stand", "understand"),
])
def test_join_hyphenated(left: str, right: str, joined: str) -> None:
    vocab = Vocabulary.from_lines(["the crime-recording rules", "we understand the data"])
    assert join_hyphenated(left, right, vocab) == joined


def test_the_untidy_seed_report_reads_without_furniture_and_with_words_joined(seed_pdf) -> None:
    blocks = _blocks(seed_pdf)
    whole = "\n".join(blocks)
    assert "Page 3 of 5" not in whole and "Page" not in whole
    assert whole.count(SEED_TITLE) == 1                      # cover only, not the running header
    assert "the recommendations below follow from our findings" in whole   # split word joined
    assert "\u201cmarked improvements\u201d" in whole
    assert SEED_RECOMMENDATIONS[2] in blocks                 # the summary list, unwrapped
    assert "scrutiny of crime-recording decisions" in whole


def test_pdf_line_pages_keeps_size_boldness_and_position(untidy_pdf: bytes) -> None:
    pages = pdf_line_pages(untidy_pdf)
    third = pages[2]
    heading = next(ln for ln in third.lines if ln.text == "Executive summary")
    label = next(ln for ln in third.lines if ln.text == "Recommendations")
    body = next(ln for ln in third.lines if ln.text.startswith("We inspected"))
    assert heading.size > label.size and heading.bold and label.bold and not body.bold
    assert heading.top < label.top < 842
    assert pages[6].multi_column and not pages[3].multi_column
    assert pages[7].ruled and not pages[3].ruled


def test_pdf_layout_pages_reads_columns_in_order_and_tables_as_rows(untidy_pdf: bytes) -> None:
    layout = pdf_layout_pages(untidy_pdf, [7, 8])
    texts = [ln.text for ln in layout[7].lines]
    left = texts.index("Areas for improvement")
    right = texts.index("Innovative practice")
    assert left < right
    assert any(t.startswith("\u2022 The force should make sure its") for t in texts[left:right])
    rows = [ln.cells for ln in layout[8].lines if ln.cells]
    assert rows[0] == ("No.", "Area for improvement")
    assert rows[1][0] == "1" and rows[1][1].endswith("complete and accurate.")


def test_ligature_and_quote_characters_come_through_pdfium() -> None:
    data, _ = report("H", [
        para("The \ufb01rst \ufb02ow of \u2018quoted\u2019 text is ef\ufb01cient."),
        para("A second page needs the same header."), page_break(), para("Third.")])
    pages = remove_furniture(pdf_line_pages(data))
    assert len(pages) == 2
    texts = [ln.text for ln in pages[0].lines]
    assert "The first flow of \u2018quoted\u2019 text is efficient." in texts
    assert not any("Page" in t for t in texts)                 # the footer is gone


@pytest.mark.parametrize("mangle", [
    lambda d: truncated(d), lambda d: corrupt(d), lambda d: b"", lambda d: b"<html>not a pdf",
    lambda d: d[:400],
], ids=["truncated", "corrupt", "empty", "html", "header-only"])
def test_bad_pdfs_raise_pdf_error(seed_pdf: bytes, mangle) -> None:
    with pytest.raises(PdfError) as info:
        pdf_line_pages(mangle(seed_pdf))
    assert str(info.value)
    assert isinstance(info.value, ValueError)


def test_encrypted_pdf_raises_a_clear_error() -> None:
    data, _ = report("Locked", [para("locked")], encrypt="secret")
    assert b"/Encrypt" in data
    with pytest.raises(PdfError, match="encrypted"):
        pdf_line_pages(data)


_TWO_PASSES = """
import resource
from extractors.pdf.pagepass import pdf_line_pages
from tests.generated_pdfs import long_report

data = long_report(30)[0]
pdf_line_pages(data)                   # the heap grows to what a page needs
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
pages = len(pdf_line_pages(data))
print(pages, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


@pytest.mark.skipif(not keep_freed_heap(), reason="the C library has no mallopt (glibc only)")
def test_a_page_pass_reuses_the_heap_instead_of_asking_the_kernel_for_new_memory() -> None:
    """Each page's pdfium objects are freed before the next page is read: that memory is
    kept for it (``keep_freed_heap``), not returned to the kernel and faulted in again.
    Page faults in a second pass over a document, in a fresh process as the CLI is."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _TWO_PASSES], capture_output=True,
                          text=True, check=True, cwd=ROOT)
    pages, faults = map(int, done.stdout.split())
    assert pages >= 10 and faults < 2 * pages, f"{faults} page faults reading {pages} pages again"


@settings(max_examples=400, derandomize=True, database=None)
@given(st.text(alphabet="ab-\n .'A\u2019", max_size=40))
def test_split_words_are_dropped_as_the_pattern_drops_them(text: str) -> None:
    """The vocabulary drops both halves of a word split at a line end; the scan that tries
    only the letters before each line-end hyphen drops what the pattern's own scan of
    every position does."""
    from extractors.pdf.words import _SPLIT_WORD, drop_split_words
    assert drop_split_words(text) == _SPLIT_WORD.sub(" ", text)


def test_a_split_word_and_a_chained_one_are_dropped_whole() -> None:
    from extractors.pdf.words import drop_split_words
    assert drop_split_words("the recom-\nmendation is firm") == "the   is firm"
    assert drop_split_words("is-\n\u2014 firm, and") == " , and"     # a dash between halves
    assert drop_split_words("ab-\ncd-\nef and gh") == " -\nef and gh"
    assert drop_split_words("no split here") == "no split here"
