"""The automations file: every event it covers, per-force filters, malformed files refused."""
from __future__ import annotations

from pathlib import Path
from uuid import UUID

import pytest

from automations.install import FORCE_LABEL, build, load_specs, save_blocks

BLOCK = UUID("00000000-0000-0000-0000-000000000001")


def test_packaged_file_covers_the_four_events_and_filters_by_force() -> None:
    specs = load_specs()
    assert {s.event for s in specs} == {"hmicfrs.obligation.opened", "hmicfrs.response.found",
                                        "hmicfrs.run.failed", "hmicfrs.deadline.approaching"}
    built = {a.trigger.expect.pop(): a for a in build(specs, {"webhook": BLOCK}, ["norfolk"])}
    opened = built["hmicfrs.obligation.opened"]
    assert opened.trigger.match.root[FORCE_LABEL] == ["norfolk"]
    assert opened.actions[0].block_document_id == BLOCK
    assert "{{ event.payload.force_id }}" in opened.actions[0].subject
    assert built["hmicfrs.run.failed"].trigger.match.root == {}
    unfiltered = build(specs, {"webhook": BLOCK, "email": BLOCK}, [])
    assert len(unfiltered) == 8 and all(a.trigger.match.root == {} for a in unfiltered)


@pytest.mark.parametrize("text", ["automations: []\n", "other: 1\n",
                                  "automations:\n  - name: x\n    event: y\n"])
def test_malformed_files_are_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(text)
    with pytest.raises(ValueError, match="automations file"):
        load_specs(path)


def test_email_needs_its_credentials_and_something_must_notify() -> None:
    with pytest.raises(ValueError, match="--sendgrid-key"):
        save_blocks(webhook_url=None, emails=["office@example.org"], sendgrid_key=None,
                    sender=None)
    with pytest.raises(ValueError, match="nothing to notify"):
        save_blocks(webhook_url=None, emails=[], sendgrid_key=None, sender=None)
