"""HTML of the two-column replica: chrome, landing pages, the listing, reports, PEEL pages.

Chrome: no <main> element; content in <div role="main">, breadcrumbs, a "More
publications" block after the content whose items carry <time> dates of OTHER
publications.
"""
from __future__ import annotations

from datetime import date
from html import escape

from tests.replica_two_column.catalogue import A, C, R, PUBLIC, Pub

ROBOTS = ("User-agent: *\nDisallow: /cms/\nDisallow: /search/\n"
          "Disallow: /publications/unpublished-\n")


def long_date(day: date) -> str:
    """'28 August 2025'."""
    return f"{day.day} {day:%B %Y}"


def and_join(items: list[str]) -> str:
    """'A, B and C'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def page(title: str, content: str, *, more: list[Pub] | None = None, trail: str = "") -> str:
    """A full document around ``content``."""
    crumbs = ('<nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Home</a>'
              f'</li><li><a href="/publications/">Publications</a></li>{trail}</ol></nav>')
    related = ""
    if more:
        related = ('<div class="more-publications"><h2>More publications</h2><ul>' + "".join(
            f'<li><a href="{p.path}">{escape(p.title)}</a> <time datetime="'
            f'{(p.published_on or p.listed_on).isoformat()}">'
            f"{long_date(p.published_on or p.listed_on)}</time></li>" for p in more)
            + "</ul></div>")
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{escape(title)} - HMICFRS</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
        '<body><div id="page">'
        '<div class="cookie-notice" role="dialog"><p>This site uses cookies. '
        '<a href="/cookies/">Find out more</a></p><button>Accept</button></div>'
        '<header class="site-header" role="banner"><a class="brand" href="/">'
        "His Majesty\u2019s Inspectorate of Constabulary and Fire &amp; Rescue Services</a>"
        '<ul class="menu"><li><a href="/publications/">Publications</a></li>'
        '<li><a href="/police-forces/">Police forces</a></li>'
        '<li><a href="/fire-and-rescue-services/">Fire and rescue services</a></li>'
        '<li><a href="/news/">News</a></li></ul></header>'
        f'<div class="wrap">{crumbs}<div class="layout"><div class="content" role="main" '
        f'id="content">{content}</div>{related}</div></div>'
        '<footer class="site-footer"><p>\u00a9 Crown copyright 2025</p>'
        '<p>All content is available under the Open Government Licence v3.0, except where '
        "otherwise stated.</p></footer></div></body></html>"
    )


# -- landing pages ---------------------------------------------------------------------
def _types_text(pub: Pub) -> str:
    return escape(and_join(list(pub.types)))


def _meta_strongbr(pub: Pub) -> str:
    rows = []
    if pub.published_on:
        rows.append(("Published on", long_date(pub.published_on)))
    rows.append(("Publication types", and_join(list(pub.types))))
    if pub.forces_text:
        rows.append(("Police forces", and_join(list(pub.forces_text))))
    if pub.fire_text:
        rows.append(("Fire and rescue services", pub.fire_text))
    return '<div class="publication-details">' + "".join(
        f"<p><strong>{lbl}</strong><br>{escape(val)}</p>" for lbl, val in rows) + "</div>"


def _meta_h4(pub: Pub) -> str:
    out = ""
    if pub.published_on:
        out += f"<h4>Published on</h4><p>{long_date(pub.published_on)}</p>"
    out += "<h4>Publication types</h4><ul>" + "".join(
        f"<li>{escape(t)}</li>" for t in pub.types) + "</ul>"
    if pub.forces_text:
        out += "<h4>Police forces</h4><ul>" + "".join(
            f"<li>{escape(f)}</li>" for f in pub.forces_text) + "</ul>"
    if pub.fire_text:
        out += f"<h4>Fire and rescue services</h4><ul><li>{escape(pub.fire_text)}</li></ul>"
    return f'<div class="details">{out}</div>'


def _meta_pipe(pub: Pub) -> str:
    parts = []
    if pub.published_on:
        parts.append(f"Published on {long_date(pub.published_on)}")
    parts.append(f"Publication types: {_types_text(pub)}")
    if pub.forces_text:
        parts.append(f"Police forces: {escape(and_join(list(pub.forces_text)))}")
    if pub.fire_text:
        parts.append(f"Fire &amp; rescue services: {escape(pub.fire_text)}")
    return '<p class="meta">' + " | ".join(parts) + "</p>"


def _meta_dlul(pub: Pub) -> str:
    out = ""
    if pub.published_on:
        out += (f'<dt>Published on:</dt><dd><time datetime="{pub.published_on.isoformat()}">'
                f"{long_date(pub.published_on)}</time></dd>")
    out += "<dt>Publication types:</dt><dd><ul>" + "".join(
        f"<li>{escape(t)}</li>" for t in pub.types) + "</ul></dd>"
    if pub.forces_text:
        out += "<dt>Police forces:</dt><dd><ul>" + "".join(
            f"<li>{escape(f)}</li>" for f in pub.forces_text) + "</ul></dd>"
    if pub.fire_text:
        out += f"<dt>Fire and rescue services:</dt><dd><ul><li>{escape(pub.fire_text)}</li></ul></dd>"
    return f'<dl class="publication-meta">{out}</dl>'


def _meta_timeonly(pub: Pub) -> str:
    def row(label: str, value: str) -> str:
        return (f'<div class="meta-row"><span class="meta-row__label">{label}</span> '
                f"{value}</div>")
    out = ""
    if pub.published_on:
        d = pub.published_on
        out += row("Published on", f'<time datetime="{d.isoformat()}T09:30:00+00:00">'
                                   f"{d:%d/%m/%Y}</time>")
    out += row("Publication types", ", ".join(
        f'<a href="/publication-type/{t.lower().replace(" ", "-")}/">{escape(t)}</a>'
        for t in pub.types))
    if pub.forces_text:
        out += row("Police forces", ", ".join(
            f'<a href="/police-forces/{f.lower().replace(" ", "-")}/">{escape(f)}</a>'
            for f in pub.forces_text))
    return f'<div class="meta">{out}</div>'


_META = {"strongbr": _meta_strongbr, "h4": _meta_h4, "pipe": _meta_pipe, "dlul": _meta_dlul,
         "timeonly": _meta_timeonly}


def _get_report_table(pub: Pub) -> str:
    rows = ""
    for d in pub.docs:
        what = "Read online" if d.kind == "html" else (
            "Download (Welsh)" if d.language == "cy" else "Download")
        size = "" if d.kind == "html" else " <span class=\"size\">PDF, 1.8 MB</span>"
        rows += (f"<tr><td>{what}</td><td><a href=\"{d.link}\">{escape(d.label)}</a>"
                 f"{size}</td></tr>")
    return ('<h2>Get the report</h2><table class="report-files"><thead><tr><th scope="col">'
            'Version</th><th scope="col">File</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def _get_report_list(pub: Pub) -> str:
    online = [d for d in pub.docs if d.kind == "html"]
    pdfs = [d for d in pub.docs if d.kind == "pdf"]
    out = '<section class="get-report"><h2>Get the report</h2>'
    if online:
        out += "<h3>Read the report online</h3><ul>" + "".join(
            f'<li><a href="{d.link}">{escape(d.label)}</a></li>' for d in online) + "</ul>"
    if pdfs:
        out += "<h3>Download the report</h3><ul>" + "".join(
            f'<li><a href="{d.link}" type="application/pdf">{escape(d.label)}</a></li>'
            for d in pdfs) + "</ul>"
    return out + "</section>"


def landing_page(pub: Pub, more: list[Pub]) -> str:
    """A publication landing page in the markup ``pub.landing`` asks for."""
    files = ""
    if pub.docs:
        files = (_get_report_table(pub) if pub.landing in ("strongbr", "timeonly")
                 else _get_report_list(pub))
    updated = (f'<p class="last-updated">Last updated: {pub.updated}</p>' if pub.updated
               else "")
    content = (f"<h1>{escape(pub.title)}</h1>{_META[pub.landing](pub)}"
               f'<div class="intro"><p>{escape(pub.summary)}</p></div>{files}{updated}')
    return page(pub.title, content, more=more,
                trail=f'<li aria-current="page">{escape(pub.title)}</li>')


# -- listing ---------------------------------------------------------------------------
def listing_path(n: int) -> str:
    """Listing page ``n``."""
    return "/publications/" if n == 1 else f"/publications/page/{n}/"


def _teaser(pub: Pub, i: int) -> str:
    href = PUBLIC + pub.path if i % 2 else pub.path
    when = (f'<time datetime="{pub.published_on.isoformat()}">{long_date(pub.published_on)}'
            "</time> \u00b7 " if pub.published_on else "")
    return (f'<li><article class="teaser"><h2 class="teaser__title"><a href="{href}">'
            f"{escape(pub.title)}</a></h2><p class=\"teaser__meta\">{when}"
            f"{escape(', '.join(pub.types))}</p></article></li>")


def listing_page(chunk: list[Pub], n: int, last: int) -> str:
    """An <ol> of <article> teasers; arrows-only paging with aria-labels."""
    nav = []
    if n > 1:
        nav.append(f'<a href="{listing_path(n - 1)}" aria-label="Previous page">\u2190</a>')
    nav.append(f"<span>Page {n} of {last}</span>")
    if n < last:
        nav.append(f'<a href="{listing_path(n + 1)}" aria-label="Next page">\u2192</a>')
    content = ("<h1>Publications</h1>"
               '<form class="filters" action="/search/" method="get"><label for="q">Search '
               'publications</label><input id="q" name="q"><button>Search</button></form>'
               '<ol class="results">' + "".join(_teaser(p, i) for i, p in enumerate(chunk))
               + '</ol><nav class="pager" aria-label="Pages">' + " ".join(nav) + "</nav>")
    return page("Publications", content)


# -- report HTML -----------------------------------------------------------------------
FILLER = ("We examined a sample of records and spoke to officers, staff and leaders.",
          "Progress since our last inspection has been mixed.")


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _details(summary: str, body: str, open_: bool = False) -> str:
    flag = " open" if open_ else ""
    return (f'<details class="accordion"{flag}><summary><span class="accordion__title">'
            f"{escape(summary)}</span></summary><div class=\"accordion__body\">{body}</div>"
            "</details>")


def _findings_details(pub: Pub) -> str:
    out = ""
    for c in pub.of(C):
        recs = [r for r in pub.of(R) if r.follows == c.ref]
        body = _p(c.text) + "".join(f"<h4>Recommendation {r.ref}</h4>{_p(r.text)}"
                                    for r in recs)
        out += _details(f"Cause of concern {c.ref}", body)
    out += "".join(_details(f"Recommendation {r.ref}", _p(r.text))
                   for r in pub.of(R) if r.follows is None)
    out += "".join(_details(f"Area for improvement {a.ref}", _p(a.text)) for a in pub.of(A))
    return f'<h2 id="findings">What we found</h2>{_p(FILLER[1])}<div class="accordions">{out}</div>'


def _findings_lettered(pub: Pub) -> str:
    out = ('<h2>Recommendations</h2><p>We recommend that:</p><ol type="a">'
           + "".join(f"<li>{escape(r.text)}</li>" for r in pub.of(R)) + "</ol>")
    out += "<h2>Areas for improvement</h2>" + "".join(
        f"<h3>Area for improvement</h3>{_p(a.text)}" for a in pub.of(A))
    return out


def report_html(pub: Pub) -> str:
    """The HTML version of a report."""
    body = {"details": _findings_details, "lettered": _findings_lettered}[pub.html_style](pub)
    content = (f"<article><h1>{escape(pub.title)}</h1>"
               f'<h2 id="summary">Summary</h2>{_p(pub.summary)}{_p(FILLER[0])}{body}'
               f"<h2>About the inspection</h2>{_p(FILLER[0])}</article>")
    return page(pub.title, content)


def _grade(word: str) -> str:
    return word[0].upper() + word[1:]


def _pdf_links(pub: Pub) -> str:
    pdfs = [d for d in pub.docs if d.kind == "pdf"]
    if not pdfs:
        return ""
    return "<h2>Download</h2><ul>" + "".join(
        f'<li><a href="{d.link}">{escape(d.label)}</a></li>' for d in pdfs) + "</ul>"


def peel_2023(pub: Pub) -> str:
    """A PEEL 2023-25 page: the grade in the first column, the area in the second."""
    rows = "".join(f"<tr><td>{_grade(g.grade)}</td><td>{escape(g.area)}</td></tr>"
                   for g in pub.grades)
    judgments = ('<table class="judgments"><thead><tr><th scope="col">Grade</th>'
                 f'<th scope="col">Area of policing</th></tr></thead><tbody>{rows}</tbody>'
                 "</table><p>We also assessed the service the force gives to victims. This "
                 "assessment is not graded.</p>")
    chapters = ""
    for g in pub.grades:
        afis = [f for f in pub.findings if f.area == g.area]
        if afis:
            chapters += (f"<section><h2>{escape(g.area)}</h2>{_p(FILLER[1])}"
                         + _details("Areas for improvement", "<ul>" + "".join(
                             f"<li>{escape(f.text)}</li>" for f in afis) + "</ul>")
                         + "</section>")
    content = (f"<h1>{escape(pub.title)}</h1><h2>Overall summary</h2>{_p(pub.summary)}"
               f"<h2>Our judgments</h2>{judgments}{chapters}{_pdf_links(pub)}")
    return page(pub.title, content)


_PILLAR_Q = {"Effectiveness": "How effectively does the force reduce crime and keep people "
                              "safe?",
             "Efficiency": "How efficiently does the force operate and how sustainable are its "
                           "services?",
             "Legitimacy": "How legitimately does the force treat the public and its "
                           "workforce?"}


def peel_2018(pub: Pub) -> str:
    """A PEEL 2018/19 page: three pillar blocks, question then grade."""
    pillars = "".join(
        f'<div class="pillar"><h3>{g.area}</h3><p class="pillar__question">'
        f'{_PILLAR_Q[g.area]}</p><p class="pillar__grade">{_grade(g.grade)}</p></div>'
        for g in pub.grades)
    content = (f"<h1>{escape(pub.title)}</h1><p>{escape(pub.summary)}</p>"
               f'<h2>Our judgments</h2><div class="pillars">{pillars}</div>'
               f"<h2>Summary</h2>{_p(FILLER[1])}{_pdf_links(pub)}")
    return page(pub.title, content)
