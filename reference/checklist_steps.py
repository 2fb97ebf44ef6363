"""The response office's checklist: its steps, their order and due rules (checklist_steps.csv).

A due rule is empty (no due date) or ``ANCHOR``, ``ANCHOR + N`` or ``ANCHOR - N`` days,
where ANCHOR is ``published_on``, ``practice_deadline`` or ``statutory_deadline`` of the
obligation. A step that ``repeats`` (free notes) may be recorded any number of times;
recording any other step again replaces its date and note.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

ANCHORS = ("published_on", "practice_deadline", "statutory_deadline")
_RULE = re.compile(r"^(?P<anchor>[a-z_]+)\s*(?:(?P<sign>[+-])\s*(?P<days>\d{1,3}))?$")


@dataclass(frozen=True)
class ChecklistStep:
    """One step of the office checklist."""

    step: str
    label: str
    order: int
    due: str
    repeats: bool

    def due_on(self, obligation: Mapping[str, Any]) -> date | None:
        """The step's due date for one obligation (None: no rule, or no anchor date)."""
        if not self.due:
            return None
        anchor, offset = parse_due_rule(self.due)
        value = obligation.get(anchor)
        if value is None or value == "":
            return None
        day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
        return day + timedelta(days=offset)


def parse_due_rule(rule: str) -> tuple[str, int]:
    """('practice_deadline', -14) from 'practice_deadline - 14'; ValueError if malformed."""
    m = _RULE.match(rule.strip())
    if not m or m.group("anchor") not in ANCHORS:
        raise ValueError(f"checklist due rule {rule!r}: expected one of {', '.join(ANCHORS)}"
                         " optionally followed by + N or - N days")
    days = int(m.group("days") or 0)
    return m.group("anchor"), -days if m.group("sign") == "-" else days


def read_steps(text: str) -> dict[str, ChecklistStep]:
    """Steps from CSV text, keyed by step id in checklist order; ValueError when malformed."""
    out: dict[str, ChecklistStep] = {}
    for row in csv.DictReader(text.splitlines()):
        step = ChecklistStep(row["step"].strip(), row["label"].strip(), int(row["order"]),
                             (row.get("due") or "").strip(),
                             (row.get("repeats") or "").strip().lower() == "yes")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", step.step) or step.step in out:
            raise ValueError(f"checklist step id {step.step!r} is malformed or repeated")
        if step.due:
            parse_due_rule(step.due)
        out[step.step] = step
    return dict(sorted(out.items(), key=lambda kv: (kv[1].order, kv[0])))


@lru_cache(maxsize=1)
def checklist_steps() -> dict[str, ChecklistStep]:
    """The packaged checklist (reference/checklist_steps.csv)."""
    return read_steps(resources.files("reference").joinpath("checklist_steps.csv")
                      .read_text(encoding="utf-8"))
