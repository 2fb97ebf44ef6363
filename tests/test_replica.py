"""The replica is what it claims: paging, robots, conditional requests, faults, PDFs, truth."""
from __future__ import annotations

import io
import re
from datetime import date

import httpx
import pdfplumber
import pypdfium2 as pdfium
import pytest
from bs4 import BeautifulSoup
from protego import Protego

from tests.replica.catalogue import REFERENCE_RECOMMENDATIONS, REFERENCE_SLUG
from tests.replica.server import Fault, ReplicaServer
from tests.replica.site import Resource, Site, build_scale_site, build_site
from tests.replica.spec import served_path
from tests.replica.truth import normalise_text, same_text

REAL_PUBLIC = "https://hmicfrs.justiceinspectorates.gov.uk"


def _soup(body: bytes) -> BeautifulSoup:
    return BeautifulSoup(body, "lxml")


def _next_link(soup: BeautifulSoup) -> str | None:
    for a in soup.find_all("a", href=True):
        if "next" in (a.get("class") or []) or a.get("rel") == ["next"] or \
                a.get_text(strip=True).lower().startswith("next"):
            return a["href"]
    return None


def _landing_links(soup: BeautifulSoup) -> list[str]:
    main = soup.find("main")
    links = [served_path(a["href"]) for a in main.select("ul.publication-list a[href]")]
    return [p for p in links if p.startswith("/publications/") and "/page/" not in p]


def _body_pages(pages: list[str], header: str) -> list[str]:
    """Page texts without the running header and the page-number footer."""
    out = []
    for text in pages:
        lines = [line.strip() for line in text.splitlines()]
        if lines and lines[0] == header:
            lines = lines[1:]
        if lines and re.fullmatch(r"(Page |Tudalen )?\d+( of \d+)?", lines[-1]):
            lines = lines[:-1]
        out.append("\n".join(lines))
    return out


def _pdf_pages(data: bytes) -> list[str]:
    doc = pdfium.PdfDocument(data)
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


# -- listing and crawling -----------------------------------------------------------
def test_listing_paging_reaches_every_publication(replica: ReplicaServer) -> None:
    truth = replica.site.truth
    seen: list[str] = []
    url, pages = "/publications/", 0
    with httpx.Client(base_url=replica.url) as client:
        while url:
            response = client.get(served_path(url))
            assert response.status_code == 200
            soup = _soup(response.content)
            seen += _landing_links(soup)
            pages += 1
            url = _next_link(soup)
    assert pages >= 3
    assert pages == len(truth.listing_pages)
    assert len(seen) == len(set(seen))
    assert set(seen) == {p.path for p in truth.publications.values()}
    assert "/publications/private-draft/" in seen
    assert len(truth.publications) >= 14


def test_listing_is_newest_first_with_varied_next_links(replica_site: Site) -> None:
    texts = []
    for path in replica_site.truth.listing_pages[:-1]:
        soup = _soup(replica_site.get(path).body)
        texts.append(soup.select_one("a.next").get_text(strip=True))
        assert soup.select("a.page-numbers")
    assert {"Next page", "Next"} <= set(texts)
    order = [replica_site.truth.by_path(p) for p in
             _landing_links(_soup(replica_site.get("/publications/").body))]
    listed = [p.published_on for p in order if p and p.published_on]
    assert listed == sorted(listed, reverse=True)


def test_robots_txt(replica: ReplicaServer) -> None:
    body = httpx.get(replica.url + "/robots.txt").text
    robots = Protego.parse(body)
    agent = "hmicfrs-test"
    assert not robots.can_fetch(replica.url + "/publications/private-draft/", agent)
    assert not robots.can_fetch(replica.url + "/search/?q=x", agent)
    assert not robots.can_fetch(replica.url + "/wp-admin/", agent)
    assert robots.can_fetch(replica.url + "/publications/", agent)
    assert robots.can_fetch(replica.url + "/publications/page/2/", agent)
    assert list(robots.sitemaps) == [REAL_PUBLIC + "/wp-sitemap.xml"]
    assert replica.site.truth.robots_disallowed == ["/publications/private-draft/"]


def test_sitemap_lists_public_landing_pages(replica_site: Site) -> None:
    body = replica_site.get("/wp-sitemap-posts-publication-1.xml").body.decode()
    assert REAL_PUBLIC + f"/publications/{REFERENCE_SLUG}/" in body
    assert "private-draft" not in body


