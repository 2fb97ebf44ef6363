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


_WRITER = """
import os, sys
from pathlib import Path
from crawler.archive import RawArchive
archive = RawArchive(Path(sys.argv[1]))
n = 0
while True:
    n += 1
    archive.put(n.to_bytes(8, "big") * 1_000_000)
"""


def _temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and (".tmp" in p.name or
                                                           p.parent.name == ".tmp")]


def test_a_killed_writer_leaves_nothing_that_counts_as_data(tmp_path: Path) -> None:
    """kill -9 in the middle of a write: the shards hold only whole files, and the next
    archive opened on the directory removes the dead writer's temp file."""
    import os
    import signal
    import subprocess
    import sys
    import time
    root = tmp_path / "raw"
    left: list[Path] = []
    for _ in range(20):  # the kill may land between two writes: try again
        child = subprocess.Popen([sys.executable, "-c", _WRITER, str(root)],
                                 cwd=Path(__file__).resolve().parents[2])
        deadline = time.monotonic() + 30
        while not _temp_files(root) and time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.001)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        left = _temp_files(root)
        if left:
            break
    assert left, "the writer was never caught in the middle of a write"
    assert all(p.parent == root / ".tmp" for p in left)  # never inside a data shard
    for shard in root.glob("??"):
        for path in shard.iterdir():
            assert hashlib.sha256(path.read_bytes()).hexdigest() == shard.name + path.name
    reopened = RawArchive(root)
    assert _temp_files(root) == [] and reopened.removed_temp_files == len(left)


def test_a_live_writers_temp_file_is_left_alone(tmp_path: Path) -> None:
    import fcntl
    archive = RawArchive(tmp_path / "raw")
    live = archive.temp_dir / "123-live"
    legacy = tmp_path / "raw" / "ab" / ".tmp-old"  # the layout before .tmp/
    legacy.parent.mkdir()
    legacy.write_bytes(b"half a file")
    with open(live, "wb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        again = RawArchive(tmp_path / "raw")
        assert live.exists() and not legacy.exists() and again.removed_temp_files == 1
    assert RawArchive(tmp_path / "raw").removed_temp_files == 1 and not live.exists()
