"""Raw archive: every fetched byte, content-addressed by sha256, never deleted.

Writes are atomic and crash-safe: bytes go to a temp file under ``<root>/.tmp/`` (outside
the ``ab/`` shard directories that hold data), locked with ``flock`` while it is written,
then renamed into place. A writer killed with ``kill -9`` leaves only an unlocked temp
file there; every new `RawArchive` deletes such leftovers (a temp file still locked
belongs to a live writer, in this process or another sharing the data directory, and is
left alone). Temp files of the older layout (``ab/.tmp-*``) are cleaned up the same way.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
from pathlib import Path

TEMP_DIR = ".tmp"


class RawArchive:
    """Bytes stored under ``<root>/ab/cdef...`` (the sha256 hex split after two chars)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.temp_dir = self.root / TEMP_DIR
        self.temp_dir.mkdir(exist_ok=True)
        self.removed_temp_files = remove_stale_temp_files(self.root)

    def path(self, sha256: str) -> Path:
        """Where the bytes with this hash live (whether or not they exist)."""
        digest = sha256.lower()
        if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise ValueError(f"not a sha256 hex digest: {sha256!r}")
        return self.root / digest[:2] / digest[2:]

    def put(self, data: bytes) -> str:
        """Store ``data`` (atomically, once) and return its sha256 hex digest."""
        digest = hashlib.sha256(data).hexdigest()
        target = self.path(digest)
        if target.exists() and target.stat().st_size == len(data):
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        for _ in range(3):  # a cleaner may take the file between its creation and lock
            if self._write(data, target):
                return digest
        raise OSError(f"could not write {target}: its temp file kept disappearing")

    def _write(self, data: bytes, target: Path) -> bool:
        self.temp_dir.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.temp_dir, prefix=f"{os.getpid()}-")
        try:
            with os.fdopen(fd, "wb") as handle:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
                os.replace(tmp, target)  # still locked: no cleaner can take it first
        except FileNotFoundError:
            return False
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return True

    def has(self, sha256: str) -> bool:
        """True when the bytes with this hash are stored."""
        try:
            return self.path(sha256).is_file()
        except ValueError:
            return False

    def get(self, sha256: str) -> bytes:
        """The stored bytes; KeyError if absent, ValueError if the file is corrupt."""
        target = self.path(sha256)
        try:
            data = target.read_bytes()
        except FileNotFoundError:
            raise KeyError(sha256) from None
        if hashlib.sha256(data).hexdigest() != sha256.lower():
            raise ValueError(f"archive file {target} does not match its hash")
        return data


def remove_stale_temp_files(root: Path) -> int:
    """Delete temp files no live writer holds (left by a killed one); returns how many."""
    candidates = [p for p in (root / TEMP_DIR).glob("*") if p.is_file()]
    candidates += [p for p in root.glob("??/.tmp-*") if p.is_file()]
    removed = 0
    for path in candidates:
        try:
            with open(path, "rb") as handle:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                path.unlink()
                removed += 1
        except (BlockingIOError, FileNotFoundError):
            continue  # a live writer's file, or already gone
    return removed
