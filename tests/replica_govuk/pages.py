"""HTML of the GOV.UK-like replica: landing pages, listing, report versions, PEEL pages."""
from __future__ import annotations

from html import escape

from tests.replica_govuk.catalogue import A, C, R, GovukFinding, GovukPub
from tests.replica_govuk.chrome import PUBLIC, and_join, day_text, page

ROBOTS = ("User-agent: *\nDisallow: /admin/\nDisallow: /search\n"
          "Disallow: /publications/embargoed-\n\nSitemap: "
          f"{PUBLIC}/sitemap.xml\n")


def _type_values(pub: GovukPub) -> list[str]:
    if pub.type_links:
        return [f'<a href="/publication-type/{t.lower().replace(" ", "-")}/" hreflang="en">'
                f"{escape(t)}</a>" for t in pub.types]
    return [escape(t) for t in pub.types]


def _fields(pub: GovukPub) -> list[tuple[str, str, list[str]]]:
    """(label, plain value html, separate items) in page order."""
    out = []
    if pub.published_on:
        shown = escape(day_text(pub.published_on, pub.date_form))
        iso = pub.published_on.isoformat()
        timed = f'<time datetime="{iso}">{shown}</time>'
        out.append(("Published on", timed if pub.landing == "drupal" else shown, [timed]))
    types = _type_values(pub)
    out.append(("Publication types", and_join(types), types))
    if pub.forces_items:
        items = [f'<a href="/police-forces/{n.lower().replace(" ", "-")}/">{escape(n)}</a>'
                 for n in pub.forces_items]
        out.append(("Police forces", and_join(items), items))
    elif pub.forces_text:
        out.append(("Police forces", escape(pub.forces_text), [escape(pub.forces_text)]))
    if pub.fire_text:
        out.append(("Fire &amp; rescue services", escape(pub.fire_text), [escape(pub.fire_text)]))
    return out


def _meta(pub: GovukPub) -> str:
    fields = _fields(pub)
    if pub.landing == "govuk":
        rows = "".join(f'<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">'
                       f'{lbl}:</dt><dd class="govuk-summary-list__value">{val}</dd></div>'
                       for lbl, val, _ in fields)
        return f'<dl class="govuk-summary-list govuk-summary-list--no-border">{rows}</dl>'
    if pub.landing == "drupal":
        out = ""
        for lbl, val, items in fields:
            name = lbl.lower().replace(" ", "-").replace("&amp;", "and")
            if len(items) > 1:
                inner = ('<div class="field__items">' + "".join(
                    f'<div class="field__item">{i}</div>' for i in items) + "</div>")
            else:
                inner = f'<div class="field__item">{val}</div>'
            out += (f'<div class="field field--name-field-{name} field--label-inline">'
                    f'<div class="field__label">{lbl}</div>{inner}</div>')
        return f'<div class="node__meta">{out}</div>'
    if pub.landing == "bold":
        return "".join(f"<p><b>{lbl}:</b> {val}</p>" for lbl, val, _ in fields)
    if pub.landing == "th":
        rows = "".join(f'<tr><th scope="row">{lbl}:</th><td>{val}</td></tr>'
                       for lbl, val, _ in fields)
        return f'<table class="meta"><tbody>{rows}</tbody></table>'
    raise ValueError(pub.landing)


def _get_report(pub: GovukPub) -> str:
    online = [d for d in pub.docs if d.kind == "html"]
    pdfs = [d for d in pub.docs if d.kind == "pdf"]
    if not pub.docs:
        return ""
    out = '<div class="get-report"><h2 class="govuk-heading-m">Get the report</h2>'
    if online:
        out += '<p class="govuk-body">Read the report online</p><ul class="govuk-list">' + "".join(
            f'<li><a class="govuk-link" href="{d.link}">{escape(d.label)}</a></li>'
            for d in online) + "</ul>"
    if pdfs:
        out += '<p class="govuk-body">Download the report</p><ul class="govuk-list">' + "".join(
            f'<li><a class="govuk-link" href="{d.link}" download>{escape(d.label)}</a>'
            f'<span class="file-size"> (1.2 MB)</span></li>' for d in pdfs) + "</ul>"
    return out + "</div>"


def _sidebar(related: list[GovukPub]) -> str:
    items = "".join(f'<li><a href="{r.path}">{escape(r.title)}</a></li>' for r in related)
    return (f'<aside class="related"><h2 class="govuk-heading-s">Related content</h2><ul>'
            f'{items}</ul><h2 class="govuk-heading-s">Subscribe</h2>'
            '<p><a href="/email-alerts/">Get email alerts</a></p></aside>')


