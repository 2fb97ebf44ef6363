"""The shipped Prefect automations against a real Prefect server: a nightly run's events
become webhook notifications on 127.0.0.1 for the chosen force only."""
from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from tests.flows.helpers import rows
from tests.flows.test_cli import hmicfrs
from tests.flows.test_prefect import prefect_api  # noqa: F401  (module fixture: one server)
from tests.replica.server import ReplicaServer

pytestmark = pytest.mark.prefect


@pytest.fixture
def webhook() -> Iterator[tuple[str, list[dict]]]:
    """A webhook receiver on 127.0.0.1 that keeps every JSON body posted to it."""
    received: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            received.append(json.loads(body or b"{}"))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    finally:
        server.shutdown()
        server.server_close()


def test_obligation_opened_notifies_the_chosen_force_only(
        prefect_api: dict[str, str], webhook, replica: ReplicaServer,  # noqa: F811
        tmp_data_dir: Path) -> None:
    url, received = webhook
    installed = hmicfrs("automations", "install", "--webhook-url", url, "--force", "Norfolk",
                        data_dir=tmp_data_dir, env=prefect_api).stdout
    assert installed.count("automation ") == 4
    again = hmicfrs("automations", "install", "--webhook-url", url, "--force", "norfolk",
                    data_dir=tmp_data_dir, env=prefect_api).stdout  # replaces, never doubles
    assert again.count("automation ") == 4
    hmicfrs("run", "--site", replica.url, "--as-of", "2025-09-01", data_dir=tmp_data_dir,
            env=prefect_api)
    db = f"sqlite:///{tmp_data_dir / 'hmicfrs.db'}"
    obligations = rows(db, "section55_obligations")
    expected = {r["publication_id"] for r in obligations if r["force_id"] == "norfolk"}
    others = {r["force_id"] for r in obligations} - {"norfolk"}
    assert expected and len(others) > 40

    def opened() -> list[dict]:
        return [m for m in received if m["subject"].startswith("hmicfrs: new Section 55")]

    for _ in range(120):  # the server's triggers and actions services work in the background
        if len(opened()) >= len(expected):
            break
        time.sleep(0.5)
    time.sleep(3)  # anything for another force would have arrived by now
    assert sorted(m["subject"] for m in opened()) == \
        ["hmicfrs: new Section 55 obligation for norfolk"] * len(expected)
    assert {m["body"].split("on publication ")[1].split(" ")[0] for m in opened()} == expected
    events = httpx.post(f"{prefect_api['PREFECT_API_URL']}/events/filter", json={
        "filter": {"event": {"name": ["hmicfrs.obligation.opened"]}}, "limit": 50}).json()
    labelled = {e["resource"]["hmicfrs.force"] for e in events["events"]}
    assert labelled > {"norfolk", "essex"}  # other forces' events were there, and stayed quiet
    assert all(e["related"][0]["prefect.resource.id"] == f"hmicfrs.force.{e['payload']['force_id']}"
               for e in events["events"])
    approaching = [m for m in received if "response due in" in m["subject"]]
    assert approaching and all(m["subject"].endswith("(norfolk)") for m in approaching)
    assert not any(f" {force} " in m["body"] or m["body"].endswith(f" {force}")
                   for m in received for force in others)
