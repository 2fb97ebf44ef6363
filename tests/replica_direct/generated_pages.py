"""The pages of a generated site (tests/replica_direct/generated.py holds the shapes and
their truth): listing, news feed, every publication family's page, and its files."""
from __future__ import annotations

from html import escape

from tests.replica.minipdf import tiny_pdf
from tests.replica.site import HTML, PDF, Resource, Site
from tests.replica_direct.generated import Finding, GenPub, GenSite, date_forms

BANNER = '<div class="banner">Have your say: our consultation closes on 2 February 2026.</div>'
SIDEBAR = ('<aside><h2>Latest news</h2><p>Published on 1 January 2020</p>'
           '<a href="/news/news-feed/old/">Older news</a></aside>')
_SINGULAR = {"recommendation": "Recommendation", "area_for_improvement": "Area for improvement",
             "cause_of_concern": "Cause of concern"}
_PLURAL = {"recommendation": "Recommendations", "area_for_improvement": "Areas for improvement",
           "cause_of_concern": "Causes of concern"}


def _wrap(shape: GenSite, title: str, main: str, welsh: str = "") -> str:
    toggle = f'<a href="{welsh}" hreflang="cy" lang="cy">Cymraeg</a>' if welsh else ""
    return (f"<!DOCTYPE html><html><head><title>{escape(title)}</title></head><body>"
            f"{BANNER if shape.banner else ''}<header><nav><a href='/publications/'>"
            f"Publications</a> <a href='/news/news-feed/'>News</a> {toggle}</nav></header>"
            f"<main>{main}</main>{SIDEBAR if shape.sidebar else ''}</body></html>")


def _value_list(names: list[str], style: str) -> str:
    if len(names) == 1:
        return escape(names[0])
    if style == "lines":
        return "<br>".join(escape(n) for n in names)
    if style == "and":
        return ", ".join(escape(n) for n in names[:-1]) + " and " + escape(names[-1])
    return ", ".join(escape(n) for n in names)


def _fields(pub: GenPub) -> str:
    """The landing page's labelled fields in the publication's label style."""
    printed = escape(date_forms(pub.published_on)[pub.date_form])
    forces = [name for _, name in pub.forces]
    if pub.label in ("aria", "chips"):
        when = f'<time datetime="{pub.published_on.isoformat()}">{printed}</time>'
        chips = "".join(f'<a rel="tag" class="chip" href="/publication-types/{t.lower()}/">'
                        f"{escape(t)}</a>" for t in pub.types)
        if pub.label == "chips":
            force_chips = "".join(f'<li><a class="chip" href="/police-forces/{fid}/">'
                                  f"{escape(name)}</a></li>" for fid, name in pub.forces)
            return (f'<p class="meta">Published on {when}</p><div class="chips">{chips}</div>'
                    f'<h2>Police forces</h2><ul class="chips">{force_chips}</ul>')
        return ('<section aria-labelledby="details"><h2 id="details" class="visually-hidden">'
                'Publication details</h2>'
                f'<div class="meta-item"><span class="meta-label">Published on</span>{when}</div>'
                '<div class="meta-item"><span class="meta-label">Publication types</span>'
                f'<div class="chips">{chips}</div></div>'
                '<div class="meta-item"><span class="meta-label">Police forces</span>'
                f"<p>{_value_list(forces, pub.values)}</p></div></section>")
    pairs = (("Published on", printed), ("Publication type", _value_list(list(pub.types),
                                                                          pub.values)),
             ("Police forces", _value_list(forces, pub.values)))
    if pub.label == "strong":
        return "".join(f"<p><strong>{k}:</strong> {v}</p>" for k, v in pairs)
    if pub.label == "span":
        return "".join(f'<div><span class="label">{k}</span> <span>{v}</span></div>'
                       for k, v in pairs)
    if pub.label == "dl":
        return "<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in pairs) + "</dl>"
    return "<table>" + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in pairs) + \
        "</table>"


def findings_html(findings: tuple[Finding, ...]) -> str:
    """Findings as report pages print them: a heading per kind, one numbered heading each;
    a cause of concern is followed by its recommendation."""
    out, number = "", {k: 0 for k in _SINGULAR}
    items = list(findings)
    i = 0
    while i < len(items):
        f = items[i]
        number[f.kind] += 1
        out += f"<h3>{_SINGULAR[f.kind]} {number[f.kind]}</h3><p>{escape(f.text)}</p>"
        if f.kind == "cause_of_concern":
            out += f"<h4>Recommendation</h4><p>{escape(items[i + 1].text)}</p>"
            i += 1
        i += 1
    return f"<section><h2>Our findings</h2>{out}</section>" if out else ""


def _landing(shape: GenSite, pub: GenPub) -> str:
    files = f'<li><a href="{_html_version(pub)}">{escape(pub.title)} (HTML)</a></li>'
    if pub.welsh:
        kind = "PDF document" if pub.welsh == "pdf" else "HTML"
        files += f'<li><a href="{pub.welsh_doc}">Adroddiad llawn: Cymraeg ({kind})</a></li>'
    return _wrap(shape, pub.title, f"<h1>{escape(pub.title)}</h1>{_fields(pub)}"
                 f"<h2>Get the report</h2><ul>{files}</ul>",
                 welsh=f"/cy{pub.path}" if pub.welsh else "")


def _html_version(pub: GenPub) -> str:
    return f"/publication-html/{pub.slug}-report/"


