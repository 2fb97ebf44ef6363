"""Page chrome: what is never a page's own content, for every HTML reader (one list).

Navigation, banners, footers, complementary blocks and widgets (by element, ARIA role,
class or id), and elements that carry no reading text (scripts, forms, embeds). Readers
differ only in how much they drop: the publication page and listing readers drop
complementary blocks (``aside``), the report reader keeps them (reports set findings in
call-out boxes), and only the listing reader drops blocks headed like widgets
('Related', 'Latest'...).
"""
from __future__ import annotations

import re

from lxml.html import HtmlElement

NON_TEXT_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "iframe",
                           "button", "form", "select", "object", "canvas", "head"})
NAVIGATION_TAGS = frozenset({"nav", "menu"})
COMPLEMENTARY_TAGS = frozenset({"aside"})
LANDMARK_TAGS = frozenset({"header", "footer"})  # banner/contentinfo unless sectioned
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary",
                          "search", "menu", "menubar"})
CHROME_TOKEN = re.compile(r"^(cookie\S*|\S*breadcrumbs?|sidebar|widget\S*|related\S*|share\S*|"
                          r"menu|\S*-menu|nav\S*|site-header|site-footer|skip-link|newsletter|"
                          r"banner|complementary|navigation|contentinfo)$", re.I)

# the publication page reader (BeautifulSoup): elements removed from the main content
PAGE_CHROME_TAGS = tuple(sorted(NON_TEXT_TAGS - {"select", "object", "canvas", "head"}
                                | NAVIGATION_TAGS - {"menu"} | COMPLEMENTARY_TAGS | {"footer"}))
# the report reader (lxml): elements dropped before reading blocks
REPORT_CHROME_TAGS = NON_TEXT_TAGS | NAVIGATION_TAGS - {"menu"} | {"footer"}
REPORT_CHROME_ROLES = frozenset({"navigation", "contentinfo"})
# the listing reader (lxml): elements whose links are not listing items
OFF_MAIN_TAGS = (NON_TEXT_TAGS & {"script", "style", "template", "noscript"}) | NAVIGATION_TAGS \
    | COMPLEMENTARY_TAGS
_SECTIONING = frozenset({"article", "section", "aside", "nav", "main"})


def _any_of(words: tuple[str, ...], before: str = r"\b") -> re.Pattern[str]:
    """Any of ``words`` (as written, case aside), ending at a word boundary."""
    return re.compile(before + "(?:" + "|".join(map(re.escape, words)) + r")\b", re.I)


# class and id words of a widget block (sidebar, related links...)
_WIDGET_WORDS = _any_of((
    "sidebar", "side-bar", "widget", "widgets", "related", "latest", "popular", "recent",
    "trending", "most-read", "see-also", "breadcrumb", "breadcrumbs", "menu", "navbar",
    "site-header", "site-footer", "cookie"))
# how a widget's heading (or aria-label) opens
_WIDGET_HEADINGS = _any_of((
    "related", "latest", "popular", "recent", "most read", "most viewed", "trending",
    "see also", "you may also", "you might also", "also of interest", "other publications",
    "more publications"), before=r"^\s*")


def main_region(root: HtmlElement) -> HtmlElement:
    """<main> or role=main (the one with most links if several), else <body>."""
    candidates = [el for el in root.iter()
                  if isinstance(el.tag, str)
                  and (el.tag == "main" or (el.get("role") or "").lower() == "main")]
    if candidates:
        return max(candidates, key=lambda el: sum(1 for _ in el.iter("a")))
    body = root.find("body")
    return body if body is not None else root


def off_main(el: HtmlElement, stop: HtmlElement, strict: bool) -> bool:
    """True when ``el`` sits in navigation, a page header/footer or a complementary block.

    ``strict`` also treats blocks marked or headed as widgets ('related', 'latest',
    'sidebar'...) as off the main content.
    """
    node: HtmlElement | None = el
    while node is not None and node is not stop:
        if isinstance(node.tag, str):
            if node.tag in OFF_MAIN_TAGS or (node.get("role") or "").lower() in CHROME_ROLES:
                return True
            if node.tag in LANDMARK_TAGS and not _inside_sectioning(node):
                return True
            if strict and (_widget_marks(node) or _widget_heading(node)):
                return True
        node = node.getparent()
    return False


def _inside_sectioning(node: HtmlElement) -> bool:
    parent = node.getparent()
    while parent is not None:
        if parent.tag in _SECTIONING or (parent.get("role") or "").lower() == "main":
            return True
        parent = parent.getparent()
    return False


def _widget_marks(node: HtmlElement) -> bool:
    marks = f"{node.get('id') or ''} {node.get('class') or ''}".replace("_", "-")
    return bool(_WIDGET_WORDS.search(marks))


def _widget_heading(block: HtmlElement) -> bool:
    """True when a block is labelled, or opens with a heading, like 'Related publications'."""
    if block.tag not in ("section", "div", "ul", "ol"):
        return False
    if _WIDGET_HEADINGS.match(block.get("aria-label") or ""):
        return True
    first = next((child for child in block if isinstance(child.tag, str)), None)
    while first is not None and first.tag in ("div", "header", "span"):
        first = next((child for child in first if isinstance(child.tag, str)), None)
    if first is None or not (first.tag in ("h1", "h2", "h3", "h4", "h5", "h6") or first.get("role") == "heading"):
        return False
    return bool(_WIDGET_HEADINGS.match(first.text_content()))
