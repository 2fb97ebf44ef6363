"""Landing pages, the paged listing, taxonomy archives, static pages, robots and sitemaps."""
from __future__ import annotations

import zlib
from datetime import date, datetime, time
from html import escape
from zoneinfo import ZoneInfo

from tests.replica.chrome import join_and, long_date, ordinal_date, page, type_slug
from tests.replica.spec import PUBLIC, PubSpec

LONDON = ZoneInfo("Europe/London")
ROBOTS_TXT = (
    "# robots.txt for hmicfrs.justiceinspectorates.gov.uk\n"
    "User-agent: *\n"
    "Disallow: /wp-admin/\n"
    "Allow: /wp-admin/admin-ajax.php\n"
    "Disallow: /search/\n"
    "Disallow: /?s=\n"
    "Disallow: /publications/private-draft/\n"
    "\n"
    "User-agent: BadBot\n"
    "Disallow: /\n"
    "\n"
    f"Sitemap: {PUBLIC}/wp-sitemap.xml\n"
)
SITEMAP_CHUNK = 2000


def listing_path(page_no: int) -> str:
    """The path of listing page ``page_no`` (1-based)."""
    return "/publications/" if page_no == 1 else f"/publications/page/{page_no}/"


def _date_text(spec: PubSpec) -> str | None:
    if spec.published_on is None:
        return None
    if spec.date_form == "ordinal":
        return ordinal_date(spec.published_on)
    return long_date(spec.published_on)


def _types_html(spec: PubSpec) -> str:
    if spec.type_links:
        items = [f'<a href="/publication-type/{type_slug(t)}/" rel="tag">{escape(t)}</a>'
                 for t in spec.types]
    else:
        items = [escape(t) for t in spec.types]
    return join_and(items)


def _fields(spec: PubSpec) -> list[tuple[str, str]]:
    """(label, value html) pairs in the order the page shows them."""
    out: list[tuple[str, str]] = []
    date_text = _date_text(spec)
    if date_text:
        out.append((spec.date_label, escape(date_text)))
    out.append(("Publication types:", _types_html(spec)))
    if spec.forces_text:
        out.append((spec.forces_label, escape(spec.forces_text)))
    if spec.fire_text:
        out.append(("Fire &amp; rescue services:", escape(spec.fire_text)))
    if spec.landing_style == "div" and date_text:
        out = out[1:2] + out[:1] + out[2:]
    return out


def _meta_block(spec: PubSpec) -> str:
    fields = _fields(spec)
    style = spec.landing_style
    if style == "dl":
        rows = "".join(f"<dt>{lbl}</dt><dd>{val}</dd>" for lbl, val in fields)
        return f'<dl class="publication-meta">{rows}</dl>'
    if style == "strong":
        return "".join(f"<p><strong>{lbl}</strong> {val}</p>" for lbl, val in fields)
    if style == "div":
        return "".join(f'<div class="pub-meta-row"><span class="label">{lbl}</span> {val}</div>'
                       for lbl, val in fields)
    if style == "table":
        rows = "".join(f'<tr><th scope="row">{lbl}</th><td>{val}</td></tr>'
                       for lbl, val in fields)
        return f'<table class="publication-details"><tbody>{rows}</tbody></table>'
    if style == "li":
        return ('<ul class="publication-info">'
                + "".join(f"<li>{lbl} {val}</li>" for lbl, val in fields) + "</ul>")
    raise ValueError(f"unknown landing style {style}")


def _get_report(spec: PubSpec) -> str:
    online = [d for d in spec.docs if d.kind == "html"]
    downloads = [d for d in spec.docs if d.kind == "pdf"]
    if not online and not downloads:
        return ""
    if spec.landing_style in ("dl", "table", "li"):
        parts = ['<section class="get-the-report"><h2>Get the report</h2>']
        if online:
            parts.append("<h3>Read the report online</h3><ul>" + "".join(
                f'<li><a href="{d.href}">{escape(d.label)}</a></li>' for d in online) + "</ul>")
        if downloads:
            parts.append("<h3>Download the report</h3><ul>" + "".join(
                f'<li class="download"><a href="{d.href}" class="pdf-link">{escape(d.label)}'
                "</a></li>" for d in downloads) + "</ul>")
        return "".join(parts) + "</section>"
    parts = ['<div class="report-downloads">']
    if online:
        parts.append('<p class="report-label"><strong>Read the report online</strong></p>')
        parts += [f'<p><a href="{d.href}">{escape(d.label)}</a></p>' for d in online]
    if downloads:
        parts.append('<p class="report-label"><strong>Download the report</strong></p>')
        parts += [f'<p><a href="{d.href}" target="_blank">{escape(d.label)}</a></p>'
                  for d in downloads]
    return "".join(parts) + "</div>"