def landing_page(pub: GovukPub, related: list[GovukPub]) -> str:
    """A publication landing page in the markup ``pub.landing`` asks for."""
    content = (f'<span class="govuk-caption-l">Publication</span>'
               f'<h1 class="govuk-heading-xl">{escape(pub.title)}</h1>{_meta(pub)}'
               f'<div class="summary"><p class="govuk-body-l">{escape(pub.summary)}</p></div>'
               f"{_get_report(pub)}")
    return page(pub.title, content, sidebar=_sidebar(related), sidebar_first=pub.sidebar_first,
                has_main=pub.has_main, canonical=pub.path)


def listing_path(n: int) -> str:
    """Listing page ``n`` (query-string paging)."""
    return "/publications/" if n == 1 else f"/publications/?page={n}"


def _card(pub: GovukPub, n: int) -> str:
    href = PUBLIC + pub.path if n % 2 else pub.path
    when = (f'<p class="card__date">{day_text(pub.published_on, "short")}</p>'
            if pub.published_on else "")
    return (f'<div class="card"><div class="card__body"><h3 class="card__title">'
            f'<a href="{href}">{escape(pub.title)}</a></h3>{when}'
            f'<p class="card__types">{escape(", ".join(pub.types))}</p></div></div>')


def listing_page(chunk: list[GovukPub], n: int, last: int, popular: list[GovukPub]) -> str:
    """A card-grid listing page, no <main>, a 'most read' sidebar before the cards."""
    links = []
    if n > 1:
        links.append(f'<a href="{listing_path(n - 1)}" rel="prev">\u2039 Previous</a>')
    for k in range(1, last + 1):
        links.append(f"<span aria-current=\"page\">{k}</span>" if k == n
                     else f'<a href="{listing_path(k)}">{k}</a>')
    if n == 1:
        links.append(f'<a href="{listing_path(2)}">Next \u203a</a>')
    content = ('<h1 class="govuk-heading-xl">Publications</h1>'
               f'<p>Page {n} of {last}</p><div class="card-grid">'
               + "".join(_card(p, i) for i, p in enumerate(chunk)) + "</div>"
               '<nav class="pager" aria-label="Pagination">' + " ".join(links) + "</nav>")
    side = ('<div class="most-read"><h2>Most read</h2><ol>' + "".join(
        f'<li><a href="{p.path}">{escape(p.title)}</a></li>' for p in popular) + "</ol></div>")
    return page("Publications", content, sidebar=side, sidebar_first=True, has_main=False,
                canonical=listing_path(n))


def table_listing(pubs: list[GovukPub], n: int, last: int) -> str:
    """A variant listing as a <table>, paged /publications/page/N/ with numbers only."""
    rows = "".join(
        f'<tr><td><a href="{p.path}">{escape(p.title)}</a></td>'
        f'<td>{day_text(p.published_on, "plain") if p.published_on else ""}</td>'
        f'<td>{escape(and_join(list(p.types)))}</td></tr>' for p in pubs)
    nums = " ".join(str(k) if k == n else
                    f'<a href="/publications/page/{k}/">{k}</a>' for k in range(1, last + 1))
    content = ('<h1>Publications</h1><table class="publications"><thead><tr><th>Title</th>'
               f"<th>Published</th><th>Type</th></tr></thead><tbody>{rows}</tbody></table>"
               f'<div class="pagination">{nums}</div>')
    return page("Publications", content, has_main=True)


def _p(text: str) -> str:
    return f'<p class="govuk-body">{escape(text)}</p>'


def _findings_h4(pub: GovukPub) -> str:
    out = "<h2>Our recommendations</h2><p>We have made three recommendations for forces.</p>"
    for f in pub.of(R):
        out += f"<h4>Recommendation {f.ref}</h4>{_p(f.text)}"
    return out


def _findings_callout(pub: GovukPub) -> str:
    out = "<h2>Causes of concern</h2>"
    for c in pub.of(C):
        recs = [r for r in pub.of(R) if r.follows == c.ref]
        out += (f'<div class="callout"><p class="callout__title"><strong>Cause of concern '
                f"{c.ref}</strong></p>{_p(c.text)}</div>"
                "<p><strong>Recommendations</strong></p>"
                f'<ol start="{recs[0].ref}">' + "".join(f"<li>{escape(r.text)}</li>" for r in recs)
                + "</ol>")
    out += "<h2>Areas for improvement</h2>"
    out += "".join(_p(f"Area for improvement {a.ref}: {a.text}") for a in pub.of(A))
    return out


