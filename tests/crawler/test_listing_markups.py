"""parse_listing on several listing markups (structure and meaning, not our classes)."""
from __future__ import annotations

from datetime import date

from crawler.urls import SiteUrls
from extractors.pages.listing import parse_listing

SITE = "http://127.0.0.1:8765"
URLS = SiteUrls(SITE)

WORDPRESS = """<!doctype html><html><head><title>Publications</title>
<link rel="next" href="/publications/page/3/"></head><body>
<header><nav><a href="/publications/menu-link/">Menu link</a></nav></header>
<main><h1>Publications</h1>
<article class="post-11 publication type-publication">
  <header class="entry-header"><h2><a href="/publications/first/">First report</a></h2></header>
  <p>Published on: 28 August 2025</p><a href="/publications/first/">Read more</a></article>
<article class="post-12 publication type-publication">
  <header class="entry-header"><h2><a href="https://hmicfrs.justiceinspectorates.gov.uk/publications/second/">Second
  report</a></h2></header><p><time datetime="2025-07-01">1 July 2025</time></p></article>
<article class="post-13 publication">
  <header class="entry-header"><h2><a href="https://www.justiceinspectorates.gov.uk/hmicfrs/publications/third/">Third 2023-25</a></h2></header></article>
<section><h2>Related publications</h2><ul><li><a href="/publications/related-one/">R</a></li>
<li><a href="/publications/related-two/">R2</a></li></ul></section>
</main>
<aside><h2>Latest</h2><a href="/publications/side-one/">Side</a></aside>
<footer><a href="/publications/footer-one/">Footer</a></footer></body></html>"""

NO_MAIN = """<html><body><div id="top"><a href="/publications/logo/">Home</a></div>
<div class="content"><table><tr><td><a href="/publications/a-one/">A one</a></td><td>3 March 2024</td></tr>
<tr><td><a href="/publications/a-two/">A two</a></td><td>2 March 2024</td></tr>
<tr><td><a href="/publications/a-three/">A three</a></td><td>1 March 2024</td></tr></table>
<div class="pager"><span aria-current="page">2</span> <a href="?page=1">1</a> <a href="?page=3">3</a></div></div>
<div class="content-side"><ul><li><a href="/publications/b-one/">B one</a></li>
<li><a href="/publications/b-two/">B two</a></li></ul></div></body></html>"""

GROUPED = """<html><body><div role="main">
<h2>August 2025</h2><ul><li><a href="/publications/g1/">G1</a> 5 August 2025</li>
<li><a href="/publications/g2/">G2</a> 4 August 2025</li></ul>
<h2>July 2025</h2><ul><li><a href="/publications/g3/">G3</a> 3 July 2025</li></ul>
<p><a href="/publications/page/1/">Previous</a> <a href="/publications/page/3/">Next ›</a></p>
</div><div role="complementary"><a href="/publications/c1/">C1</a></div></body></html>"""

LAST_PAGE = """<html><body><main><ul><li><a href="/publications/only/">Only</a></li></ul>
<nav aria-label="pagination"><a href="/publications/page/3/">3</a> <span>4</span>
<a href="/publications/">First</a></nav></main></body></html>"""


def test_wordpress_like_listing_ignores_nav_widgets_and_footer() -> None:
    items, next_url = parse_listing(WORDPRESS.encode(), f"{SITE}/publications/page/2/", URLS)
    assert [i.publication_id for i in items] == ["first", "second", "third"]
    assert [i.url for i in items] == [f"{SITE}/publications/{s}/" for s in ("first", "second", "third")]
    assert items[0].title == "First report" and items[1].title == "Second report"
    assert items[0].published_on == date(2025, 8, 28)
    assert items[1].published_on == date(2025, 7, 1)
    assert items[2].published_on is None  # '2023-25' in the title is no date
    assert next_url == f"{SITE}/publications/page/3/"