def _related(related: list[PubSpec], labelled: bool) -> str:
    items = []
    for r in related:
        when = r.published_on or r.listing_date
        date_html = (f"<p>Published on: {long_date(when)}</p>" if labelled
                     else f'<span class="date">{long_date(when)}</span>')
        items.append(f'<li><a href="{r.path}">{escape(r.title)}</a>{date_html}</li>')
    return ('<section class="widget related-publications"><h2 class="widget-title">Related '
            'publications</h2><ul>' + "".join(items) + "</ul></section>"
            '<section class="widget"><h2 class="widget-title">Sign up for updates</h2>'
            '<p><a href="/sign-up/">Email alerts</a></p></section>')


def published_time(day: date) -> str:
    """WordPress's article:published_time: local midnight expressed in UTC."""
    local = datetime.combine(day, time(0, 0), tzinfo=LONDON)
    return local.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def landing_page(spec: PubSpec, related: list[PubSpec], position: int) -> str:
    """A publication landing page in the markup ``spec.landing_style`` asks for."""
    labelled = position % 3 == 1 or spec.published_on is None or "updated" in spec.extra
    sidebar_first = position % 3 == 2 and not labelled
    head = ""
    if spec.published_on and spec.landing_style in ("dl", "table"):
        stamp = spec.extra.get("meta_time") or published_time(spec.published_on)
        head = (f'<meta property="article:published_time" content="{stamp}">'
                '<meta property="og:type" content="article">'
                f'<meta property="og:title" content="{escape(spec.title)}">')
    updated = (f'<p class="page-updated">Page updated: {spec.extra["updated"]}</p>'
               if "updated" in spec.extra else "")
    post_id = zlib.crc32(spec.slug.encode()) % 90000 + 1000
    main = (f'<article id="post-{post_id}" class="publication '
            f'type-publication status-publish"><header class="entry-header">'
            f'<h1 class="entry-title">{escape(spec.title)}</h1></header>'
            f'<div class="entry-content">{_meta_block(spec)}'
            f'<div class="summary"><p>{escape(spec.summary)}</p></div>'
            f"{_get_report(spec)}</div>{updated}</article>")
    return page(spec.title, main, trail=[("Publications", "/publications/"), (spec.title, None)],
                sidebar=_related(related, labelled), sidebar_first=sidebar_first,
                canonical=spec.path, head_extra=head,
                body_class="publication-template-default single single-publication")


def _listing_item(spec: PubSpec, index: int) -> str:
    href = PUBLIC + spec.path if (spec.absolute_listing_link or index % 3 == 2) else spec.path
    types = escape(", ".join(spec.types))
    when = spec.published_on
    if index % 2 == 0:
        date_html = f'<span class="date">{long_date(when)}</span> | ' if when else ""
        return (f'<li class="publication-item"><h2 class="entry-title"><a href="{href}">'
                f"{escape(spec.title)}</a></h2><p class=\"meta\">{date_html}"
                f'<span class="types">{types}</span></p></li>')
    date_html = (f'<time datetime="{when.isoformat()}">{long_date(when)}</time>'
                 if when else "")
    return (f'<li class="publication-item"><article><h3><a href="{href}" rel="bookmark">'
            f"{escape(spec.title)}</a></h3><div class=\"entry-meta\">{date_html}"
            f'<ul class="publication-types">' + "".join(f"<li>{escape(t)}</li>" for t in spec.types)
            + "</ul></div></article></li>")


def _page_numbers(current: int, last: int) -> list[int | None]:
    """WordPress paginate_links with end_size=1, mid_size=2 (None = dots)."""
    keep = {1, last} | set(range(current - 2, current + 3))
    out: list[int | None] = []
    for n in range(1, last + 1):
        if n in keep:
            out.append(n)
        elif out and out[-1] is not None:
            out.append(None)
    return out


def _pagination(current: int, last: int) -> str:
    parts = []
    if current > 1:
        parts.append(f'<a class="prev page-numbers" href="{listing_path(current - 1)}">'
                     "Previous</a>")
    for n in _page_numbers(current, last):
        if n is None:
            parts.append('<span class="page-numbers dots">&hellip;</span>')
        elif n == current:
            parts.append(f'<span aria-current="page" class="page-numbers current">{n}</span>')
        else:
            parts.append(f'<a class="page-numbers" href="{listing_path(n)}">{n}</a>')
    if current < last:
        text = "Next page" if current == 1 else "Next"
        parts.append(f'<a class="next page-numbers" href="{listing_path(current + 1)}">'
                     f"{text}</a>")
    return ('<nav class="navigation pagination" aria-label="Publications">'
            '<h2 class="screen-reader-text">Publications navigation</h2>'
            '<div class="nav-links">' + "".join(parts) + "</div></nav>")


