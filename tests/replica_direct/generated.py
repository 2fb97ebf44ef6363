"""Generated sites (hypothesis): listings, landing pages and report pages combined from the
shapes we know, with the truth they encode.

Each publication is one family (landing page, PEEL force report, letter) linked straight
from the listing; landing pages use one label style (strong, span, dl, table) and one
date form; pages may carry a banner, a sidebar with a decoy date, and be served in
windows-1252.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from html import escape

from hypothesis import strategies as st

from tests.replica.site import HTML, Resource, Site

FORCES = (("kent", "Kent Police"), ("essex", "Essex Police"), ("durham", "Durham Constabulary"),
          ("norfolk", "Norfolk Constabulary"), ("cleveland", "Cleveland Police"))
FAMILIES = ("landing", "peel", "letter")
LABELS = ("strong", "span", "dl", "table")
BANNER = '<div class="banner">Have your say: our consultation closes on 2 February 2026.</div>'
SIDEBAR = ('<aside><h2>Latest news</h2><p>Published on 1 January 2020</p>'
           '<a href="/news/news-feed/old/">Older news</a></aside>')


def date_forms(day: date) -> list[str]:
    """Every printed form of a date the site uses (day first)."""
    return [f"{day.day} {day:%B %Y}", f"{day:%d %B %Y}", f"{day:%A} {day.day} {day:%B %Y}",
            day.isoformat(), f"{day.day}/{day.month}/{day.year}", f"{day.day} {day:%b %Y}"]


@dataclass(frozen=True)
class GenPub:
    """One generated publication and how it is printed."""

    family: str
    slug: str
    title: str
    published_on: date
    force: tuple[str, str]
    label: str
    date_form: int

    @property
    def path(self) -> str:
        return {"landing": f"/publications/{self.slug}/",
                "peel": f"/peel-reports/{self.slug}/",
                "letter": f"/letters/{self.slug}/"}[self.family]

    @property
    def pid(self) -> str:
        return self.slug if self.family == "landing" else \
            "--".join(s for s in self.path.split("/") if s)


@dataclass(frozen=True)
class GenSite:
    """A generated site's shape: its publications, paging and page furniture."""

    pubs: tuple[GenPub, ...]
    per_page: int
    banner: bool
    sidebar: bool
    legacy: bool  # served as windows-1252


@st.composite
def gen_pub(draw: st.DrawFn, n: int) -> GenPub:
    family = draw(st.sampled_from(FAMILIES))
    force = draw(st.sampled_from(FORCES))
    day = date(2025, 3, 3) + timedelta(days=draw(st.integers(0, 90)))
    title = {"landing": f"{force[1]}: an inspection of the response to fraud {n}",
             "peel": f"PEEL 2023\u20132025: An inspection of {force[1]}",
             "letter": f"{force[1]}: Causes of concern revisit letter"}[family]
    slug = {"landing": f"inspection-{n}-{force[0]}", "peel": f"{force[0]}-2023-25-{n}",
            "letter": f"{force[0]}-causes-of-concern-revisit-letter-{n}"}[family]
    return GenPub(family, slug, title, day, force, draw(st.sampled_from(LABELS)),
                  draw(st.integers(0, len(date_forms(day)) - 1)))


@st.composite
def gen_site(draw: st.DrawFn) -> GenSite:
    count = draw(st.integers(2, 6))
    pubs = tuple(draw(gen_pub(n)) for n in range(count))
    return GenSite(pubs, draw(st.integers(2, 4)), draw(st.booleans()), draw(st.booleans()),
                   draw(st.booleans()))


def _wrap(shape: GenSite, title: str, main: str) -> str:
    return (f"<!DOCTYPE html><html><head><title>{escape(title)}</title></head><body>"
            f"{BANNER if shape.banner else ''}<nav><a href='/publications/'>Publications</a>"
            f"</nav><main>{main}</main>{SIDEBAR if shape.sidebar else ''}</body></html>")


def _fields(pub: GenPub) -> str:
    printed = date_forms(pub.published_on)[pub.date_form]
    pairs = (("Published on", printed), ("Publication type", "Crime"),
             ("Police forces", pub.force[1]))
    if pub.label == "strong":
        return "".join(f"<p><strong>{k}:</strong> {v}</p>" for k, v in pairs)
    if pub.label == "span":
        return "".join(f'<div><span class="label">{k}</span> <span>{v}</span></div>'
                       for k, v in pairs)
    if pub.label == "dl":
        return "<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in pairs) + "</dl>"
    return "<table>" + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in pairs) + \
        "</table>"


def _page_of(shape: GenSite, pub: GenPub) -> str:
    printed = date_forms(pub.published_on)[pub.date_form]
    if pub.family == "landing":
        return _wrap(shape, pub.title, f"<h1>{escape(pub.title)}</h1>{_fields(pub)}")
    if pub.family == "peel":
        return _wrap(shape, pub.title, (
            f"<h1>{escape(pub.title)}</h1><p>Published on: {printed}</p>"
            '<section><h2>Our judgments</h2><table><tr><th scope="col">Area</th>'
            '<th scope="col">Grade</th></tr><tr><td>Investigating crime</td><td>Good</td></tr>'
            "</table></section>"))
    return _wrap(shape, pub.title, (
        f"<h1>{escape(pub.title)}</h1><p>Published on: {printed}</p><h2>Recommendations</h2>"
        f"<p>Recommendation 1: Within three months, {pub.force[1]} should answer calls "
        "promptly.</p>"))


def _listing(shape: GenSite, page: int, pages: int) -> str:
    chunk = shape.pubs[(page - 1) * shape.per_page:page * shape.per_page]
    items = "".join(f'<li><h3><a href="{p.path}">{escape(p.title)}</a></h3>'
                    f'<time datetime="{p.published_on.isoformat()}">'
                    f"{p.published_on.day} {p.published_on:%B %Y}</time></li>" for p in chunk)
    nxt = f'<a rel="next" href="/publications/page/{page + 1}/">Next</a>' if page < pages else ""
    return _wrap(shape, "Publications", f"<h1>Publications</h1><ul>{items}</ul>{nxt}")


def build(shape: GenSite) -> Site:
    """The served site of a generated shape."""
    site = Site()
    pages = -(-len(shape.pubs) // shape.per_page)
    html = {"/publications/": _listing(shape, 1, pages)}
    html.update({f"/publications/page/{n}/": _listing(shape, n, pages)
                 for n in range(2, pages + 1)})
    html.update({p.path: _page_of(shape, p) for p in shape.pubs})
    for path, text in html.items():
        if shape.legacy:
            text = text.replace("<head>", '<head><meta charset="windows-1252">')
            site.set(path, Resource(text.encode("cp1252", "replace"),
                                    "text/html; charset=windows-1252"))
        else:
            site.put(path, text, HTML)
    return site
