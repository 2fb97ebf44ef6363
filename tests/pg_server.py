"""A throwaway PostgreSQL server for the tests (real server, Debian's binaries).

Uses HMICFRS_TEST_PG_URL when set; otherwise starts a private cluster in a temp directory
with initdb/pg_ctl (as the `postgres` user when the tests run as root). Skips, saying why,
only when no PostgreSQL binaries exist on the machine.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


def _bindir() -> Path | None:
    for cand in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(cand, "initdb").exists():
            return Path(cand)
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_owner(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """SQLAlchemy URL of an empty-able PostgreSQL database for this test session."""
    if os.environ.get("HMICFRS_TEST_PG_URL"):
        yield os.environ["HMICFRS_TEST_PG_URL"]
        return
    bindir = _bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (apt-get install postgresql)")
    tmp = Path(tempfile.mkdtemp(prefix="hmicfrs-pg-"))
    data = tmp / "data"
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres", "postgres")
    port = _free_port()
    subprocess.run(_as_owner([str(bindir / "initdb"), "-D", str(data), "-U", "hmicfrs",
                              "--auth=trust", "-E", "UTF8"]), check=True,
                   capture_output=True)
    subprocess.run(_as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-w", "-l",
                              str(tmp / "log"), "-o", f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1",
                              "start"]), check=True, capture_output=True)
    try:
        subprocess.run([str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U",
                        "hmicfrs", "hmicfrs_test"], check=True, capture_output=True)
        yield f"postgresql+psycopg://hmicfrs@127.0.0.1:{port}/hmicfrs_test"
    finally:
        subprocess.run(_as_owner([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast",
                                  "stop"]), capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


def reset_database(url: str) -> None:
    """Drop every table so a test starts from an empty schema."""
    import sqlalchemy as sa
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