def _findings_paras(pub: GovukPub) -> str:
    out = "<h2>What we recommend</h2>"
    out += "".join(f"<p><b>Recommendation {r.ref}:</b> {escape(r.text)}</p>" for r in pub.of(R))
    out += "<h3>Areas for improvement</h3>"
    out += "".join(f"<p><b>Area for improvement {a.ref}:</b> {escape(a.text)}</p>"
                   for a in pub.of(A))
    return out


def _findings_table(pub: GovukPub) -> str:
    rows = "".join(f"<tr><td>{r.ref}</td><td>{escape(r.text)}</td><td>"
                   f"{'Short term' if r.due_by else 'Medium term'}</td></tr>" for r in pub.of(R))
    return ('<h2>Recommendations</h2><table><thead><tr><th>Number</th><th>Recommendation</th>'
            f"<th>Timescale</th></tr></thead><tbody>{rows}</tbody></table>")


_STYLES = {"table": _findings_table, "h4": _findings_h4, "callout": _findings_callout, "paras": _findings_paras}
FILLER = ("We gathered evidence through document review, interviews with officers and staff, "
          "focus groups and reality testing.", "The force has made progress since our last "
          "inspection, although some of the problems we found then remain.")


def report_html(pub: GovukPub, doc_published: str | None) -> str:
    """The HTML version of a report."""
    stamp = f'<p class="meta">Published on: {doc_published}</p>' if doc_published else ""
    content = (f"<article><h1>{escape(pub.title)}</h1>{stamp}"
               '<nav class="toc"><h2>Contents</h2><ul><li><a href="#summary">Summary</a></li>'
               '<li><a href="#findings">Findings</a></li></ul></nav>'
               f'<h2 id="summary">Summary</h2>{_p(pub.summary)}{_p(FILLER[0])}'
               f'<h2 id="findings">Our findings</h2>{_p(FILLER[1])}'
               f"{_STYLES[pub.report_style](pub)}"
               f"<h2>About this inspection</h2>{_p(FILLER[0])}</article>")
    return page(pub.title, content, has_main=pub.has_main)


def _grade_word(g: str) -> str:
    return g[0].upper() + g[1:]


def _sentence(force: str, area: str, grade: str, n: int) -> str:
    """'Dyfed-Powys Police is good at investigating crime.' and close variants."""
    if grade == "requires improvement":
        return f"{force} requires improvement at {area.lower()}."
    if n % 2:
        return f"We found that {force} was {grade} at {area.lower()}."
    return f"{force} is {grade} at {area.lower()}."


def _afi_html(f: GovukFinding) -> str:
    head = f"Area for improvement {f.ref}" if f.numbered else "Area for improvement"
    return f"<h3>{head}</h3>{_p(f.text)}"


def peel_page(pub: GovukPub) -> str:
    """A PEEL force report page; judgments as a table or as sentences."""
    if pub.grade_style == "table":
        rows = "".join(f"<tr><td>{escape(g.area)}</td><td>{_grade_word(g.grade)}</td></tr>"
                       for g in pub.grades)
        rows += "<tr><td>Victim service assessment</td><td>Not graded</td></tr>"
        judgments = ('<table class="govuk-table"><caption>Our judgments for '
                     f"{escape(pub.force_name)}</caption><thead><tr><th scope=\"col\">Area</th>"
                     f'<th scope="col">Grade</th></tr></thead><tbody>{rows}</tbody></table>')
    else:
        judgments = "".join(f"<p>{escape(_sentence(pub.force_name, g.area, g.grade, n))}</p>"
                            for n, g in enumerate(pub.grades))
    chapters = ""
    for g in pub.grades:
        afis = [f for f in pub.findings if f.area == g.area]
        if afis:
            chapters += (f"<h2>{escape(g.area)}</h2>{_p(FILLER[1])}"
                         + "".join(_afi_html(f) for f in afis))
    pdfs = [d for d in pub.docs if d.kind == "pdf"]
    links = "".join(f'<li><a href="{d.link}">{escape(d.label)}</a></li>' for d in pdfs)
    content = (f'<h1>{escape(pub.title)}</h1><h2>Overall summary</h2>{_p(pub.summary)}'
               f'<h2 id="judgments">Our judgments</h2>{judgments}{chapters}'
               f"<h2>Downloads</h2><ul>{links}</ul>")
    return page(pub.title, content, has_main=pub.landing != "th")
