"""Site text in every output is inert: Markdown drafts, CSV cells, links, iCalendar."""
from __future__ import annotations

from datetime import date

import pytest
from markdown_it import MarkdownIt

from section55.draft import DraftInput, draft_markdown
from section55.safe_text import csv_cell, markdown_inline, safe_url

HOSTILE = ("<script>alert(1)</script> <img src=x onerror=alert(1)> "
           "[link](javascript:alert(1)) ![i](javascript:alert(2)) <a href='javascript:x'>a</a> "
           "&lt;b&gt; `code` *em* _em_ <https://evil.example/> [r]: javascript:alert(3)")


def _html(markdown: str) -> str:
    return MarkdownIt("commonmark", {"html": True, "linkify": False}).render(markdown)


def _inert(html: str) -> None:
    low = html.lower()
    assert "<script" not in low and "<img" not in low and "<a href=\"javascript" not in low
    assert "javascript:" not in "".join(part.split(">", 1)[0] for part in low.split("<")[1:])
    assert "<em>" not in low and "<code>" not in low
    hrefs = [part.split('"', 1)[0] for part in low.split('<a href="')[1:]]
    assert all(h == "#" or h.startswith(("https://", "http://")) for h in hrefs)


def hostile_draft(**changes) -> DraftInput:
    values = dict(
        title=HOSTILE, published_on=date(2025, 8, 28), publication_types=[HOSTILE, "PEEL"],
        forces_text=HOSTILE, report_url="javascript:alert(4)", practice_deadline=None,
        body_name="Police and Crime Commissioner for Norfolk", force_name="Norfolk Constabulary",
        key_findings="# Heading\n- " + HOSTILE + "\n1. numbered\n> quoted\n" + HOSTILE,
        recommendations=[("1</h4><script>", HOSTILE), ("2", "=cmd|' /C calc'!A0")],
        areas_for_improvement=[("1", "- " + HOSTILE)], causes_of_concern=[("[x]", HOSTILE)])
    values.update(changes)
    return DraftInput(**values)


def test_a_hostile_draft_renders_inert() -> None:
    text = draft_markdown(hostile_draft())
    html = _html(text)
    _inert(html)
    assert "<h1>" not in html and "<blockquote>" not in html and "<ol>" not in html
    assert html.count("<a href=") == 1 and '<a href="#">' in html  # the javascript: link dropped
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the text is still there, as text
    assert "[link](javascript:alert(1))" in html


def test_a_safe_link_and_plain_text_are_kept() -> None:
    url = "https://hmicfrs.justiceinspectorates.gov.uk/publications/a-report/"
    text = draft_markdown(hostile_draft(title="PEEL 2023-25: Fire & Rescue", report_url=url,
                                        key_findings="- one\n- two"))
    html = _html(text)
    assert f'<a href="{url}">PEEL 2023-25: Fire &amp; Rescue - ' in html
    assert "<li>one</li>" in html and "<li>two</li>" in html


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)",
                                 "java\tscript:alert(1)", "data:text/html,<b>",
                                 "vbscript:msgbox(1)", "javascript&colon;alert(1)"])
def test_unsafe_link_schemes_are_dropped(url: str) -> None:
    assert safe_url(url) is None


def test_markdown_inline_escapes_html_and_syntax() -> None:
    assert markdown_inline("<b>*x*</b> [a](b) &amp;") == (
        "&lt;b&gt;\\*x\\*&lt;/b&gt; \\[a\\](b) &amp;amp;")


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx",
                                  "\uff1dcmd"])
def test_csv_formula_cells_are_neutralised(cell: str) -> None:
    assert csv_cell(cell) == "'" + cell


def test_csv_plain_cells_are_kept() -> None:
    assert [csv_cell(v) for v in ("Norfolk", "2025-10-23", 5, None, -3)] == [
        "Norfolk", "2025-10-23", 5, None, -3]


def test_ics_escapes_hostile_titles() -> None:
    import icalendar
    from section55.calendar import obligations_ics
    row = {"publication_id": "x", "force_id": "norfolk", "force_name": "Norfolk Constabulary",
           "local_policing_body": "PCC for Norfolk", "title": HOSTILE + "\nBEGIN:VEVENT\r\nX:1",
           "published_on": date(2025, 8, 28), "statutory_deadline": date(2025, 10, 22),
           "practice_deadline": date(2025, 10, 23), "status": "open", "url": "https://e.x/",
           "rule_version": "s55", "responded_on": None}
    out = obligations_ics([row])
    text = out.decode() if isinstance(out, bytes) else out
    starts = [line for line in text.splitlines() if line.startswith(("BEGIN:", "X:"))]
    assert starts.count("BEGIN:VEVENT") == 1 and "X:1" not in starts  # no second event
    assert set(starts) <= {"BEGIN:VCALENDAR", "BEGIN:VEVENT", "BEGIN:VALARM"}
    [event] = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["SUMMARY"]).startswith("s.55 response due: " + HOSTILE + "\nBEGIN:VEVENT")
