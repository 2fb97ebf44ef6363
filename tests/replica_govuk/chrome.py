"""Page chrome for the GOV.UK-like replica: a GOV.UK-like header, side navigation, footer.

Unlike tests/replica, pages may have no <main> element (content in <div id="content">),
and a sidebar of links may come before the content.
"""
from __future__ import annotations

from datetime import date
from html import escape

PUBLIC = "https://hmicfrs.justiceinspectorates.gov.uk"
ASSETS = "https://assets-hmicfrs.justiceinspectorates.gov.uk"


def day_text(day: date, form: str) -> str:
    """A date as a page prints it: plain|weekday|ordinal|short."""
    if form == "weekday":
        return f"{day:%A} {day.day} {day:%B %Y}"
    if form == "ordinal":
        n = day.day
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix} {day:%B %Y}"
    if form == "short":
        return f"{day.day} {day:%b %Y}"
    return f"{day.day} {day:%B %Y}"


def and_join(items: list[str]) -> str:
    """'A, B and C'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


_NAV = (("Home", "/"), ("Publications", "/publications/"), ("PEEL", "/peel-assessments/"),
        ("Police forces", "/police-forces/"), ("Fire and rescue", "/fire-and-rescue/"),
        ("News", "/news/"))


def page(title: str, content: str, *, sidebar: str = "", sidebar_first: bool = False,
         has_main: bool = True, canonical: str | None = None) -> str:
    """A full document around ``content``."""
    nav = "".join(f'<li class="govuk-header__navigation-item"><a class="govuk-header__link" '
                  f'href="{h}">{escape(t)}</a></li>' for t, h in _NAV)
    canon = f'<link rel="canonical" href="{PUBLIC}{canonical}"/>' if canonical else ""
    inner = (f'<main class="govuk-main-wrapper" id="main-content" role="main">{content}</main>'
             if has_main else f'<div class="region region-content">{content}</div>')
    side = f'<div class="govuk-grid-column-one-third sidebar">{sidebar}</div>' if sidebar else ""
    body = side + f'<div class="govuk-grid-column-two-thirds">{inner}</div>' if sidebar_first \
        else f'<div class="govuk-grid-column-two-thirds">{inner}</div>' + side
    return (
        '<!doctype html><html lang="en"><head><meta http-equiv="Content-Type" '
        'content="text/html; charset=utf-8"/>'
        f"<title>{escape(title)} | HMICFRS</title>{canon}</head>"
        '<body class="govuk-template__body"><a href="#content" class="govuk-skip-link">'
        "Skip to main content</a>"
        '<div class="govuk-cookie-banner" role="region" aria-label="Cookies on HMICFRS">'
        "<p>We use cookies to collect information about how you use this site. "
        'Our cookie notice explains more.</p></div>'
        '<header class="govuk-header"><a href="/" class="govuk-header__logotype">HMICFRS</a>'
        f'<nav aria-label="Menu"><ul class="govuk-header__navigation-list">{nav}</ul></nav>'
        "</header>"
        f'<div class="govuk-width-container"><div id="content" class="govuk-grid-row">{body}'
        "</div></div>"
        '<footer class="govuk-footer"><p>Published on behalf of His Majesty\u2019s '
        "Inspectorate of Constabulary and Fire &amp; Rescue Services.</p>"
        '<ul><li><a href="/accessibility-statement/">Accessibility</a></li>'
        '<li><a href="/cookies/">Cookies</a></li><li><a href="/publications/feed/">RSS</a></li>'
        '</ul><p>&copy; Crown copyright. Open Government Licence v3.0</p></footer>'
        "</body></html>"
    )
