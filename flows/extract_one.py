"""`hmicfrs extract`: one document, from a file or a URL, to the contract's JSON."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.urls import DEFAULT_SITE, SiteUrls
from extractors.pages.base import PageContext
from extractors.pages.registry import extract


def extract_document(path_or_url: str, site: str | None = None) -> dict[str, Any]:
    """Extract one saved file or fetched URL with the pipeline's own ``extract``; touches
    no database. A lone document has no publication around it: a PDF's grades are read
    for the force and cycle it prints."""
    if path_or_url.startswith(("http://", "https://")):
        parts = urlsplit(path_or_url)
        urls = SiteUrls(site or f"{parts.scheme}://{parts.netloc}")
        data, source = _fetch(path_or_url, urls), path_or_url
    else:
        path = Path(path_or_url)
        if not path.is_file():
            raise FileNotFoundError(f"no such file: {path_or_url}")
        data, source = path.read_bytes(), str(path)
        if not data:
            raise ValueError(f"empty file (0 bytes): {path_or_url}")
        urls = SiteUrls(site or DEFAULT_SITE)
    return extract(data, source, PageContext(urls=urls)).to_json()


def _fetch(url: str, urls: SiteUrls) -> bytes:
    from crawler.archive import RawArchive
    from crawler.http import MemoryValidatorStore, PoliteClient
    with tempfile.TemporaryDirectory() as tmp:
        with PoliteClient(urls, RawArchive(Path(tmp)), MemoryValidatorStore(),
                          rate_per_second=0) as client:
            target = urls.resolve(url, urls.site + "/") or url
            res = client.fetch(target, conditional=False)
            if not res.ok or res.body is None:
                raise RuntimeError(f"could not fetch {url}: {res.error}")
            return res.body
