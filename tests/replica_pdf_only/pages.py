"""HTML of the PDF-only replica: landing pages with label/value rows and taxonomy links, a
card listing paged by page numbers only (no 'Next' link), and the site chrome.
"""
from __future__ import annotations

from html import escape

from tests.replica_pdf_only.catalogue import Pub, long_date

ROBOTS = "User-agent: *\nDisallow: /wp-admin/\nDisallow: /search/\n"


def and_join(items: list[str]) -> str:
    """'A, B and C'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def page(title: str, content: str) -> str:
    """A whole document around ``content``: header, breadcrumbs, footer."""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)} - HMICFRS</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>'
        '<div class="cookie-banner"><p>We use cookies to understand how you use the site.</p>'
        '<button>Accept</button></div>'
        '<header class="masthead"><a class="logo" href="/">HM Inspectorate of Constabulary and '
        'Fire &amp; Rescue Services</a><nav><a href="/publications/">Publications</a> '
        '<a href="/police-forces/">Police forces</a> <a href="/about-us/">About us</a></nav>'
        '</header><nav class="breadcrumbs"><a href="/">Home</a> &gt; '
        '<a href="/publications/">Publications</a></nav>'
        f'<div id="content" class="container">{content}</div>'
        '<footer class="site-footer"><a href="/accessibility/">Accessibility</a> '
        '<a href="/privacy/">Privacy</a><p>\u00a9 Crown copyright. Open Government Licence '
        'v3.0.</p></footer></body></html>')


def _row(name: str, value_html: str) -> str:
    return (f'<div class="meta-row"><span class="meta-label">{escape(name)}</span> '
            f'<span class="meta-value">{value_html}</span></div>')


def _types(pub: Pub) -> str:
    links = [f'<a href="/publication-types/{_slug(t)}/">{escape(t)}</a>' for t in pub.types]
    return links[0] if len(links) == 1 else ", ".join(links[:-1]) + " and " + links[-1]


def landing_page(pub: Pub, related: Pub | None) -> str:
    """A publication landing page; the report is a PDF only."""
    rows = _row(pub.date_label, escape(pub.date_text or long_date(pub.published_on)))
    rows += _row("Publication types:", _types(pub))
    if pub.forces_text:
        rows += _row("Police forces:", escape(pub.forces_text))
    files = ""
    if pub.doc:
        files = ('<section class="get-the-report"><h2>Get the report</h2>'
                 '<h3>Download the report</h3><ul class="downloads"><li>'
                 f'<a href="{pub.doc.link}"><span class="file-title">{escape(pub.title)}'
                 '</span> <span class="file-meta">(PDF document)</span></a></li></ul>'
                 "</section>")
    aside = ""
    if related:
        aside = ('<aside class="related"><h2>Related publications</h2><ul><li>'
                 f'<a href="{related.path}">{escape(related.title)}</a></li></ul></aside>')
    content = (f'<div class="publication-hero"><h1>{escape(pub.title)}</h1></div>'
               f'<div class="publication-meta">{rows}</div>'
               f'<div class="publication-summary"><p>{escape(pub.summary)}</p></div>'
               f"{files}{aside}")
    return page(pub.title, content)


def listing_path(n: int) -> str:
    """Listing page ``n``."""
    return "/publications/" if n == 1 else f"/publications/page/{n}/"


def listing_href(pub: Pub, i: int) -> str:
    """How the listing links a publication: given, else without the slash on every other."""
    if pub.listing_href:
        return pub.listing_href
    return pub.path.rstrip("/") if i % 2 == 0 else pub.path


def _card(pub: Pub, i: int) -> str:
    return (f'<li class="publication-card"><h2 class="card-title"><a href="{listing_href(pub, i)}">'
            f"{escape(pub.title)}</a></h2><p class=\"card-meta\"><time "
            f'datetime="{pub.published_on.isoformat()}">{long_date(pub.published_on)}</time>'
            f" \u00b7 {escape(', '.join(pub.types))}</p></li>")


def listing_page(chunk: list[Pub], n: int, last: int, start: int) -> str:
    """Cards newest first; pagination as page numbers only."""
    numbers = []
    for k in range(1, last + 1):
        if k == n:
            numbers.append(f'<span aria-current="page" class="page-numbers current">{k}</span>')
        else:
            numbers.append(f'<a class="page-numbers" href="{listing_path(k)}">{k}</a>')
    content = ('<h1>Publications</h1><form class="filters" action="/publications/" '
               'method="get"><label>Type <select name="type"><option>All</option></select>'
               '</label><button>Filter</button></form><ul class="publication-list">'
               + "".join(_card(p, start + i) for i, p in enumerate(chunk)) + "</ul>"
               + '<nav class="pagination" aria-label="Pagination">' + "".join(numbers)
               + "</nav>")
    return page("Publications", content)
