"""PDF text: the fast pypdfium2 path, furniture removal, hyphens, ligatures, layout pages."""
from __future__ import annotations

import pytest

from extractors.pdf.document import PdfError
from extractors.pdf.words import Vocabulary, join_hyphenated
from extractors.pdf.text import clean_pages, pdf_pages
from extractors.pdf.layout import pdf_layout_pages
from extractors.pdf.pagepass import pdf_line_pages
from tests.extractors.report_recipes import (SEED_RECOMMENDATIONS, SEED_TITLE, corrupt, report,
                                             seed_report, truncated, untidy_report)
from tests.pdf_writer import page_break, para


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


def test_clean_pages_drops_running_headers_footers_and_page_numbers() -> None:
    pages = clean_pages(raw_report())
    assert [p.number for p in pages] == [1, 2, 3, 4]
    for page in pages[1:]:
        assert "Police response in the eastern region" not in page.text
        assert "Page" not in page.text
        assert not any(line.strip().isdigit() for line in page.text.splitlines())
    assert pages[0].text.startswith("Police response in the eastern region")  # the cover keeps it


def test_clean_pages_joins_split_words_keeps_real_hyphens_and_fixes_ligatures() -> None:
    text = clean_pages(raw_report())[2].text
    assert "recommendations that follow are firm." in text
    assert "flexible and effective approach to the crime-recording rules" in text
    assert "their officers are well trained." in text
    assert "\u2019" in text and "\u201c" in text           # curly quotes kept as printed
    assert not any(c in text for c in "\ufb00\ufb01\ufb02\ufb03\ufb04")
    last = clean_pages(raw_report())[3].text
    assert "decision-making is recorded and that information is shared." in last


def test_clean_pages_unwraps_lines_into_paragraphs() -> None:
    lines = clean_pages(raw_report())[2].text.splitlines()
    assert lines[0] == "Summary"
    assert lines[1].startswith("The forces\u2019 \u201cfirst response\u201d was too slow and the "
                               "recommendations")


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


def test_pdf_pages_reads_the_untidy_seed_report(seed_pdf: bytes) -> None:
    pages = pdf_pages(seed_pdf)
    assert len(pages) == 5
    whole = "\n".join(p.text for p in pages)
    assert "Page 3 of 5" not in whole and "Page" not in whole
    assert whole.count(SEED_TITLE) == 1                      # cover only, not the running header
    assert "the recommendations below follow from our findings" in whole   # split word joined
    assert "\u201cmarked improvements\u201d" in whole
    assert SEED_RECOMMENDATIONS[2] in pages[2].text          # the summary list, unwrapped
    assert "scrutiny of crime-recording decisions" in pages[4].text


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
    pages = pdf_pages(data)
    assert len(pages) == 2
    text = pages[0].text
    assert "The first flow of \u2018quoted\u2019 text is efficient." in text
    assert "Page" not in text                                  # the footer is gone


@pytest.mark.parametrize("mangle", [
    lambda d: truncated(d), lambda d: corrupt(d), lambda d: b"", lambda d: b"<html>not a pdf",
    lambda d: d[:400],
], ids=["truncated", "corrupt", "empty", "html", "header-only"])
def test_bad_pdfs_raise_pdf_error(seed_pdf: bytes, mangle) -> None:
    with pytest.raises(PdfError) as info:
        pdf_pages(mangle(seed_pdf))
    assert str(info.value)
    assert isinstance(info.value, ValueError)


def test_encrypted_pdf_raises_a_clear_error() -> None:
    data, _ = report("Locked", [para("locked")], encrypt="secret")
    assert b"/Encrypt" in data
    with pytest.raises(PdfError, match="encrypted"):
        pdf_pages(data)
