"""`hmicfrs extract`: one document, from a file or a URL, to the contract's JSON."""
from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.urls import DEFAULT_SITE, SiteUrls
from extractors.pages.base import PageContext
from extractors.pages.registry import extract


def extract_document(path_or_url: str, site: str | None = None) -> dict[str, Any]:
    """Extract one saved file or fetched URL with the pipeline's own ``extract``; touches
    no database. A lone document has no publication around it: a PDF's grades are read
    for the force and cycle it prints. A long PDF's pages are read by every core."""
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
    return extract(data, source, PageContext(urls=urls, workers=_cores())).to_json()


def _cores() -> int:
    """The cores this process may run on: a long PDF's page pass is shared among them, by
    forked copies of this process. One while other threads run here (a test runner's, a
    server's): a fork copies the locks they hold, not the threads that would free them."""
    if threading.active_count() > 1:
        return 1
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else (os.cpu_count() or 1)


def _fetch(url: str, urls: SiteUrls) -> bytes:
    from crawler.archive import RawArchive
    from crawler.http import PoliteClient
    from crawler.validators import MemoryValidatorStore
    with tempfile.TemporaryDirectory() as tmp:
        with PoliteClient(urls, RawArchive(Path(tmp)), MemoryValidatorStore(),
                          rate_per_second=0) as client:
            target = urls.resolve(url, urls.site + "/") or url
            res = client.fetch(target, conditional=False)
            if not res.ok or res.body is None:
                raise RuntimeError(f"could not fetch {url}: {res.error}")
            return res.body