def test_table_listing_without_main_and_query_paging() -> None:
    items, next_url = parse_listing(NO_MAIN.encode(), f"{SITE}/publications/?page=2", URLS)
    assert [i.publication_id for i in items] == ["a-one", "a-two", "a-three"]
    assert items[2].published_on == date(2024, 3, 1)
    assert next_url == f"{SITE}/publications/?page=3"


def test_grouped_listing_keeps_every_group_and_reads_next_text() -> None:
    items, next_url = parse_listing(GROUPED.encode(), f"{SITE}/publications/page/2/", URLS)
    assert [i.publication_id for i in items] == ["g1", "g2", "g3"]
    assert next_url == f"{SITE}/publications/page/3/"


def test_last_page_has_no_next_and_empty_page_has_no_items() -> None:
    items, next_url = parse_listing(LAST_PAGE.encode(), f"{SITE}/publications/page/4/", URLS)
    assert [i.publication_id for i in items] == ["only"] and next_url is None
    assert parse_listing(b"<html><body><main><p>No results</p></main></body></html>",
                         f"{SITE}/publications/", URLS) == ([], None)
    assert parse_listing(b"", f"{SITE}/publications/", URLS) == ([], None)


def test_legacy_encoding_titles_decode_with_the_declared_charset() -> None:
    page = ("<html><body><main><ul><li><a href='/publications/caf\u00e9/'>Caf\u00e9 "
            "\u2013 report</a></li><li><a href='/publications/b/'>B</a></li></ul></main></body></html>")
    items, _ = parse_listing(page.encode("cp1252"), f"{SITE}/publications/", URLS,
                             encoding="windows-1252")
    assert items[0].title == "Caf\u00e9 \u2013 report"


FEATURED = """<html><body><main>
<div><h2>Featured</h2><a href="/publications/f2/"><img alt=""></a><p>Big teaser</p></div>
<ol><li><a href="/publications/f1/">F1</a> 3 May 2024</li>
<li><a href="/publications/f2/">F2</a> 2 May 2024</li>
<li><a href="/publications/f3/">F3</a> 1 May 2024</li></ol></main></body></html>"""


def test_a_publication_also_featured_above_the_list_keeps_its_list_place() -> None:
    items, _ = parse_listing(FEATURED.encode(), f"{SITE}/publications/", URLS)
    assert [(i.publication_id, i.title, i.published_on) for i in items] == [
        ("f1", "F1", date(2024, 5, 3)), ("f2", "F2", date(2024, 5, 2)),
        ("f3", "F3", date(2024, 5, 1))]


CARDS = """<html><body><main><div class="grid">
<div class="card"><a href="/publications/c1/"><h3>Card one</h3><span>Published 9 June 2023</span></a></div>
<div class="card"><a href="/publications/c2/"><h3>Card two</h3><span>Published 8 June 2023</span></a></div>
</div><a href="/publications/page/2/" aria-label="Next page">&raquo;</a></main></body></html>"""


def test_whole_card_links_take_the_heading_as_title() -> None:
    items, next_url = parse_listing(CARDS.encode(), f"{SITE}/publications/", URLS)
    assert [(i.title, i.published_on) for i in items] == [
        ("Card one", date(2023, 6, 9)), ("Card two", date(2023, 6, 8))]
    assert next_url == f"{SITE}/publications/page/2/"


def test_main_that_misses_the_list_falls_back_to_the_body() -> None:
    page = ("<html><body><main><h1>Publications</h1></main><div><ul>"
            "<li><a href='/publications/x1/'>X1</a></li><li><a href='/publications/x2/'>X2</a>"
            "</li></ul></div></body></html>")
    items, _ = parse_listing(page.encode(), f"{SITE}/publications/", URLS)
    assert [i.publication_id for i in items] == ["x1", "x2"]
    latin = "<html><body><main><a href='/publications/q/'>It\u2019s here</a></main></body></html>"
    items, _ = parse_listing(latin.encode("cp1252"), f"{SITE}/publications/", URLS,
                             encoding="ISO-8859-1")
    assert items[0].title == "It\u2019s here"
