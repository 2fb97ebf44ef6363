"""WordPress-like page chrome: head, cookie banner, header, menus, breadcrumbs, footer."""
from __future__ import annotations

from datetime import date
from html import escape

from tests.replica.spec import PUBLIC

SITE_NAME = "His Majesty\u2019s Inspectorate of Constabulary and Fire &amp; Rescue Services"
_MENU = (("About us", "/about-us/"), ("Publications", "/publications/"),
         ("Our work", "/our-work/"), ("Police forces", "/police-forces/"),
         ("Fire &amp; rescue services", "/fire-and-rescue-services/"), ("News", "/news/"),
         ("Contact us", "/contact-us/"))
_FORCE_MENU = (("Essex Police", "/police-forces/essex/"), ("Norfolk", "/police-forces/norfolk/"),
               ("South Yorkshire", "/police-forces/south-yorkshire/"))


def long_date(day: date) -> str:
    """'28 August 2025': full month, no leading zero."""
    return f"{day.day} {day:%B %Y}"


def ordinal_date(day: date) -> str:
    """'3rd June 2019'."""
    n = day.day
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} {day:%B %Y}"


def join_and(items: list[str]) -> str:
    """'A, B and C' (already-escaped items)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def type_slug(name: str) -> str:
    """The taxonomy slug of a publication type."""
    out = "".join(c if c.isalnum() else "-" for c in name.lower().replace("&", "and"))
    return "-".join(p for p in out.split("-") if p)


def breadcrumbs(trail: list[tuple[str, str | None]]) -> str:
    """Breadcrumb nav; the last item has no link."""
    items = ['<li><a href="/">Home</a></li>']
    for label, href in trail:
        items.append(f'<li><a href="{href}">{escape(label)}</a></li>' if href
                     else f'<li aria-current="page">{escape(label)}</li>')
    return ('<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>'
            + "".join(items) + "</ol></nav>")


def _menu() -> str:
    items = []
    for label, href in _MENU:
        sub = ""
        if href == "/police-forces/":
            sub = '<ul class="sub-menu">' + "".join(
                f'<li class="menu-item"><a href="{h}">{lbl}</a></li>' for lbl, h in _FORCE_MENU
            ) + "</ul>"
        items.append(f'<li class="menu-item menu-item-type-post_type"><a href="{href}">'
                     f"{label}</a>{sub}</li>")
    return ('<nav id="site-navigation" class="main-navigation" aria-label="Main menu">'
            '<button class="menu-toggle" aria-expanded="false">Menu</button>'
            '<ul id="menu-main-menu" class="menu">' + "".join(items) + "</ul></nav>")


_COOKIES = (
    '<div id="cookie-law-info-bar" data-nosnippet="true" role="dialog" aria-live="polite">'
    '<h2 class="cli-bar-heading">Cookies on this website</h2><p>We use some essential '
    "cookies to make this website work. We\u2019d like to set additional cookies to "
    'understand how you use the site. <a href="/cookies/">Read our cookie policy</a>.</p>'
    '<button id="cookie_action_close_header" class="cli_action_button">Accept additional '
    'cookies</button> <button id="cookie_action_close_header_reject">Reject additional '
    "cookies</button></div>"
)

_FOOTER = (
    '<footer id="colophon" class="site-footer"><div class="footer-widgets">'
    '<section class="widget"><h2 class="widget-title">Follow us</h2><ul>'
    '<li><a href="https://twitter.com/hmicfrs">X (formerly Twitter)</a></li>'
    '<li><a href="https://www.linkedin.com/company/hmicfrs">LinkedIn</a></li></ul></section>'
    '<section class="widget"><h2 class="widget-title">Sign up for updates</h2>'
    '<p><a href="/sign-up/">Get email alerts when we publish reports</a></p></section></div>'
    '<nav class="footer-menu" aria-label="Footer menu"><ul>'
    '<li><a href="/accessibility/">Accessibility</a></li>'
    '<li><a href="/cookies/">Cookies</a></li>'
    '<li><a href="/privacy-notice/">Privacy notice</a></li>'
    '<li><a href="/search/">Search</a></li>'
    '<li><a href="/wp-admin/">Staff login</a></li>'
    '<li><a href="/freedom-of-information/">Freedom of information</a></li></ul></nav>'
    '<p class="licence">All content is available under the <a rel="license" '
    'href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/">'
    "Open Government Licence v3.0</a>, except where otherwise stated</p>"
    '<p class="copyright">&copy; Crown copyright</p></footer>'
    "<script type='text/javascript' src='/wp-includes/js/jquery/jquery.min.js?ver=3.7.1' "
    "id='jquery-core-js'></script>"
    "<script type='text/javascript' src='/wp-content/themes/hmicfrs/js/navigation.js?ver=2.4'>"
    "</script>"
)


def page(title: str, main: str, *, trail: list[tuple[str, str | None]] | None = None,
         sidebar: str = "", sidebar_first: bool = False, canonical: str | None = None,
         head_extra: str = "", body_class: str = "page") -> str:
    """A full HTML document with the site's chrome around ``main``."""
    canon = f'<link rel="canonical" href="{PUBLIC}{canonical}">' if canonical else ""
    crumbs = breadcrumbs(trail) if trail is not None else ""
    aside = (f'<aside id="secondary" class="widget-area" role="complementary">{sidebar}'
             "</aside>") if sidebar else ""
    body = (aside + f'<main id="main" class="site-main">{main}</main>' if sidebar_first
            else f'<main id="main" class="site-main">{main}</main>' + aside)
    return (
        '<!DOCTYPE html>\n<html lang="en-GB" class="no-js">\n<head>\n<meta charset="UTF-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} - {SITE_NAME}</title>\n"
        "<meta name='robots' content='index, follow, max-image-preview:large'>\n"
        f"{canon}\n"
        '<link rel="alternate" type="application/rss+xml" title="HMICFRS &raquo; Feed" '
        f'href="{PUBLIC}/feed/">\n'
        "<link rel='stylesheet' id='hmicfrs-style-css' "
        "href='/wp-content/themes/hmicfrs/style.css?ver=6.4.3' type='text/css' media='all'>\n"
        f"{head_extra}\n"
        '<script>document.documentElement.className = "js";</script>\n</head>\n'
        f'<body class="{body_class} wp-theme-hmicfrs">\n'
        '<a class="skip-link screen-reader-text" href="#main">Skip to content</a>\n'
        f"{_COOKIES}\n"
        '<header id="masthead" class="site-header"><div class="site-branding">'
        '<a href="/" rel="home"><img src="/wp-content/themes/hmicfrs/img/hmicfrs-logo.svg" '
        f'alt="{SITE_NAME}" width="260" height="60"></a></div>{_menu()}'
        '<form role="search" method="get" class="search-form" action="/">'
        '<label><span class="screen-reader-text">Search for:</span>'
        '<input type="search" class="search-field" placeholder="Search" name="s"></label>'
        '<button type="submit" class="search-submit">Search</button></form></header>\n'
        f'<div id="content" class="site-content">{crumbs}\n{body}\n</div>\n'
        f"{_FOOTER}\n</body>\n</html>\n"
    )