def _judgments(pub: GenPub) -> str:
    if pub.family == "peel":
        body = "".join(f"<tr><td>{a}</td><td>{g}</td></tr>" for a, g in pub.grades)
        return ('<section><h2>Our judgments</h2><table><tr><th scope="col">Area</th>'
                f'<th scope="col">Grade</th></tr>{body}</table></section>')
    rows = "".join(f'<div class="judgement"><h4>{a}</h4><p class="judgement__grade">{g}</p>'
                   "</div>" for a, g in pub.grades)
    return f'<section id="judgements"><h2>Our judgements</h2><h3>Effectiveness</h3>{rows}</section>'


def _report(shape: GenSite, pub: GenPub, title: str | None = None) -> str:
    """A report page: PEEL force report, FRS assessment, letter or HTML version."""
    title = title or pub.title
    printed = escape(date_forms(pub.published_on)[pub.date_form])
    opening = {"letter": "<p>Dear Chief Constable, we revisited the force to check progress "
                         "on the causes of concern we reported.</p>",
               "peel": "<section><h2>Overall summary</h2><p>We inspected how well the force "
                       "keeps people safe.</p></section>",
               }.get(pub.family, "<section><h2>Overview</h2><p>We inspected the service.</p>"
                                 "</section>" if pub.family.startswith("frs") else
                     "<section><h2>Summary</h2><p>We inspected the response.</p></section>")
    return _wrap(shape, title, (
        f"<article><h1>{escape(title)}</h1><p>Published on: {printed}</p>{opening}"
        f"{_judgments(pub) if pub.grades else ''}{findings_html(pub.findings)}</article>"))


def _pdf(pub: GenPub) -> bytes:
    lines = [f"Published: {pub.published_on.day} {pub.published_on:%B %Y}",
             "We inspected the custody suites of the force."]
    number = {k: 0 for k in _SINGULAR}
    for f in pub.findings:
        number[f.kind] += 1
        lines.append(f"{_SINGULAR[f.kind]} {number[f.kind]}: {f.text}")
    return tiny_pdf(pub.title, lines)


def _listing(shape: GenSite, page: int, pages: int) -> str:
    chunk = shape.pubs[(page - 1) * shape.per_page:page * shape.per_page]
    items = "".join(f'<li><h3><a href="{p.path}">{escape(p.title)}</a></h3>'
                    f'<time datetime="{p.published_on.isoformat()}">'
                    f"{p.published_on.day} {p.published_on:%B %Y}</time>"
                    + (f' <a href="{p.welsh_doc if p.welsh == "html" else "/cy" + p.path}"'
                       ' lang="cy">Cymraeg</a>' if p.welsh else "")
                    + "</li>" for p in chunk)
    nxt = f'<a rel="next" href="/publications/page/{page + 1}/">Next</a>' if page < pages else ""
    return _wrap(shape, "Publications", f"<h1>Publications</h1><ul>{items}</ul>{nxt}")


def news_path(n: int) -> str:
    """The news feed's page ``n``."""
    return "/news/news-feed/" if n == 1 else f"/news/page/{n}/"


def _news(shape: GenSite, n: int) -> str:
    item = f'<li><h3><a href="/news/news-feed/item-{n}/">News item {n}</a></h3></li>'
    nxt = f'<a href="{news_path(n + 1)}">Next</a>' if n < shape.news_pages else ""
    return _wrap(shape, "News", f"<h1>News</h1><ul>{item}</ul>{nxt}")


def _news_item(shape: GenSite, n: int) -> str:
    pub = shape.news_only if n == shape.news_pages else None
    link = f'<p><a href="{pub.path}">{escape(pub.title)}</a></p>' if pub else \
        "<p>We spoke at a conference.</p>"
    return _wrap(shape, f"News item {n}", f"<h1>News item {n}</h1>{link}")


def build(shape: GenSite) -> Site:
    """The served site of a generated shape."""
    site = Site()
    pages = -(-len(shape.pubs) // shape.per_page)
    html = {"/publications/": _listing(shape, 1, pages)}
    html.update({f"/publications/page/{n}/": _listing(shape, n, pages)
                 for n in range(2, pages + 1)})
    for n in range(1, shape.news_pages + 1):
        html[news_path(n)] = _news(shape, n)
        html[f"/news/news-feed/item-{n}/"] = _news_item(shape, n)
    files: dict[str, bytes] = {}
    for p in shape.loaded:
        if p.family == "pdf":
            files[p.path] = _pdf(p)
        elif p.family == "landing":
            html[p.path] = _landing(shape, p)
            html[_html_version(p)] = _report(shape, p)
            if p.welsh:
                html[f"/cy{p.path}"] = _wrap(shape, "Arolygiad", "<h1>Arolygiad</h1><p>Cyhoeddwyd"
                                             " ar: " + p.published_on.isoformat() + "</p>")
                if p.welsh == "pdf":
                    files[p.welsh_doc] = tiny_pdf("Arolygiad o ymateb yr heddlu",
                                                  ["Cyhoeddwyd: " + p.published_on.isoformat()])
                else:
                    html[p.welsh_doc] = _wrap(shape, "Arolygiad", (
                        '<article lang="cy"><h1>Arolygiad o ymateb yr heddlu</h1><p>Cyhoeddwyd '
                        f"ar: {p.published_on.isoformat()}</p><h2>Argymhellion</h2><p>Dylai'r "
                        "heddlu ateb galwadau yn brydlon.</p></article>"))
        else:
            html[p.path] = _report(shape, p)
    for path, text in html.items():
        if shape.legacy:
            text = text.replace("<head>", '<head><meta charset="windows-1252">')
            site.set(path, Resource(text.encode("cp1252", "replace"),
                                    "text/html; charset=windows-1252"))
        else:
            site.put(path, text, HTML)
    for path, data in files.items():
        site.put(path, data, PDF)
    return site
