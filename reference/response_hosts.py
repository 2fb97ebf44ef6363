"""Hosts of official local policing body sites whose response pages may be fetched.

The patterns are data (response_hosts.csv, each with its source and confidence); a link to
any other host is refused and quarantined, so a wrong or missing pattern fails loudly.
``HMICFRS_RESPONSE_HOSTS`` (comma-separated host patterns) adds hosts without a release.
"""
from __future__ import annotations

import csv
import os
from fnmatch import fnmatchcase
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _patterns() -> tuple[str, ...]:
    with resources.files("reference").joinpath("response_hosts.csv").open(encoding="utf-8") as fh:
        return tuple(row["pattern"].strip().lower() for row in csv.DictReader(fh))


def extra_patterns() -> tuple[str, ...]:
    """Host patterns added by the HMICFRS_RESPONSE_HOSTS setting."""
    raw = os.environ.get("HMICFRS_RESPONSE_HOSTS", "")
    return tuple(p.strip().lower() for p in raw.split(",") if p.strip())


def response_host_allowed(netloc: str) -> bool:
    """True when ``netloc`` (host or host:port) is an official body's site we may fetch."""
    netloc = netloc.lower()
    host = netloc.rsplit(":", 1)[0] if netloc.count(":") == 1 else netloc
    return any(fnmatchcase(netloc, p) or fnmatchcase(host, p)
               for p in _patterns() + extra_patterns())
