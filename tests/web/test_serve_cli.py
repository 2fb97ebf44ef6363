"""`hmicfrs serve` as a process: binds loopback, serves the store, refuses a weak secret."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx

from tests.web.test_browser import _free_port


def test_serve_command_serves_the_store(loaded_store) -> None:  # type: ignore[no-untyped-def]
    port = _free_port()
    env = {**os.environ}
    env.pop("HMICFRS_SERVE_SECRET", None)
    proc = subprocess.Popen([sys.executable, "-m", "flows", "serve", "--port", str(port),
                             "--db", loaded_store[0]], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        body = None
        for _ in range(300):
            try:
                body = httpx.get(f"http://127.0.0.1:{port}/api/publications?limit=1").json()
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                time.sleep(0.1)
        assert body is not None and body["total"] > 10
        assert httpx.get(f"http://127.0.0.1:{port}/login").status_code == 403  # read-only
    finally:
        proc.terminate()
        proc.wait(10)
    assert "read-only" in (proc.stderr.read() if proc.stderr else "")


def test_a_short_secret_is_a_one_line_error(loaded_store) -> None:  # type: ignore[no-untyped-def]
    out = subprocess.run([sys.executable, "-m", "flows", "serve", "--db", loaded_store[0],
                          "--secret", "short"], capture_output=True, text=True, timeout=120)
    assert out.returncode != 0
    assert out.stderr.strip().count("\n") == 0 and "12 characters" in out.stderr
