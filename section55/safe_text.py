"""Site text made safe for the outputs we write: Markdown, links and CSV cells.

Everything taken from the site is untrusted. `markdown_inline` and `markdown_line` make
it inert Markdown (no HTML, no links, images, emphasis or code, no heading, list or
quote started by its first character); `safe_url` keeps only http(s) and mailto links;
`csv_cell` stops a spreadsheet from reading a cell as a formula. Every output that
prints site text uses these (one rule, one place).
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlsplit

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n",
                  "\uff1d", "\uff0b", "\uff0d", "\uff20")  # and their full-width forms

_INLINE = re.compile(r"([\\`*_\[\]|~])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^([#>+=-]|\d{1,9}(?=[.)]))")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def markdown_inline(text: str) -> str:
    """Text as literal Markdown: HTML, entities and inline syntax escaped, one line."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    return _INLINE.sub(r"\\\1", text)


def markdown_line(text: str) -> str:
    """An already-escaped line that cannot start a heading, list, quote or setext rule."""
    found = _LINE_START.match(text)
    if not found:
        return text
    if found.group(1).isdigit():  # '12.' or '12)': escape the punctuation after it
        end = found.end()
        return text[:end] + "\\" + text[end:]
    return "\\" + text


def safe_url(url: str | None) -> str | None:
    """The URL when its scheme is http, https or mailto (or it is relative), else None
    (javascript:, data:, vbscript:, entity tricks); spaces, quotes and angle brackets
    percent-encoded."""
    if not url:
        return None
    cleaned = _CONTROL.sub("", url).strip()
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return None
    if scheme and scheme not in SAFE_SCHEMES:
        return None
    if (not scheme and ":" in cleaned.split("/", 1)[0]) or _ENTITY.search(cleaned):
        return None  # 'javascript&colon;...' (renderers decode entities in links)
    return quote(cleaned, safe="/:?#[]@!$&()*+,;=%~-._")


def csv_cell(value: Any) -> Any:
    """A CSV value a spreadsheet shows as text: a leading quote before = + - @ tab CR."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
