"""RawArchive: content-addressed, idempotent, atomic."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from crawler.archive import RawArchive


def test_put_is_idempotent_and_addressed_by_sha256(tmp_path: Path) -> None:
    archive = RawArchive(tmp_path / "raw")
    data = b"%PDF-1.4 some bytes"
    digest = archive.put(data)
    assert digest == hashlib.sha256(data).hexdigest()
    path = archive.path(digest)
    assert path == tmp_path / "raw" / digest[:2] / digest[2:]
    mtime = path.stat().st_mtime_ns
    assert archive.put(data) == digest
    assert path.stat().st_mtime_ns == mtime
    assert archive.get(digest) == data and archive.has(digest)
    assert [p.name for p in path.parent.iterdir()] == [digest[2:]]  # no temp files left


def test_versions_are_kept_and_missing_or_corrupt_files_are_reported(tmp_path: Path) -> None:
    archive = RawArchive(tmp_path)
    first, second = archive.put(b"v1"), archive.put(b"v2")
    assert archive.get(first) == b"v1" and archive.get(second) == b"v2"
    missing = hashlib.sha256(b"nope").hexdigest()
    assert not archive.has(missing)
    with pytest.raises(KeyError):
        archive.get(missing)
    archive.path(first).write_bytes(b"tampered")
    with pytest.raises(ValueError):
        archive.get(first)
    assert not archive.has("not-a-hash")
