"""`hmicfrs extract`: one document, from a file or a URL, to the contract's JSON."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from extractors.detect import extract_any


def extract_document(path_or_url: str, site: str | None = None) -> dict[str, Any]:
    """Extract one saved file or fetched URL; touches no database."""
    if path_or_url.startswith(("http://", "https://")):
        data, source = _fetch(path_or_url, site), path_or_url
    else:
        path = Path(path_or_url)
        if not path.is_file():
            raise FileNotFoundError(f"no such file: {path_or_url}")
        data, source = path.read_bytes(), str(path)
        if not data:
            raise ValueError(f"empty file (0 bytes): {path_or_url}")
    return extract_any(data, source).to_json()


def _fetch(url: str, site: str | None) -> bytes:
    from urllib.parse import urlsplit

    from crawler.archive import RawArchive
    from crawler.http import MemoryValidatorStore, PoliteClient
    from crawler.urls import SiteUrls
    base = site or f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
    urls = SiteUrls(base)
    with tempfile.TemporaryDirectory() as tmp:
        with PoliteClient(urls, RawArchive(Path(tmp)), MemoryValidatorStore(),
                          rate_per_second=0) as client:
            target = urls.resolve(url, base + "/") or url
            res = client.fetch(target, conditional=False)
            if not res.ok or res.body is None:
                raise RuntimeError(f"could not fetch {url}: {res.error}")
            return res.body
