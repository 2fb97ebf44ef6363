"""The direct-links replica: pages written by hand, and what each publication truly is.

Listing page 1: a landing page (with an HTML version as a second link in its item), a PEEL
force report, an FRS assessment and a letter, each linked straight. Page 2: a landing
page, a second PEEL force report (its item also links a page that is none of its
documents), a report PDF linked straight and a page no page type recognises. The news feed links a third PEEL force
report the listing does not show.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from tests.replica.minipdf import tiny_pdf
from tests.replica.site import PDF, Site

BANNER = ('<div class="site-banner" role="region">Have your say: our consultation on '
          'the inspection programme closes on 1 December.</div>')


@dataclass(frozen=True)
class Pub:
    """One publication as the site shows it (``grades``: graded areas on its page)."""

    pid: str
    path: str
    title: str
    published_on: date
    forces: tuple[str, ...] = ()
    grades: int = 0
    findings: int = 0


KENT = Pub("kent-police-response-to-fraud", "/publications/kent-police-response-to-fraud/",
           "Kent Police: an inspection of the response to fraud", date(2025, 6, 3), ("kent",),
           findings=2)
ESSEX = Pub("peel-reports--essex-2023-25", "/peel-reports/essex-2023-25/",
            "PEEL 2023\u20132025: An inspection of Essex Police", date(2025, 6, 10), ("essex",),
            grades=3, findings=1)
AVON = Pub("frs-assessments--avon-2023-2025", "/frs-assessments/avon-2023-2025/",
           "Avon Fire and Rescue Service: Fire and rescue service inspection 2023\u20132025",
           date(2025, 6, 12), (), grades=2)
LETTER = Pub("letters--cleveland-police-causes-of-concern-revisit-letter",
             "/letters/cleveland-police-causes-of-concern-revisit-letter/",
             "Cleveland Police: Causes of concern revisit letter", date(2025, 6, 17),
             ("cleveland",), findings=2)
DURHAM = Pub("durham-constabulary-response-to-stalking",
             "/publications/durham-constabulary-response-to-stalking/",
             "Durham Constabulary: an inspection of the response to stalking", date(2025, 5, 20),
             ("durham",))
CLEVELAND = Pub("peel-reports--cleveland-2021-22", "/peel-reports/cleveland-2021-22/",
                "PEEL 2021/22: An inspection of Cleveland Police", date(2025, 5, 2),
                ("cleveland",), grades=3)
NORFOLK = Pub("peel-reports--norfolk-2023-25", "/peel-reports/norfolk-2023-25/",
              "PEEL 2023\u20132025: An inspection of Norfolk Police", date(2025, 6, 20),
              ("norfolk",), grades=3)
CUSTODY = Pub("uploads--cleveland-custody-suites-2025.pdf", "/uploads/cleveland-custody-suites-2025.pdf",
              "Cleveland Police: an inspection of custody suites", date(2025, 5, 9),
              ("cleveland",), findings=1)  # a PDF the listing links straight
BROKEN = "/publications/page-under-maintenance/"
STRAY = "/peel-reports/cleveland-2021-22/force-data/"   # in Cleveland's item: not a document
PAGE_ONE = (KENT, ESSEX, AVON, LETTER)
PAGE_TWO = (DURHAM, CLEVELAND, CUSTODY)
LOADED = PAGE_ONE + PAGE_TWO + (NORFOLK,)
AS_OF = date(2025, 7, 1)

_PEEL_2023 = (("Recording data about crime", "Good"), ("Responding to the public", "Adequate"),
              ("Investigating crime", "Requires improvement"))
_PEEL_2021 = (("Recording data about crime", "Adequate"), ("Treatment of the public", "Good"),
              ("Investigating crime", "Adequate"))
_FIRE = (("Understanding the risk of fire and other emergencies", "Good"),
         ("Preventing fires and other risks", "Adequate"))


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _page(title: str, main: str, banner: bool) -> str:
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
            f"{escape(title)} - His Majesty's Inspectorate of Constabulary and Fire &amp; Rescue "
            f"Services</title></head><body>{BANNER if banner else ''}<header><nav>"
            f"<a href=\"/\">Home</a> <a href=\"/publications/\">Publications</a> "
            f"<a href=\"/news/news-feed/\">News</a></nav></header><main>{main}</main>"
            f"<footer><a href=\"/privacy/\">Privacy</a></footer></body></html>")


def _item(pub: Pub, extra: str = "") -> str:
    return (f'<li class="publication"><h3><a href="{pub.path}">{escape(pub.title)}</a></h3>'
            f'<time datetime="{pub.published_on.isoformat()}">{_long(pub.published_on)}</time>'
            f"{extra}</li>")


def listing(page: int, banner: bool = False) -> str:
    if page == 1:
        items = "".join(_item(p, ' <a href="/publication-html/kent-fraud/">Read online</a>'
                              if p is KENT else "") for p in PAGE_ONE)
        pager = '<a class="next" href="/publications/page/2/">Next</a>'
    else:
        items = "".join(_item(p, f' <a href="{STRAY}">Force data</a>' if p is CLEVELAND else "")
                        for p in PAGE_TWO)
        items += (f'<li class="publication"><h3><a href="{BROKEN}">Inspection programme '
                  'update</a></h3><time datetime="2025-05-01">1 May 2025</time></li>')
        pager = '<a class="prev" href="/publications/">Previous</a>'
    return _page("Publications", f'<h1>Publications</h1><ul class="publications">{items}</ul>'
                 f'<nav class="pagination">{pager}</nav>', banner)


def _landing(pub: Pub, kind: str, files: str, banner: bool, notice: str = "") -> str:
    force = {"kent": "Kent Police", "durham": "Durham Constabulary"}[pub.forces[0]]
    return _page(pub.title, (
        f"<h1>{escape(pub.title)}</h1>{notice}<p><strong>Published on:</strong> "
        f"{_long(pub.published_on)}</p><p><strong>Publication type:</strong> {kind}</p>"
        f"<p><strong>Police forces:</strong> {force}</p><h2>Get the report</h2>{files}"), banner)


def _judgments(rows: tuple[tuple[str, str], ...]) -> str:
    body = "".join(f"<tr><td>{a}</td><td>{g}</td></tr>" for a, g in rows)
    return ('<section id="our-judgments"><h2>Our judgments</h2><table><thead><tr>'
            f'<th scope="col">Area of policing</th><th scope="col">Grade</th></tr></thead>'
            f"<tbody>{body}</tbody></table></section>")


def _peel(pub: Pub, rows: tuple[tuple[str, str], ...], banner: bool, afi: str = "") -> str:
    findings = (f"<section><h2>Investigating crime</h2><h3>Area for improvement</h3>"
                f"<p>{afi}</p></section>" if afi else "")
    return _page(pub.title, (
        f'<article><h1>{escape(pub.title)}</h1><p>Published on: {_long(pub.published_on)}</p>'
        f"<section><h2>Overall summary</h2><p>We inspected how well the force keeps people "
        f"safe and reduces crime.</p></section>{_judgments(rows)}{findings}"
        f'<p><a href="/uploads/{pub.pid}.pdf">{escape(pub.title)} (PDF document)</a></p>'
        "</article>"), banner)


def _frs(banner: bool) -> str:
    rows = "".join(f'<div class="judgement"><h4>{a}</h4><p class="judgement__grade">{g}</p>'
                   "</div>" for a, g in _FIRE)
    return _page(AVON.title, (
        f'<article><h1>{escape(AVON.title)}</h1><p>Published on: {_long(AVON.published_on)}</p>'
        "<section><h2>Overview</h2><p>We inspected the service.</p></section>"
        f'<section id="judgements"><h2>Our judgements</h2><h3>Effectiveness</h3>{rows}</section>'
        "</article>"), banner)


def _letter(banner: bool) -> str:
    return _page(LETTER.title, (
        f"<article><h1>{escape(LETTER.title)}</h1><p>Published on: {_long(LETTER.published_on)}"
        "</p><p>Dear Chief Constable, we revisited the force to check progress on the causes "
        "of concern we reported.</p><h2>Recommendations</h2><p>We made the following "
        "recommendations.</p><p>Recommendation 1: Within three months, Cleveland Police "
        "should make sure that calls for service are answered promptly.</p><p>Recommendation "
        "2: Within six months, Cleveland Police should improve how it supervises "
        "investigations.</p></article>"), banner)


def kent_html(banner: bool, second: str = "improve how it records reports of fraud",
              added: bool = False) -> str:
    extra = ("<h3>Recommendation 3</h3><p>By 31 December 2025, Kent Police should train its "
             "call handlers to recognise fraud.</p>" if added else "")
    return _page(KENT.title, (
        f"<article><h1>{escape(KENT.title)}</h1><p>Published on: {_long(KENT.published_on)}</p>"
        "<h2>Recommendations</h2><h3>Recommendation 1</h3><p>By 30 September 2025, Kent "
        "Police should make sure that victims of fraud are kept informed.</p>"
        f"<h3>Recommendation 2</h3><p>By 30 September 2025, Kent Police should {second}.</p>"
        f"{extra}</article>"), banner)


def _news(banner: bool) -> tuple[str, str]:
    feed = _page("News", '<h1>News</h1><ul class="news"><li><h3><a href="/news/news-feed/'
                 'norfolk-peel-published/">Norfolk PEEL report published</a></h3></li></ul>',
                 banner)
    item = _page("Norfolk PEEL report published", (
        "<h1>Norfolk PEEL report published</h1><p>Today we published our PEEL inspection of "
        f'Norfolk Police.</p><h2>Get the report</h2><p><a href="{NORFOLK.path}">'
        f"{escape(NORFOLK.title)}</a></p>"), banner)
    return feed, item


def pages(banner: bool = False) -> dict[str, str]:
    """Every HTML page of the site by path."""
    kent_files = ('<p>Read the report online: <a href="/publication-html/kent-fraud/">'
                  f"{escape(KENT.title)} (HTML)</a></p>")
    durham_files = ('<p>Download the report: <a href="/uploads/durham-stalking.pdf">'
                    f"{escape(DURHAM.title)} (PDF document)</a></p>")
    feed, item = _news(banner)
    return {
        "/publications/": listing(1, banner), "/publications/page/2/": listing(2, banner),
        KENT.path: _landing(KENT, "Crime", kent_files, banner),
        "/publication-html/kent-fraud/": kent_html(banner),
        DURHAM.path: _landing(DURHAM, "Crime", durham_files, banner),
        ESSEX.path: _peel(ESSEX, _PEEL_2023, banner, "The force should improve how it "
                          "supervises investigations."),
        CLEVELAND.path: _peel(CLEVELAND, _PEEL_2021, banner),
        NORFOLK.path: _peel(NORFOLK, _PEEL_2023, banner),
        AVON.path: _frs(banner), LETTER.path: _letter(banner),
        BROKEN: _page("Maintenance", "<p>This page is being updated.</p>", banner),
        STRAY: _page("Force data", "<h1>Force data</h1><p>Figures.</p>", banner),
        "/news/news-feed/": feed, "/news/news-feed/norfolk-peel-published/": item,
    }


def build_direct_site(banner: bool = False) -> Site:
    """The whole site: pages, PDFs and robots.txt."""
    site = Site()
    site.put("/robots.txt", "User-agent: *\nAllow: /\n", "text/plain")
    for path, html in pages(banner).items():
        site.put(path, html)
    for pub in (ESSEX, CLEVELAND, NORFOLK):
        site.put(f"/uploads/{pub.pid}.pdf", tiny_pdf(pub.title, ["The full report."]), PDF)
    site.put(CUSTODY.path, tiny_pdf(CUSTODY.title, [
        f"Published: {_long(CUSTODY.published_on)}", "We inspected the custody suites.",
        "Recommendation 1: By 31 December 2025, Cleveland Police should make sure that "
        "detainees are checked as often as their risk assessment says."]), PDF)
    site.put("/uploads/durham-stalking.pdf",
             tiny_pdf(DURHAM.title, ["We inspected the response to stalking."]), PDF)
    return site