# -- HTTP behaviour -----------------------------------------------------------------
def test_conditional_requests_and_changes(replica: ReplicaServer) -> None:
    with httpx.Client(base_url=replica.url) as client:
        first = client.get("/publications/")
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        assert etag.startswith('"') and etag.endswith('"')
        again = client.get("/publications/", headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["etag"] == etag
        since = client.get("/publications/", headers={"If-Modified-Since": modified})
        assert since.status_code == 304
        stale = client.get("/publications/", headers={"If-None-Match": '"other"'})
        assert stale.status_code == 200 and stale.content == first.content
        replica.site.put("/publications/", first.text.replace("Publications", "Our reports"))
        changed = client.get("/publications/", headers={"If-None-Match": etag})
        assert changed.status_code == 200 and changed.headers["etag"] != etag
        head = client.head("/publications/")
        assert head.content == b"" and int(head.headers["content-length"]) > 1000
    assert [r.status for r in replica.requests_to("/publications/")] == [200, 304, 304, 200,
                                                                          200, 200]
    assert replica.requests[0].headers["User-Agent"].startswith("python-httpx")


def test_unknown_paths_and_trailing_slash(replica: ReplicaServer) -> None:
    with httpx.Client(base_url=replica.url) as client:
        assert client.get("/publications/no-such-report/").status_code == 404
        moved = client.get("/publications/page/2")
        assert moved.status_code == 301
        assert moved.headers["location"] == replica.url + "/publications/page/2/"
        assert client.get("/publications/?type=peel").status_code == 200


def test_replica_fixture_is_a_copy(replica: ReplicaServer, replica_site: Site) -> None:
    replica.site.remove("/publications/")
    assert replica_site.get("/publications/") is not None
    assert httpx.get(replica.url + "/publications/").status_code == 404


def test_latency(replica_site: Site) -> None:
    with ReplicaServer(replica_site.copy(), latency=0.05) as server:
        assert httpx.get(server.url + "/robots.txt").status_code == 200
        assert len(server.requests) == 1


def test_fault_status_with_retry_after_then_recovers(replica: ReplicaServer) -> None:
    replica.add_fault("/publications/", Fault("status", status=429, retry_after=3, times=2))
    with httpx.Client(base_url=replica.url) as client:
        answers = [client.get("/publications/") for _ in range(3)]
    assert [a.status_code for a in answers] == [429, 429, 200]
    assert answers[0].headers["retry-after"] == "3"
    assert "retry-after" not in answers[2].headers


def test_fault_prefix_applies_to_all_uploads(replica: ReplicaServer) -> None:
    replica.add_fault("/uploads/*", Fault("status", status=503))
    pdfs = [p for p in replica.site.paths() if p.startswith("/uploads/")][:3]
    assert all(httpx.get(replica.url + p).status_code == 503 for p in pdfs)
    replica.clear_faults()
    assert httpx.get(replica.url + pdfs[0]).status_code == 200


def test_fault_timeout(replica: ReplicaServer) -> None:
    replica.add_fault("/robots.txt", Fault("timeout", seconds=2.0, times=1))
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(replica.url + "/robots.txt", timeout=0.3)
    assert httpx.get(replica.url + "/robots.txt").status_code == 200


def test_fault_reset(replica: ReplicaServer) -> None:
    replica.add_fault("/publications/", Fault("reset"))
    with pytest.raises((httpx.ReadError, httpx.RemoteProtocolError)):
        httpx.get(replica.url + "/publications/")
    assert replica.requests_to("/publications/")[0].status == 0


def test_fault_truncate(replica: ReplicaServer) -> None:
    path = replica.site.truth.reference.documents[1].path
    replica.add_fault(path, Fault("truncate"))
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.get(replica.url + path)
    record = replica.requests_to(path)[0]
    assert 0 < record.bytes_sent < len(replica.site.get(path).body)


def test_fault_redirect_off_site(replica: ReplicaServer) -> None:
    replica.add_fault("/publications/", Fault("redirect", location="https://evil.example.com/x"))
    response = httpx.get(replica.url + "/publications/")
    assert response.status_code == 302
    assert response.headers["location"] == "https://evil.example.com/x"


def test_fault_oversize_streams_without_length(replica: ReplicaServer) -> None:
    replica.add_fault("/uploads/huge.pdf", Fault("oversize", size=3_000_000))
    received = 0
    with httpx.stream("GET", replica.url + "/uploads/huge.pdf") as response:
        assert "content-length" not in response.headers
        for chunk in response.iter_bytes():
            received += len(chunk)
    assert received == 3_000_000


def test_fault_content_type(replica: ReplicaServer) -> None:
    path = replica.site.truth.reference.documents[1].path
    replica.add_fault(path, Fault("content_type", content_type="text/html; charset=utf-8"))
    response = httpx.get(replica.url + path)
    assert response.headers["content-type"].startswith("text/html")
    assert response.content.startswith(b"%PDF")


def test_fault_encoding_windows_1252(replica: ReplicaServer) -> None:
    path = "/publications/inspection-of-gotham-city-police/"
    replica.add_fault(path, Fault("encoding"))
    response = httpx.get(replica.url + path)
    assert response.headers["content-type"] == "text/html; charset=windows-1252"
    assert b'<meta charset="windows-1252">' in response.content
    assert b"Police\x92s" in response.content
    assert "Gotham City Police\u2019s" in response.content.decode("cp1252")


# -- pages --------------------------------------------------------------------------
def test_landing_pages_carry_the_truth(replica_site: Site) -> None:
    markups = set()
    for pub in replica_site.truth.crawlable():
        soup = _soup(replica_site.get(pub.path).body)
        main = soup.find("main")
        assert main.h1.get_text(strip=True) == pub.title
        text = main.get_text(" ", strip=True)
        if pub.published_on:
            assert pub.published_on.strftime("%B %Y") in text
        else:
            assert "Published" not in text
        for doc in pub.documents:
            link = main.find("a", href=doc.url)
            assert link is not None, (pub.slug, doc.url)
            assert replica_site.get(doc.path) is not None, doc.path
            suffix = "(HTML)" if doc.kind == "html" else "(PDF document)"
            assert link.get_text().endswith(suffix)
        markups.add(next(t for t in ("dl", "table", "li", "div", "strong")
                         if main.select_one({"dl": "dl", "table": "table.publication-details",
                                             "li": "ul.publication-info",
                                             "div": "div.pub-meta-row",
                                             "strong": "p > strong"}[t])))
    assert len(markups) == 5


def test_reference_landing_and_html_version(replica_site: Site) -> None:
    ref = replica_site.truth.reference
    assert ref.title == "How effectively do the police record crime?"
    assert ref.published_on == date(2025, 8, 28)
    assert ref.publication_types == ("Crime recording", "Data", "Data quality", "Spotlight")
    assert len(ref.forces) == 43 and ref.all_forces
    page = replica_site.get(ref.path).body.decode()
    assert "Crime recording</a>, <a" in page and "Data quality</a> and <a" in page
    assert "All local forces in England and Wales" in page
    html_doc, pdf_doc = ref.documents
    assert html_doc.url.startswith(REAL_PUBLIC + "/publication-html/")
    assert pdf_doc.url.startswith("https://assets-hmicfrs.justiceinspectorates.gov.uk/uploads/")
    assert html_doc.published_on == date(2025, 9, 4)
    report = _soup(replica_site.get(html_doc.path).body).find("main")
    assert "Published on: 4 September 2025" in report.get_text(" ")
    items = [li.get_text(" ", strip=True) for li in report.select("ol.recommendations > li")]
    assert items == list(REFERENCE_RECOMMENDATIONS)
    assert ref.key_findings and ref.key_findings in report.get_text(" ")
    assert not ref.findings_of("area_for_improvement")


def test_peel_and_fire_pages_show_their_grades(replica_site: Site) -> None:
    for pub in replica_site.truth.crawlable():
        for doc in pub.documents:
            if doc.role not in ("peel_report", "frs_report") or doc.kind != "html":
                continue
            text = _soup(replica_site.get(doc.path).body).find("main").get_text(" ").lower()
            for grade in pub.grades:
                assert grade.area.lower() in text and grade.grade in text
    fire = replica_site.truth.publication("essex-county-fire-and-rescue-service-2023-25")
    assert len(fire.grades) == 11 and not fire.obligations and not fire.is_police_inspection
    essex = _soup(replica_site.get("/peel-reports/essex-2023-25/").body).get_text(" ")
    assert "Victim service assessment" in essex and "Not graded" in essex


# -- PDFs ---------------------------------------------------------------------------
def test_every_pdf_opens_and_findings_sit_on_their_pages(replica_site: Site) -> None:
    checked = 0
    for pub in replica_site.truth.crawlable():
        for doc in pub.documents:
            if doc.kind != "pdf":
                continue
            data = replica_site.get(doc.path).body
            if doc.corrupt:
                with pytest.raises(pdfium.PdfiumError):
                    pdfium.PdfDocument(data)
                continue
            pages = _pdf_pages(data)
            assert len(pages) >= 2
            if doc.language != "en" or doc.role == "translation":
                continue
            pages = _body_pages(pages, pub.title)
            whole = normalise_text("\n".join(pages))
            for finding in pub.findings:
                if finding.page is None:
                    continue
                assert normalise_text(finding.text) in whole, finding.text
                start = normalise_text(" ".join(finding.text.split()[:6]))
                assert start in normalise_text(pages[finding.page - 1]), (doc.path, finding)
                for extra in finding.also_pages:
                    assert start in normalise_text(pages[extra - 1])
                checked += 1
            for grade in pub.grades:
                if grade.page:
                    assert grade.grade in pages[grade.page - 1].lower()
    assert checked >= 20


def test_reference_pdf_is_untidy_but_complete(replica_site: Site) -> None:
    ref = replica_site.truth.reference
    data = replica_site.get(ref.documents[1].path).body
    pages = _pdf_pages(data)
    assert "August 2025" in pages[0] and "Page" not in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        assert text.splitlines()[0].strip() == ref.title
        assert text.rstrip().endswith(f"Page {number}")
    assert any("Recommendations ." in line for line in pages[1].splitlines())
    assert "\ufffe" in "".join(pages)
    recs = ref.findings_of("recommendation")
    assert [f.ref for f in recs] == ["1", "2", "3"]
    assert recs[2].page is not None and recs[2].also_pages
    tail = normalise_text(pages[recs[2].page])
    assert "effective oversight and scrutiny" in tail
    assert all(same_text(f.text, t) for f, t in zip(recs, REFERENCE_RECOMMENDATIONS))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = "".join(c["text"] for page in pdf.pages for c in page.chars)
    assert "\ufb01" in chars and "\u2019" in chars


def test_welsh_and_two_column_pdfs(replica_site: Site) -> None:
    dyfed = replica_site.truth.publication("dyfed-powys-stalking-and-harassment")
    welsh = [d for d in dyfed.documents if d.language == "cy"][0]
    assert welsh.label == "Os hoffech chi ddarllen hwn trwy'r Gymraeg (PDF document)"
    text = "".join(_pdf_pages(replica_site.get(welsh.path).body))
    assert "Argymhellion" in text and "Dylai\u2019r heddlu" in text
    norfolk = replica_site.truth.publication("norfolk-police-custody-inspection")
    pdf = [d for d in norfolk.documents if d.kind == "pdf"][0]
    pages = _pdf_pages(replica_site.get(pdf.path).body)
    afi_page = norfolk.findings_of("area_for_improvement")[0].page
    assert "\u2022" in pages[afi_page - 1]
    concerns = norfolk.findings_of("cause_of_concern")
    assert [r.follows for r in norfolk.findings_of("recommendation")] == ["1", "1", "2"]
    assert len(concerns) == 2


# -- truth --------------------------------------------------------------------------
def test_truth_obligations_and_quarantine(replica_site: Site) -> None:
    truth = replica_site.truth
    ref = truth.reference
    assert len(ref.obligations) == 43
    norfolk = next(o for o in ref.obligations if o.force_id == "norfolk")
    assert norfolk.local_policing_body == "Police and Crime Commissioner for Norfolk"
    assert (norfolk.statutory_deadline, norfolk.practice_deadline) == (date(2025, 10, 22),
                                                                        date(2025, 10, 23))
    gmp = truth.publication("greater-manchester-missing-children-2016").obligations[0]
    assert gmp.statutory_deadline is None and gmp.practice_deadline is None
    assert "Greater Manchester" in gmp.local_policing_body
    before = truth.publication("national-child-protection-inspection-south-yorkshire")
    after = truth.publication("south-yorkshire-domestic-abuse-revisit")
    assert before.obligations[0].local_policing_body.startswith("Police and Crime")
    assert after.obligations[0].local_policing_body == "Mayor of South Yorkshire"
    assert truth.quarantined() == {"police-vetting-progress-update": "no date",
                                   "inspection-of-gotham-city-police": "unknown force"}
    assert truth.publication("private-draft").robots_disallowed
    assert not truth.publication("btp-response-to-vawg-on-the-railway").obligations
    south_west = truth.publication("south-west-regional-organised-crime-unit")
    assert {o.force_id for o in south_west.obligations} == {"devon-and-cornwall", "dorset",
                                                            "avon-and-somerset"}
    assert [f.force for f in south_west.findings_of("recommendation")] == [
        "dorset", "devon-and-cornwall", None]


def test_extra_publications_join_the_listing() -> None:
    site = build_site(extra_publications=7, per_page=10)
    assert len(site.truth.publications) == 30
    assert len(site.truth.listing_pages) == 3


# -- scale --------------------------------------------------------------------------
def test_scale_site_lists_everything() -> None:
    site = build_scale_site(5000)
    assert len(site.truth.publications) == 5000
    seen: set[str] = set()
    for path in site.truth.listing_pages:
        soup = _soup(site.get(path).body)
        seen.update(_landing_links(soup))
    assert len(seen) == 5000 and len(site.truth.listing_pages) == 250
    pdf_paths = [p for p in site.paths() if p.endswith(".pdf")]
    assert len(pdf_paths) == 5000
    assert not any(isinstance(site._entries[p], Resource) for p in pdf_paths[:50])
    pub = site.truth.by_path(pdf_paths[0])
    text = normalise_text("".join(_pdf_pages(site.get(pdf_paths[0]).body)))
    assert all(normalise_text(f.text) in text for f in pub.findings)
    assert len(pub.obligations) == 1
