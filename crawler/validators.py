"""Remembered validators (ETag, Last-Modified, content hash) per URL."""
from __future__ import annotations

import json
import os
import tempfile
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol


@dataclass
class CachedValidators:
    """What we remember of a URL's last good response."""

    etag: str | None
    last_modified: str | None
    sha256: str
    content_type: str


class ValidatorStore(Protocol):
    """Where the client keeps validators; keyed by canonical URL (see PoliteClient)."""

    def get(self, url: str) -> CachedValidators | None: ...

    def put(self, url: str, v: CachedValidators) -> None: ...


class MemoryValidatorStore:
    """Validators in a dict (tests, one-off runs)."""

    def __init__(self) -> None:
        self._items: dict[str, CachedValidators] = {}
        self._lock = threading.Lock()

    def get(self, url: str) -> CachedValidators | None:
        with self._lock:
            return self._items.get(url)

    def put(self, url: str, v: CachedValidators) -> None:
        with self._lock:
            self._items[url] = v

    def __len__(self) -> int:
        return len(self._items)


class JsonValidatorStore(MemoryValidatorStore):
    """Validators in a JSON file, rewritten atomically on every put."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = Path(path)
        if self.path.exists():
            raw = json.loads(self.path.read_text(encoding="utf-8") or "{}")
            self._items = {url: CachedValidators(**v) for url, v in raw.items()}

    def put(self, url: str, v: CachedValidators) -> None:
        with self._lock:
            self._items[url] = v
            self._save()

    def _save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({u: asdict(v) for u, v in sorted(self._items.items())}, indent=1)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".validators-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
