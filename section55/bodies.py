"""Which local policing body held a force's PCC functions on a given day."""
from __future__ import annotations

from datetime import date

from reference.forces import LocalPolicingBody, forces


class NoLocalPolicingBody(LookupError):
    """No body in reference/forces.csv covers the force on that day."""


def body_on(force_id: str, on: date) -> LocalPolicingBody:
    """The body in office for ``force_id`` on ``on`` (since/until both inclusive)."""
    force = forces().get(force_id)
    if force is None:
        raise NoLocalPolicingBody(f"unknown force id {force_id!r}")
    matches = [b for b in force.bodies
               if (b.since is None or b.since <= on) and (b.until is None or on <= b.until)]
    if len(matches) != 1:
        found = "no" if not matches else f"{len(matches)} overlapping"
        raise NoLocalPolicingBody(
            f"{found} local policing body for {force_id} on {on.isoformat()} "
            "in reference/forces.csv")
    return matches[0]
