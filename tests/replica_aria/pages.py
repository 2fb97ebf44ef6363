"""HTML of the ARIA replica: sectioned landing pages, a listing mixing news items with
publications, pagination as ``<nav aria-label="Pagination">`` with ``aria-current``."""
from __future__ import annotations

from html import escape

from tests.replica_aria.catalogue import NEWS, Pub, long_date

ROBOTS = "User-agent: *\nDisallow: /search/\n"


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def page(title: str, main: str) -> str:
    """A whole document: skip link, header, <main>, footer."""
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{escape(title)} | HMICFRS</title></head><body>"
        '<a class="skip-link" href="#main-content">Skip to main content</a>'
        '<header role="banner"><a href="/">HMICFRS</a><nav aria-label="Main">'
        '<ul><li><a href="/publications/">Publications</a></li>'
        '<li><a href="/news/news-feed/">News</a></li></ul></nav></header>'
        f'<main id="main-content">{main}</main>'
        '<footer role="contentinfo"><p>All content is available under the Open Government '
        "Licence v3.0, except where otherwise stated.</p></footer></body></html>")


def _section(ident: str, heading: str, body: str) -> str:
    return (f'<section aria-labelledby="{ident}"><h2 id="{ident}" class="visually-hidden">'
            f"{escape(heading)}</h2>{body}</section>")


def _when(pub: Pub) -> str:
    return (f'<time datetime="{pub.published_on.isoformat()}T09:00:00+01:00">'
            f"{long_date(pub.published_on)}</time>")


def landing_page(pub: Pub) -> str:
    """Title, a details section of label spans, a summary, then the files."""
    chips = "".join(f'<a rel="tag" class="chip" href="/publication-types/{_slug(t)}/">'
                    f"{escape(t)}</a>" for t in pub.types)
    details = (f'<div class="meta-item"><span class="meta-label">Published on</span>{_when(pub)}'
               "</div>"
               f'<div class="meta-item"><span class="meta-label">Publication types</span>'
               f'<div class="chips">{chips}</div></div>'
               f'<div class="meta-item"><span class="meta-label">Police forces</span>'
               f"<p>{escape(pub.forces_text)}</p></div>")
    files = "".join(f'<li><a href="{d.path}">{escape(d.label)}</a></li>' for d in pub.docs)
    main = (f'<h1 class="publication-title">{escape(pub.title)}</h1>'
            + _section("publication-details", "Publication details", details)
            + _section("publication-summary", "Summary", f"<p>{escape(pub.summary)}</p>")
            + _section("publication-files", "Files", f'<ul class="file-list">{files}</ul>')
            + _section("share", "Share this page",
                       '<a href="https://www.linkedin.com/shareArticle">LinkedIn</a>'))
    return page(pub.title, main)


def html_version(title: str, body: str) -> str:
    """An HTML report version or PEEL page inside the chrome."""
    return page(title, f'<article class="report">{body}</article>')


def listing_path(n: int) -> str:
    """Listing page ``n``."""
    return "/publications/" if n == 1 else f"/publications/page/{n}/"


def _item(pub: Pub) -> str:
    return (f'<article class="result"><h3><a href="{pub.path}">{escape(pub.title)}</a></h3>'
            f'<p>{_when(pub)} <span class="type">{escape(pub.types[0])}</span></p></article>')


def _news(slug: str) -> str:
    title = slug.replace("-", " ").capitalize()
    return (f'<article class="result result--news"><h3><a href="/news/news-feed/{slug}/">'
            f'{escape(title)}</a></h3><p><time datetime="2025-08-28">28 August 2025</time> '
            '<span class="type">News</span></p></article>')


def listing_page(chunk: list[Pub], n: int, last: int) -> str:
    """Results (with news items on page 1), then numbered pagination with Previous/Next."""
    news = "".join(_news(s) for s in NEWS) if n == 1 else ""
    links = []
    if n > 1:
        links.append(f'<a rel="prev" href="{escape(listing_path(n - 1))}">Previous</a>')
    for k in range(1, last + 1):
        current = ' aria-current="page"' if k == n else ""
        links.append(f'<a href="{escape(listing_path(k))}"{current}>{k}</a>')
    if n < last:
        links.append(f'<a rel="next" href="{escape(listing_path(n + 1))}">Next</a>')
    main = ('<h1>Publications</h1><div class="results">'
            + news + "".join(_item(p) for p in chunk) + "</div>"
            + '<nav aria-label="Pagination">' + " ".join(links) + "</nav>")
    return page("Publications", main)
