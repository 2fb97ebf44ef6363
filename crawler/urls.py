"""URLs of the site: resolve links, map the real hosts onto ``--site``, stable ids.

The real site spreads one path space over several hosts: the main host, the old
``www.justiceinspectorates.gov.uk/hmicfrs/...`` host and the asset host (also reachable
path-style on S3). Each is a `HostRule`: a host plus the path prefix it puts in front of
the site's own paths. When ``--site`` is another base URL (a replica on 127.0.0.1),
every link on a real host is mapped onto ``--site`` with the same site path.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import SplitResult, unquote, urljoin, urlsplit, urlunsplit

DEFAULT_SITE = "https://hmicfrs.justiceinspectorates.gov.uk"
PUBLIC_HOST = "hmicfrs.justiceinspectorates.gov.uk"
ASSET_HOST = "assets-hmicfrs.justiceinspectorates.gov.uk"
OLD_HOST = "www.justiceinspectorates.gov.uk"
S3_HOSTS = ("s3-eu-west-2.amazonaws.com", "s3.eu-west-2.amazonaws.com")
REAL_HOSTS: tuple[str, ...] = (PUBLIC_HOST, OLD_HOST, ASSET_HOST) + S3_HOSTS

_LISTING_PATH = "/publications/"
_LANDING = re.compile(r"^/publications/([^/]+)/?$")
_NOT_SLUGS = frozenset({"page", "feed", "amp"})
# Site sections that are never publications, at any depth (taxonomies, site furniture,
# news items: they point at publications), and hubs whose own pages (and paging) are not
# publications though the pages below them may be. Every other page path (a PEEL force
# report, an FRS assessment, a letter, an HTML report) may be one: the page types say.
_NEVER_PUBLICATIONS = frozenset({
    "publication-types", "publication-type", "tags", "tag", "category", "categories",
    "police-forces", "fire-and-rescue-services", "about-us", "search", "contact", "contact-us",
    "privacy", "cookies", "accessibility", "feed", "wp-content", "wp-json", "wp-admin",
    "wp-login.php", "author", "glossary", "careers", "news", "page", "cy", "login"})
_HUB_SEGMENTS = frozenset({"publications", "peel-assessments", "frs-assessments",
                           "frs-assessment", "peel-reports", "our-work", "page"})
# The page families other sources (news, hubs, sitemaps) may point at as publications.
_REPORT_FAMILIES = frozenset({"publications", "peel-reports", "frs-assessment",
                              "frs-assessments", "peel-assessments"})
_FILE = re.compile(r"\.[a-z0-9]{2,5}$", re.I)
_SKIP_SCHEMES = ("mailto:", "javascript:", "tel:", "data:", "ftp:", "file:", "sms:")


@dataclass(frozen=True)
class HostRule:
    """A host that serves site paths under ``prefix`` ('' for none)."""

    host: str
    prefix: str = ""

    def site_path(self, path: str) -> str | None:
        """The site path for ``path`` on this host, or None if outside the prefix."""
        if not self.prefix:
            return path or "/"
        if path == self.prefix or path.startswith(self.prefix + "/"):
            return path[len(self.prefix):] or "/"
        return None


REAL_HOST_RULES: tuple[HostRule, ...] = (
    HostRule(PUBLIC_HOST),
    HostRule(ASSET_HOST),
    HostRule(OLD_HOST, "/hmicfrs"),
    *(HostRule(h, "/" + ASSET_HOST) for h in S3_HOSTS),
)


class SiteUrls:
    """Link resolution and host mapping for one ``--site`` base URL."""

    def __init__(self, site: str = DEFAULT_SITE, extra_hosts: tuple[str, ...] = ()) -> None:
        parts = urlsplit(site.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"site must be an http(s) URL, got {site!r}")
        self.scheme = parts.scheme
        self.netloc = parts.netloc.lower()
        self.host = (parts.hostname or "").lower()
        self.prefix = parts.path.rstrip("/")
        self.site = urlunsplit((self.scheme, self.netloc, self.prefix, "", ""))
        self.extra_hosts = tuple(h.lower() for h in extra_hosts)
        self.on_real_site = self.host in REAL_HOSTS
        own = HostRule(self.netloc, self.prefix)
        # When --site is itself the public host, keep real hosts as they are (no mapping).
        self._rules = (own,) if self.on_real_site else (own, *REAL_HOST_RULES)

    # -- mapping -----------------------------------------------------------------------
    def _site_path(self, parts: SplitResult) -> str | None:
        """The site path of an absolute URL on a known host, else None."""
        netloc, host = parts.netloc.lower(), (parts.hostname or "").lower()
        for rule in self._rules:
            if rule.host in (netloc, host):
                found = rule.site_path(parts.path)
                if found is not None:
                    return found
        return None

    def _is_real_rule(self, parts: SplitResult) -> bool:
        host = (parts.hostname or "").lower()
        return any(r.host == host and r.site_path(parts.path) is not None
                   for r in REAL_HOST_RULES)

    def resolve(self, href: str, base: str) -> str | None:
        """An absolute fetchable URL for ``href`` seen on ``base``; None when not followable.

        None for empty/fragment-only links, non-http schemes (mailto:, javascript:...)
        and hosts outside the allowlist. Links on the real hosts are mapped onto the
        site; root-relative links resolve against the site.
        """
        href = (href or "").strip()
        if not href or href.startswith("#") or href.lower().startswith(_SKIP_SCHEMES):
            return None
        if href.startswith("/") and not href.startswith("//"):
            base = f"{self.scheme}://{self.netloc}/"  # root-relative: always the site's
        joined = urljoin(base, href)
        parts = urlsplit(joined)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return None
        netloc = parts.netloc.lower()
        if netloc == self.netloc:
            path = parts.path or "/"
            if self.prefix and not (path == self.prefix or path.startswith(self.prefix + "/")):
                if self.on_real_site:
                    return None  # another section of a shared host (e.g. /hmiprisons/)
                path = self.prefix + path  # a root-relative link under a prefixed --site
            return urlunsplit((parts.scheme, netloc, path, parts.query, ""))
        if self.on_real_site:
            if self._is_real_rule(parts) or self._is_extra(parts):
                return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
            return None
        site_path = self._site_path(parts)
        if site_path is not None:
            return self.site + site_path + (f"?{parts.query}" if parts.query else "")
        if self._is_extra(parts):
            return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
        return None

    def is_allowed(self, url: str) -> bool:
        """True when ``url`` is on the site, a real host (within its prefix) or an extra host."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False
        if parts.netloc.lower() == self.netloc:
            inside = HostRule(self.netloc, self.prefix).site_path(parts.path) is not None
            return inside or not self.on_real_site
        return self._is_real_rule(parts) or self._is_extra(parts)

    def _is_extra(self, parts: SplitResult) -> bool:
        """A host named by ``extra_hosts``, or an official local policing body's site whose
        responses we may read (reference/response_hosts.csv)."""
        from reference.response_hosts import response_host_allowed
        return (parts.hostname or "").lower() in self.extra_hosts or \
            response_host_allowed(parts.netloc)

    # -- identity ----------------------------------------------------------------------
    def site_path(self, url: str) -> str | None:
        """The path of ``url`` within the site (host and host prefix removed), or None."""
        parts = urlsplit(url)
        if parts.netloc.lower() == self.netloc:
            return HostRule(self.netloc, self.prefix).site_path(parts.path) or parts.path
        for rule in REAL_HOST_RULES:
            if rule.host == (parts.hostname or "").lower():
                found = rule.site_path(parts.path)
                if found is not None:
                    return found
        return None

    def publication_id(self, url: str) -> str | None:
        """'<slug>' for a landing page URL '/publications/<slug>/' on any known host."""
        path = self.site_path(url)
        if path is None:
            return None
        match = _LANDING.match(path)
        if not match:
            return None
        slug = unquote(match.group(1)).strip().lower()
        return None if not slug or slug in _NOT_SLUGS else slug

    def page_id(self, url: str) -> str | None:
        """A stable, host-independent publication id for any page that may be one.

        A landing page keeps its slug ('<slug>'); any other page of the site is its path's
        segments joined by '--' ('peel-reports--essex-2023-25',
        'frs-assessment--frs-2021--avon--effectiveness'). None for listings, taxonomy and
        site pages, and for files (a PDF is a document, not a page).
        """
        landing = self.publication_id(url)
        if landing is not None:
            return landing
        if self.in_listing(url):
            return None
        path = self.site_path(url)
        if path is None or _FILE.search(path.rstrip("/")):
            return None
        segments = [unquote(s).strip().lower() for s in path.split("/") if s.strip()]
        if not segments or segments[0] in _NEVER_PUBLICATIONS or \
                all(s in _HUB_SEGMENTS or s.isdigit() for s in segments):
            return None
        return "--".join(segments)

    def file_id(self, url: str) -> str | None:
        """A stable, host-independent publication id for a report file a listing links to
        straight ('/uploads/x.pdf' on any host -> 'uploads--x.pdf'); None for pages and for
        files that are not report files (PDFs)."""
        path = self.site_path(url)
        if path is None or not path.lower().endswith(".pdf"):
            return None
        segments = [unquote(s).strip().lower() for s in path.split("/") if s.strip()]
        return "--".join(segments) or None

    def report_id(self, url: str) -> str | None:
        """``page_id`` for pages of the report families only (what a news item, a hub or
        a sitemap links to that is a publication, not any page of the site)."""
        pid = self.page_id(url)
        path = (self.site_path(url) or "").strip("/").split("/")[0].lower()
        return pid if pid and path in _REPORT_FAMILIES else None

    def canonical(self, url: str) -> str:
        """The same path on the real public host (host-independent URL for the store)."""
        parts = urlsplit(url)
        path = self.site_path(url)
        if path is None:
            return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path, parts.query, ""))
        return urlunsplit(("https", PUBLIC_HOST, path, parts.query, ""))

    def listing_url(self, page: int = 1) -> str:
        """The publications listing, page ``page`` (1-based)."""
        if page <= 1:
            return self.site + _LISTING_PATH
        return f"{self.site}{_LISTING_PATH}page/{page}/"

    def robots_url(self, url: str) -> str:
        """robots.txt for the host of ``url`` (always at the host root)."""
        parts = urlsplit(url)
        return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))

    def in_listing(self, url: str) -> bool:
        """True for the listing itself and its pages (not landing pages)."""
        path = self.site_path(url) or ""
        return path.startswith(_LISTING_PATH) and self.publication_id(url) is None
