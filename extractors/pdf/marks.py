"""Printed marks the block reader tells apart: list bullets, the dot leaders of a contents
line, and a contents entry ending in its page number."""
from __future__ import annotations

import re

BULLETS = "\u2022\u25cf\u25aa\u25a0\u25e6\u2023\u2043\u2219\u00b7\uf0b7\uf0a7\uf076\uf0d8\uf0fc\u27a2"
DOT_LEADERS = re.compile(r"(?:\.\s?){4,}|…{2,}|(?:\.\s?){2,}…")
TOC_ENTRY = re.compile(r"[A-Za-z)](?:\s*(?:\.\s?){3,}|\s*…+|\s)\s*\d{1,3}$")   # use .search


def has_leaders(text: str) -> bool:
    """True for a contents line's dot leaders ("Recommendations ....... 12")."""
    return ("..." in text or ". ." in text or "\u2026" in text) and bool(DOT_LEADERS.search(text))
