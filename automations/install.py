"""Install the automations in notifications.yaml on a Prefect server (PREFECT_API_URL).

Blocks are saved under fixed names (``hmicfrs-webhook``, ``hmicfrs-email``) and overwritten
on a second install; automations are replaced by name, so installing twice leaves one copy.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from uuid import UUID

import yaml

WEBHOOK_BLOCK = "hmicfrs-webhook"
EMAIL_BLOCK = "hmicfrs-email"
FORCE_LABEL = "hmicfrs.force"


@dataclass(frozen=True)
class Spec:
    """One automation entry of notifications.yaml."""

    name: str
    event: str
    per_force: bool
    subject: str
    body: str


def load_specs(path: Path | None = None) -> list[Spec]:
    """The entries of a YAML file (default: the packaged notifications.yaml)."""
    text = path.read_text(encoding="utf-8") if path else \
        resources.files("automations").joinpath("notifications.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    entries = data.get("automations") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ValueError("automations file: expected a non-empty 'automations:' list")
    try:
        return [Spec(str(e["name"]), str(e["event"]), bool(e.get("per_force", False)),
                     str(e["subject"]), str(e["body"])) for e in entries]
    except (KeyError, TypeError) as exc:
        raise ValueError(f"automations file: an entry lacks {exc}") from None


def build(specs: list[Spec], blocks: dict[str, UUID], forces: list[str]) -> list[Any]:
    """Automation objects: one per spec and block; per-force specs match ``forces``."""
    from prefect.automations import Automation, EventTrigger, SendNotification
    out = []
    suffix = f" ({', '.join(forces)})" if forces else ""
    for spec in specs:
        match: dict[str, Any] = {FORCE_LABEL: forces} if spec.per_force and forces else {}
        for label, block_id in sorted(blocks.items()):
            out.append(Automation(
                name=f"{spec.name} via {label}{suffix if spec.per_force else ''}",
                description=f"hmicfrs: notify on {spec.event}",
                trigger=EventTrigger(expect={spec.event}, match=match, posture="Reactive",
                                     threshold=1, within=0),
                actions=[SendNotification(block_document_id=block_id, subject=spec.subject,
                                          body=spec.body)]))
    return out


def save_blocks(*, webhook_url: str | None, emails: list[str], sendgrid_key: str | None,
                sender: str | None) -> dict[str, UUID]:
    """Save the notification blocks asked for; returns block label -> document id."""
    from prefect.blocks.notifications import CustomWebhookNotificationBlock, SendgridEmail
    blocks: dict[str, UUID] = {}
    if webhook_url:
        hook = CustomWebhookNotificationBlock(
            name="hmicfrs", url=webhook_url,
            json_data={"subject": "{{subject}}", "body": "{{body}}"})
        blocks["webhook"] = hook.save(WEBHOOK_BLOCK, overwrite=True)
    if emails:
        if not (sendgrid_key and sender):
            raise ValueError("--email needs --sendgrid-key (or HMICFRS_SENDGRID_KEY) and --sender")
        mail = SendgridEmail(api_key=sendgrid_key, sender_email=sender, to_emails=emails)
        blocks["email"] = mail.save(EMAIL_BLOCK, overwrite=True)
    if not blocks:
        raise ValueError("nothing to notify: give --webhook-url and/or --email")
    return blocks


def install(specs: list[Spec], *, webhook_url: str | None, emails: list[str],
            sendgrid_key: str | None, sender: str | None, forces: list[str]) -> list[str]:
    """Save the blocks, replace the automations by name; returns one line per automation."""
    from prefect.client.orchestration import get_client
    blocks = save_blocks(webhook_url=webhook_url, emails=emails, sendgrid_key=sendgrid_key,
                         sender=sender)
    lines = []
    with get_client(sync_client=True) as client:
        for automation in build(specs, blocks, forces):
            for old in client.read_automations_by_name(automation.name):
                client.delete_automation(old.id)
            created = automation.create()
            lines.append(f"automation {created.name!r}: {created.id}")
    return lines