def listing_page(items: list[PubSpec], current: int, last: int, total: int,
                 per_page: int, type_names: list[str]) -> str:
    """One page of the publications listing, newest first."""
    first = (current - 1) * per_page + 1
    options = "".join(f'<option value="{type_slug(t)}">{escape(t)}</option>'
                      for t in type_names)
    head = ""
    if current > 1:
        head += f'<link rel="prev" href="{PUBLIC}{listing_path(current - 1)}">'
    if current < last:
        head += f'<link rel="next" href="{PUBLIC}{listing_path(current + 1)}">'
    main = (
        '<header class="page-header"><h1 class="page-title">Publications</h1></header>'
        '<form class="publication-filters" method="get" action="/publications/">'
        '<label for="type">Publication type</label><select id="type" name="type">'
        f'<option value="">All types</option>{options}</select>'
        '<button type="submit">Filter</button></form>'
        f'<p class="results-count">Showing {first}&ndash;{first + len(items) - 1} of {total} '
        "publications</p>"
        '<ul class="publication-list">'
        + "".join(_listing_item(s, i) for i, s in enumerate(items))
        + "</ul>" + _pagination(current, last)
    )
    return page("Publications" if current == 1 else f"Publications - Page {current}", main,
                trail=[("Publications", None)], canonical=listing_path(current),
                head_extra=head, body_class="archive post-type-archive")


def taxonomy_page(name: str, items: list[PubSpec]) -> str:
    """An archive of one publication type (unpaged)."""
    main = (f'<h1 class="page-title">Publication type: {escape(name)}</h1><ul>'
            + "".join(f'<li><a href="{s.path}">{escape(s.title)}</a></li>' for s in items)
            + "</ul>")
    return page(name, main, trail=[("Publications", "/publications/"), (name, None)],
                body_class="archive tax-publication-type")


def home_page(latest: list[PubSpec]) -> str:
    """The home page with the latest publications."""
    items = "".join(f'<li><a href="{s.path}">{escape(s.title)}</a> '
                    f'<span class="date">{long_date(s.published_on)}</span></li>'
                    for s in latest if s.published_on)
    main = ("<h1>His Majesty\u2019s Inspectorate of Constabulary and Fire &amp; Rescue "
            "Services</h1><p>We independently assess the effectiveness and efficiency of "
            "police forces and fire and rescue services, in the public interest.</p>"
            f"<h2>Latest publications</h2><ul>{items}</ul>"
            '<p><a href="/publications/">View all publications</a></p>')
    return page("Home", main, trail=None, canonical="/", body_class="home page")


STATIC_PAGES = {
    "/about-us/": ("About us", "We independently assess the effectiveness and efficiency of "
                   "police forces and fire and rescue services."),
    "/our-work/": ("Our work", "We inspect all 43 police forces in England and Wales."),
    "/police-forces/": ("Police forces", "Find reports about a police force."),
    "/fire-and-rescue-services/": ("Fire & rescue services",
                                   "Find reports about a fire and rescue service."),
    "/news/": ("News", "The latest news from the inspectorate."),
    "/contact-us/": ("Contact us", "Write to us at our London office."),
    "/cookies/": ("Cookies", "How we use cookies on this website."),
    "/accessibility/": ("Accessibility statement", "How accessible this website is."),
    "/privacy-notice/": ("Privacy notice", "How we handle personal information."),
}


def static_page(path: str) -> str:
    """One of the plain chrome pages (about us, cookies...)."""
    title, text = STATIC_PAGES[path]
    main = f"<h1>{escape(title)}</h1><p>{escape(text)}</p>"
    return page(title, main, trail=[(title, None)], canonical=path)


def sitemap_index(n_chunks: int) -> str:
    """wp-sitemap.xml."""
    entries = "".join(f"<sitemap><loc>{PUBLIC}/wp-sitemap-posts-publication-{i}.xml</loc>"
                      "</sitemap>" for i in range(1, n_chunks + 1))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>\n')


def sitemap_chunk(items: list[PubSpec]) -> str:
    """One wp-sitemap-posts-publication-N.xml."""
    entries = "".join(f"<url><loc>{s.canonical_url}</loc><lastmod>"
                      f"{(s.published_on or s.listing_date).isoformat()}</lastmod></url>"
                      for s in items)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>\n')


def not_found_page() -> str:
    """WordPress's 404 page."""
    main = ('<section class="error-404 not-found"><h1 class="page-title">Page not found</h1>'
            "<p>Sorry, we can\u2019t find the page you\u2019re looking for.</p></section>")
    return page("Page not found", main, trail=None, body_class="error404")
