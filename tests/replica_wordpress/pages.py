"""HTML of the WordPress replica: WordPress block-editor chrome, landing pages, the listing,
report HTML, a PEEL 2021/22 page (grades as images) and a fire & rescue round-2 page.

Chrome: <main id="main" class="site-main">, an <aside id="secondary"> widget area with
dated news links, and a "Featured" block on the first listing page.
"""
from __future__ import annotations

from datetime import date
from html import escape

from tests.replica_wordpress.catalogue import A, C, FRS_PILLARS, R, PUBLIC, Fnd, Pub, ordinal

ROBOTS = "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n"
FILLER = ("We reviewed records, interviewed officers and staff, and observed "
          "briefings and meetings.",
          "Progress since our last inspection has been slower than we expected.")


def and_join(items: list[str]) -> str:
    """'A, B and C'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _p(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _h2(text: str, anchor: str = "") -> str:
    ident = f' id="{anchor}"' if anchor else ""
    return f'<h2 class="wp-block-heading"{ident}>{escape(text)}</h2>'


def page(title: str, content: str, body_class: str = "page") -> str:
    """A full WordPress-style document around ``content``."""
    news = ('<aside id="secondary" class="widget-area"><section class="widget widget_recent">'
            '<h2 class="widget-title">Latest news</h2><ul>'
            '<li><a href="/news/news-feed/new-inspection-programme-announced/">New inspection '
            'programme announced</a> <span class="date">02/09/2025</span></li>'
            '<li><a href="/news/news-feed/chief-inspector-speech-2025/">Chief inspector\u2019s '
            'speech</a> <span class="date">14/08/2025</span></li></ul></section></aside>')
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="UTF-8">'
        f"<title>{escape(title)} &#8211; HMICFRS</title>"
        '<link rel="stylesheet" href="/wp-content/themes/hmicfrs/style.css">'
        '<link rel="alternate" type="application/rss+xml" href="/feed/"></head>'
        f'<body class="{body_class} wp-theme-hmicfrs"><a class="skip-link" href="#main">Skip '
        'to content</a><header id="masthead" class="site-header"><div class="site-branding">'
        '<a href="/" rel="home">HMICFRS</a></div><nav id="site-navigation" '
        'class="main-navigation"><ul id="primary-menu" class="menu">'
        '<li class="menu-item"><a href="/publications/">Publications</a></li>'
        '<li class="menu-item"><a href="/police-forces/">Police forces</a></li>'
        '<li class="menu-item"><a href="/frs/">Fire &amp; rescue services</a></li>'
        '<li class="menu-item"><a href="/news/">News</a></li></ul></nav></header>'
        f'<div id="content" class="site-content"><main id="main" class="site-main">{content}'
        f"</main>{news}</div>"
        '<footer id="colophon" class="site-footer"><p>&copy; Crown copyright</p><p>All content '
        "is available under the Open Government Licence v3.0, except where otherwise stated."
        "</p></footer></body></html>"
    )


# -- landing pages ---------------------------------------------------------------------
def _meta(pub: Pub) -> str:
    when = pub.date_html or ordinal(pub.published_on)
    rows = [f"<p><strong>Published on:</strong> {when}</p>",
            f"<p><strong>Publication types:</strong> {escape(and_join(list(pub.types)))}</p>"]
    if pub.forces_html:
        sep = "" if pub.forces_html.startswith("<br>") else " "
        rows.append(f"<p><strong>Police forces:</strong>{sep}{pub.forces_html}</p>")
    if pub.fire_text:
        rows.append(f"<p><strong>Fire &amp; rescue services:</strong> "
                    f"{escape(pub.fire_text)}</p>")
    return ('<div class="wp-block-group publication-details"><div '
            f'class="wp-block-group__inner-container">{"".join(rows)}</div></div>')


def _files(pub: Pub) -> str:
    out = ""
    for d in pub.docs:
        if d.kind == "html":
            out += ('<div class="wp-block-buttons"><div class="wp-block-button"><a '
                    f'class="wp-block-button__link" href="{d.link}">{escape(d.label)}</a></div>'
                    "</div>")
        else:
            out += (f'<div class="wp-block-file"><a href="{d.link}">{escape(d.label)}</a>'
                    f'<a href="{d.link}" class="wp-block-file__button" download>Download</a>'
                    "</div>")
    return _h2("Get the report") + out if out else ""


def landing_page(pub: Pub) -> str:
    """A publication landing page in block-editor markup."""
    content = (f'<article class="publication type-publication status-publish">'
               f'<header class="entry-header"><h1 class="entry-title">{escape(pub.title)}</h1>'
               f'</header><div class="entry-content">{_meta(pub)}'
               f'<p class="has-medium-font-size">{escape(pub.summary)}</p>{_files(pub)}'
               "</div></article>")
    return page(pub.title, content, "publication-template-default single")


# -- listing ---------------------------------------------------------------------------
def listing_path(n: int) -> str:
    """Listing page ``n`` (WordPress ``?paged=N``)."""
    return "/publications/" if n == 1 else f"/publications/?paged={n}"


def _result(pub: Pub, i: int) -> str:
    href = PUBLIC + pub.path if i % 2 else pub.path
    return (f'<div class="search-result"><span class="date">{pub.published_on:%d/%m/%Y}'
            f'</span><h3 class="search-result__title"><a href="{href}">{escape(pub.title)}'
            f'</a></h3><p class="search-result__types">{escape(", ".join(pub.types))}</p>'
            f"<p>{escape(pub.summary)}</p></div>")


def _featured(pub: Pub) -> str:
    return ('<div class="wp-block-group featured"><h2 class="wp-block-heading">Featured</h2>'
            f'<a href="{pub.path}"><img src="/wp-content/uploads/featured.jpg" alt=""></a>'
            f'<p><a href="{pub.path}">{escape(pub.title)}</a></p></div>')


def listing_page(chunk: list[Pub], n: int, last: int, featured: Pub | None) -> str:
    """Search results, newest first; 'Older publications' / 'Next page »' links."""
    nav = []
    if n > 1:
        back = "\u00ab Newer publications" if n == 2 else "\u00ab Previous page"
        nav.append(f'<a class="prev" href="{listing_path(n - 1)}">{back}</a>')
    if n < last:
        fwd = "Older publications" if n == 1 else "Next page \u00bb"
        nav.append(f'<a class="next" href="{listing_path(n + 1)}">{fwd}</a>')
    content = ('<header class="page-header"><h1 class="page-title">Publications</h1></header>'
               + (_featured(featured) if featured else "")
               + '<form role="search" action="/" method="get"><input type="search" name="s">'
               '<button type="submit">Search</button></form><div class="search-results">'
               + "".join(_result(p, i) for i, p in enumerate(chunk)) + "</div>"
               + '<nav class="navigation posts-navigation" aria-label="Posts"><div '
               'class="nav-links">' + " ".join(nav) + "</div></nav>")
    return page("Publications", content, "archive post-type-archive")


# -- report HTML -----------------------------------------------------------------------
def _ordered(pub: Pub) -> str:
    items = []
    for i, f in enumerate(pub.of(R)):
        if i == 1:  # footnote marker before the full stop
            body = (escape(f.text[:-1]) + '<sup><a href="#fn-12" id="fnref-12">12</a></sup>'
                    ".")
        elif i == 2:  # two paragraphs in one item
            first, second = f.text.split(". They ", 1)
            body = f"<p>{escape(first)}.</p><p>They {escape(second)}</p>"
        else:
            body = escape(f.text)
        items.append(f"<li>{body}</li>")
    return (_h2("Recommendations", "recommendations")
            + _p("We make three recommendations to forces.")
            + f'<ol class="wp-block-list">{"".join(items)}</ol>'
            + _h2("Recommendations from our previous inspection")
            + _p("In our 2023 report, we made the following recommendations. Chapter 3 "
                 "describes the progress forces have made.")
            + '<ol class="wp-block-list"><li>By 30 September 2023, chief constables should '
              "make sure that crime-recording decisions are audited every month.</li>"
              "<li>By 31 March 2024, chief constables should make sure that the force crime "
              "registrar has the authority to change a recording decision.</li></ol>"
            + _h2("Chapter 1: Violent crime") + _p(FILLER[0]) + _p(FILLER[1]))


def _rowspan(pub: Pub) -> str:
    rows, recs = "", pub.of(R)
    for i, f in enumerate(recs):
        cells = ""
        if i == 0 or recs[i - 1].theme != f.theme:
            span = sum(1 for g in recs if g.theme == f.theme)
            cells += f'<td rowspan="{span}">{escape(f.theme)}</td>'
        cells += f"<td>{f.ref}</td><td>{escape(f.text)}</td>"
        if i == 0 or recs[i - 1].deadline != f.deadline:
            span = sum(1 for g in recs if g.deadline == f.deadline)
            cells += f'<td rowspan="{span}">{escape(f.deadline)}</td>'
        rows += f"<tr>{cells}</tr>"
    table = ('<figure class="wp-block-table"><table><thead><tr><th>Theme</th><th>No.</th>'
             f"<th>Recommendation</th><th>Deadline</th></tr></thead><tbody>{rows}</tbody>"
             "</table><figcaption>Our recommendations</figcaption></figure>")
    afis = '<ul class="wp-block-list">' + "".join(
        f"<li>{escape(a.text)}</li>" for a in pub.of(A)) + "</ul>"
    return (_h2("Recommendations") + table + _h2("Areas for improvement")
            + _p("We also identified the following areas for improvement.") + afis)


def _nested_item(f: Fnd) -> str:
    if not f.subs:
        return f"<li>{escape(f.text)}</li>"
    lead = f.text[:f.text.index(f.subs[0])].rstrip()
    subs = "".join(f"<li>{escape(s)}</li>" for s in f.subs)
    return f"<li>{escape(lead)}<ul>{subs}</ul></li>"


def _nested(pub: Pub) -> str:
    recs = "".join(_nested_item(f) for f in pub.of(R))
    afi = pub.of(A)[0]
    return (_h2("Recommendations") + f'<ol class="wp-block-list">{recs}</ol>'
            + _h2("Area for improvement") + _p(afi.text)
            + _h2("Working across boundaries") + _p(FILLER[0]) + _p(FILLER[1]))


def _concern(pub: Pub) -> str:
    out = _h2("Our findings") + _p(FILLER[1])
    for c in pub.of(C):
        recs = [r for r in pub.of(R) if r.follows == c.ref]
        out += ('<div class="wp-block-group is-style-callout"><h3 class="wp-block-heading">'
                f"Cause of concern</h3>{_p(c.text)}<h4 class=\"wp-block-heading\">"
                "Recommendations</h4><p>To address this cause of concern, we recommend "
                'that:</p><ul class="wp-block-list">'
                + "".join(f"<li>{escape(r.text)}</li>" for r in recs) + "</ul></div>")
    return out


_STYLES = {"ordered": _ordered, "rowspan": _rowspan, "nested": _nested, "concern": _concern}


def report_html(pub: Pub) -> str:
    """The HTML version of a report."""
    foot = ""
    if pub.html_style == "ordered":
        foot = (_h2("Footnotes") + '<ol class="wp-block-footnotes"><li id="fn-12">Home Office '
                "Counting Rules for recorded crime, April 2025. "
                '<a href="#fnref-12">\u21a9\ufe0e</a></li></ol>')
    content = (f'<article class="publication-html"><header class="entry-header"><h1 '
               f'class="entry-title">{escape(pub.title)}</h1></header><div class="entry-content">'
               f"{_h2('Summary')}{_p(pub.summary)}{_p(FILLER[0])}"
               f"{_STYLES[pub.html_style](pub)}{_h2('About this inspection')}{_p(FILLER[0])}"
               f"{foot}</div></article>")
    return page(pub.title, content, "publication-html-template-default single")


# -- PEEL 2021/22 and fire & rescue pages ------------------------------------------------
def _cap(word: str) -> str:
    return word[0].upper() + word[1:]


def _img(word: str) -> str:
    slug = word.replace(" ", "-")
    return (f'<img class="grade-badge" src="/wp-content/themes/hmicfrs/images/grades/{slug}.svg"'
            f' alt="{_cap(word)}" width="120" height="40">')


def _pdf_links(pub: Pub) -> str:
    pdfs = [d for d in pub.docs if d.kind == "pdf"]
    if not pdfs:
        return ""
    return _h2("Download the report") + "".join(
        f'<div class="wp-block-file"><a href="{d.link}">{escape(d.label)}</a></div>'
        for d in pdfs)


def peel_page(pub: Pub) -> str:
    """PEEL 2021/22: each graded area is a heading with a grade image beside it."""
    cards = "".join(
        f'<div class="wp-block-column judgment"><h3 class="wp-block-heading">{escape(g.area)}'
        f"</h3>{_img(g.grade)}</div>" for g in pub.grades)
    cards += ('<div class="wp-block-column judgment"><h3 class="wp-block-heading">Providing a '
              "service to the victims of crime</h3><p>This area is not graded.</p></div>")
    chapters = ""
    for g in pub.grades:
        afis = [f for f in pub.findings if f.area == g.area]
        if afis:
            chapters += (f'<h2 class="wp-block-heading">{escape(g.area)}</h2>{_img(g.grade)}'
                         f"{_p(FILLER[1])}<h3 class=\"wp-block-heading\">Areas for improvement"
                         '</h3><ul class="wp-block-list">'
                         + "".join(f"<li>{escape(f.text)}</li>" for f in afis) + "</ul>")
    content = (f'<article class="peel-report"><h1 class="entry-title">{escape(pub.title)}</h1>'
               f"{_h2('Overall summary')}{_p(pub.summary)}{_h2('Our judgments')}"
               f"<p>We inspected how good {escape(pub.force_name)} is in ten areas of policing "
               "and made the following graded judgments.</p>"
               f'<div class="wp-block-columns judgments">{cards}</div>{chapters}'
               f"{_pdf_links(pub)}</article>")
    return page(pub.title, content, "peel-report-template-default single")


def frs_page(pub: Pub) -> str:
    """Fire & rescue round 2: each pillar with its question, grade and question table."""
    grades = {g.area: g.grade for g in pub.grades}
    out = ""
    for pillar, question, qs in FRS_PILLARS:
        rows = "".join(f"<tr><td>{escape(q)}</td><td>{_cap(grades[q])}</td></tr>" for q in qs)
        out += (f'<section class="pillar"><h3 class="wp-block-heading">{pillar}</h3>'
                f'<p class="pillar__question">{escape(question)}</p><p class="pillar__grade">'
                f"<strong>{_cap(grades[pillar])}</strong></p><figure class=\"wp-block-table\">"
                "<table><thead><tr><th>Question</th><th>Grade</th></tr></thead>"
                f"<tbody>{rows}</tbody></table></figure></section>")
    afis = '<ul class="wp-block-list">' + "".join(
        f"<li>{escape(a.text)}</li>" for a in pub.of(A)) + "</ul>"
    content = (f'<article class="frs-report"><h1 class="entry-title">{escape(pub.title)}</h1>'
               f"{_h2('Overview')}{_p(pub.summary)}{_h2('Our judgments')}{out}"
               f"{_h2('Areas for improvement')}{afis}{_h2('About the service')}{_p(FILLER[0])}"
               "</article>")
    return page(pub.title, content, "frs-report-template-default single")


def long_date(day: date) -> str:
    """'28 August 2025'."""
    return f"{day.day} {day:%B %Y}"
