"""Deadline-approaching alerts: which open obligations cross a reminder threshold tonight.

Each (obligation, threshold) is claimed once in `deadline_alerts`, so the nightly run
emits `hmicfrs.deadline.approaching` once per obligation per threshold however often it
runs; a practice deadline that moves (a corrected publication date) can alert again.
"""
from __future__ import annotations

import os
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from store import tables as t

DEFAULT_THRESHOLDS = (14, 3)


def parse_days(text: str, name: str) -> tuple[int, ...]:
    """'14,3' -> (14, 3), largest first; '' -> (); ValueError naming ``name``."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not all(p.isdigit() for p in parts):
        raise ValueError(f"{name} takes whole days before the deadline, e.g. 14,3, not {text!r}")
    return tuple(sorted({int(p) for p in parts}, reverse=True))


def alert_thresholds(text: str | None = None) -> tuple[int, ...]:
    """Days before the practice deadline from ``text`` or HMICFRS_ALERT_DAYS ('14,3')."""
    return parse_days(text if text is not None else os.environ.get("HMICFRS_ALERT_DAYS", "14,3"),
                      "HMICFRS_ALERT_DAYS")


def claim_deadline_alerts(engine: Engine, as_of: date,
                          thresholds: tuple[int, ...] = DEFAULT_THRESHOLDS) -> list[dict[str, Any]]:
    """Open obligations whose practice deadline is within a threshold of ``as_of`` and not
    yet alerted for it (the smallest threshold crossed only); records and returns them."""
    if not thresholds:
        return []
    o, a = t.section55_obligations, t.deadline_alerts
    widest = max(thresholds)
    with engine.begin() as conn:
        rows = conn.execute(sa.select(o.c.publication_id, o.c.force_id, o.c.practice_deadline,
                                      o.c.local_policing_body)
                            .where(o.c.responded_on.is_(None), o.c.practice_deadline >= as_of,
                                   o.c.practice_deadline <= as_of + _days(widest))
                            .order_by(o.c.practice_deadline, o.c.publication_id,
                                      o.c.force_id)).mappings().all()
        sent = {(r.publication_id, r.force_id, r.threshold_days): r.practice_deadline
                for r in conn.execute(sa.select(a))}
        claimed = []
        for r in rows:
            days_left = (r["practice_deadline"] - as_of).days
            threshold = min(d for d in thresholds if d >= days_left)
            key = (r["publication_id"], r["force_id"], threshold)
            if sent.get(key) == r["practice_deadline"]:
                continue
            if key in sent:
                conn.execute(sa.delete(a).where(a.c.publication_id == key[0],
                                                a.c.force_id == key[1],
                                                a.c.threshold_days == threshold))
            conn.execute(sa.insert(a).values(publication_id=key[0], force_id=key[1],
                                             threshold_days=threshold,
                                             practice_deadline=r["practice_deadline"],
                                             sent_on=as_of))
            claimed.append({**r, "threshold_days": threshold, "days_left": days_left})
    return claimed


def _days(n: int) -> Any:
    from datetime import timedelta
    return timedelta(days=n)
